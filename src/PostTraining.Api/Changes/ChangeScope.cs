using System.Text.Json;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Changes;

/// <summary>
/// What a subscriber wants of the change feed (the Atom feeds, the SSE stream and webhooks share this one definition):
/// a subtree (<c>root</c>: a paradigm or technique slug), a <c>kind</c>, one <c>entity</c> (<c>kind:key</c>) and the
/// <c>events</c> types (see <see cref="ChangeEvents"/>). Every filter given must hold; none given is the whole feed.
/// </summary>
/// <remarks>
/// The subtree of a root is every change to a technique under it (a technique whose paradigm is the root paradigm, or
/// whose ancestor chain holds the root technique, the root itself included; for a paradigm root, the paradigm too),
/// to a formula of such a technique, to a technique-reference link of one, to a relationship with an end in the
/// subtree (an end may be the root paradigm itself), and to a reference one of its techniques cites.
/// A technique's entries are judged by what they recorded (the <c>paradigm</c> and <c>parent</c> members of before and
/// after), so a delete still counts after the node is gone, and a move counts for the subtree it left and the one it
/// joined; the snapshot gives the ancestor chain above the recorded parent and the ends of entries that record only
/// slugs (a formula's technique, a relationship's ends). A reference's own entries record no technique: they count
/// while the snapshot shows a technique of the subtree citing it (its links' entries count by their technique).
/// What the snapshot no longer holds cannot be placed: a dependent of a deleted technique (a grandchild removed with its
/// whole branch, a relationship removed with its end) counts when its recorded member names the root or a node the
/// snapshot still places in the subtree.
/// </remarks>
public sealed class ChangeScope
{
    private ChangeScope(NodeKind? rootKind, string? rootSlug, string? kind, string? entityKind, string? entityKey, IReadOnlyList<string>? events)
    {
        RootKind = rootKind;
        RootSlug = rootSlug;
        Kind = kind;
        EntityKind = entityKind;
        EntityKey = entityKey;
        Events = events;
    }

    /// <summary>The whole feed: no filter.</summary>
    public static ChangeScope Everything { get; } = new(null, null, null, null, null, null);

    /// <summary><see cref="NodeKind.Paradigm"/> or <see cref="NodeKind.Technique"/> when the scope is a subtree.</summary>
    public NodeKind? RootKind { get; }

    public string? RootSlug { get; }

    /// <summary>The root as <c>kind:slug</c> (e.g. <c>paradigm:alignment</c>), the form to store and hand back to <see cref="Create"/>.</summary>
    public string? Root => RootKind is { } kind ? $"{(kind == NodeKind.Paradigm ? ChangeKinds.Paradigm : ChangeKinds.Technique)}:{RootSlug}" : null;

    /// <summary>One of <see cref="ChangeKinds.All"/>.</summary>
    public string? Kind { get; }

    public string? EntityKind { get; }
    public string? EntityKey { get; }

    /// <summary>The entity as given, <c>kind:key</c>.</summary>
    public string? Entity => EntityKind is null ? null : $"{EntityKind}:{EntityKey}";

    /// <summary>The event types wanted, in <see cref="ChangeEvents.All"/> order; null for all of them.</summary>
    public IReadOnlyList<string>? Events { get; }

    /// <summary>
    /// Reads the scope parameters (query parameters or body members of the same names); each problem goes into
    /// <paramref name="errors"/> under the parameter's name, with the allowed values, and the answer is null.
    /// <paramref name="events"/> is the list as given (a query's comma-separated value split by <see cref="SplitList"/>).
    /// </summary>
    /// <remarks>
    /// An unknown root is a 400 on <c>root</c> like any other bad value, not a 404: the resource asked for (the feed,
    /// the stream, a subscription) exists; it is the filter that names nothing, and a 404 would read as "no such feed".
    /// The root must exist when the scope is made (a subtree is placed through the snapshot); an entity need not, so
    /// a deleted entity's entries can still be followed (as its history can).
    /// </remarks>
    public static ChangeScope? Parse(string? root, string? kind, string? entity, IReadOnlyList<string>? events, TaxonomySnapshot snapshot, ValidationErrors errors)
    {
        var failed = false;
        void Fail(string member, string message)
        {
            errors.Add(member, message);
            failed = true;
        }

        NodeKind? rootKind = null;
        string? rootSlug = null;
        if (root is not null)
        {
            (rootKind, rootSlug) = ParseRoot(root, snapshot, errors);
            failed = rootKind is null;
        }

        if (kind is not null && !ChangeKinds.All.Contains(kind, StringComparer.Ordinal))
        {
            Fail("kind", $"'{kind}' is not a change kind. Allowed: {string.Join(", ", ChangeKinds.All)}.");
        }

        string? entityKind = null, entityKey = null;
        if (entity is not null)
        {
            var colon = entity.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == entity.Length - 1 || !ChangeKinds.All.Contains(entity[..colon], StringComparer.Ordinal))
            {
                Fail("entity", $"'{entity}' is not '<kind>:<key>' (e.g. technique:dpo, relationship:12, technique-reference:dpo/arxiv-2305-18290). Kinds: {string.Join(", ", ChangeKinds.All)}.");
            }
            else
            {
                (entityKind, entityKey) = (entity[..colon], entity[(colon + 1)..]);
            }
        }

        IReadOnlyList<string>? wanted = null;
        if (events is not null)
        {
            var unknown = events.Where(e => !ChangeEvents.All.Contains(e, StringComparer.Ordinal)).ToList();
            if (unknown.Count > 0 || events.Count == 0)
            {
                Fail("events", $"{(unknown.Count > 0 ? $"Unknown event type(s): {string.Join(", ", unknown.Select(u => $"'{u}'"))}." : "No event type given.")} Allowed: {string.Join(", ", ChangeEvents.All)}.");
            }
            else
            {
                wanted = [.. ChangeEvents.All.Where(events.Contains)];
            }
        }

        return failed ? null : new ChangeScope(rootKind, rootSlug, kind, entityKind, entityKey, wanted);
    }

    /// <summary>A query parameter's comma-separated list (<c>events=created,deleted</c>); null when absent.</summary>
    public static IReadOnlyList<string>? SplitList(string? value) =>
        value?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>
    /// A scope from values <see cref="Parse"/> accepted earlier and that were stored (<see cref="Root"/>, <see cref="Kind"/>,
    /// <see cref="Entity"/>, <see cref="Events"/>): no snapshot check, since the root may be gone by now and its
    /// subscribers still want its deletes.
    /// </summary>
    public static ChangeScope Create(string? root, string? kind, string? entity, IReadOnlyList<string>? events)
    {
        NodeKind? rootKind = null;
        string? rootSlug = null;
        if (root is not null)
        {
            var colon = root.IndexOf(':', StringComparison.Ordinal);
            rootKind = root[..Math.Max(colon, 0)] == ChangeKinds.Technique ? NodeKind.Technique : NodeKind.Paradigm;
            rootSlug = root[(colon + 1)..];
        }

        var entityColon = entity?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return new ChangeScope(rootKind, rootSlug, kind,
            entityColon > 0 ? entity![..entityColon] : null, entityColon > 0 ? entity![(entityColon + 1)..] : null,
            events is null ? null : [.. ChangeEvents.All.Where(events.Contains)]);
    }

    /// <summary>The scope as query parameters (<c>root</c> as <c>kind:slug</c>), for links to more of the same.</summary>
    public IEnumerable<KeyValuePair<string, string?>> ToQuery()
    {
        if (RootSlug is not null)
        {
            yield return new("root", Root);
        }

        if (Kind is not null)
        {
            yield return new("kind", Kind);
        }

        if (Entity is not null)
        {
            yield return new("entity", Entity);
        }

        if (Events is not null)
        {
            yield return new("events", string.Join(',', Events));
        }
    }

    /// <summary>Whether the change falls in the scope; <paramref name="snapshot"/> places what the entry does not record.</summary>
    public bool Matches(ChangeEntry entry, TaxonomySnapshot snapshot)
    {
        if (Kind is not null && entry.Kind != Kind)
        {
            return false;
        }

        if (EntityKind is not null && !IsEntity(entry))
        {
            return false;
        }

        if (Events is not null && !ChangeEvents.Of(entry).Any(Events.Contains))
        {
            return false;
        }

        return RootKind is null || InSubtree(entry, snapshot);
    }

    // The entry's key, or the slug it had before or after a rename (the feed keys a rename by its new slug).
    private bool IsEntity(ChangeEntry entry) =>
        entry.Kind == EntityKind
        && (entry.Key == EntityKey || ChangeEvents.Member(entry.Before, "slug") == EntityKey || ChangeEvents.Member(entry.After, "slug") == EntityKey);

    private bool InSubtree(ChangeEntry entry, TaxonomySnapshot snapshot)
    {
        switch (entry.Kind)
        {
            case ChangeKinds.Paradigm:
                return RootKind == NodeKind.Paradigm && (entry.Key == RootSlug || Recorded(entry, "slug").Contains(RootSlug));
            case ChangeKinds.Technique:
                return Recorded(entry).Any(content => TechniqueInSubtree(
                    ChangeEvents.Member(content, "slug") ?? entry.Key, ChangeEvents.Member(content, "paradigm"), ChangeEvents.Member(content, "parent"), snapshot));
            case ChangeKinds.Formula:
            case ChangeKinds.TechniqueReference:
                var owners = Recorded(entry, "technique").ToList();
                if (entry.Kind == ChangeKinds.TechniqueReference && entry.Key.Split('/') is [var technique, _])
                {
                    owners.Add(technique);
                }
                else if (entry.Kind == ChangeKinds.Formula && snapshot.TryGetNode(NodeKind.Formula, entry.Key, out var formula) && formula.Technique is { } owner)
                {
                    owners.Add(owner.Slug);
                }

                return owners.Any(t => TechniqueInSubtree(t, null, null, snapshot));
            case ChangeKinds.Relationship:
                var ends = Recorded(entry, "source").Concat(Recorded(entry, "target")).ToList();
                if (long.TryParse(entry.Key, System.Globalization.CultureInfo.InvariantCulture, out var id) && snapshot.TryGetRelationship(id, out var edge))
                {
                    ends.Add(edge.Source.Key);
                    ends.Add(edge.Target.Key);
                }

                return ends.Any(end => EndInSubtree(end, snapshot));
            case ChangeKinds.Reference:
                return snapshot.TryGetNode(NodeKind.Reference, entry.Key, out var reference)
                    && reference.CitedBy.Any(link => NodeInSubtree(link.Other));
            default:
                // Comparisons, relation types and the catalog kinds belong to no subtree.
                return false;
        }
    }

    private static IEnumerable<JsonElement> Recorded(ChangeEntry entry) =>
        new[] { entry.Before, entry.After }.Where(c => c is { ValueKind: JsonValueKind.Object }).Select(c => c!.Value);

    private static IEnumerable<string> Recorded(ChangeEntry entry, string member) =>
        Recorded(entry).Select(c => ChangeEvents.Member(c, member)).OfType<string>();

    private bool EndInSubtree(string end, TaxonomySnapshot snapshot)
    {
        var colon = end.IndexOf(':', StringComparison.Ordinal);
        var (kind, slug) = colon < 0 ? (null, end) : (end[..colon], end[(colon + 1)..]);
        return kind switch
        {
            ChangeKinds.Technique => TechniqueInSubtree(slug, null, null, snapshot),
            ChangeKinds.Paradigm => RootKind == NodeKind.Paradigm && slug == RootSlug,
            _ => false,
        };
    }

    /// <summary>
    /// A technique, by its slug and what an entry recorded of its place (either may be null): the recorded place wins,
    /// since it is where the technique was when the change happened; else the snapshot's.
    /// </summary>
    private bool TechniqueInSubtree(string slug, string? paradigm, string? parent, TaxonomySnapshot snapshot)
    {
        if (RootKind == NodeKind.Technique && slug == RootSlug)
        {
            return true;
        }

        if (paradigm is not null || parent is not null)
        {
            if (RootKind == NodeKind.Paradigm && paradigm is not null)
            {
                return paradigm == RootSlug;
            }

            return parent is not null && (parent == RootSlug
                || (snapshot.TryGetNode(NodeKind.Technique, parent, out var above) && NodeInSubtree(above)));
        }

        return snapshot.TryGetNode(NodeKind.Technique, slug, out var node) && NodeInSubtree(node);
    }

    /// <summary>A node of the snapshot: a technique under the root (itself included), or the root paradigm.</summary>
    private bool NodeInSubtree(SnapshotNode node) => RootKind switch
    {
        NodeKind.Paradigm => node.Kind == NodeKind.Paradigm ? node.Slug == RootSlug : node.Paradigm?.Slug == RootSlug,
        NodeKind.Technique => node.Kind == NodeKind.Technique && (node.Slug == RootSlug || node.Ancestors().Any(a => a.Slug == RootSlug)),
        _ => false,
    };

    private static (NodeKind?, string?) ParseRoot(string root, TaxonomySnapshot snapshot, ValidationErrors errors)
    {
        // As the taxonomy's root parameter: a bare slug is a paradigm first, else a technique; 'kind:slug' says which.
        var colon = root.IndexOf(':', StringComparison.Ordinal);
        var (kind, slug) = colon >= 0 ? (root[..colon], root[(colon + 1)..]) : (null, root);
        if (kind is null or ChangeKinds.Paradigm && snapshot.TryGetNode(NodeKind.Paradigm, slug, out _))
        {
            return (NodeKind.Paradigm, slug);
        }

        if (kind is null or ChangeKinds.Technique && snapshot.TryGetNode(NodeKind.Technique, slug, out _))
        {
            return (NodeKind.Technique, slug);
        }

        errors.Add("root", kind is null or ChangeKinds.Paradigm or ChangeKinds.Technique
            ? $"There is no paradigm or technique '{slug}'. Allowed: a paradigm ({string.Join(", ", snapshot.Paradigms.Select(p => p.Slug))}) or a technique slug (see /api/v1/techniques), optionally as paradigm:<slug> or technique:<slug>."
            : $"'{kind}' cannot be a root; a root is a paradigm or technique slug, optionally as paradigm:<slug> or technique:<slug>.");
        return (null, null);
    }
}
