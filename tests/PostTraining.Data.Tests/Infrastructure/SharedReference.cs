using System.Text.Json;

namespace PostTraining.Data.Tests.Infrastructure;

/// <summary>
/// The structured sources the shipped data was built from (../shared/reference: the survey's facts and the public
/// lists), never committed. POSTTRAINING_SHARED_REFERENCE names the folder, or it is found by walking up from the
/// test assembly to a shared/reference folder beside the repository.
/// </summary>
public static class SharedReference
{
    public const string EnvironmentVariable = "POSTTRAINING_SHARED_REFERENCE";

    private static readonly Lazy<string?> Found = new(Find);

    public static string? Folder => Found.Value;

    public static string MissingMessage =>
        $"The reference sources are not on this machine: set {EnvironmentVariable} to a folder holding survey/ and external/, or put them in shared/reference beside the repository.";

    public static string PathOf(string relative) => System.IO.Path.Combine(Folder ?? throw new InvalidOperationException(MissingMessage), relative);

    public static JsonElement Json(string relative)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(PathOf(relative)));
        return document.RootElement.Clone();
    }

    private static string? Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment) ? fromEnvironment : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "reference");
            if (File.Exists(System.IO.Path.Combine(candidate, "survey", "methods.json")))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>A fact that needs the reference sources; reported as skipped, with the reason, where they are absent.</summary>
public sealed class SharedReferenceFactAttribute : FactAttribute
{
    public SharedReferenceFactAttribute()
    {
        if (SharedReference.Folder is null)
        {
            Skip = SharedReference.MissingMessage;
        }
    }
}
