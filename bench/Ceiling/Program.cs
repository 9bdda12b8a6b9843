using System.Text.Json;

// The ceiling of the benchmark: the same bytes the API answered, served by Kestrel from memory with nothing in
// between (no routing, no middleware), so the gap to it is what the API's own work costs on this machine.
// Usage: Ceiling --manifest <manifest.json> --urls http://127.0.0.1:PORT
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var manifestPath = builder.Configuration["manifest"]
    ?? throw new InvalidOperationException("Pass --manifest <file> (written by the bench harness).");
var responses = CapturedResponse.Load(manifestPath);

var app = builder.Build();
app.Run(context =>
{
    // Path is unescaped by Kestrel, the query string is kept as sent: the manifest's keys are built the same way.
    var key = context.Request.Path.Value + context.Request.QueryString.Value;
    if (!responses.TryGetValue(key, out var response))
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    context.Response.StatusCode = response.Status;
    context.Response.ContentType = response.ContentType;
    context.Response.ContentLength = response.Body.Length;
    return context.Response.Body.WriteAsync(response.Body).AsTask();
});
app.Run();

internal sealed record CapturedResponse(int Status, string ContentType, byte[] Body)
{
    private sealed record Entry(string Target, int Status, string ContentType, string File);

    public static Dictionary<string, CapturedResponse> Load(string manifestPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
        var entries = JsonSerializer.Deserialize<List<Entry>>(File.ReadAllBytes(manifestPath), JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException($"{manifestPath} holds no entries.");
        return entries.ToDictionary(
            e => Key(e.Target),
            e => new CapturedResponse(e.Status, e.ContentType, File.ReadAllBytes(Path.Combine(folder, e.File))));
    }

    // The request target as sent ("/api/v1/search?q=%E5%81%8F%E5%A5%BD") in the form Kestrel hands it over.
    private static string Key(string target)
    {
        var q = target.IndexOf('?', StringComparison.Ordinal);
        var path = q < 0 ? target : target[..q];
        var query = q < 0 ? "" : target[q..];
        return Uri.UnescapeDataString(path) + query;
    }
}
