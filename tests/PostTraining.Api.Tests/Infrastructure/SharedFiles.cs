namespace PostTraining.Api.Tests.Infrastructure;

/// <summary>
/// Files of the sources folder beside the repository (<c>../shared</c>), found by walking up from the test assembly:
/// null when this machine has none, so the tests that read them can skip.
/// </summary>
public static class SharedFiles
{
    public static string? Find(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, "shared", .. parts]);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
