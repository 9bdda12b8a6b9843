using PostTraining.Data.Bibliography;
using PostTraining.Data.Seed;

namespace PostTraining.Api.Cli;

/// <summary>
/// <c>load --bibtex &lt;file&gt; [--dry-run]</c>: imports a BibTeX file's references into the configured database with the
/// importer the HTTP import uses (one transaction, the write lock, a change-feed row per created reference, author
/// "import"), and prints the report's counts and what was not created. Exits 1 when the file does not parse or an entry
/// is an error, 2 on a usage error.
/// </summary>
internal static class BibtexLoadCommand
{
    private const string Usage = "usage: load --bibtex <file.bib> [--dry-run] [--ConnectionStrings:Postgres=<connection string>]";

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var dryRun = args.Contains("--dry-run");
            var (options, rest) = CommandLine.Parse([.. args.Where(a => a != "--dry-run")], "--bibtex");
            var files = options.GetValueOrDefault("--bibtex") ?? [];
            if (files.Count != 1)
            {
                throw new CommandLine.UsageException("--bibtex takes exactly one file");
            }

            var path = Path.GetFullPath(files[0]);
            if (!File.Exists(path))
            {
                throw new CommandLine.UsageException($"{path} does not exist");
            }

            // Check the file before touching the database: a bad file should not even start a cluster.
            var parsed = BibtexParser.Parse(await File.ReadAllTextAsync(path));
            if (!parsed.Succeeded)
            {
                await Console.Error.WriteLineAsync($"load failed: {path} has {parsed.Errors.Count} problem(s); nothing was imported.");
                foreach (var error in parsed.Errors)
                {
                    await Console.Error.WriteLineAsync($"  {Path.GetFileName(path)}:{error.Line}: {error.Message}");
                }

                return 1;
            }

            var builder = Host.CreateApplicationBuilder(rest);
            await using var database = await CliDatabase.OpenAsync(builder);
            var db = database.Db;

            Console.WriteLine($"Importing {path}{(dryRun ? " (dry run: nothing is written)" : "")}");
            var report = await new BibtexImporter(db).ImportAsync(parsed, new BibtexImportOptions
            {
                Author = SeedLoader.Author,
                DryRun = dryRun,
                Document = Path.GetFileName(path),
            });
            var c = report.Counts;
            Console.WriteLine($"  {c.Created} created, {c.Matched} matched, {c.Conflicting} conflicting, {c.Errors} errors");
            foreach (var entry in report.Entries.Where(e => e.Status is BibtexImporter.Conflicting or BibtexImporter.Error))
            {
                var why = entry.Status == BibtexImporter.Error
                    ? string.Join("; ", entry.Errors ?? [])
                    : $"differs from '{entry.Slug}' in {string.Join(", ", entry.Differences ?? [])}";
                Console.WriteLine($"  {entry.Status,-11} {Path.GetFileName(path)}:{entry.Line} {entry.CitationKey}: {why}");
            }

            return c.Errors > 0 ? 1 : 0;
        }
        catch (CommandLine.UsageException e)
        {
            await Console.Error.WriteLineAsync($"load: {e.Message}{Environment.NewLine}{Usage}");
            return 2;
        }
    }
}
