using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Comparisons;

/// <summary>
/// The technique list's <c>comparison</c> and <c>where</c> parameters: only the techniques with a row in the
/// comparison whose cells match every term (without <c>comparison</c>, a row in any comparison that has the terms'
/// axes). Syntax: <c>where=axis:value,axis:value</c>, terms joined by commas all
/// hold; <c>axis:a|b</c> takes either value; a choice cell naming several values matches each. A number axis takes
/// <c>axis:4</c>, <c>axis:&lt;=4</c>, <c>&gt;=</c>, <c>&lt;</c> or <c>&gt;</c>; a text axis matches a case-insensitive part of
/// the printed text. Unknown comparisons, axes and values are 400s that name them and list what is allowed.
/// </summary>
public static class ComparisonFilter
{
    public const string ComparisonText =
        "Only techniques with a row in this comparison (slug), e.g. alignment-methods; see /api/v1/comparisons.";

    public const string WhereText =
        "Terms axis:value on a comparison's axes (of the one named by comparison, else of any comparison having them), comma-separated, all of which must hold, e.g. " +
        "reference-model:free,optimization:offline. axis:a|b takes either value; a number axis takes axis:4, axis:<=4, " +
        ">=, < or >, e.g. weight-bits:<=4; a text axis matches part of the printed text, e.g. teacher-models:gpt-4.";

    /// <summary>Null when neither parameter is given; else the test, or the 400 naming what is wrong.</summary>
    public static bool TryParse(TaxonomySnapshot snapshot, string? comparison, string? where,
        out Func<SnapshotNode, bool>? keep, out ValidationProblem? problem)
    {
        keep = null;
        problem = null;
        if (comparison is null && where is null)
        {
            return true;
        }

        IReadOnlyList<SnapshotComparison> tables = snapshot.Comparisons;
        if (comparison is not null)
        {
            if (!snapshot.TryGetComparison(comparison, out var table))
            {
                problem = Problems.Invalid("comparison",
                    $"There is no comparison '{comparison}'. Comparisons: {string.Join(", ", snapshot.Comparisons.Select(c => c.Slug))}.");
                return false;
            }

            tables = [table];
        }

        // Without comparison=, a term applies in every table that has its axis; a row must match all terms in one table.
        var terms = (where ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var tests = tables.ToDictionary(t => t, _ => new List<Func<SnapshotComparisonRow, bool>>());
        var errors = new ValidationErrors();
        foreach (var term in terms)
        {
            var colon = term.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == term.Length - 1)
            {
                errors.Add("where", $"'{term}' is not axis:value.");
                continue;
            }

            var axis = term[..colon];
            var having = tables.Where(t => t.TryGetAxis(axis, out _)).ToList();
            if (having.Count == 0)
            {
                var axes = tables.SelectMany(t => t.Axes.Select(a => a.Slug)).Distinct(StringComparer.Ordinal);
                errors.Add("where", comparison is null
                    ? $"No comparison has an axis '{axis}'. Axes: {string.Join(", ", axes)}."
                    : $"The comparison '{comparison}' has no axis '{axis}'. Axes: {string.Join(", ", axes)}.");
                continue;
            }

            var compiled = having.Select(t => (Table: t, Errors: new ValidationErrors(), Test: (Func<SnapshotComparisonRow, bool>?)null))
                .Select(c => c with { Test = Term(c.Table, c.Table.Axes.First(a => a.Slug == axis), term[(colon + 1)..], c.Errors) })
                .ToList();
            if (compiled.All(c => c.Test is null))
            {
                // Wrong in every table that has the axis: say why for the first (its allowed values, or the number syntax).
                errors.Add("where", compiled[0].Errors.ToDictionary()["where"][0]);
                continue;
            }

            foreach (var table in tables)
            {
                var match = compiled.FirstOrDefault(c => c.Table == table);
                if (match.Test is { } test)
                {
                    tests[table].Add(test);
                }
                else
                {
                    tests.Remove(table);
                }
            }
        }

        if (errors.HasErrors)
        {
            problem = Problems.Invalid(errors);
            return false;
        }

        var rows = tests.SelectMany(t => t.Key.Rows.Where(r => t.Value.All(test => test(r)))).Select(r => r.Node.Id).ToHashSet();
        keep = t => rows.Contains(t.Id);
        return true;
    }

    private static Func<SnapshotComparisonRow, bool>? Term(SnapshotComparison table, ComparisonAxis axis, string wanted, ValidationErrors errors) =>
        axis.Type switch
        {
            ComparisonAxisType.Choice => Choice(table, axis, wanted, errors),
            ComparisonAxisType.Number => Number(axis, wanted, errors),
            _ => row => row.TryGetCell(axis.Slug, out var cell) && (cell.Printed ?? "").Contains(wanted, StringComparison.OrdinalIgnoreCase),
        };

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
