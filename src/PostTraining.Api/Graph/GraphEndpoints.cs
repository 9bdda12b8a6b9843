using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Graph;

public static class GraphEndpoints
{
    public const int MaxDepth = 3;
    public const int MaxHops = 6;
    public const int MaxPaths = 20;
    public const int MaxNeighbors = 1000;

    public static IEndpointRouteBuilder MapGraph(this IEndpointRouteBuilder app)
    {
        var techniques = app.MapReadGroup("/techniques", "Graph");
        techniques.MapRead("/{slug}/neighbors", GetNeighbors, "getNeighbors", "Entities around a technique",
                $"Every entity within `depth` hops (1 to {MaxDepth}) of a technique over its relationships in both directions " +
                "and the taxonomy tree (type `broader`), with the edges between them; `types` limits the relation types walked.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        techniques.MapRead("/{slug}/reading-order", GetReadingOrder, "getReadingOrder", "What to read before a technique",
                "The technique's prerequisites, theirs and so on, prerequisites first: it follows relation types flagged " +
                "`prerequisite` (such as builds-on, extends, variant-of) from the technique to their targets. Cycles are " +
                "reported and broken. Each step lists the references that introduce or define it.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var paths = app.MapReadGroup("/paths", "Graph");
        paths.MapRead("/", GetPaths, "findPaths", "How two entities are related",
                "The shortest typed paths between two entities (up to `maxHops`, at most " + MaxHops + "), walking relationships " +
                "either way and the taxonomy tree (type `broader`). Each hop is named in the direction walked: the type's " +
                "name forward, its inverse name backwards. An empty `paths` means none within `maxHops`.")
            .ProducesValidationProblem();

        return app;
    }

    /// <summary>Entities around a technique.</summary>
    public static Results<BodyResult<Neighborhood>, ValidationProblem, ProblemHttpResult> GetNeighbors(
        [Description("Technique slug, e.g. dpo.")] string slug,
        [Description("Hops from the technique, 1 to 3.")][Range(1, MaxDepth)][DefaultValue(1)] int? depth,
        [Description("Relation types to walk, comma-separated (broader is the taxonomy tree); all when absent.")] string? types,
        SnapshotHolder snapshots)
    {
        var snapshot = snapshots.Required;
        var hops = depth ?? 1;
        if (hops is < 1 or > MaxDepth)
        {
            return Problems.Invalid("depth", $"Must be between 1 and {MaxDepth}; got {hops}.");
        }

        if (!TryTypes(snapshot, types, out var typeSet, out var typeProblem))
        {
            return typeProblem!;
        }

        if (!snapshot.TryGetNode(NodeKind.Technique, slug, out var center))
        {
            return Problems.NotFound("technique", slug);
        }

        CachedBody Build()
        {
            var found = Neighborhoods.Around(center, hops, typeSet, MaxNeighbors);
            var result = new Neighborhood(
                center.ToLink(),
                hops,
                typeSet?.Order(StringComparer.Ordinal).ToArray(),
                found.Nodes.Select(n => new NeighborNode(n.Node.KindName, n.Node.Slug, n.Node.Name(), n.Distance, n.Node.Url)).ToArray(),
                found.Edges.Select(e => new NeighborEdge(e.Edge?.Id, e.Type, e.Name, e.Source.Key, e.Target.Key)).ToArray(),
                found.Truncated);
            return ApiJson.Body(result, GraphJson.Context.Neighborhood);
        }

        var typeKey = typeSet is null ? "" : string.Join(',', typeSet.Order(StringComparer.Ordinal));
        return new BodyResult<Neighborhood>(snapshot.Answer($"neighbors\n{slug}\n{hops}\n{typeKey}", Build));
    }

    /// <summary>Shortest typed paths between two entities.</summary>
    public static Results<BodyResult<PathResults>, ValidationProblem> GetPaths(
        [Description("Start: kind:slug, or a technique slug, e.g. dpo.")][Required] string? from,
        [Description("End: kind:slug, or a technique slug, e.g. ppo.")][Required] string? to,
        [Description("Longest path to look for, 1 to 6 hops.")][Range(1, MaxHops)][DefaultValue(4)] int? maxHops,
        [Description("Relation types to walk, comma-separated (broader is the taxonomy tree); all when absent.")] string? types,
        [Description("Most paths to return, 1 to 20.")][Range(1, MaxPaths)][DefaultValue(10)] int? limit,
        SnapshotHolder snapshots)
    {
        var snapshot = snapshots.Required;
        if (string.IsNullOrWhiteSpace(from))
        {
            return Problems.Invalid("from", "Required: the entity to start from, e.g. dpo or technique:dpo.");
        }

        if (string.IsNullOrWhiteSpace(to))
        {
            return Problems.Invalid("to", "Required: the entity to reach, e.g. ppo or technique:ppo.");
        }

        var hops = maxHops ?? 4;
        if (hops is < 1 or > MaxHops)
        {
            return Problems.Invalid("maxHops", $"Must be between 1 and {MaxHops}; got {hops}.");
        }

        var count = limit ?? 10;
        if (count is < 1 or > MaxPaths)
        {
            return Problems.Invalid("limit", $"Must be between 1 and {MaxPaths}; got {count}.");
        }

        if (!TryTypes(snapshot, types, out var typeSet, out var typeProblem))
        {
            return typeProblem!;
        }

        if (!NodeReference.TryResolve(snapshot, from, NodeKind.Technique, out var start, out var fromError))
        {
            return Problems.Invalid("from", fromError);
        }

        if (!NodeReference.TryResolve(snapshot, to, NodeKind.Technique, out var end, out var toError))
        {
            return Problems.Invalid("to", toError);
        }

        var typeKey = typeSet is null ? "" : string.Join(',', typeSet.Order(StringComparer.Ordinal));
        var key = $"paths\n{start.Key}\n{end.Key}\n{hops}\n{count}\n{typeKey}";
        if (snapshot.TryGetAnswer<CachedBody>(key, out var cached))
        {
            return new BodyResult<PathResults>(cached);
        }

        // In a dense graph a long search would tie up a core; past the cap it is refused, naming what to narrow.
        var search = PathFinder.Search(start, end, hops, typeSet, count, PathFinder.DefaultMaxVisited);
        if (search.TooBroad)
        {
            return Problems.Invalid(
                "maxHops",
                $"The graph between '{start.Key}' and '{end.Key}' is too dense to search within {hops} hops: more than " +
                $"{PathFinder.DefaultMaxVisited:N0} entities would be visited. Ask for fewer hops or fewer types.");
        }

        var found = search.Paths;
        var result = new PathResults(
            start.ToLink(),
            end.ToLink(),
            hops,
            typeSet?.Order(StringComparer.Ordinal).ToArray(),
            found.Select(p => new GraphPath(p.Steps.Count, ToHops(p))).ToArray());
        return new BodyResult<PathResults>(snapshot.Answer(key, () => ApiJson.Body(result, GraphJson.Context.PathResults)));
    }

    /// <summary>What to read before a technique.</summary>
    public static Results<BodyResult<ReadingOrder>, ValidationProblem, ProblemHttpResult> GetReadingOrder(
        [Description("Technique slug, e.g. dpo.")] string slug,
        [Description("Relation types to follow, comma-separated; by default those flagged prerequisite.")] string? types,
        SnapshotHolder snapshots)
    {
        var snapshot = snapshots.Required;
        if (!TryTypes(snapshot, types, out var typeSet, out var typeProblem))
        {
            return typeProblem!;
        }

        if (!snapshot.TryGetNode(NodeKind.Technique, slug, out var technique))
        {
            return Problems.NotFound("technique", slug);
        }

        var followed = typeSet ?? snapshot.RelationTypes.Where(t => t.Prerequisite).Select(t => t.Slug).ToHashSet(StringComparer.Ordinal);
        CachedBody Build()
        {
            var plan = ReadingOrderPlanner.For(technique, followed);
            var steps = plan.Order.Select((n, i) => new ReadingStep(
                i + 1,
                n.KindName,
                n.Slug,
                n.Name(),
                n.Url,
                plan.PrerequisiteOf.TryGetValue(n, out var dependents) ? dependents.Select(d => d.Key).ToArray() : [],
                n.References.Where(l => l.Role is ReferenceRole.Introduces or ReferenceRole.Defines).Select(l => l.Other.Slug).ToArray()))
                .ToArray();
            var result = new ReadingOrder(
                technique.ToLink(),
                followed.Order(StringComparer.Ordinal).ToArray(),
                steps,
                plan.Cycles.Select(c => (IReadOnlyList<string>)c.Select(n => n.Key).ToArray()).ToArray());
            return ApiJson.Body(result, GraphJson.Context.ReadingOrder);
        }

        var typeKey = typeSet is null ? "" : string.Join(',', typeSet.Order(StringComparer.Ordinal));
        return new BodyResult<ReadingOrder>(snapshot.Answer($"reading-order\n{slug}\n{typeKey}", Build));
    }

    private static PathHop[] ToHops(FoundPath path)
    {
        var hops = new PathHop[path.Steps.Count];
        var at = path.Start;
        for (var i = 0; i < hops.Length; i++)
        {
            var step = path.Steps[i];
            hops[i] = new PathHop(at.ToLink(), step.To.ToLink(), step.Type, step.Name, step.Forward ? "forward" : "inverse", step.Edge?.Id);
            at = step.To;
        }

        return hops;
    }

    private static bool TryTypes(TaxonomySnapshot snapshot, string? types, out HashSet<string>? set, out ValidationProblem? problem)
    {
        set = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(types))
        {
            return true;
        }

        set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (type != GraphSteps.TreeType && !snapshot.TryGetRelationType(type, out _))
            {
                problem = Problems.Invalid("types", $"There is no relation type '{type}'. See /api/v1/relation-types (broader is the taxonomy tree).");
                return false;
            }

            set.Add(type);
        }

        return true;
    }
}
