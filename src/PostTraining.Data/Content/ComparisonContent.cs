using System.ComponentModel;
using System.Text.Json;

namespace PostTraining.Data.Content;

// A comparison's content: the one shape data/comparisons.json, the write endpoints and the change feed share. The
// comparison is one aggregate (its axes, rows and cells travel with it), so a feed entry holds the whole table before
// and after any change to it.

/// <summary>A comparison table: its columns (axes) and rows, with where it was printed.</summary>
public record ComparisonContent
{
    public string? Slug { get; init; }
    public LocalizedText? Name { get; init; }
    public LocalizedText? Description { get; init; }
    public ComparisonSourceContent? Source { get; init; }

    [Description("Order among comparisons.")]
    public int? Position { get; init; }

    public IReadOnlyList<ComparisonAxisContent>? Axes { get; init; }
    public IReadOnlyList<ComparisonRowContent>? Rows { get; init; }
}

/// <summary>Where a comparison was printed.</summary>
public sealed record ComparisonSourceContent
{
    [Description("The table as the source names it, e.g. 'Table 2: comparison of 22 LLM alignment methods ...'.")]
    public string? Table { get; init; }

    [Description("The section of the source holding the table.")]
    public string? Section { get; init; }

    [Description("Slug of the reference the table is in.")]
    public string? Reference { get; init; }
}

/// <summary>A column of a comparison.</summary>
public sealed record ComparisonAxisContent
{
    [Description("Unique within the comparison.")]
    public string? Slug { get; init; }

    [Description("The column header exactly as printed, e.g. RM1.")]
    public string? Printed { get; init; }

    public LocalizedText? Name { get; init; }
    public LocalizedText? Description { get; init; }

    [Description("choice (cells hold slugs of the axis's values), number or text.")]
    public string? Type { get; init; }

    [Description("A choice axis's allowed values; absent on number and text axes.")]
    public IReadOnlyList<ComparisonAxisValueContent>? Values { get; init; }
}

/// <summary>An allowed value of a choice axis.</summary>
public sealed record ComparisonAxisValueContent
{
    public string? Slug { get; init; }

    [Description("The value as the table prints it.")]
    public string? Printed { get; init; }

    public LocalizedText? Name { get; init; }
}

/// <summary>A row of a comparison.</summary>
public sealed record ComparisonRowContent
{
    [Description("Slug of the technique the row is about, or kind:slug of another entity (model:instructgpt).")]
    public string? Technique { get; init; }

    [Description("The row label as printed, without its citation number.")]
    public string? Printed { get; init; }

    [Description("Slug of the reference the row cites.")]
    public string? Reference { get; init; }

    public LocalizedText? Note { get; init; }

    [Description("The non-empty cells; a cell the table leaves empty has no entry.")]
    public IReadOnlyList<ComparisonCellContent>? Cells { get; init; }
}

/// <summary>What a row holds on one axis.</summary>
public sealed record ComparisonCellContent
{
    [Description("Slug of the axis (in a row's cells; the cell endpoint takes it from the path).")]
    public string? Axis { get; init; }

    [Description("The cell text as printed.")]
    public string? Printed { get; init; }

    [Description("Slugs of the axis's allowed values (choice; several where the cell names several), one number (number) or one text (text).")]
    public IReadOnlyList<JsonElement>? Values { get; init; }

    [Description("Why the cell is contested or how it was repaired.")]
    public LocalizedText? Note { get; init; }
}
