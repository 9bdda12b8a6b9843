using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PostTraining.Api.References;

/// <summary>Filters, order, format and paging of the reference list.</summary>
public sealed class ReferenceListQuery
{
    [Description("Only works published in or after this year.")]
    [Range(1900, 2100)]
    public int? YearFrom { get; init; }

    [Description("Only works published in or before this year.")]
    [Range(1900, 2100)]
    public int? YearTo { get; init; }

    [Description("Only references of this technique or of any technique below it (slug), e.g. peft.")]
    public string? Technique { get; init; }

    [Description("Only works whose venue contains this text (case-insensitive), e.g. NeurIPS.")]
    public string? Venue { get; init; }

    [Description("Only the work with this arXiv id, e.g. 2305.18290 (an arXiv: prefix or version suffix is ignored).")]
    public string? Arxiv { get; init; }

    [Description("Order: slug, year or title; prefix with - for descending, e.g. -year.")]
    [DefaultValue("slug")]
    public string? Sort { get; init; }

    [Description("Comma-separated item members to return (JSON only), e.g. slug,title,year.")]
    public string? Fields { get; init; }

    [Description("json or bibtex; overrides Accept.")]
    [AllowedValues("json", "bibtex")]
    public string? Format { get; init; }

    [Description("Opaque cursor: pass the previous page's next link unchanged.")]
    public string? Cursor { get; init; }

    [Description("Page size, 1 to 200.")]
    [Range(1, 200)]
    [DefaultValue(50)]
    public int? Limit { get; init; }
}
