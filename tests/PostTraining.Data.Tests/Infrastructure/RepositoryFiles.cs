namespace PostTraining.Data.Tests.Infrastructure;

/// <summary>The committed data files, copied beside the test assembly by the project file.</summary>
public static class RepositoryFiles
{
    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    public static string TestDocument(string name) => Path.Combine(AppContext.BaseDirectory, "Documents", name);
}
