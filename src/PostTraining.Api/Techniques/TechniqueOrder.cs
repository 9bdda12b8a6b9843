using System.Globalization;
using PostTraining.Api.ReadModel;
using PostTraining.Api.Search;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Techniques;

/// <summary>
/// The orders techniques can be listed in. Each maps a technique to a string key whose ordinal order is the wanted
/// order (ties broken by slug), so one sorted array per order serves every page by binary search (keyset paging).
/// </summary>
public static class TechniqueOrder
{
    public const string Default = "tree";

    public static readonly IReadOnlyList<string> Names = ["tree", "slug", "name-en", "name-zh", "year"];

    // Chinese names sort by pinyin, as a Chinese reader expects; ICU's zh collation gives that order.
    private static readonly CompareInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans").CompareInfo;

    /// <summary>Parses <c>name</c> or <c>-name</c>; false for an unknown order.</summary>
    public static bool TryParse(string? sort, out string name, out bool descending)
    {
        sort = string.IsNullOrWhiteSpace(sort) ? Default : sort.Trim();
        descending = sort.StartsWith('-');
        name = descending ? sort[1..] : sort;
        return Names.Contains(name);
    }

    /// <summary>Ascending order for <paramref name="name"/>; walked backwards for descending (undated items stay last either way).</summary>
    public static IReadOnlyList<(string Key, SnapshotNode Item, string Slug)> Sorted(TaxonomySnapshot snapshot, string name, bool descending) =>
        snapshot.Memo($"techniques:order:{name}:{(descending && name == "year" ? "desc" : "asc")}", s => s.Techniques
            .Select(t => (Key: Key(t, name, descending), Item: t, t.Slug))
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .ThenBy(e => e.Slug, StringComparer.Ordinal)
            .ToArray());

    public static string Key(SnapshotNode t, string name, bool descending = false) => name switch
    {
        "slug" => t.Slug,
        "name-en" => TextFolding.Fold(t.Row.NameEn ?? t.Row.NameZh ?? t.Slug),
        "name-zh" => Convert.ToHexString(Chinese.GetSortKey(t.Row.NameZh ?? t.Row.NameEn ?? t.Slug).KeyData),
        // Techniques without a year come after every dated one, in both directions.
        "year" => t.Row.Year is { } y ? y.ToString("D4", CultureInfo.InvariantCulture) : descending ? "" : "~",
        _ => TreeKey(t),
    };

    /// <summary>Paradigm position, then each ancestor's position and slug, so parents come right before their subtree.</summary>
    private static string TreeKey(SnapshotNode t)
    {
        var parts = new List<string>();
        for (var n = t; n is not null && parts.Count < 64; n = n.Parent?.Kind == NodeKind.Technique ? n.Parent : null)
        {
            parts.Add(Position(n.Row.Position) + n.Slug);
        }

        parts.Add(t.Paradigm is { } p ? Position(p.Row.Position) + p.Slug : "~");
        parts.Reverse();
        // \u0001 sorts below every slug character, so "dpo" and its children precede the sibling "dpo-x".
        return string.Join('\u0001', parts);
    }

    private static string Position(int position) => ((long)position - int.MinValue).ToString("D10", CultureInfo.InvariantCulture);
}
