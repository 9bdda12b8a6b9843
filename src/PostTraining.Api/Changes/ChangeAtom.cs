using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Changes;

/// <summary>
/// Change entries as an Atom (RFC 4287) feed, written by System.ServiceModel.Syndication's Atom 1.0 formatter. Each
/// entry names its entity in English and Chinese, the event, the author (the key's name) and the time, links to the
/// entity (alternate) and to the entry's JSON in the change feed (related), and carries its event types as
/// categories. Links are absolute (<see cref="Http.AbsoluteUrl"/>, so <c>PublicBaseUrl</c> wins).
/// </summary>
internal static class ChangeAtom
{
    public const string MediaType = "application/atom+xml";
    public const string CategoryScheme = "urn:posttraining-api:change-event";

    /// <param name="Scope">What the feed holds.</param>
    /// <param name="Entries">This page's entries, newest first.</param>
    /// <param name="Updated">The newest entry's time (the feed's last change when the page is empty).</param>
    /// <param name="Self">This page's absolute URL.</param>
    /// <param name="First">The newest page of the same scope.</param>
    /// <param name="Next">The page of older entries (RFC 5005 section 3), null on the last.</param>
    /// <param name="Origin">What absolute links start with.</param>
    /// <param name="Explorer">The explorer's view of the scope (rel=alternate, text/html).</param>
    /// <param name="JsonEntry">The absolute URL of one entry in the JSON change feed.</param>
    public sealed record Page(
        ChangeScope Scope, IReadOnlyList<ChangeEntry> Entries, DateTimeOffset Updated, string Self, string First, string? Next,
        string Origin, string Explorer, Func<long, string> JsonEntry);

    public static byte[] Write(Page page, TaxonomySnapshot snapshot)
    {
        var feed = new SyndicationFeed
        {
            // The feed id depends on the scope only, so every page of one feed (and every host name) shares it.
            Id = StableId("feed?" + string.Join('&', page.Scope.ToQuery().Select(p => $"{p.Key}={p.Value}"))),
            Title = new TextSyndicationContent($"PostTraining API changes: {Describe(page.Scope, snapshot)} · 变更"),
            Description = new TextSyndicationContent(
                "Every write to the taxonomy in this scope, newest first; follow rel=next for older entries. · 此范围内对分类体系的每一次写入，最新在前；沿 rel=next 查看更早的条目。"),
            LastUpdatedTime = page.Updated,
            Generator = "PostTraining API",
        };
        feed.Authors.Add(new SyndicationPerson { Name = "PostTraining API" });
        feed.Links.Add(new SyndicationLink(new Uri(page.Self), "self", null, MediaType, 0));
        feed.Links.Add(new SyndicationLink(new Uri(page.First), "first", null, MediaType, 0));
        if (page.Next is not null)
        {
            feed.Links.Add(new SyndicationLink(new Uri(page.Next), "next", null, MediaType, 0));
        }

        feed.Links.Add(new SyndicationLink(new Uri(page.Explorer), "alternate", null, "text/html", 0));
        feed.Items = page.Entries.Select(e => Item(e, page, snapshot)).ToList();

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// An RFC 4122 name-based (version 5) UUID URN: stable for a change id on every host and every page, and a URI no
    /// one else mints (a tag: URI would need a domain or mailbox this software does not own).
    /// </summary>
    public static string StableId(string name)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetByteCount(name)];
        Namespace.TryWriteBytes(input[..16], bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, input[16..]);
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return "urn:uuid:" + new Guid(hash[..16], bigEndian: true).ToString("D");
    }

    private static readonly Guid Namespace = new("5f0c2b1e-7a43-4d5e-9c61-2a8d3e4b7f10");

    private static SyndicationItem Item(ChangeEntry entry, Page page, TaxonomySnapshot snapshot)
    {
        var (en, zh) = Names(entry, snapshot);
        var events = ChangeEvents.Of(entry);
        (string En, string Zh) kind = Kinds.TryGetValue(entry.Kind, out var known) ? known : (entry.Kind, entry.Kind);
        var name = zh is null || zh == en ? en : $"{en} / {zh}";
        var item = new SyndicationItem
        {
            Id = StableId("change/" + entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            // The operation, then the more specific type when there is one: "technique updated (moved)".
            Title = new TextSyndicationContent(events.Count > 1
                ? $"{name}: {kind.En} {events[^1]} ({events[0]}) · {kind.Zh}{EventZh[events[^1]]}（{EventZh[events[0]]}）"
                : $"{name}: {kind.En} {events[0]} · {kind.Zh}{EventZh[events[0]]}"),
            LastUpdatedTime = entry.At,
            Summary = new TextSyndicationContent(Summary(entry, kind, events)),
        };
        item.Authors.Add(new SyndicationPerson { Name = entry.Author });
        // The catalog kinds and relation types have resources the feed's url does not name (it names writable kinds).
        var alternate = entry.Url ?? (entry.Kind == ChangeKinds.RelationType ? $"/api/v1/relation-types/{entry.Key}" : $"/api/v1/{entry.Kind}s/{entry.Key}");
        item.Links.Add(new SyndicationLink(new Uri(page.Origin + alternate), "alternate", null, "application/json", 0));
        item.Links.Add(new SyndicationLink(new Uri(page.JsonEntry(entry.Id)), "related", "The change entry (JSON) · 变更条目", "application/json", 0));
        foreach (var type in events)
        {
            item.Categories.Add(new SyndicationCategory(type, CategoryScheme, null));
        }

        item.Categories.Add(new SyndicationCategory(entry.Kind, "urn:posttraining-api:change-kind", null));
        return item;
    }

    private static string Summary(ChangeEntry entry, (string En, string Zh) kind, IReadOnlyList<string> events)
    {
        var changed = entry is { Before: { } before, After: { } after } ? ChangedMembers(before, after) : [];
        var members = changed.Count == 0 ? "" : $" Changed: {string.Join(", ", changed)}.";
        var membersZh = changed.Count == 0 ? "" : $"变更字段：{string.Join("、", changed)}。";
        return $"{entry.Operation} of {kind.En} '{entry.Key}' by {entry.Author} ({string.Join(", ", events)}).{members} · "
            + $"{entry.Author}{EventZh[events[^1]]}了{kind.Zh} {entry.Key}。{membersZh}";
    }

    /// <summary>Top-level members that differ between before and after, in the order after lists them (then removed ones).</summary>
    private static List<string> ChangedMembers(JsonElement before, JsonElement after)
    {
        if (before.ValueKind != JsonValueKind.Object || after.ValueKind != JsonValueKind.Object)
        {
            return [];
        }

        var old = before.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
        var changed = after.EnumerateObject().Where(p => old.GetValueOrDefault(p.Name) != p.Value.GetRawText()).Select(p => p.Name).ToList();
        changed.AddRange(old.Keys.Where(k => !after.TryGetProperty(k, out _)));
        return changed;
    }

    /// <summary>The entity's English and Chinese names as the entry recorded them, else as the snapshot holds them, else its key.</summary>
    private static (string En, string? Zh) Names(ChangeEntry entry, TaxonomySnapshot snapshot)
    {
        var content = entry.After ?? entry.Before;
        if (content is { ValueKind: JsonValueKind.Object } recorded)
        {
            if (recorded.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.Object)
            {
                var en = name.TryGetProperty("en", out var e) ? e.GetString() : null;
                var zh = name.TryGetProperty("zh", out var z) ? z.GetString() : null;
                if ((en ?? zh) is not null)
                {
                    return (en ?? zh!, zh);
                }
            }

            if (ChangeEvents.Member(recorded, "title") is { } title)
            {
                return (title, null);
            }

            if (ChangeEvents.Member(recorded, "source") is { } source && ChangeEvents.Member(recorded, "target") is { } target)
            {
                var type = ChangeEvents.Member(recorded, "type");
                var (s, t) = (NodeName(source, snapshot), NodeName(target, snapshot));
                return ($"{s.En} {type} {t.En}", $"{s.Zh ?? s.En} {type} {t.Zh ?? t.En}");
            }

            if (ChangeEvents.Member(recorded, "technique") is { } technique && ChangeEvents.Member(recorded, "reference") is { } reference)
            {
                var (t, r) = (NodeName($"technique:{technique}", snapshot), NodeName($"reference:{reference}", snapshot));
                return ($"{t.En} cites {r.En}", $"{t.Zh ?? t.En} 引用 {r.En}");
            }
        }

        return (entry.Key, null);
    }

    private static (string En, string? Zh) NodeName(string key, TaxonomySnapshot snapshot)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && NodeKinds.TryParse(key[..colon], out var kind) && snapshot.TryGetNode(kind, key[(colon + 1)..], out var node))
        {
            return (node.Row.NameEn ?? node.Slug, node.Row.NameZh);
        }

        return (colon > 0 ? key[(colon + 1)..] : key, null);
    }

    private static string Describe(ChangeScope scope, TaxonomySnapshot snapshot)
    {
        var parts = new List<string>();
        if (scope.Root is { } root)
        {
            var (en, zh) = NodeName(root, snapshot);
            parts.Add(zh is null ? $"{en} subtree" : $"{en} subtree (子树 {zh})");
        }

        if (scope.Kind is { } kind)
        {
            parts.Add($"kind {kind}");
        }

        if (scope.Entity is { } entity)
        {
            parts.Add(entity);
        }

        if (scope.Events is { } events)
        {
            parts.Add(string.Join("/", events));
        }

        return parts.Count == 0 ? "everything" : string.Join(", ", parts);
    }

    private static readonly Dictionary<string, (string En, string Zh)> Kinds = new(StringComparer.Ordinal)
    {
        [ChangeKinds.Paradigm] = ("paradigm", "范式"),
        [ChangeKinds.Technique] = ("technique", "技术"),
        [ChangeKinds.Reference] = ("reference", "文献"),
        [ChangeKinds.Relationship] = ("relationship", "关系"),
        [ChangeKinds.TechniqueReference] = ("technique-reference link", "技术文献关联"),
        [ChangeKinds.Formula] = ("formula", "公式"),
        [ChangeKinds.Comparison] = ("comparison", "对比表"),
        [ChangeKinds.Model] = ("model", "模型"),
        [ChangeKinds.Dataset] = ("dataset", "数据集"),
        [ChangeKinds.Limitation] = ("limitation", "局限"),
        [ChangeKinds.Application] = ("application", "应用"),
        [ChangeKinds.RelationType] = ("relation type", "关系类型"),
    };

    private static readonly Dictionary<string, string> EventZh = new(StringComparer.Ordinal)
    {
        [ChangeEvents.Created] = "创建",
        [ChangeEvents.Updated] = "更新",
        [ChangeEvents.Deleted] = "删除",
        [ChangeEvents.Moved] = "移动",
        [ChangeEvents.Linked] = "关联",
    };
}
