using System.Runtime.CompilerServices;
using PostTraining.Api.ReadModel;
using PostTraining.Api.Search;
using PostTraining.Api.Tests.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Tests.Search;

/// <summary>
/// A search patched after a write (the previous snapshot's index as base, the changed nodes indexed again) answers
/// every query exactly as a full index over the new snapshot does: same nodes, order, scores, fields and highlights.
/// </summary>
public sealed class SearchOverlayTests
{
    private static readonly string[] Queries =
    [
        "preference", "optimization", "policy", "adaptation", "low rank", "direct optimization", "reward model",
        "pref", "opt", "lo", "re", "q",
        "prefrence", "optimizaton", "reinforcment", "adaptaton", "polcy optimization",
        "偏好", "优化", "低秩适配", "策略", "强化学习", "偏好 optimization",
        "dpo", "LoRA", "GRPO", "kto", "ＤＰＯ", "c++", "arxiv", "2305", "rewards",
    ];

    private static readonly IReadOnlySet<NodeKind>?[] KindFilters =
        [null, new HashSet<NodeKind> { NodeKind.Technique }, new HashSet<NodeKind> { NodeKind.Reference, NodeKind.Model }];

    [Fact]
    public void AfterRenamingANodeTheOverlayEqualsAFullIndex()
    {
        var before = Build(BaseRows());
        var rows = Replace(BaseRows(), 12, r => r with
        {
            NameEn = "Direct Reward Optimization", NameZh = "直接奖励优化", Abbreviation = "DRO", Aliases = ["policy reward fit"],
        });
        var after = Patch(before, rows, [12]);

        AssertSameAsFull(after);
        Assert.Equal(1, after.Search.DeltaNodeCount);
        Assert.Same(before.Search.Base, after.Search.Base);
        // The new name is found, the old one no longer leads to the node through its name.
        Assert.Equal("technique:dpo", after.Search.Find("DRO", 5)[0].Node.Key);
        Assert.DoesNotContain(after.Search.Find("直接偏好", 20), h => h.Node.Slug == "dpo");
        Assert.Contains(before.Search.Find("直接偏好", 20), h => h.Node.Slug == "dpo");
    }

    [Fact]
    public void AfterCreatingNodesTheOverlayEqualsAFullIndex()
    {
        var before = Build(BaseRows());
        var rows = BaseRows();
        rows.AddRange(
        [
            SampleTaxonomy.Technique(200, "kto", 1, 12, "Kahneman-Tversky Optimization", "卡尼曼-特沃斯基优化", "KTO", 2024, method: true),
            // Ties with nodes of the base: same text, so only kind, depth and slug order them across the two indexes.
            SampleTaxonomy.Technique(201, "aaa-simple-preference-optimization", 1, null, "Simple Preference Optimization", "简单偏好优化", "SimPO", null),
            SampleTaxonomy.Technique(202, "zzz-simple-preference-optimization", 1, 13, "Simple Preference Optimization", "简单偏好优化", "SimPO", null),
            new NodeRow { Id = 203, Kind = NodeKind.Model, Slug = "dpo", NameEn = "Direct Preference Optimization", Abbreviation = "DPO" },
            new NodeRow { Id = 204, Kind = NodeKind.Reference, Slug = "arxiv-2402-01306", NameEn = "KTO: Model Alignment as Prospect Theoretic Optimization", Aliases = ["kto paper"] },
            // The only exact match of "rewards": with it the page of one is full, so typos ("reward" in the base) are not looked for.
            new NodeRow { Id = 205, Kind = NodeKind.Dataset, Slug = "step-data", NameEn = "Step data", DescriptionEn = "Dense rewards for every reasoning step" },
        ]);
        var after = Patch(before, rows, [200, 201, 202, 203, 204, 205]);

        AssertSameAsFull(after);
        Assert.Equal(6, after.Search.DeltaNodeCount);
        Assert.Equal("dataset:step-data", Assert.Single(after.Search.Find("rewards", 1)).Node.Key);
        var simpo = after.Search.Find("simple preference optimization", 20).Select(h => h.Node.Slug).ToArray();
        Assert.Equal(["aaa-simple-preference-optimization", "simpo", "zzz-simple-preference-optimization"], simpo[..3]);
        Assert.Equal(["technique:dpo", "model:dpo"], after.Search.Find("DPO", 2).Select(h => h.Node.Key));
    }

    [Fact]
    public void AfterDeletingNodesTheOverlayEqualsAFullIndex()
    {
        var before = Build(BaseRows());
        var rows = BaseRows().Where(r => r.Id is not (19 or 31 or 40 or 302)).ToList();
        var after = Patch(before, rows, [19, 31, 40, 302]);

        AssertSameAsFull(after);
        Assert.Equal(4, after.Search.DeltaNodeCount);
        Assert.DoesNotContain(after.Search.Find("qlora", 20), h => h.Node.Slug == "qlora");
        Assert.Contains(before.Search.Find("qlora", 20), h => h.Node.Slug == "qlora");
        Assert.Equal("limitation:cpp", before.Search.Find("c++", 20)[0].Node.Key);
        Assert.DoesNotContain(after.Search.Find("c++", 20), h => h.Node.Slug == "cpp");
    }

    [Fact]
    public void AChainOfThreePatchesEqualsAFullIndex()
    {
        var s0 = Build(BaseRows());
        var rows1 = Replace(BaseRows(), 18, r => r with { NameEn = "Low-Rank Adapters", Aliases = ["lora adapters"] });
        rows1.Add(SampleTaxonomy.Technique(210, "dora", 3, 17, "Weight-Decomposed Low-Rank Adaptation", "权重分解低秩适配", "DoRA", 2024, method: true));
        var s1 = Patch(s0, rows1, [18, 210]);
        AssertSameAsFull(s1);

        // The node created in the first patch is renamed, another is created, one of the base is deleted.
        var rows2 = Replace(rows1, 210, r => r with { NameEn = "DoRA: Decomposed Low-Rank Adaptation", Abbreviation = "DORA" });
        rows2.Add(new NodeRow { Id = 211, Kind = NodeKind.Dataset, Slug = "ultrafeedback", NameEn = "UltraFeedback", NameZh = "超级反馈", DescriptionEn = "Preference pairs for optimization" });
        rows2.RemoveAll(r => r.Id == 301);
        var s2 = Patch(s1, rows2, [210, 211, 301]);
        AssertSameAsFull(s2);

        // The first patch's creation is deleted again; the first patch's rename stays in the delta.
        var rows3 = Replace(rows2.Where(r => r.Id != 210).ToList(), 15, r => r with { DescriptionEn = "Policy optimization without a critic" });
        var s3 = Patch(s2, rows3, [210, 15]);
        AssertSameAsFull(s3);

        Assert.Equal([2, 4, 5], new[] { s1, s2, s3 }.Select(s => s.Search.DeltaNodeCount));
        Assert.Same(s0.Search.Base, s3.Search.Base);
        Assert.DoesNotContain(s3.Search.Find("dora", 20), h => h.Node.Slug == "dora");
        Assert.Equal("technique:lora", s3.Search.Find("lora adapters", 1)[0].Node.Key);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void RandomEditsKeepTheOverlayEqualToAFullIndex(int seed)
    {
        var random = new Random(seed);
        var rows = new List<NodeRow>
        {
            SampleTaxonomy.Paradigm(1, "alignment", "Alignment", "对齐", 1),
            SampleTaxonomy.Paradigm(2, "reasoning", "Reasoning", "推理", 2),
            SampleTaxonomy.Paradigm(3, "efficiency", "Efficiency", "效率", 3),
        };
        var nextId = 100L;
        for (var i = 0; i < 300; i++)
        {
            rows.Add(RandomRow(random, nextId++, rows));
        }

        var snapshot = Build(rows);
        var firstBase = snapshot.Search.Base;
        var compared = 0;
        var fromDelta = 0;
        var excluded = new HashSet<long>();
        for (var round = 0; round < 8; round++)
        {
            var next = rows.ToList();
            for (var e = random.Next(1, 6); e > 0; e--)
            {
                Edit(random, next, ref nextId);
            }

            var previous = snapshot;
            var probe = Build(next);
            var changed = ChangedIds(previous, probe);
            snapshot = Patch(previous, next, changed);
            rows = next;
            excluded.UnionWith(changed);
            Assert.Equal(excluded.Count, snapshot.Search.DeltaNodeCount);

            var full = SnapshotSearch.Full(snapshot);
            foreach (var (query, limit, kinds, prefixOnly) in RandomQueries(random, snapshot, excluded))
            {
                var expected = full.Find(query, limit, kinds, prefixOnly);
                var actual = snapshot.Search.Find(query, limit, kinds, prefixOnly);
                AssertSameHits(snapshot, expected, actual, $"round {round}, '{query}', limit {limit}, prefix {prefixOnly}");
                compared += expected.Count;
                fromDelta += actual.Count(h => excluded.Contains(h.Node.Id));
            }
        }

        Assert.Same(firstBase, snapshot.Search.Base);
        Assert.True(compared > 2000, $"only {compared} hits compared");
        Assert.True(fromDelta > 50, $"only {fromDelta} hits came from the delta: the edits did not reach the queries");
    }

    [Fact]
    public void APatchedSearchDoesNotKeepThePreviousSnapshotAlive()
    {
        var (previous, current) = PatchAndForget();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(previous.IsAlive, "the previous snapshot is still reachable from the patched search");
        Assert.Equal("technique:dpo", current.Search.Find("dpo", 1)[0].Node.Key);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference Previous, TaxonomySnapshot Current) PatchAndForget()
    {
        var before = Build(BaseRows());
        var after = Patch(before, Replace(BaseRows(), 11, r => r with { NameEn = "Proximal Policy Optimisation" }), [11]);
        return (new WeakReference(before), after);
    }

    /// <summary>The sample taxonomy's rows plus nodes of other kinds whose text overlaps theirs, so scores tie often.</summary>
    private static List<NodeRow> BaseRows()
    {
        var rows = SampleTaxonomy.Build().AllNodes.Select(n => n.Row).OrderBy(r => r.Id).ToList();
        rows.AddRange(
        [
            new NodeRow { Id = 300, Kind = NodeKind.Model, Slug = "llama-2-dpo", NameEn = "Llama 2 DPO", NameZh = "偏好优化模型", Aliases = ["direct preference model"], DescriptionEn = "A reward model free preference optimization checkpoint" },
            new NodeRow { Id = 301, Kind = NodeKind.Dataset, Slug = "hh-rlhf", NameEn = "HH-RLHF", Aliases = ["human preference data"], DescriptionZh = "人类偏好对比数据" },
            new NodeRow { Id = 302, Kind = NodeKind.Limitation, Slug = "cpp", NameEn = "C++", DescriptionEn = "Policy optimization in low level code" },
            new NodeRow { Id = 303, Kind = NodeKind.Application, Slug = "policy-reward", NameEn = "Policy Reward", NameZh = "策略奖励", Abbreviation = "PR" },
            SampleTaxonomy.Technique(304, "reward-model-optimization", 1, 10, "Reward Model Optimization", "奖励模型优化", "RMO", null),
        ]);
        return rows;
    }

    private static TaxonomySnapshot Build(IReadOnlyList<NodeRow> rows) => TaxonomySnapshot.Build(new SnapshotSource(rows, [], [], []));

    /// <summary>What the refresher does after a write: the new snapshot's search patched from the previous one's.</summary>
    private static TaxonomySnapshot Patch(TaxonomySnapshot previous, IReadOnlyList<NodeRow> rows, IReadOnlyCollection<long> changed)
    {
        var previousSearch = previous.Search;
        var snapshot = TaxonomySnapshot.Build(new SnapshotSource(rows, [], [], []), index: s => SnapshotSearch.Patched(previousSearch, changed, s));
        Assert.Same(previousSearch.Base, snapshot.Search.Base);
        return snapshot;
    }

    private static List<NodeRow> Replace(List<NodeRow> rows, long id, Func<NodeRow, NodeRow> change) =>
        rows.Select(r => r.Id == id ? change(r) : r).ToList();

    private static void AssertSameAsFull(TaxonomySnapshot snapshot)
    {
        var full = SnapshotSearch.Full(snapshot);
        var nonEmpty = 0;
        foreach (var query in Queries)
        {
            foreach (var limit in new[] { 1, 5, 20 })
            {
                foreach (var kinds in KindFilters)
                {
                    foreach (var prefixOnly in new[] { false, true })
                    {
                        var expected = full.Find(query, limit, kinds, prefixOnly);
                        AssertSameHits(snapshot, expected, snapshot.Search.Find(query, limit, kinds, prefixOnly), $"'{query}', limit {limit}, prefix {prefixOnly}");
                        nonEmpty += expected.Count > 0 ? 1 : 0;
                    }
                }
            }
        }

        Assert.True(nonEmpty > 150, $"only {nonEmpty} queries found anything");
    }

    private static void AssertSameHits(TaxonomySnapshot snapshot, IReadOnlyList<SearchHit> expected, IReadOnlyList<SearchHit> actual, string what)
    {
        Assert.True(
            Describe(expected).SequenceEqual(Describe(actual)),
            $"{what}:\nfull:    {string.Join(" | ", Describe(expected))}\noverlay: {string.Join(" | ", Describe(actual))}");
        foreach (var hit in actual)
        {
            // The hit's node is the current snapshot's, not a node of the snapshot the base index was built from.
            Assert.True(snapshot.TryGetNodeById(hit.Node.Id, out var current) && ReferenceEquals(current, hit.Node), $"{what}: {hit.Node.Key} is not the current snapshot's node");
        }
    }

    private static IEnumerable<string> Describe(IReadOnlyList<SearchHit> hits) =>
        hits.Select(h => $"{h.Node.Key} {h.Score} {h.Field} {h.Quality} {h.Highlight}");

    /// <summary>The ids a writer reports: rows created, deleted or changed, and (what the lead guarantees otherwise by a full rebuild) nodes whose depth moved.</summary>
    private static HashSet<long> ChangedIds(TaxonomySnapshot previous, TaxonomySnapshot next)
    {
        var changed = new HashSet<long>();
        foreach (var node in next.AllNodes)
        {
            if (!previous.TryGetNodeById(node.Id, out var old) || !ReferenceEquals(old.Row, node.Row) || old.Depth != node.Depth)
            {
                changed.Add(node.Id);
            }
        }

        foreach (var node in previous.AllNodes)
        {
            if (!next.TryGetNodeById(node.Id, out _))
            {
                changed.Add(node.Id);
            }
        }

        return changed;
    }

    private static readonly string[] Words =
        ["preference", "policy", "reward", "optimization", "direct", "learning", "adapter", "rank", "low", "model", "human", "feedback", "proximal", "group", "sparse", "distill"];

    private static readonly string[] ZhWords = ["偏好", "策略", "奖励", "优化", "直接", "学习", "适配", "低秩", "人类", "反馈"];

    private static readonly NodeKind[] OtherKinds = [NodeKind.Reference, NodeKind.Model, NodeKind.Dataset, NodeKind.Limitation, NodeKind.Application];

    private static NodeRow RandomRow(Random random, long id, IReadOnlyList<NodeRow> existing)
    {
        var techniques = existing.Where(r => r.Kind == NodeKind.Technique).ToArray();
        var kind = random.Next(10) < 6 ? NodeKind.Technique : OtherKinds[random.Next(OtherKinds.Length)];
        var row = new NodeRow { Id = id, Kind = kind, Slug = RandomSlug(random, id) };
        if (kind == NodeKind.Technique)
        {
            row = row with
            {
                ParadigmId = random.Next(1, 4),
                ParentId = techniques.Length > 0 && random.Next(3) > 0 ? techniques[random.Next(techniques.Length)].Id : null,
            };
        }

        return RandomText(random, row);
    }

    /// <summary>Names from a small vocabulary, so many nodes tie on score and only kind, depth and slug order them.</summary>
    private static NodeRow RandomText(Random random, NodeRow row)
    {
        string Phrase(int words) => string.Join(" ", Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
        string Zh(int words) => string.Concat(Enumerable.Range(0, words).Select(_ => ZhWords[random.Next(ZhWords.Length)]));
        var name = Phrase(random.Next(1, 4));
        return row with
        {
            NameEn = char.ToUpperInvariant(name[0]) + name[1..],
            NameZh = random.Next(4) > 0 ? Zh(random.Next(1, 4)) : null,
            Abbreviation = random.Next(3) == 0 ? string.Concat(name.Split(' ').Select(w => char.ToUpperInvariant(w[0]))) + (random.Next(2) == 0 ? "O" : "") : null,
            Aliases = random.Next(4) == 0 ? [Phrase(2)] : [],
            DescriptionEn = random.Next(2) == 0 ? Phrase(random.Next(3, 8)) : null,
            DescriptionZh = random.Next(3) == 0 ? Zh(random.Next(2, 5)) : null,
        };
    }

    private static string RandomSlug(Random random, long id) => $"{Words[random.Next(Words.Length)]}-{id}";

    /// <summary>One write: rename, new slug, create, delete a node without children, or move a technique.</summary>
    private static void Edit(Random random, List<NodeRow> rows, ref long nextId)
    {
        var at = random.Next(3, rows.Count);
        var row = rows[at];
        switch (random.Next(5))
        {
            case 0:
                rows[at] = RandomText(random, row);
                break;
            case 1:
                rows[at] = row with { Slug = RandomSlug(random, row.Id) + "-r" + random.Next(1000) };
                break;
            case 2:
                rows.Add(RandomRow(random, nextId++, rows));
                break;
            case 3:
                if (!rows.Any(r => r.ParentId == row.Id))
                {
                    rows.RemoveAt(at);
                }

                break;
            default:
                if (row.Kind == NodeKind.Technique)
                {
                    // Only under a node outside its own subtree, so the tree stays a tree.
                    var below = Descendants(rows, row.Id);
                    var parents = rows.Where(r => r.Kind == NodeKind.Technique && !below.Contains(r.Id)).ToArray();
                    rows[at] = row with { ParentId = random.Next(3) == 0 || parents.Length == 0 ? null : parents[random.Next(parents.Length)].Id };
                }

                break;
        }
    }

    private static HashSet<long> Descendants(List<NodeRow> rows, long id)
    {
        var found = new HashSet<long> { id };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var r in rows)
            {
                if (r.ParentId is { } p && found.Contains(p) && found.Add(r.Id))
                {
                    grew = true;
                }
            }
        }

        return found;
    }

    /// <summary>Queries made of the text of random nodes, half of them nodes of the delta (the rest of the index is the base).</summary>
    private static IEnumerable<(string Query, int Limit, IReadOnlySet<NodeKind>? Kinds, bool PrefixOnly)> RandomQueries(Random random, TaxonomySnapshot snapshot, IReadOnlySet<long> delta)
    {
        var nodes = snapshot.AllNodes.OrderBy(n => n.Id).ToArray();
        var changed = nodes.Where(n => delta.Contains(n.Id)).ToArray();
        for (var i = 0; i < 80; i++)
        {
            var node = changed.Length > 0 && i % 2 == 0 ? changed[random.Next(changed.Length)] : nodes[random.Next(nodes.Length)];
            var words = (node.Row.NameEn ?? "x").ToLowerInvariant().Split(' ');
            var word = words[random.Next(words.Length)];
            var query = random.Next(8) switch
            {
                0 => word,
                1 => word[..Math.Min(word.Length, random.Next(1, 5))],
                2 => Typo(random, word),
                3 => string.Join(" ", words.Reverse()),
                4 => node.Row.NameZh is { Length: >= 2 } zh ? zh.Substring(random.Next(zh.Length - 1), 2) : "偏好",
                5 => node.Row.Abbreviation ?? node.Slug,
                6 => Words[random.Next(Words.Length)] + " " + ZhWords[random.Next(ZhWords.Length)],
                _ => node.Slug[..Math.Min(node.Slug.Length, 6)],
            };
            IReadOnlySet<NodeKind>? kinds = random.Next(4) == 0 ? new HashSet<NodeKind> { NodeKind.Technique, OtherKinds[random.Next(OtherKinds.Length)] } : null;
            yield return (query, new[] { 1, 5, 20 }[random.Next(3)], kinds, random.Next(4) == 0);
        }
    }

    private static string Typo(Random random, string word)
    {
        if (word.Length < 5)
        {
            return word;
        }

        var at = random.Next(1, word.Length - 1);
        return random.Next(2) == 0 ? word.Remove(at, 1) : word[..at] + 'x' + word[(at + 1)..];
    }
}
