namespace PostTraining.Data.Tests.Infrastructure;

/// <summary>
/// Finds the third-party source document, which is never committed: POSTTRAINING_SOURCE_DOCUMENT names it, or it is
/// the one file in a shared/seed folder beside the repository (found by walking up from the test assembly).
/// </summary>
public static class SourceDocument
{
    public const string EnvironmentVariable = "POSTTRAINING_SOURCE_DOCUMENT";
    public const string FileName = "000_7925a59f9cb8c622.txt";

    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The document's path, or null when this machine does not have it.</summary>
    public static string? Path => Found.Value;

    public static string Read() => File.ReadAllText(Path ?? throw new InvalidOperationException(MissingMessage));

    public static string MissingMessage =>
        $"The source document {FileName} is not on this machine: set {EnvironmentVariable} to its path or put it in a shared/seed folder beside the repository.";

    private static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "seed", FileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs the source document; reported as skipped, with the reason, where the document is absent.</summary>
public sealed class SourceDocumentFactAttribute : FactAttribute
{
    public SourceDocumentFactAttribute()
    {
        if (SourceDocument.Path is null)
        {
            Skip = SourceDocument.MissingMessage;
        }
    }
}
