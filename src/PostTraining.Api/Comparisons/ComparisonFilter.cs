using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Comparisons;

/// <summary>
/// The technique list's <c>comparison</c> and <c>where</c> parameters: only the techniques with a row in the
/// comparison whose cells match every term. Syntax: <c>where=axis:value,axis:value</c>, terms joined by commas all
/// hold; <c>axis:a|b</c> takes either value; a choice cell naming several values matches each. A number axis takes
/// <c>axis:4</c>, <c>axis:&lt;=4</c>, <c>&gt;=</c>, <c>&lt;</c> or <c>&gt;</c>; a text axis matches a case-insensitive part of
/// the printed text. Unknown comparisons, axes and values are 400s that name them and list what is allowed.
/// </summary>
public static class ComparisonFilter
{
    public const string ComparisonText =
        "Only techniques with a row in this comparison (slug), e.g. alignment-methods; see /api/v1/comparisons.";

    public const string WhereText =
        "With comparison: terms axis:value, comma-separated, all of which must hold, e.g. " +
        "reference-model:free,optimization:offline. axis:a|b takes either value; a number axis takes axis:4, axis:<=4, " +
        ">=, < or >, e.g. weight-bits:<=4; a text axis matches part of the printed text, e.g. teacher-models:gpt-4.";

    /// <summary>Null when neither parameter is given; else the test, or the 400 naming what is wrong.</summary>
    public static bool TryParse(TaxonomySnapshot snapshot, string? comparison, string? where,
        out Func<SnapshotNode, bool>? keep, out ValidationProblem? problem)
    {
        keep = null;
        problem = null;
        if (comparison is null)
        {
            if (where is not null)
            {
                problem = Problems.Invalid("where", "Needs comparison=<slug>: the axes belong to a comparison.");
            }

            return problem is null;
        }

        if (!snapshot.TryGetComparison(comparison, out var table))
        {
            problem = Problems.Invalid("comparison",
                $"There is no comparison '{comparison}'. Comparisons: {string.Join(", ", snapshot.Comparisons.Select(c => c.Slug))}.");
            return false;
        }

        var tests = new List<Func<SnapshotComparisonRow, bool>>();
        var errors = new ValidationErrors();
        foreach (var term in (where ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Term(table, term, errors) is { } test)
            {
                tests.Add(test);
            }
        }

        if (errors.HasErrors)
        {
            problem = Problems.Invalid(errors);
            return false;
        }

        var rows = table.Rows.Where(r => tests.All(t => t(r))).Select(r => r.Node.Id).ToHashSet();
        keep = t => rows.Contains(t.Id);
        return true;
    }

    private static Func<SnapshotComparisonRow, bool>? Term(SnapshotComparison table, string term, ValidationErrors errors)
    {
        var colon = term.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == term.Length - 1)
        {
            errors.Add("where", $"'{term}' is not axis:value.");
            return null;
        }

        var (axisSlug, wanted) = (term[..colon], term[(colon + 1)..]);
        if (!table.TryGetAxis(axisSlug, out var axis))
        {
            errors.Add("where", $"The comparison '{table.Slug}' has no axis '{axisSlug}'. Axes: {string.Join(", ", table.Axes.Select(a => a.Slug))}.");
            return null;
        }

        return axis.Type switch
        {
            ComparisonAxisType.Choice => Choice(table, axis, wanted, errors),
            ComparisonAxisType.Number => Number(axis, wanted, errors),
            _ => row => row.TryGetCell(axis.Slug, out var cell) && (cell.Printed ?? "").Contains(wanted, StringComparison.OrdinalIgnoreCase),
        };
    }

    private static Func<SnapshotComparisonRow, bool>? Choice(SnapshotComparison table, ComparisonAxis axis, string wanted, ValidationErrors errors)
    {
        var values = wanted.Split('|', StringSplitOptions.TrimEntries);
        var allowed = axis.Values.Select(v => v.Slug).ToList();
        var unknown = values.Where(v => !allowed.Contains(v, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("where", $"{string.Join(", ", unknown.Select(v => $"'{v}'"))} is not a value of the axis '{axis.Slug}' of '{table.Slug}'. " +
                $"Allowed values: {string.Join(", ", allowed)}.");
            return null;
        }

        return row => row.TryGetCell(axis.Slug, out var cell) && cell.Values.Any(v => values.Contains(v, StringComparer.Ordinal));
    }

    private static Func<SnapshotComparisonRow, bool>? Number(ComparisonAxis axis, string wanted, ValidationErrors errors)
    {
        var op = wanted.StartsWith("<=", StringComparison.Ordinal) || wanted.StartsWith(">=", StringComparison.Ordinal) ? wanted[..2]
            : wanted[0] is '<' or '>' ? wanted[..1] : "=";
        var operand = op == "=" ? wanted : wanted[op.Length..];
        if (!double.TryParse(operand, NumberStyles.Float, CultureInfo.InvariantCulture, out var bound))
        {
            errors.Add("where", $"The axis '{axis.Slug}' is a number axis: use {axis.Slug}:4, {axis.Slug}:<=4, >=, < or >; got '{wanted}'.");
            return null;
        }

        bool Holds(double v) => op switch
        {
            "<=" => v <= bound,
            ">=" => v >= bound,
            "<" => v < bound,
            ">" => v > bound,
            _ => v == bound,
        };

        return row => row.TryGetCell(axis.Slug, out var cell)
            && cell.Values.Any(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && Holds(n));
    }
}
