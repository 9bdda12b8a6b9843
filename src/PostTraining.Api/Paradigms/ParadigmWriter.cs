using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Changes;
using PostTraining.Api.Http;
using PostTraining.Api.Techniques;
using PostTraining.Api.Writes;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Paradigms;

public sealed class ParadigmWriter : INodeWriter<Paradigm, ParadigmContent>
{
    public NodeKind Kind => NodeKind.Paradigm;
    public string ChangeKind => ChangeKinds.Paradigm;
    public string Collection => "paradigms";

    public Task<ParadigmContent> ToInputAsync(WriteScope scope, Paradigm p) => Task.FromResult(ContentOf.Paradigm(p));

    public ParadigmContent Validate(ParadigmContent input, ValidationErrors errors)
    {
        InputValidation.Validate(input, errors);
        return input;
    }

    public async Task<IResult?> ApplyAsync(WriteScope scope, Paradigm p, ParadigmContent input, bool isNew)
    {
        p.Slug = input.Slug!;
        (p.NameEn, p.NameZh) = (input.Name?.En, input.Name?.Zh);
        (p.GoalEn, p.GoalZh) = (input.Goal?.En, input.Goal?.Zh);
        (p.DescriptionEn, p.DescriptionZh) = (input.Description?.En, input.Description?.Zh);
        p.Aliases = [.. input.Aliases ?? []];
        p.Verified = input.Verified ?? true;
        p.Position = input.Position ?? (isNew ? await scope.Db.Paradigms.CountAsync() + 1 : p.Position);
        return null;
    }

    public async Task<IResult?> RemoveDependentsAsync(WriteScope scope, Paradigm p, bool cascade)
    {
        var techniques = await scope.Db.Techniques.AsNoTracking().Where(t => t.ParadigmId == p.Id).ToListAsync();
        var found = await Dependents.FindAsync(scope, p.Id, techniques);
        if (!found.Any)
        {
            return null;
        }

        if (!cascade)
        {
            return Problems.Conflict(
                $"The paradigm '{p.Slug}' still has techniques or relationships. Move or delete them first, or repeat the request with ?cascade=true to delete them with it.",
                found.Describe());
        }

        var techniqueWriter = new TechniqueWriter();
        await Dependents.RemoveAsync(scope, found, t => techniqueWriter.ToInputAsync(scope, t));
        return null;
    }
}
