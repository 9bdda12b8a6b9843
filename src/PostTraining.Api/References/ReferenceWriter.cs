using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Changes;
using PostTraining.Api.Http;
using PostTraining.Api.Writes;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Api.References;

public sealed class ReferenceWriter : INodeWriter<Reference, ReferenceContent>
{
    public NodeKind Kind => NodeKind.Reference;
    public string ChangeKind => ChangeKinds.Reference;
    public string Collection => "references";

    public Task<ReferenceContent> ToInputAsync(WriteScope scope, Reference r) => Task.FromResult(ContentOf.Reference(r));

    public ReferenceContent Validate(ReferenceContent input, ValidationErrors errors)
    {
        var arxivId = InputValidation.Validate(input, errors);
        var doi = Rules.Doi(errors, "doi", input.Doi);
        if (errors.HasErrors)
        {
            return input;
        }

        var slug = input.Slug ?? DeriveSlug(arxivId, input.Title!);
        Rules.Slug(errors, "slug", slug);
        return input with { ArxivId = arxivId, Doi = doi, Slug = slug };
    }

    public Task<IResult?> ApplyAsync(WriteScope scope, Reference r, ReferenceContent input, bool isNew)
    {
        r.Slug = input.Slug!;
        r.NameEn = input.Title;
        r.Authors = [.. input.Authors ?? []];
        r.Year = input.Year;
        r.Venue = input.Venue;
        r.Url = input.Url;
        r.ArxivId = input.ArxivId;
        r.Language = input.Language;
        r.Doi = input.Doi;
        r.AuthorsTruncated = input.AuthorsTruncated ?? false;
        (r.DescriptionEn, r.DescriptionZh) = (input.Description?.En, input.Description?.Zh);
        r.Position = input.Position ?? r.Position;
        r.Verified = input.Verified ?? true;
        return Task.FromResult<IResult?>(null);
    }

    public async Task<IResult?> RemoveDependentsAsync(WriteScope scope, Reference r, bool cascade)
    {
        var found = await Dependents.FindAsync(scope, r.Id, [], referenceLinks: true);
        if (found.Any && !cascade)
        {
            return Problems.Conflict(
                $"Techniques or relationships cite '{r.Slug}'. Unlink them first, or repeat the request with ?cascade=true to remove those links with it.",
                found.Describe());
        }

        if (found.Any)
        {
            await Dependents.RemoveAsync(scope, found, _ => throw new InvalidOperationException("A reference has no techniques below it."));
        }

        // Provenance that rested on the reference keeps its other facts and loses the pointer.
        await scope.Db.Nodes.Where(n => n.Source.ReferenceId == r.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.Source.ReferenceId, (long?)null));
        await scope.Db.Relationships.Where(n => n.Source.ReferenceId == r.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.Source.ReferenceId, (long?)null));
        await scope.Db.TechniqueReferences.Where(n => n.Source.ReferenceId == r.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.Source.ReferenceId, (long?)null));
        return null;
    }

    /// <summary>'arxiv-2305-18290' from an arXiv id; otherwise the title's ASCII words, kebab-cased, cut at a word.</summary>
    public static string DeriveSlug(string? arxivId, string title) => Data.Bibliography.ReferenceSlugs.Derive(arxivId, title);
}
