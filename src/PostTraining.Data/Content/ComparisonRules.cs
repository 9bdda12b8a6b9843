using System.Globalization;
using System.Text.Json;
using PostTraining.Data.Entities;
using PostTraining.Data.Seed;

namespace PostTraining.Data.Content;

/// <summary>
/// What makes a comparison's content valid, checked the same way for a data file and a write: unique axis and value
/// slugs, rows about entities that exist (once each), cells on existing axes holding values their axis allows (a
/// choice axis names the ones it allows), numbers on number axes. Problems are keyed by the member's path, with axes,
/// rows and cells named by their slug: <c>rows[dpo].cells[reward-model].values</c>.
/// </summary>
public static class ComparisonRules
{
    /// <summary>A row's entity as content spells it: a technique by its slug, anything else as kind:slug.</summary>
    public static string EntityKey(NodeKind kind, string slug) => kind == NodeKind.Technique ? slug : Wire.NodeKey(kind, slug);

    public static bool TryParseEntityKey(string? key, out NodeKind kind, out string slug)
    {
        kind = NodeKind.Technique;
        slug = key ?? "";
        var colon = slug.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && !Wire.NodeKinds.TryParse(slug[..colon], out kind))
        {
            return false;
        }

        slug = slug[(colon + 1)..];
        return Slugs.IsValid(slug);
    }

    /// <summary>A stored cell value (text in the database) as the JSON a client reads: numbers as numbers.</summary>
    public static JsonElement ValueElement(ComparisonAxisType type, string stored) =>
        type == ComparisonAxisType.Number && double.TryParse(stored, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? JsonSerializer.SerializeToElement(number)
            : JsonSerializer.SerializeToElement(stored);

    /// <summary>A checked cell value as stored: a number in its shortest round-trip form, else the string.</summary>
    public static string StoredValue(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("R", CultureInfo.InvariantCulture) : value.GetString() ?? "";

    /// <summary>
    /// Every problem of <paramref name="c"/>; <paramref name="exists"/> says whether an entity (a row's, or a reference)
    /// is held.
    /// </summary>
    public static List<(string Member, string Message)> Check(ComparisonContent c, Func<NodeKind, string, bool> exists)
    {
        var problems = new List<(string, string)>();
        void Problem(string member, string message) => problems.Add((member, message));

        if (!Slugs.IsValid(c.Slug))
        {
            Problem("slug", "Required: lowercase letters and digits joined by single hyphens, at most 80 characters.");
        }

        RequireBoth(c.Name, "name", Problem);
        if (c.Source?.Reference is { } sourceReference && !exists(NodeKind.Reference, sourceReference))
        {
            Problem("source.reference", $"There is no reference '{sourceReference}'.");
        }

        var axes = new Dictionary<string, ComparisonAxisContent>(StringComparer.Ordinal);
        for (var i = 0; i < (c.Axes?.Count ?? 0); i++)
        {
            var axis = c.Axes![i];
            var at = $"axes[{axis.Slug ?? i.ToString(CultureInfo.InvariantCulture)}]";
            if (!Slugs.IsValid(axis.Slug))
            {
                Problem($"{at}.slug", "Required: lowercase letters and digits joined by single hyphens.");
                continue;
            }

            if (!axes.TryAdd(axis.Slug!, axis))
            {
                Problem($"{at}.slug", $"The comparison has the axis '{axis.Slug}' already.");
            }

            RequireBoth(axis.Name, $"{at}.name", Problem);
            if (!Wire.ComparisonAxisTypes.TryParse(axis.Type, out var type))
            {
                Problem($"{at}.type", $"Required: one of {string.Join(", ", Wire.ComparisonAxisTypes.Names)}.");
            }
            else if (type == ComparisonAxisType.Choice && (axis.Values is null || axis.Values.Count == 0))
            {
                Problem($"{at}.values", "A choice axis lists the values its cells may hold.");
            }
            else if (type != ComparisonAxisType.Choice && axis.Values is { Count: > 0 })
            {
                Problem($"{at}.values", $"Only a choice axis lists values; this one is {axis.Type}.");
            }

            var valueSlugs = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in axis.Values ?? [])
            {
                if (!Slugs.IsValid(value.Slug) || !valueSlugs.Add(value.Slug!))
                {
                    Problem($"{at}.values", $"'{value.Slug}' is not a valid slug or is listed twice.");
                }
            }
        }

        var entities = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (c.Rows?.Count ?? 0); i++)
        {
            var row = c.Rows![i];
            var at = $"rows[{row.Technique ?? i.ToString(CultureInfo.InvariantCulture)}]";
            if (!TryParseEntityKey(row.Technique, out var kind, out var slug))
            {
                Problem($"{at}.technique", "Required: a technique slug, or kind:slug of another entity (model:instructgpt).");
            }
            else if (!exists(kind, slug))
            {
                Problem($"{at}.technique", $"There is no {Wire.NodeKinds.Name(kind)} '{slug}'.");
            }
            else if (!entities.Add(EntityKey(kind, slug)))
            {
                Problem($"{at}.technique", $"The comparison has a row for '{row.Technique}' already.");
            }

            if (row.Reference is { } reference && !exists(NodeKind.Reference, reference))
            {
                Problem($"{at}.reference", $"There is no reference '{reference}'.");
            }

            var cellAxes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var cell in row.Cells ?? [])
            {
                CheckCell(cell, $"{at}.cells[{cell.Axis}]", axes, cellAxes, Problem);
            }
        }

        return problems;
    }

    private static void CheckCell(ComparisonCellContent cell, string at, Dictionary<string, ComparisonAxisContent> axes, HashSet<string> seen, Action<string, string> problem)
    {
        if (cell.Axis is null || !axes.TryGetValue(cell.Axis, out var axis))
        {
            problem($"{at}.axis", $"There is no axis '{cell.Axis}'. Axes: {string.Join(", ", axes.Keys)}.");
            return;
        }

        if (!seen.Add(cell.Axis))
        {
            problem($"{at}.axis", $"The row has a cell on '{cell.Axis}' already.");
        }

        if (cell.Values is not { Count: > 0 } values)
        {
            problem($"{at}.values", "Required: at least one value (a cell the table leaves empty has no entry).");
            return;
        }

        var type = Wire.ComparisonAxisTypes.Parse(axis.Type, ComparisonAxisType.Text);
        if (type == ComparisonAxisType.Choice)
        {
            var allowed = (axis.Values ?? []).Select(v => v.Slug).OfType<string>().ToList();
            foreach (var value in values)
            {
                if (value.ValueKind != JsonValueKind.String || !allowed.Contains(value.GetString()!, StringComparer.Ordinal))
                {
                    problem($"{at}.values",
                        $"{value.GetRawText()} is not a value of the axis '{cell.Axis}'. Allowed values: {string.Join(", ", allowed)}.");
                }
            }
        }
        else if (values.Count != 1 || values[0].ValueKind != (type == ComparisonAxisType.Number ? JsonValueKind.Number : JsonValueKind.String))
        {
            problem($"{at}.values", type == ComparisonAxisType.Number
                ? $"The axis '{cell.Axis}' is a number axis: one JSON number."
                : $"The axis '{cell.Axis}' is a text axis: one string.");
        }
    }

    private static void RequireBoth(LocalizedText? name, string member, Action<string, string> problem)
    {
        if (string.IsNullOrWhiteSpace(name?.En) || string.IsNullOrWhiteSpace(name?.Zh))
        {
            problem(member, "Required in English and Chinese ({\"en\": ..., \"zh\": ...}).");
        }
    }
}
