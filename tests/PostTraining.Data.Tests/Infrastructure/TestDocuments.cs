using PostTraining.Data.Seed;

namespace PostTraining.Data.Tests.Infrastructure;

/// <summary>Small documents of the source document's shape, written for the tests, and the slug map they need.</summary>
public static class TestDocuments
{
    public const string SmallName = "small.md";

    public static string Small => File.ReadAllText(RepositoryFiles.TestDocument(SmallName));

    /// <summary>The committed map plus the one Chinese-only item the small document adds.</summary>
    public static DocumentSlugMap Slugs { get; } = new(
        DocumentSlugMap.Default.Entries.Append(new KeyValuePair<string, DocumentSlugMap.Entry>("幻觉", new("hallucination", "Hallucination")))
            .ToDictionary(e => e.Key, e => e.Value));

    public static SeedDocument ParseSmall(Func<string, string>? edit = null) =>
        DocumentParser.Parse(edit is null ? Small : edit(Small), SmallName, Slugs);

    /// <summary>Replaces text that must be in the document, so an edit that no longer applies fails loudly.</summary>
    public static string Edit(this string document, string find, string replace)
    {
        Assert.Contains(find, document, StringComparison.Ordinal);
        return document.Replace(find, replace, StringComparison.Ordinal);
    }
}
