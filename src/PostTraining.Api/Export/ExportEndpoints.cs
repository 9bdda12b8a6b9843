using System.Text;
using System.Text.Json;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Data;
using PostTraining.Data.Seed;

namespace PostTraining.Api.Export;

/// <summary>
/// <c>GET /api/v1/export</c>: the whole content in the curated-file format. Public, like every read: it holds
/// nothing that the other GETs do not already show.
/// </summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExport(this IEndpointRouteBuilder app)
    {
        app.MapReadGroup("/export", "Export")
            .MapRead("/", ExportAsync, "exportContent", "Export everything as a content file",
                "Every relation type, entity, technique-reference link and relationship, API edits included, as one JSON document " +
                "in the curated data-file format (data/curated.schema.json). `load --only --file export.json` restores it into an empty database.");
        return app;
    }

    /// <summary>
    /// The content file; made once per read-model generation and answered with its ETag (304 when unchanged). Declared
    /// as free-form JSON: its schema is data/curated.schema.json, and the file's records would clash by name with the
    /// read representations in the OpenAPI document.
    /// </summary>
    public static async Task<BodyResult<JsonElement>> ExportAsync(SnapshotHolder snapshots, IServiceScopeFactory scopes, CancellationToken ct)
    {
        // Memoised in the snapshot: every write rebuilds it, so the export is never older than what GETs serve.
        var export = snapshots.Required.Memo("export:content-file", _ => new Lazy<Task<CachedBody>>(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var file = await new ContentExporter(scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>()).ExportAsync(CancellationToken.None);
            return new CachedBody(Encoding.UTF8.GetBytes(ContentJson.Serialize(file)), "application/json");
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        return new BodyResult<JsonElement>(await export.Value.WaitAsync(ct));
    }
}
