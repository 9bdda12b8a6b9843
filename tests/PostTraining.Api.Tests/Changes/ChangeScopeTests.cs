using System.Text.Json;
using PostTraining.Api.Changes;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Api.Tests.ReadModel;

namespace PostTraining.Api.Tests.Changes;

/// <summary>The subscription scope over entries shaped as the writers record them and the sample taxonomy as the snapshot.</summary>
public sealed class ChangeScopeTests
{
    private static readonly TaxonomySnapshot Snapshot = SampleTaxonomy.Build();
    private static long _ids;

    [Fact]
    public void ATechniqueCountsForTheParadigmItWasRecordedUnderEvenOnceDeleted()
    {
        var created = Entry("create", "technique", "new-po", null, Technique("new-po", "alignment", null));
        var deleted = Entry("delete", "technique", "gone-po", Technique("gone-po", "alignment", "dpo"), null);
        var elsewhere = Entry("update", "technique", "grpo", Technique("grpo", "reasoning", "reinforcement-learning-for-reasoning"), Technique("grpo", "reasoning", "reinforcement-learning-for-reasoning"));

        var alignment = Scope(root: "alignment");
        Assert.True(alignment.Matches(created, Snapshot));
        Assert.True(alignment.Matches(deleted, Snapshot));
        Assert.False(alignment.Matches(elsewhere, Snapshot));
        Assert.True(Scope(root: "reasoning").Matches(elsewhere, Snapshot));
    }

    [Fact]
    public void AMoveCountsForTheSubtreeItLeftAndTheOneItJoinedAndIsAMovedEvent()
    {
        var move = Entry("update", "technique", "grpo",
            Technique("grpo", "reasoning", "reinforcement-learning-for-reasoning"), Technique("grpo", "alignment", "rlhf"));

        Assert.True(Scope(root: "alignment").Matches(move, Snapshot));
        Assert.True(Scope(root: "reasoning").Matches(move, Snapshot));
        Assert.True(Scope(root: "rlhf").Matches(move, Snapshot));
        Assert.True(Scope(root: "reinforcement-learning-for-reasoning").Matches(move, Snapshot));
        Assert.False(Scope(root: "efficiency").Matches(move, Snapshot));
        Assert.False(Scope(root: "dpo").Matches(move, Snapshot));
        Assert.Equal(["moved", "updated"], ChangeEvents.Of(move));
        Assert.True(Scope(root: "alignment", events: "moved").Matches(move, Snapshot));
        Assert.True(Scope(events: "updated").Matches(move, Snapshot));
        Assert.False(Scope(events: "created,deleted").Matches(move, Snapshot));
    }

    [Fact]
    public void ATechniqueRootHoldsItselfAndEverythingBelowItByTheSnapshotsChain()
    {
        var rlhf = Scope(root: "technique:rlhf");
        // A new method under ppo, which the snapshot places under rlhf.
        Assert.True(rlhf.Matches(Entry("create", "technique", "ppo-ptx", null, Technique("ppo-ptx", "alignment", "ppo")), Snapshot));
        Assert.True(rlhf.Matches(Entry("update", "technique", "rlhf", Technique("rlhf", "alignment", null), Technique("rlhf", "alignment", null)), Snapshot));
        Assert.False(rlhf.Matches(Entry("update", "technique", "dpo", Technique("dpo", "alignment", null), Technique("dpo", "alignment", null)), Snapshot));
        // The paradigm above the root is not in a technique's subtree.
        Assert.False(rlhf.Matches(Entry("update", "paradigm", "alignment", Paradigm("alignment"), Paradigm("alignment")), Snapshot));
        Assert.True(Scope(root: "alignment").Matches(Entry("update", "paradigm", "alignment", Paradigm("alignment"), Paradigm("alignment")), Snapshot));
    }

    [Fact]
    public void FormulasLinksRelationshipsAndReferencesCountThroughTheirTechniques()
    {
        var alignment = Scope(root: "alignment");
        var reasoning = Scope(root: "reasoning");
        var efficiency = Scope(root: "efficiency");

        var formula = Entry("update", "formula", "dpo-objective", Json("""{"slug":"dpo-objective","technique":"dpo"}"""), Json("""{"slug":"dpo-objective","technique":"dpo"}"""));
        Assert.True(alignment.Matches(formula, Snapshot));
        Assert.True(Scope(root: "dpo").Matches(formula, Snapshot));
        Assert.False(reasoning.Matches(formula, Snapshot));

        var link = Entry("create", "technique-reference", "dpo/arxiv-2305-18290", null, Json("""{"technique":"dpo","reference":"arxiv-2305-18290","role":"introduces"}"""));
        Assert.True(alignment.Matches(link, Snapshot));
        Assert.False(efficiency.Matches(link, Snapshot));
        Assert.Equal("linked", ChangeEvents.Primary(link));

        // grpo (reasoning) variant of ppo (alignment): in both subtrees, and a relationship delete is linked and deleted.
        var edge = Entry("delete", "relationship", "103", Json("""{"type":"variant-of","source":"technique:grpo","target":"technique:ppo"}"""), null);
        Assert.True(alignment.Matches(edge, Snapshot));
        Assert.True(reasoning.Matches(edge, Snapshot));
        Assert.False(efficiency.Matches(edge, Snapshot));
        Assert.Equal(["linked", "deleted"], ChangeEvents.Of(edge));

        var roleChange = Entry("update", "technique-reference", "dpo/arxiv-2305-18290",
            Json("""{"technique":"dpo","reference":"arxiv-2305-18290","role":"introduces"}"""), Json("""{"technique":"dpo","reference":"arxiv-2305-18290","role":"uses"}"""));
        Assert.Equal(["updated"], ChangeEvents.Of(roleChange));

        // The LoRA paper is cited by lora (efficiency) only.
        var reference = Entry("update", "reference", "arxiv-2106-09685", Json("""{"slug":"arxiv-2106-09685"}"""), Json("""{"slug":"arxiv-2106-09685"}"""));
        Assert.True(efficiency.Matches(reference, Snapshot));
        Assert.True(Scope(root: "lora").Matches(reference, Snapshot));
        Assert.False(alignment.Matches(reference, Snapshot));

        // Kinds outside the taxonomy tree are in no subtree, but in the whole feed.
        var comparison = Entry("update", "comparison", "alignment-methods", Json("{}"), Json("{}"));
        Assert.False(alignment.Matches(comparison, Snapshot));
        Assert.True(ChangeScope.Everything.Matches(comparison, Snapshot));
    }

    [Fact]
    public void KindEntityAndEventsFilterTogether()
    {
        var dpo = Entry("update", "technique", "dpo", Technique("dpo", "alignment", null), Technique("dpo", "alignment", null));
        var renamed = Entry("update", "technique", "direct-po", Technique("dpo", "alignment", null), Technique("direct-po", "alignment", null));
        var link = Entry("create", "technique-reference", "dpo/arxiv-2305-18290", null, Json("""{"technique":"dpo","reference":"arxiv-2305-18290"}"""));

        Assert.True(Scope(kind: "technique").Matches(dpo, Snapshot));
        Assert.False(Scope(kind: "technique").Matches(link, Snapshot));
        Assert.True(Scope(entity: "technique:dpo").Matches(dpo, Snapshot));
        Assert.True(Scope(entity: "technique:dpo").Matches(renamed, Snapshot));
        Assert.False(Scope(entity: "technique:dpo").Matches(link, Snapshot));
        Assert.True(Scope(entity: "technique-reference:dpo/arxiv-2305-18290", events: "linked").Matches(link, Snapshot));
        Assert.False(Scope(root: "alignment", kind: "technique", events: "created").Matches(dpo, Snapshot));
    }

    [Fact]
    public void BadParametersAreNamedWithTheAllowedValues()
    {
        var errors = new ValidationErrors();
        var scope = ChangeScope.Parse("no-such-node", "techniqe", "technique", ChangeScope.SplitList("created,renamed"), Snapshot, errors);

        Assert.Null(scope);
        var found = errors.ToDictionary();
        Assert.Equal(["entity", "events", "kind", "root"], found.Keys.Order());
        Assert.Contains("alignment", found["root"][0], StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", ChangeKinds.All), found["kind"][0], StringComparison.Ordinal);
        Assert.Contains("'renamed'", found["events"][0], StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", ChangeEvents.All), found["events"][0], StringComparison.Ordinal);

        var wrongKind = new ValidationErrors();
        Assert.Null(ChangeScope.Parse("reference:arxiv-2305-18290", null, null, null, Snapshot, wrongKind));
        Assert.Equal(["root"], wrongKind.ToDictionary().Keys);
        Assert.Null(ChangeScope.Parse(null, null, null, [], Snapshot, new ValidationErrors()));
    }

    [Fact]
    public void AStoredScopeMatchesAsTheParsedOneDidEvenOnceItsRootIsGone()
    {
        var parsed = Scope(root: "rlhf", kind: "technique", events: "deleted,created");
        Assert.Equal("technique:rlhf", parsed.Root);
        Assert.Equal(["created", "deleted"], parsed.Events);
        var stored = ChangeScope.Create(parsed.Root, parsed.Kind, parsed.Entity, parsed.Events);

        var withoutRlhf = SampleTaxonomy.Build((nodes, edges) =>
        {
            nodes.RemoveAll(n => n.Slug is "rlhf" or "ppo");
            edges.RemoveAll(e => e.SourceId is 10 or 11 || e.TargetId is 10 or 11);
        });
        var deleteRlhf = Entry("delete", "technique", "rlhf", Technique("rlhf", "alignment", null), null);
        var deletePpo = Entry("delete", "technique", "ppo", Technique("ppo", "alignment", "rlhf"), null);
        Assert.True(stored.Matches(deleteRlhf, withoutRlhf));
        Assert.True(stored.Matches(deletePpo, withoutRlhf));
        Assert.False(stored.Matches(Entry("delete", "technique", "dpo", Technique("dpo", "alignment", null), null), withoutRlhf));
        Assert.Equal(parsed.ToQuery(), stored.ToQuery());
    }

    private static ChangeScope Scope(string? root = null, string? kind = null, string? entity = null, string? events = null)
    {
        var errors = new ValidationErrors();
        var scope = ChangeScope.Parse(root, kind, entity, ChangeScope.SplitList(events), Snapshot, errors);
        Assert.False(errors.HasErrors, string.Join("; ", errors.ToDictionary().SelectMany(e => e.Value)));
        return scope!;
    }

    private static ChangeEntry Entry(string operation, string kind, string key, JsonElement? before, JsonElement? after) =>
        new(Interlocked.Increment(ref _ids), DateTimeOffset.UnixEpoch, "test", operation, kind, key, before, after, ChangeMapping.UrlOf(kind, key));

    private static JsonElement Technique(string slug, string paradigm, string? parent) =>
        Json(JsonSerializer.Serialize(new { slug, paradigm, parent, kind = "technique", name = new { en = slug } }));

    private static JsonElement Paradigm(string slug) => Json(JsonSerializer.Serialize(new { slug, name = new { en = slug } }));

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
