using PostTraining.Data.Seed;

namespace PostTraining.Api.Cli;

/// <summary>
/// <c>import --document &lt;path&gt; [--out data/seed.json]</c>: parses the source document and writes the facts it
/// extracted to the seed file. Writes nothing when the document is malformed.
/// </summary>
internal static class ImportCommand
{
    private const string Usage = "usage: import --document <path> [--out <path to seed.json>]";

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var (options, rest) = CommandLine.Parse(args, "--document", "--out");
            if (rest.Length > 0)
            {
                throw new CommandLine.UsageException($"unknown argument '{rest[0]}'");
            }

            var document = options.GetValueOrDefault("--document")?.Single() ?? throw new CommandLine.UsageException("--document is required");
            var output = options.GetValueOrDefault("--out")?.Single() ?? DefaultOutput();

            if (!File.Exists(document))
            {
                // dotnet run starts the app in the project folder, so a path relative to the caller's folder misses.
                throw new IOException($"no file at {Path.GetFullPath(document)} (relative paths start at {Directory.GetCurrentDirectory()}; pass an absolute path)");
            }

            var markdown = await File.ReadAllTextAsync(document);
            var parsed = DocumentParser.Parse(markdown, document);
            var text = ContentJson.Serialize(SeedFile.From(parsed));

            // Written only if it passes the same checks a load applies, so a bad seed file never lands in data/.
            DataFile.Parse(Path.GetFileName(output), output, System.Text.Encoding.UTF8.GetBytes(text));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            var temp = output + ".tmp";
            await File.WriteAllTextAsync(temp, text);
            File.Move(temp, output, overwrite: true);

            Console.WriteLine($"Imported '{parsed.FrontMatter.Title}' ({parsed.FrontMatter.Author}, {parsed.FrontMatter.Date}) into {output}:");
            Console.WriteLine($"  {parsed.Paradigms.Count} paradigms, {parsed.Techniques.Count} techniques, {parsed.Branches.Count} branches, "
                + $"{parsed.Limitations.Count} limitations, {parsed.FormulaTopics.Count} formula topics, {parsed.Models.Count} models, "
                + $"{parsed.Datasets.Count} datasets, {parsed.References.Count} references");
            return 0;
        }
        catch (CommandLine.UsageException e)
        {
            await Console.Error.WriteLineAsync($"import: {e.Message}{Environment.NewLine}{Usage}");
            return 2;
        }
        catch (Exception e) when (e is SeedFormatException or DataFileException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"import failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>data/seed.json of the checkout the command runs in.</summary>
    private static string DefaultOutput()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PostTraining.Api.sln")))
            {
                return Path.Combine(dir.FullName, "data", DataFiles.SeedFileName);
            }
        }

        throw new CommandLine.UsageException("not inside a checkout of the repository: say where to write with --out");
    }
}
