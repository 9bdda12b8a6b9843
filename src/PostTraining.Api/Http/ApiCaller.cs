namespace PostTraining.Api.Http;

/// <summary>Who made an authenticated request: the key's name (what the change feed shows) and its scopes.</summary>
public sealed record ApiCaller(string Name, IReadOnlyList<string> Scopes, long? KeyId)
{
    /// <summary>The name the bootstrap admin key from configuration goes by.</summary>
    public const string BootstrapName = "bootstrap";

    /// <summary>The author of changes made by the seed loader.</summary>
    public const string ImportName = "import";
}

public static class ApiCallerHttpContextExtensions
{
    /// <summary>The authenticated caller, set by the key middleware on every request that needed a key.</summary>
    public static ApiCaller? GetApiCaller(this HttpContext context) =>
        context.Features.Get<ApiCaller>();

    /// <summary>The authenticated caller of a write; the key middleware guarantees one on every non-GET endpoint.</summary>
    public static ApiCaller RequireApiCaller(this HttpContext context) =>
        context.GetApiCaller() ?? throw new InvalidOperationException("A write endpoint ran without an authenticated caller.");
}
