using System.Text;
using PostTraining.Data.Seed;

namespace PostTraining.Data.Tests.ContentFiles;

/// <summary>Merging the seed with the curated layer, and the consistency checks on the result.</summary>
public sealed class DataSetTests
{
    private const string Seed = """
        {
          "document": { "title": "Doc" },
          "paradigms": [ { "slug": "alignment", "name": { "en": "Alignment", "zh": "对齐" }, "goal": { "zh": "对齐偏好" }, "position": 1 } ],
          "techniques": [ { "slug": "rlhf", "paradigm": "alignment", "kind": "technique", "name": { "en": "RLHF", "zh": "人类反馈强化学习" }, "abbreviation": "RLHF" } ]
        }
        """;

    private static DataFile File(string json, string name) => DataFile.Parse(name, name, Encoding.UTF8.GetBytes(json));

    private static DataSet Merge(string curated) => DataSet.From([File(Seed, "seed.json"), File(curated, "curated.json")]);

    private static DataFileException Fails(string curated) => Assert.Throws<DataFileException>(() => Merge(curated));

    [Fact]
    public void TheDocumentWinsForNamesAndTheCuratedLayerAddsTheRest()
    {
        var data = Merge("""
            {
              "references": [ { "slug": "r1", "title": "A paper" } ],
              "paradigms": [ { "slug": "alignment", "name": { "en": "Alignment (curated)" }, "goal": { "en": "Match preferences" },
                               "description": { "en": "Makes models behave as people want." }, "position": 0 } ],
              "techniques": [ { "slug": "rlhf", "name": { "en": "Reinforcement learning from human feedback" }, "aliases": ["RL from human feedback"],
                                "references": [ { "reference": "r1", "role": "describes" } ], "year": 2022 } ]
            }
            """);
        var alignment = Assert.Single(data.Paradigms);
        Assert.Equal(("Alignment", "对齐", "Match preferences", "对齐偏好", 1), (alignment.Entry.Name!.En, alignment.Entry.Name.Zh,
            alignment.Entry.Goal!.En, alignment.Entry.Goal.Zh, alignment.Entry.Position));
        Assert.Equal("Makes models behave as people want.", alignment.Entry.Description!.En);
        Assert.True(alignment.FromDocument);
        Assert.Equal(["seed.json", "curated.json"], alignment.Origins.Select(o => o.File.Name));

        var rlhf = Assert.Single(data.Techniques).Entry;
        Assert.Equal(("RLHF", "alignment", 2022), (rlhf.Name!.En, rlhf.Paradigm, rlhf.Year));
        Assert.Equal(["RL from human feedback"], rlhf.Aliases);
    }

    [Fact]
    public void ListsAreUnitedAndTechniqueReferencesMatchedByReference()
    {
        var extra = File("""
            {
              "techniques": [ { "slug": "rlhf", "aliases": ["RLHF", "Human-feedback RL"], "references": [ { "reference": "r1", "role": "uses" }, { "reference": "r2" } ] } ]
            }
            """, "extra.json");
        var curated = File("""
            {
              "references": [ { "slug": "r1", "title": "A" }, { "slug": "r2", "title": "B" } ],
              "techniques": [ { "slug": "rlhf", "aliases": ["RLHF"], "references": [ { "reference": "r1", "role": "describes" } ] } ]
            }
            """, "curated.json");
        var rlhf = Assert.Single(DataSet.From([File(Seed, "seed.json"), curated, extra]).Techniques).Entry;
        Assert.Equal(["RLHF", "Human-feedback RL"], rlhf.Aliases);
        Assert.Equal([("r1", "describes"), ("r2", null)], rlhf.References!.Select(r => (r.Reference!, r.Role)));
    }

    [Fact]
    public void AnUnknownReferenceIsNamedWithItsEntryAndLine()
    {
        var e = Fails("""
            {
              "techniques": [
                { "slug": "ppo", "parent": "rlhf", "kind": "method", "name": { "en": "PPO" },
                  "references": [ { "reference": "nowhere" } ] }
              ]
            }
            """);
        var error = Assert.Single(e.Errors);
        Assert.Equal(("curated.json", "techniques[0] 'ppo'", 4), (error.File, error.Entry, error.Line));
        Assert.Equal("unknown reference 'nowhere'", error.Reason);
    }

    [Fact]
    public void AMethodNeedsAReferenceOrToSayItLacksOne()
    {
        var error = Assert.Single(Fails("""{ "techniques": [ { "slug": "ppo", "parent": "rlhf", "kind": "method", "name": { "en": "PPO" } } ] }""").Errors);
        Assert.Contains("needs at least one reference, or \"lacksReference\": true", error.Reason, StringComparison.Ordinal);

        var data = Merge("""{ "techniques": [ { "slug": "ppo", "parent": "rlhf", "kind": "method", "name": { "en": "PPO" }, "lacksReference": true } ] }""");
        Assert.Equal(2, data.Techniques.Count);
    }

    [Fact]
    public void ATechniqueNeedsBothNames()
    {
        var error = Assert.Single(Fails("""{ "techniques": [ { "slug": "ppo", "parent": "rlhf", "name": { "en": "PPO" } } ] }""").Errors);
        Assert.Equal("techniques[0] 'ppo'", error.Entry);
        Assert.Contains("needs an English and a Chinese name", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownParentsParadigmsAndRelationshipEndsAreErrors()
    {
        var e = Fails("""
            {
              "relationTypes": [ { "slug": "variant-of", "name": { "en": "variant of", "zh": "变体" }, "inverseName": { "en": "has variant", "zh": "有变体" } } ],
              "techniques": [
                { "slug": "a", "parent": "missing", "name": { "en": "A", "zh": "甲" } },
                { "slug": "b", "paradigm": "nowhere", "name": { "en": "B", "zh": "乙" } }
              ],
              "relationships": [ { "type": "variant-of", "source": "technique:a", "target": "technique:ghost" },
                                 { "type": "no-such-type", "source": "technique:a", "target": "technique:rlhf" } ]
            }
            """);
        Assert.Equal(
            ["unknown parent technique 'missing'", "unknown paradigm 'nowhere'", "unknown technique 'ghost'", "unknown relation type 'no-such-type'"],
            e.Errors.Select(x => x.Reason));
        Assert.Equal([4, 5, 7, 8], e.Errors.Select(x => x.Line ?? 0));
    }

    [Fact]
    public void AParentCycleIsAnError()
    {
        var e = Fails("""
            {
              "techniques": [
                { "slug": "a", "parent": "b", "name": { "en": "A", "zh": "甲" } },
                { "slug": "b", "parent": "a", "name": { "en": "B", "zh": "乙" } }
              ]
            }
            """);
        Assert.Contains(e.Errors, x => x.Reason.Contains("its own ancestor", StringComparison.Ordinal));
    }

    [Fact]
    public void AChildInAnotherParadigmThanItsParentIsAnError()
    {
        var e = Fails("""
            {
              "paradigms": [ { "slug": "efficiency", "name": { "en": "Efficiency", "zh": "效率" } } ],
              "techniques": [ { "slug": "ppo", "parent": "rlhf", "paradigm": "efficiency", "name": { "en": "PPO", "zh": "近端策略优化" } } ]
            }
            """);
        Assert.Equal("paradigm 'efficiency' differs from 'alignment', the paradigm of its parent 'rlhf'", Assert.Single(e.Errors).Reason);
    }

    [Fact]
    public void DuplicatesWithinOneFileAreErrors()
    {
        var e = Fails("""
            {
              "references": [ { "slug": "r1", "title": "A" }, { "slug": "r1", "title": "B" } ]
            }
            """);
        Assert.Contains("duplicate entry: references[0] has the same key 'r1'", Assert.Single(e.Errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoReferencesWithOneArxivIdAreAnError()
    {
        var e = Fails("""
            {
              "references": [ { "slug": "r1", "title": "A", "arxivId": "2305.18290" }, { "slug": "r2", "title": "B", "arxivId": "2305.18290" } ]
            }
            """);
        Assert.Equal("arXiv id 2305.18290 is also the id of reference 'r1'", Assert.Single(e.Errors).Reason);
    }

    [Fact]
    public void ACycleOfAnAcyclicRelationTypeIsAnError()
    {
        var e = Fails("""
            {
              "relationTypes": [ { "slug": "builds-on", "name": { "en": "builds on", "zh": "基于" }, "inverseName": { "en": "is built on by", "zh": "被基于" }, "acyclic": true } ],
              "techniques": [ { "slug": "ppo", "parent": "rlhf", "name": { "en": "PPO", "zh": "近端策略优化" } } ],
              "relationships": [ { "type": "builds-on", "source": "technique:ppo", "target": "technique:rlhf" },
                                 { "type": "builds-on", "source": "technique:rlhf", "target": "technique:ppo" } ]
            }
            """);
        Assert.All(e.Errors, x => Assert.Contains("must not form a cycle", x.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void TheHashChangesWithAnyFile()
    {
        var a = Merge("""{ "references": [ { "slug": "r1", "title": "A" } ] }""");
        var b = Merge("""{ "references": [ { "slug": "r1", "title": "B" } ] }""");
        Assert.NotEqual(a.Hash, b.Hash);
        Assert.Equal(a.Hash, Merge("""{ "references": [ { "slug": "r1", "title": "A" } ] }""").Hash);
    }
}
