namespace PostTraining.Api.Auth;

/// <summary>The scopes a key can hold. <c>admin</c> implies <c>write</c>.</summary>
public static class ApiScopes
{
    public const string Write = "write";
    public const string Admin = "admin";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Write, Admin };

    public static bool Grants(IReadOnlyCollection<string> held, string required) =>
        held.Contains(required, StringComparer.Ordinal) || held.Contains(Admin, StringComparer.Ordinal);
}

/// <summary>
/// Endpoint metadata naming the scope an endpoint needs beyond the default (which is <c>write</c> for every
/// non-GET/HEAD/OPTIONS request and nothing for safe ones).
/// </summary>
public sealed record RequiredScopeMetadata(string Scope);

public static class RequiredScopeExtensions
{
    /// <summary>Requires a key with <paramref name="scope"/> for every method of the endpoints, reads included.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScopeMetadata(scope));
}
