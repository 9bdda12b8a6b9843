using PostTraining.Api.Database;
using PostTraining.Data;
using PostTraining.Data.Seed;

namespace PostTraining.Api.Cli;

/// <summary>
/// <c>export [--out &lt;path&gt;]</c>: writes the whole database, API edits included, as a content file in the curated
/// format (to standard output without --out), which <c>load --file</c> accepts back.
/// </summary>
internal static class ExportCommand
{
    private const string Usage = "usage: export [--out <file>] [--ConnectionStrings:Postgres=<connection string>]";

    public static async Task<int> RunAsync(string[] args)
    {
        LocalPostgres.LocalPostgresCluster? cluster = null;
        try
        {
            var (options, rest) = CommandLine.Parse(args, "--out");
            var builder = Host.CreateApplicationBuilder(rest);
            (var connectionString, cluster) = await DatabaseSetup.ResolveConnectionAsync(builder.Configuration, builder.Environment.ContentRootPath);
            builder.Services.AddPostTrainingData(connectionString);
            // Standard output may be the export itself: keep the host's log lines off it.
            builder.Logging.ClearProviders();
            using var host = builder.Build();

            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
            var text = ContentJson.Serialize(await new ContentExporter(db).ExportAsync());
            if (options.GetValueOrDefault("--out") is [.., var path])
            {
                await File.WriteAllTextAsync(path, text);
                await Console.Error.WriteLineAsync($"Exported to {Path.GetFullPath(path)}");
            }
            else
            {
                await Console.Out.WriteAsync(text);
            }

            return 0;
        }
        catch (CommandLine.UsageException e)
        {
            await Console.Error.WriteLineAsync($"export: {e.Message}{Environment.NewLine}{Usage}");
            return 2;
        }
        finally
        {
            if (cluster is not null)
            {
                await cluster.StopAsync();
            }
        }
    }
}
