using PostTraining.Api.Database;
using PostTraining.Data.Seed;

namespace PostTraining.Api.Cli;

/// <summary>
/// <c>load [--file &lt;path&gt;]...</c>: loads the shipped seed and curated files, plus any further files in the same
/// format, into the configured database (migrating it first); with <c>--only</c>, just the given files (restoring an
/// export). Runs whether or not the files changed since the last load.
/// </summary>
internal static class LoadCommand
{
    private const string Usage = "usage: load [--file <content file>]... [--only] [--ConnectionStrings:Postgres=<connection string>]\n       load --bibtex <file.bib> [--dry-run]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--bibtex"))
        {
            return await BibtexLoadCommand.RunAsync(args);
        }

        try
        {
            // --only loads just the --file files (restoring an export), without the shipped ones merged in before them.
            var only = args.Contains("--only");
            var (options, rest) = CommandLine.Parse([.. args.Where(a => a != "--only")], "--file");
            var builder = Host.CreateApplicationBuilder(rest);
            var files = options.GetValueOrDefault("--file")?.Select(Path.GetFullPath).ToList() ?? [];
            if (only && files.Count == 0)
            {
                throw new CommandLine.UsageException("--only needs at least one --file");
            }

            var paths = only ? files : DataFiles.Paths(builder.Configuration[DatabaseSetup.DataDirectoryKey], files);

            // Check the files before touching the database: a bad file should not even start a cluster.
            var data = DataSet.Load(paths);

            await using var database = await CliDatabase.OpenAsync(builder);
            var db = database.Db;

            Console.WriteLine($"Loading {string.Join(", ", paths)}");
            var report = await new SeedLoader(db).LoadAsync(data, ConsoleProgress.IfInteractive());
            Console.WriteLine(report);
            foreach (var (kind, counts) in report.Counts.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {kind,-20} {counts.Created,4} created {counts.Updated,4} updated {counts.Unchanged,4} unchanged {counts.Protected,4} left alone");
            }

            foreach (var entity in report.Protected)
            {
                Console.WriteLine($"  not overwritten: {entity}");
            }

            return 0;
        }
        catch (CommandLine.UsageException e)
        {
            await Console.Error.WriteLineAsync($"load: {e.Message}{Environment.NewLine}{Usage}");
            return 2;
        }
        catch (DataFileException e)
        {
            await Console.Error.WriteLineAsync($"load failed: {e.Message}");
            return 1;
        }
    }
}
