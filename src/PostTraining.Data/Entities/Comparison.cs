namespace PostTraining.Data.Entities;

/// <summary>
/// A comparison table (the survey's Table 2, ...): its axes are the columns, its rows one entity each (a technique, or
/// the model a table names), the cells what the table prints for that row on that axis. One aggregate: every change to
/// an axis, a row or a cell also stamps the comparison, so its <see cref="Version"/> guards the whole table.
/// </summary>
public sealed class Comparison
{
    public long Id { get; set; }
    public string Slug { get; set; } = "";
    public string? NameEn { get; set; }
    public string? NameZh { get; set; }
    public string? DescriptionEn { get; set; }
    public string? DescriptionZh { get; set; }

    /// <summary>The table as the source names it, e.g. "Table 2: comparison of 22 LLM alignment methods ...".</summary>
    public string? SourceTable { get; set; }

    /// <summary>The source's section holding the table.</summary>
    public string? SourceSection { get; set; }

    /// <summary>The work the table is in (the survey).</summary>
    public long? SourceReferenceId { get; set; }
    public Node? SourceReference { get; set; }

    public int Position { get; set; }

    public List<ComparisonAxis> Axes { get; set; } = [];
    public List<ComparisonRow> Rows { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the seed loader last wrote this comparison; a later <see cref="UpdatedAt"/> means a curator changed it.</summary>
    public DateTimeOffset? LoadedAt { get; set; }

    /// <summary>PostgreSQL <c>xmin</c> of the comparison row: the ETag / If-Match token of the whole table.</summary>
    public uint Version { get; set; }
}

/// <summary>One column of a comparison; a <see cref="ComparisonAxisType.Choice"/> axis lists the values a cell may hold.</summary>
public sealed class ComparisonAxis
{
    public long Id { get; set; }
    public long ComparisonId { get; set; }
    public Comparison Comparison { get; set; } = null!;

    /// <summary>Unique within the comparison.</summary>
    public string Slug { get; set; } = "";

    /// <summary>The column header exactly as printed, e.g. "RM1".</summary>
    public string? Printed { get; set; }

    public string? NameEn { get; set; }
    public string? NameZh { get; set; }
    public string? DescriptionEn { get; set; }
    public string? DescriptionZh { get; set; }
    public ComparisonAxisType Type { get; set; }
    public int Position { get; set; }

    /// <summary>The allowed values of a choice axis, in the order they are listed (a JSON column).</summary>
    public List<ComparisonAxisValue> Values { get; set; } = [];
}

public sealed class ComparisonAxisValue
{
    public string Slug { get; set; } = "";
    public string? Printed { get; set; }
    public string? NameEn { get; set; }
    public string? NameZh { get; set; }
}

public enum ComparisonAxisType
{
    Choice,
    Number,
    Text,
}

/// <summary>One row of a comparison: the entity it is about, the label and citation as printed, and its cells.</summary>
public sealed class ComparisonRow
{
    public long Id { get; set; }
    public long ComparisonId { get; set; }
    public Comparison Comparison { get; set; } = null!;

    /// <summary>The technique (or, for a table that compares a model, the model) the row is about; one row per entity.</summary>
    public long NodeId { get; set; }
    public Node Node { get; set; } = null!;

    /// <summary>The row label as printed, without its citation number.</summary>
    public string? Printed { get; set; }

    /// <summary>The work the row cites.</summary>
    public long? ReferenceId { get; set; }
    public Node? Reference { get; set; }

    public string? NoteEn { get; set; }
    public string? NoteZh { get; set; }
    public int Position { get; set; }

    /// <summary>The non-empty cells (a JSON column): a cell the table leaves empty has no entry.</summary>
    public List<ComparisonCell> Cells { get; set; } = [];
}

public sealed class ComparisonCell
{
    /// <summary>Slug of the axis.</summary>
    public string Axis { get; set; } = "";

    /// <summary>The cell text as printed.</summary>
    public string? Printed { get; set; }

    /// <summary>Allowed-value slugs (choice), the number in invariant form (number) or the text (text).</summary>
    public List<string> Values { get; set; } = [];

    public string? NoteEn { get; set; }
    public string? NoteZh { get; set; }
}
