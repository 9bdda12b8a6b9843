using System.Text;
using PostTraining.Data.Seed;

namespace PostTraining.Data.Tests.ContentFiles;

/// <summary>A malformed content file is rejected with the file, the entry and the line of each problem.</summary>
public sealed class DataFileValidationTests
{
    private static DataFile Parse(string json, string name = "curated.json") => DataFile.Parse(name, name, Encoding.UTF8.GetBytes(json));

    private static DataFileError SingleError(string json)
    {
        var e = Assert.Throws<DataFileException>(() => Parse(json));
        return Assert.Single(e.Errors);
    }

    [Fact]
    public void AnUnknownMemberIsAnErrorNamingEntryAndLine()
    {
        var error = SingleError("""
            {
              "techniques": [
                { "slug": "sft", "paradigm": "fine-tuning", "name": { "en": "SFT", "zh": "监督微调" } },
                {
                  "slug": "lora",
                  "colour": "blue"
                }
              ]
            }
            """);
        Assert.Equal("curated.json", error.File);
        Assert.Equal("techniques[1] 'lora'", error.Entry);
        Assert.Equal(6, error.Line);
        Assert.Contains("unknown member '/techniques/1/colour'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownTopLevelListIsAnError()
    {
        var error = SingleError("""
            {
              "paradigms": [],
              "methods": []
            }
            """);
        Assert.Equal(3, error.Line);
        Assert.Contains("unknown member '/methods'", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongTypeNamesTheMemberAndLine()
    {
        var error = SingleError("""
            {
              "references": [
                { "slug": "arxiv-2305-18290", "title": "DPO", "year": "2023" }
              ]
            }
            """);
        Assert.Equal(("references[0] 'arxiv-2305-18290'", 3), (error.Entry, error.Line));
        Assert.Contains("/references/0/year", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidSlugIsRejected()
    {
        var error = SingleError("""{ "models": [ { "slug": "GPT 4", "name": { "en": "GPT-4" } } ] }""");
        Assert.Contains("/models/0/slug", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SyntaxErrorsGiveTheLine()
    {
        var e = Assert.Throws<DataFileException>(() => Parse("{\n  \"paradigms\": [\n    { \"slug\": \"a\" },\n  ]\n}"));
        var error = Assert.Single(e.Errors);
        Assert.Equal(4, error.Line);
        Assert.StartsWith("not valid JSON", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TheMessageListsEveryProblemWithFileAndLine()
    {
        var e = Assert.Throws<DataFileException>(() => Parse("""
            {
              "paradigms": [ { "slug": "a", "colour": 1 } ],
              "limitations": [ { "slug": "b", "size": 2 } ]
            }
            """));
        Assert.Equal(2, e.Errors.Count);
        Assert.Contains("curated.json:2: paradigms[0] 'a': unknown member '/paradigms/0/colour'", e.Message, StringComparison.Ordinal);
        Assert.Contains("curated.json:3: limitations[0] 'b': unknown member '/limitations/0/size'", e.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was loaded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWellFormedFileDeserializes()
    {
        var file = Parse("""
            {
              "$schema": "./curated.schema.json",
              "techniques": [
                { "slug": "lora", "parent": "peft", "kind": "method", "name": { "en": "LoRA" },
                  "references": [ { "reference": "arxiv-2106-09685", "role": "introduces" } ], "year": 2021 }
              ]
            }
            """);
        var lora = Assert.Single(file.Content.Techniques!);
        Assert.Equal(("lora", "peft", "method", 2021), (lora.Slug, lora.Parent, lora.Kind, lora.Year));
        Assert.Equal("arxiv-2106-09685", Assert.Single(lora.References!).Reference);
        Assert.False(file.IsDocumentSeed);
    }
}
