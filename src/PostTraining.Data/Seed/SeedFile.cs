using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Data.Seed;

/// <summary>Turns what the parser extracted into the content of data/seed.json: facts only, each with its heading path.</summary>
public static class SeedFile
{
    public const string FileName = "seed.json";

    public static ContentFile From(SeedDocument document)
    {
        var datasetBranch = document.Branches.FirstOrDefault(b => b.Kind == BranchKind.Dataset);
        return new ContentFile
        {
            Document = new DocumentEntry
            {
                Title = document.FrontMatter.Title,
                Author = document.FrontMatter.Author,
                Date = document.FrontMatter.Date,
                Slug = document.FrontMatter.Slug,
            },
            Paradigms = [.. document.Paradigms.Select(p => new ParadigmEntry
            {
                Slug = p.Slug,
                Name = new LocalizedText { En = p.NameEn, Zh = p.NameZh },
                Goal = new LocalizedText { Zh = p.GoalZh },
                Position = p.Position,
                Source = Source(p.Source),
            })],
            Techniques = [.. document.Techniques.Select(t => new TechniqueEntry
            {
                Slug = t.Slug,
                Paradigm = t.Paradigm,
                Kind = Wire.TechniqueKinds.Name(TechniqueKind.Technique),
                Name = new LocalizedText { En = t.NameEn, Zh = t.NameZh },
                Abbreviation = t.Abbreviation,
                Position = t.Position,
                Source = Source(t.Source),
            })],
            References = [.. document.References.Select(r => new ReferenceEntry
            {
                Slug = r.Slug,
                Title = r.Title,
                Url = r.Url,
                ArxivId = r.ArxivId,
                Language = r.Language,
                Position = r.Position,
                Source = Source(r.Source) with { Original = r.OriginalUrl == r.Url ? null : r.OriginalUrl },
            })],
            Formulas = [.. document.FormulaTopics.Select(f => new FormulaEntry
            {
                Slug = f.Slug,
                Name = new LocalizedText { En = f.NameEn, Zh = f.NameZh },
                Position = f.Position,
                Source = Source(f.Source),
            })],
            Models = [.. document.Models.Select(m => new ModelEntry
            {
                Slug = m.Slug,
                Name = new LocalizedText { En = m.Name },
                Parameters = m.Parameters,
                Position = m.Position,
                Source = Source(m.Source),
            })],

            // The document files its datasets under the "datasets used in post-training" branch: the branch is a
            // category node and the datasets it names in the text sit below it.
            Datasets = [
                .. document.Branches.Where(b => b.Kind == BranchKind.Dataset).Select((b, i) => new DatasetEntry
                {
                    Slug = b.Slug,
                    Name = new LocalizedText { En = b.NameEn, Zh = b.NameZh },
                    Position = i + 1,
                    Source = Source(b.Source),
                }),
                .. document.Datasets.Select(d => new DatasetEntry
                {
                    Slug = d.Slug,
                    Parent = datasetBranch?.Slug,
                    Name = new LocalizedText { En = d.Name },
                    Position = d.Position,
                    Source = Source(d.Source),
                }),
            ],
            Limitations = [.. document.Limitations.Select(l => new LimitationEntry
            {
                Slug = l.Slug,
                Name = new LocalizedText { En = l.NameEn, Zh = l.NameZh },
                Position = l.Position,
                Source = Source(l.Source),
            })],
            Applications = [.. document.Branches.Where(b => b.Kind == BranchKind.Application).Select((b, i) => new ApplicationEntry
            {
                Slug = b.Slug,
                Name = new LocalizedText { En = b.NameEn, Zh = b.NameZh },
                Position = i + 1,
                Source = Source(b.Source),
            })],
        };
    }

    private static SourceEntry Source(DocumentSource source) => new() { Section = source.Section };
}
