using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Changes;
using PostTraining.Api.Http;
using PostTraining.Api.Writes;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Techniques;

/// <summary>
/// Techniques and methods. The tree stays a tree: a technique moved under itself or its own descendant is a 409;
/// moving one carries its subtree along (paradigm and depth follow).
/// </summary>
public sealed class TechniqueWriter : INodeWriter<Technique, TechniqueContent>
{
    public NodeKind Kind => NodeKind.Technique;
    public string ChangeKind => ChangeKinds.Technique;
    public string Collection => "techniques";

    public async Task<TechniqueContent> ToInputAsync(WriteScope scope, Technique t) =>
        ContentOf.Technique(t, await EntityStates.SlugOfAsync(scope.Db, t.ParadigmId), await EntityStates.SlugOfAsync(scope.Db, t.ParentId));

    public TechniqueContent Validate(TechniqueContent input, ValidationErrors errors)
    {
        InputValidation.Validate(input, errors);
        return input;
    }

    public async Task<IResult?> ApplyAsync(WriteScope scope, Technique t, TechniqueContent input, bool isNew)
    {
        var db = scope.Db;
        Technique? parent = null;
        if (input.Parent is not null)
        {
            parent = await db.Techniques.AsNoTracking().FirstOrDefaultAsync(x => x.Slug == input.Parent);
            if (parent is null)
            {
                return Problems.Invalid("parent", $"There is no technique '{input.Parent}'.");
            }
        }

        long paradigmId;
        if (input.Paradigm is not null)
        {
            var paradigm = await db.Paradigms.AsNoTracking().Where(p => p.Slug == input.Paradigm).Select(p => (long?)p.Id).FirstOrDefaultAsync();
            if (paradigm is null)
            {
                return Problems.Invalid("paradigm", $"There is no paradigm '{input.Paradigm}'.");
            }

            if (parent is not null && parent.ParadigmId != paradigm)
            {
                return Problems.Invalid("paradigm", $"Must be the parent's paradigm, '{await EntityStates.SlugOfAsync(db, parent.ParadigmId)}' (or be left out).");
            }

            paradigmId = paradigm.Value;
        }
        else
        {
            paradigmId = parent!.ParadigmId;
        }

        var moved = isNew || parent?.Id != t.ParentId;
        List<Technique> subtree = [];
        if (!isNew && moved)
        {
            subtree = await Dependents.DescendantsAsync(scope, t.Id);
            if (parent is not null && subtree.Any(d => d.Id == parent.Id))
            {
                return Problems.Conflict($"Moving '{t.Slug}' under '{parent.Slug}' would close a cycle: '{parent.Slug}' is below '{t.Slug}'.");
            }
        }

        t.Slug = input.Slug!;
        t.ParadigmId = paradigmId;
        t.ParentId = parent?.Id;
        t.TechniqueKind = Wire.TechniqueKinds.Parse(input.Kind, TechniqueKind.Technique);
        (t.NameEn, t.NameZh) = (input.Name?.En, input.Name?.Zh);
        t.Abbreviation = input.Abbreviation;
        t.Aliases = [.. input.Aliases ?? []];
        (t.DescriptionEn, t.DescriptionZh) = (input.Description?.En, input.Description?.Zh);
        t.Year = input.Year;
        t.Verified = input.Verified ?? true;
        t.LacksReference = input.LacksReference ?? false;
        var oldDepth = t.Depth;
        t.Depth = parent is null ? 0 : parent.Depth + 1;
        t.Position = input.Position ?? (moved
            ? await db.Techniques.CountAsync(x => x.ParentId == t.ParentId && x.ParadigmId == paradigmId) + 1
            : t.Position);

        // The subtree follows its root: same paradigm, depths shifted by the root's move.
        var shift = t.Depth - oldDepth;
        foreach (var descendant in subtree)
        {
            await db.Techniques.Where(d => d.Id == descendant.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.ParadigmId, paradigmId).SetProperty(d => d.Depth, d => d.Depth + shift).SetProperty(d => d.UpdatedAt, scope.Now));
        }

        return null;
    }

    public async Task<IResult?> RemoveDependentsAsync(WriteScope scope, Technique t, bool cascade)
    {
        var below = await Dependents.DescendantsAsync(scope, t.Id);
        var found = await Dependents.FindAsync(scope, t.Id, below.Append(t).ToList());
        // The technique itself is deleted by the caller, not as its own dependent.
        found = found with { Techniques = below };
        if (!found.Any)
        {
            return null;
        }

        if (!cascade)
        {
            return Problems.Conflict(
                $"Other entries depend on '{t.Slug}' (sub-techniques, formulas, references or relationships). Remove them first, or repeat the request with ?cascade=true to delete them with it.",
                found.Describe());
        }

        await Dependents.RemoveAsync(scope, found, d => ToInputAsync(scope, d));
        return null;
    }
}
