using System.Text.Json;
using Json.Schema;
using PostTraining.Data.Seed;
using PostTraining.Data.Tests.Infrastructure;

namespace PostTraining.Data.Tests.ContentFiles;

/// <summary>The committed data files load as the service loads them, and say what the service promises.</summary>
public sealed class CommittedDataFileTests
{
    private static readonly Lazy<DataSet> Data = new(() =>
        DataSet.Load(DataFiles.Paths(Path.GetDirectoryName(RepositoryFiles.DataFile(DataFiles.SeedFileName)))));

    [Fact]
    public void TheSchemaIsValidDraft202012()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.DataFile("curated.schema.json")));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        var result = MetaSchemas.Draft202012.Evaluate(schema.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid);
    }

    [Fact]
    public void SeedAndCuratedFilesPassEveryCheck()
    {
        Assert.Equal(DataFiles.SeedFileName, Data.Value.Files[0].Name);
        Assert.True(Data.Value.Files[0].IsDocumentSeed);
        Assert.False(Data.Value.Files[1].IsDocumentSeed);
    }

    [Fact]
    public void EveryParadigmAndTechniqueHasAnEnglishAndAChineseName()
    {
        var named = Data.Value.Paradigms.Select(p => (p.Key, p.Entry.Name))
            .Concat(Data.Value.Techniques.Where(t => t.Entry.Kind != "method").Select(t => (t.Key, t.Entry.Name)));
        Assert.All(named, n =>
        {
            Assert.False(string.IsNullOrWhiteSpace(n.Name?.En), $"{n.Key} has no English name");
            Assert.False(string.IsNullOrWhiteSpace(n.Name?.Zh), $"{n.Key} has no Chinese name");
        });
    }

    [Fact]
    public void EveryMethodHasAReferenceOrIsMarkedAsLackingOne()
    {
        var methods = Data.Value.Techniques.Where(t => t.Entry.Kind == "method").ToList();
        Assert.NotEmpty(methods);
        Assert.All(methods, m => Assert.True(m.Entry.References is { Count: > 0 } || m.Entry.LacksReference == true, $"{m.Key} has no reference"));
    }

    [Fact]
    public void TheCuratedLayerAddsToEveryKindTheDocumentSeeds()
    {
        var seed = Data.Value.Files[0].Content;
        Assert.True(Data.Value.Techniques.Count > seed.Techniques!.Count);
        Assert.True(Data.Value.References.Count > seed.References!.Count);
        Assert.Contains(Data.Value.Formulas, f => f.Key == "dpo-objective" && !string.IsNullOrEmpty(f.Entry.Latex));
    }
}
