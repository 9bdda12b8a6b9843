using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PostTraining.Api.Techniques;

/// <summary>Filters, order and paging of the technique list.</summary>
public sealed class TechniqueListQuery
{
    /// <summary>Only techniques of this paradigm (slug).</summary>
    [Description("Only techniques of this paradigm (slug), e.g. alignment.")]
    public string? Paradigm { get; init; }

    /// <summary>Only the direct children of this technique (slug).</summary>
    [Description("Only the direct children of this technique (slug), e.g. peft.")]
    public string? Parent { get; init; }

    /// <summary>technique or method.</summary>
    [Description("technique (at any depth) or method.")]
    [AllowedValues("technique", "method")]
    public string? Kind { get; init; }

    /// <summary>Only techniques at this depth (0 = top of a paradigm).</summary>
    [Description("Only techniques at this depth: 0 at the top of a paradigm.")]
    [Range(0, 20)]
    public int? Depth { get; init; }

    /// <summary>Only techniques introduced in or after this year.</summary>
    [Description("Only techniques introduced in or after this year.")]
    [Range(1900, 2100)]
    public int? YearFrom { get; init; }

    /// <summary>Only techniques introduced in or before this year.</summary>
    [Description("Only techniques introduced in or before this year.")]
    [Range(1900, 2100)]
    public int? YearTo { get; init; }

    /// <summary>true: only techniques with a formula; false: only those without.</summary>
    [Description("true: only techniques with a formula; false: only those without.")]
    public bool? HasFormula { get; init; }

    /// <summary>true: only techniques with a reference; false: only those without.</summary>
    [Description("true: only techniques with at least one reference; false: only those without.")]
    public bool? HasReference { get; init; }

    /// <summary>Only techniques with a row in this comparison.</summary>
    [Description(PostTraining.Api.Comparisons.ComparisonFilter.ComparisonText)]
    public string? Comparison { get; init; }

    /// <summary>With <see cref="Comparison"/>: axis:value terms the row's cells must match.</summary>
    [Description(PostTraining.Api.Comparisons.ComparisonFilter.WhereText)]
    public string? Where { get; init; }

    /// <summary>Order: tree, slug, name-en, name-zh or year; prefix with - for descending.</summary>
    [Description("Order: tree (as the taxonomy nests them), slug, name-en, name-zh (pinyin) or year; prefix with - for descending, e.g. -year.")]
    [DefaultValue("tree")]
    public string? Sort { get; init; }

    /// <summary>Comma-separated members to return for each item.</summary>
    [Description("Comma-separated item members to return, e.g. slug,name,year.")]
    public string? Fields { get; init; }

    /// <summary>Opaque cursor from the previous page's next link.</summary>
    [Description("Opaque cursor: pass the previous page's next link unchanged.")]
    public string? Cursor { get; init; }

    /// <summary>Page size, 1 to 200.</summary>
    [Description("Page size, 1 to 200.")]
    [Range(1, 200)]
    [DefaultValue(50)]
    public int? Limit { get; init; }
}
