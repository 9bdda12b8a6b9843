using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using PostTraining.Client;
using PostTraining.Client.Models;

// Usage: dotnet run --project samples/PostTraining.Client.Sample -- [base URL] [search text]
//   base URL: first argument, else POSTTRAINING_BASE_URL, else http://localhost:5080
// Lists techniques and searches with no key; with POSTTRAINING_API_KEY set it also creates a reference.
var baseUrl = args.ElementAtOrDefault(0) ?? Environment.GetEnvironmentVariable("POSTTRAINING_BASE_URL") ?? "http://localhost:5080";
var query = args.ElementAtOrDefault(1) ?? "偏好优化";
var apiKey = Environment.GetEnvironmentVariable("POSTTRAINING_API_KEY");

// The key goes on the HttpClient rather than through a Kiota auth provider: Kiota's API-key provider refuses plain
// http, and a local service usually runs without TLS. Reads work the same with or without it.
using var http = KiotaClientFactory.Create();
if (!string.IsNullOrWhiteSpace(apiKey))
{
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
}

var adapter = new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: http) { BaseUrl = baseUrl.TrimEnd('/') };
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
// Kinds are enums in the generated client; their wire names are the lowercase member names.
Console.WriteLine($"search \"{query}\": {string.Join(", ", (found?.Items ?? []).Select(i => $"{i.Kind?.ToString().ToLowerInvariant()}:{i.Slug}"))}");

var detail = await client.Api.V1.Techniques["dpo"].GetAsync();
Console.WriteLine($"detail: {detail?.Slug} ({detail?.Kind?.ToString().ToLowerInvariant()}) under {detail?.Paradigm?.Slug}, {detail?.References?.Count ?? 0} references");

var paths = await client.Api.V1.Paths.GetAsync(r =>
{
    r.QueryParameters.From = "dpo";
    r.QueryParameters.To = "ppo";
});
Console.WriteLine($"paths dpo -> ppo: {paths?.Paths?.Count ?? 0}");

if (string.IsNullOrWhiteSpace(apiKey))
{
    Console.WriteLine("no POSTTRAINING_API_KEY: skipping the write example");
    return;
}

// A timestamp keeps the slug unique, so running the sample twice does not hit 409 duplicate slug.
var slug = "client-sample-" + DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
await client.Api.V1.References.PostAsync(new ReferenceInput
{
    Slug = slug,
    Title = "A reference created by the generated-client sample",
    Authors = ["PostTraining Client Sample"],
    Year = DateTimeOffset.UtcNow.Year,
    Url = "https://example.org/posttraining-client-sample",
});
Console.WriteLine($"created reference: {slug}");
