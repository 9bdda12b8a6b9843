using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using PostTraining.Client;

// Usage: dotnet run --project samples/PostTraining.Client.Sample -- [base URL] [search text]
//   base URL: first argument, else POSTTRAINING_BASE_URL, else http://localhost:5080
// Reads only for now: creating a reference (with a key from POSTTRAINING_API_KEY) comes with the write endpoints.
var baseUrl = args.ElementAtOrDefault(0) ?? Environment.GetEnvironmentVariable("POSTTRAINING_BASE_URL") ?? "http://localhost:5080";
var query = args.ElementAtOrDefault(1) ?? "偏好优化";

var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider()) { BaseUrl = baseUrl.TrimEnd('/') };
var client = new PostTrainingClient(adapter);

var techniques = await client.Api.V1.Techniques.GetAsync(r => r.QueryParameters.Limit = 200);
var items = techniques?.Items ?? [];
Console.WriteLine($"techniques: {items.Count}{(techniques?.Next is null ? "" : "+ (more pages)")}");
foreach (var technique in items.Take(5))
{
    Console.WriteLine($"  {technique.Slug,-28} {technique.Name?.En}");
}

var found = await client.Api.V1.Search.GetAsync(r =>
{
    r.QueryParameters.Q = query;
    r.QueryParameters.Limit = 5;
});
Console.WriteLine($"search \"{query}\": {string.Join(", ", (found?.Items ?? []).Select(i => $"{i.Kind}:{i.Slug}"))}");
