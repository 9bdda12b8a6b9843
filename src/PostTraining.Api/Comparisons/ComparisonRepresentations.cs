using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using System.Text.Json;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Content;

namespace PostTraining.Api.Comparisons;

/// <summary>A comparison in the list.</summary>
public sealed record ComparisonSummary(
    string Slug,
    LocalizedText? Name,
    LocalizedText? Description,
    ComparisonSource Source,
    [property: Description("Number of axes (columns).")] int AxisCount,
    [property: Description("Number of rows.")] int RowCount,
    string Url);

/// <summary>A comparison table: its axes (columns) and its rows, each cell as printed and as allowed values.</summary>
public sealed record ComparisonDetail(
    string Slug,
    LocalizedText? Name,
    LocalizedText? Description,
    ComparisonSource Source,
    IReadOnlyList<ComparisonAxisItem> Axes,
    IReadOnlyList<ComparisonRowItem> Rows,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Url,
    ComparisonLinks Links);

/// <summary>Where the table was printed: the source's table, its section and the work it is in.</summary>
public sealed record ComparisonSource(
    [property: Description("The table as the source names it, e.g. 'Table 2: comparison of 22 LLM alignment methods ...'.")] string? Table,
    string? Section,
    NodeLink? Reference);

/// <summary>A column of a comparison.</summary>
public sealed record ComparisonAxisItem(
    string Slug,
    [property: Description("The column header exactly as printed, e.g. RM1.")] string? Printed,
    LocalizedText? Name,
    LocalizedText? Description,
    [property: Description("choice (cells hold slugs of the allowed values), number or text."), AllowedValues("choice", "number", "text")] string Type,
    [property: Description("The allowed values of a choice axis; absent on number and text axes.")] IReadOnlyList<ComparisonValueItem>? Values);

/// <summary>An allowed value of a choice axis.</summary>
public sealed record ComparisonValueItem(
    string Slug,
    [property: Description("The value as the table prints it.")] string? Printed,
    LocalizedText? Name);

/// <summary>One row: the entity it is about, its label and citation as printed, its non-empty cells in axis order.</summary>
public sealed record ComparisonRowItem(
    [property: Description("The technique the row is about (or, in a table that names a model, that model: kind model).")] ComparedEntity Technique,
    [property: Description("The row label as printed, without its citation number.")] string? Printed,
    [property: Description("The work the row cites.")] NodeLink? Reference,
    LocalizedText? Note,
    [property: Description("The non-empty cells; a cell the table leaves empty has no entry.")] IReadOnlyList<ComparisonCellItem> Cells);

/// <summary>What a row holds on one axis.</summary>
public sealed record ComparisonCellItem(
    [property: Description("Slug of the axis.")] string Axis,
    [property: Description("The cell text as printed.")] string? Printed,
    [property: Description("Allowed-value slugs (choice; several where the table prints several), one number (number) or the text (text).")] IReadOnlyList<JsonElement> Values,
    [property: Description("Why the printed value is contested, or how a damaged cell was repaired.")] LocalizedText? Note);

/// <summary>The entity a row is about: a technique's summary members, or a model's.</summary>
public sealed record ComparedEntity(
    string Slug,
    [property: Description("technique, method, or model (a table that compares a model)."), AllowedValues("technique", "method", "model")] string Kind,
    LocalizedText? Name,
    string? Abbreviation,
    [property: Description("Slug of the paradigm (techniques and methods).")] string? Paradigm,
    [property: Description("Slug of the parent technique; absent at the top of a paradigm.")] string? Parent,
    [property: Description("Depth in the taxonomy (techniques and methods).")] int? Depth,
    int? Year,
    string Url);

/// <summary>A comparison named and linked.</summary>
public sealed record ComparisonLink(string Slug, LocalizedText? Name, string Url);

/// <summary>The comparison in its other formats.</summary>
public sealed record ComparisonLinks(string Csv, string Markdown);

/// <summary>A technique's row in one comparison, as the technique's detail lists it.</summary>
public sealed record TechniqueComparison(
    ComparisonLink Comparison,
    [property: Description("The row label as printed.")] string? Printed,
    NodeLink? Reference,
    LocalizedText? Note,
    IReadOnlyList<TechniqueComparisonCell> Cells);

/// <summary>One value of a technique on a comparison's axis, with the axis named.</summary>
public sealed record TechniqueComparisonCell(
    string Axis,
    [property: Description("The axis header as printed.")] string? AxisPrinted,
    LocalizedText? AxisName,
    string? Printed,
    IReadOnlyList<JsonElement> Values,
    LocalizedText? Note);
