using PostTraining.Data.Seed;

namespace PostTraining.Api.Tests.Seed;

/// <summary>Content files written for one test, in a folder of their own under the temp directory.</summary>
internal static class TempDataFiles
{
    public static string Folder()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"posttraining-data-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string Write(string name, string json, string? folder = null)
    {
        var path = Path.Combine(folder ?? Folder(), name);
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>A copy of every shipped data file, with curated.json passed through <paramref name="editCurated"/>.</summary>
    public static string CopyOfShipped(Func<string, string> editCurated)
    {
        var dir = Folder();
        var shipped = Path.Combine(AppContext.BaseDirectory, "data");
        foreach (var name in (string[])[DataFiles.SeedFileName, DataFiles.SurveyFileName, DataFiles.PostSurveyFileName, DataFiles.ComparisonsFileName])
        {
            File.Copy(Path.Combine(shipped, name), Path.Combine(dir, name));
        }

        File.WriteAllText(Path.Combine(dir, "curated.json"), editCurated(File.ReadAllText(Path.Combine(shipped, "curated.json"))));
        return dir;
    }
}
