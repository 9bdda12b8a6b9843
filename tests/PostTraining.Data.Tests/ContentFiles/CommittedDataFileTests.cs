using PostTraining.Data.Seed;
using PostTraining.Data.Tests.Infrastructure;

namespace PostTraining.Data.Tests.ContentFiles;

/// <summary>The committed data files load as the service loads them: schema, merge and consistency checks.</summary>
public sealed class CommittedDataFileTests
{
    private static DataSet Load() =>
        DataSet.Load([RepositoryFiles.DataFile(DataFiles.SeedFileName), RepositoryFiles.DataFile(DataFiles.CuratedFileName)]);

    [Fact]
    public void SeedAndCuratedFilesPassEveryCheck()
    {
        var data = Load();
        Assert.NotEmpty(data.Techniques);
    }
}
