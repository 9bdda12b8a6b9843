namespace PostTraining.Api.Tests.Infrastructure;

/// <summary>Files of the repository the tests check (compose files, the committed OpenAPI document, samples).</summary>
public static class Repository
{
    /// <summary>The folder holding PostTraining.Api.sln, found upwards from the test's build output.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PostTraining.Api.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No PostTraining.Api.sln above {AppContext.BaseDirectory}.");
    }
}
