using Microsoft.EntityFrameworkCore;
using PostTraining.Data;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Writes;

/// <summary>A formula as the change feed records it when a cascade removes it (the curated-data shape).</summary>
public sealed record FormulaState(string Slug, string? Technique, TextInput? Name, string Latex, IReadOnlyList<FormulaSymbolState>? Symbols, TextInput? Description);

public sealed record FormulaSymbolState(string Symbol, TextInput? Meaning);

/// <summary>A technique-reference link as the change feed records it.</summary>
public sealed record TechniqueReferenceState(string Technique, string Reference, string Role);

/// <summary>Rows as their writable representations, for the feed and as the base of a merge patch.</summary>
public static class EntityStates
{
    public static TextInput? Text(string? en, string? zh) => en is null && zh is null ? null : new TextInput(en, zh);

    public static IReadOnlyList<string>? List(List<string> values) => values.Count == 0 ? null : values;

    public static string RoleName(ReferenceRole role) => role.ToString().ToLowerInvariant();

    public static ReferenceRole ParseRole(string? role) => role switch
    {
        "defines" => ReferenceRole.Defines,
        "describes" => ReferenceRole.Describes,
        "uses" => ReferenceRole.Uses,
        _ => ReferenceRole.Introduces,
    };

    public static async Task<string?> SlugOfAsync(PostTrainingDbContext db, long? id) =>
        id is null ? null : await db.Nodes.AsNoTracking().Where(n => n.Id == id).Select(n => n.Slug).FirstOrDefaultAsync();

    public static async Task<RelationshipInput> RelationshipAsync(PostTrainingDbContext db, Relationship edge)
    {
        var ends = await db.Nodes.AsNoTracking()
            .Where(n => n.Id == edge.SourceId || n.Id == edge.TargetId)
            .Select(n => new { n.Id, n.Kind, n.Slug })
            .ToDictionaryAsync(n => n.Id);
        var type = await db.RelationTypes.AsNoTracking().Where(t => t.Id == edge.TypeId).Select(t => t.Slug).FirstAsync();
        string End(long id) => $"{ends[id].Kind.ToString().ToLowerInvariant()}:{ends[id].Slug}";
        return new RelationshipInput(type, End(edge.SourceId), End(edge.TargetId), await SlugOfAsync(db, edge.Source.ReferenceId), Text(edge.NoteEn, edge.NoteZh), edge.Verified);
    }

    public static FormulaState Formula(Formula formula, string? technique) => new(
        formula.Slug,
        technique,
        Text(formula.NameEn, formula.NameZh),
        formula.Latex,
        formula.Symbols.Count == 0 ? null : [.. formula.Symbols.Select(s => new FormulaSymbolState(s.Symbol, Text(s.MeaningEn, s.MeaningZh)))],
        Text(formula.DescriptionEn, formula.DescriptionZh));
}
