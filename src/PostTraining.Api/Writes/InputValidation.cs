using PostTraining.Api.Http;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Writes;

/// <summary>Field-by-field checks of the writable representations; each problem is reported under its member.</summary>
public static class InputValidation
{
    public const int PositionMax = 100_000;

    public static readonly IReadOnlyList<string> TechniqueKinds = Wire.TechniqueKinds.Names;
    public static readonly IReadOnlyList<string> ReferenceRoles = Wire.ReferenceRoles.Names;

    /// <summary>The kinds a relationship end may name (<c>kind:slug</c>).</summary>
    public static readonly IReadOnlyDictionary<string, NodeKind> EndKinds =
        Enum.GetValues<NodeKind>().ToDictionary(Wire.NodeKinds.Name, k => k, StringComparer.Ordinal);

    public static void Validate(ParadigmContent input, ValidationErrors errors)
    {
        Rules.Slug(errors, "slug", input.Slug);
        Text(errors, "name", input.Name, Rules.NameMax, requireEn: true, requireZh: true);
        Text(errors, "goal", input.Goal, Rules.GoalMax);
        Text(errors, "description", input.Description, Rules.DescriptionMax, multiline: true);
        Rules.TextList(errors, "aliases", input.Aliases, Rules.AliasesMax, Rules.AliasMax);
        Position(errors, input.Position);
    }

    public static void Validate(TechniqueContent input, ValidationErrors errors)
    {
        Rules.Slug(errors, "slug", input.Slug);
        Rules.OneOf(errors, "kind", input.Kind, TechniqueKinds, required: false);
        if (input.Paradigm is null && input.Parent is null)
        {
            errors.Add("paradigm", "Required at the top of a paradigm (give 'paradigm', or 'parent' for a technique below another).");
        }

        Rules.Slug(errors, "paradigm", input.Paradigm, required: false);
        Rules.Slug(errors, "parent", input.Parent, required: false);
        if (input.Parent is not null && input.Parent == input.Slug)
        {
            errors.Add("parent", "A technique cannot be its own parent.");
        }

        Text(errors, "name", input.Name, Rules.NameMax, requireEn: true, requireZh: input.Kind is null or "technique");
        Rules.Text(errors, "abbreviation", input.Abbreviation, Rules.AbbreviationMax);
        Rules.TextList(errors, "aliases", input.Aliases, Rules.AliasesMax, Rules.AliasMax);
        Text(errors, "description", input.Description, Rules.DescriptionMax, multiline: true);
        Rules.Year(errors, "year", input.Year);
        Position(errors, input.Position);
    }

    /// <summary>Validates, and returns the arXiv id in its stored form (without version).</summary>
    public static string? Validate(ReferenceContent input, ValidationErrors errors)
    {
        Rules.Slug(errors, "slug", input.Slug, required: false);
        Rules.Text(errors, "title", input.Title, Rules.NameMax, required: true);
        Rules.TextList(errors, "authors", input.Authors, Rules.AuthorsMax, Rules.AuthorMax);
        Rules.Year(errors, "year", input.Year);
        Rules.Text(errors, "venue", input.Venue, Rules.VenueMax);
        Rules.Url(errors, "url", input.Url);
        var arxivId = Rules.ArxivId(errors, "arxivId", input.ArxivId);
        Rules.Language(errors, "language", input.Language);
        Text(errors, "description", input.Description, Rules.DescriptionMax, multiline: true);
        Position(errors, input.Position);
        return arxivId;
    }

    public static void Validate(RelationshipContent input, ValidationErrors errors)
    {
        Rules.Slug(errors, "type", input.Type);
        var source = End(errors, "source", input.Source);
        var target = End(errors, "target", input.Target);
        if (source is not null && source == target)
        {
            errors.Add("target", "A relationship cannot connect an entity to itself.");
        }

        Rules.Slug(errors, "reference", input.Reference, required: false);
        Text(errors, "note", input.Note, Rules.NoteMax, multiline: true);
    }

    public static void Validate(ReferenceLinkContent input, ValidationErrors errors)
    {
        Rules.Slug(errors, "reference", input.Reference);
        Rules.OneOf(errors, "role", input.Role, ReferenceRoles, required: false);
    }

    public static void Validate(TechniqueReferenceRoleInput input, ValidationErrors errors) =>
        Rules.OneOf(errors, "role", input.Role, ReferenceRoles);

    /// <summary>Parses <c>kind:slug</c>; null (with an error) when it is not one.</summary>
    public static (NodeKind Kind, string Slug)? End(ValidationErrors errors, string member, string? value)
    {
        if (value is null)
        {
            errors.Add(member, "Required: 'kind:slug', e.g. 'technique:dpo'.");
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !EndKinds.TryGetValue(value[..colon], out var kind) || !Rules.IsSlug(value[(colon + 1)..]))
        {
            errors.Add(member, $"Must be 'kind:slug' with kind one of {string.Join(", ", EndKinds.Keys)}, e.g. 'technique:dpo'.");
            return null;
        }

        return (kind, value[(colon + 1)..]);
    }

    private static void Text(ValidationErrors errors, string member, LocalizedText? text, int max, bool requireEn = false, bool requireZh = false, bool multiline = false)
    {
        if (text is null)
        {
            if (requireEn || requireZh)
            {
                errors.Add(member, requireZh ? "Required, with 'en' and 'zh'." : "Required, with 'en'.");
            }

            return;
        }

        Rules.Text(errors, $"{member}.en", text.En, max, requireEn, multiline);
        Rules.Text(errors, $"{member}.zh", text.Zh, max, requireZh, multiline);
        if (text.En is null && text.Zh is null && !requireEn && !requireZh)
        {
            errors.Add(member, "Give 'en' or 'zh', or leave the member out.");
        }
    }

    private static void Position(ValidationErrors errors, int? position)
    {
        if (position is < 0 or > PositionMax)
        {
            errors.Add("position", $"Must be between 0 and {PositionMax}.");
        }
    }
}
