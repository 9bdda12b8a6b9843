using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using PostTraining.Data.Bibliography;
using PostTraining.Data.Content;
using PostTraining.Data.Seed;
using PostTraining.Data.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PostTraining.Data.Tests.Sources;

/// <summary>
/// The shipped data holds what its sources hold: every method the survey names, every work it cites with its whole
/// author list, every method of the post-survey lists with its paper. Every expectation is computed from the source
/// files themselves (../shared/reference), never from copied numbers.
/// </summary>
public sealed partial class SourceCoverageTests(ITestOutputHelper output)
{
    private static readonly Lazy<DataSet> Data = new(() =>
        DataSet.Load(DataFiles.Paths(Path.GetDirectoryName(RepositoryFiles.DataFile(DataFiles.SeedFileName)))));

    private static readonly Lazy<JsonElement> Bibliography = new(() => SharedReference.Json("survey/bibliography.json"));
    private static readonly Lazy<JsonElement> Methods = new(() => SharedReference.Json("survey/methods.json"));

    [SharedReferenceFact]
    public void AtLeast95PercentOfTheSurveysNamedEntriesResolveToAnEntity()
    {
        var entries = Methods.Value.EnumerateArray().ToList();
        var misses = entries.Where(e => Resolve(e) is null)
            .Select(e => $"{e.GetProperty("name").GetString()} ({e.GetProperty("kind").GetString()}): no entity has this name or alias")
            .ToList();
        foreach (var miss in misses)
        {
            output.WriteLine(miss);
        }

        var resolved = entries.Count - misses.Count;
        Assert.True(resolved >= 0.95 * entries.Count, $"{resolved} of {entries.Count} resolve; misses:\n{string.Join('\n', misses)}");
    }

    [SharedReferenceFact]
    public void EveryEntryTheSurveyCitesLinksToTheReferenceOfThatCitationNumber()
    {
        var problems = new List<string>();
        foreach (var e in Methods.Value.EnumerateArray())
        {
            var wrong = e.TryGetProperty("misnumbered", out var m) ? m.EnumerateArray().Select(x => x.GetInt32()).ToHashSet() : [];
            var entity = Resolve(e);
            if (entity is null)
            {
                continue; // counted by the coverage test above
            }

            var linked = LinkedReferences(entity.Value);
            foreach (var n in e.GetProperty("citations").EnumerateArray().Select(c => c.GetInt32()).Where(n => !wrong.Contains(n)))
            {
                var reference = ReferenceOfCitation(n);
                if (reference is null)
                {
                    problems.Add($"[{n}] has no reference");
                }
                else if (!linked.Contains(reference))
                {
                    problems.Add($"{e.GetProperty("name").GetString()} -> {entity.Value.Kind}:{entity.Value.Key} does not link [{n}] ({reference})");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [SharedReferenceFact]
    public void EveryBibliographyEntryIsAReferenceWithItsWholeAuthorList()
    {
        var cleaned = CleanedAuthorLists();
        var problems = new List<string>();
        foreach (var b in Bibliography.Value.EnumerateArray())
        {
            var n = b.GetProperty("n").GetInt32();
            var slug = ReferenceOfCitation(n);
            if (slug is null)
            {
                problems.Add($"[{n}] is not a reference");
                continue;
            }

            var reference = Data.Value.References.Single(r => r.Key == slug).Entry;
            // A work printed twice keeps the fuller of its two author lists; the other printing decides truncation.
            var expected = cleaned.TryGetValue(n, out var list) ? list : b.GetProperty("authors").EnumerateArray().Select(a => a.GetString()!).ToList();
            var authors = reference.Authors ?? [];
            if (authors.Count < expected.Count)
            {
                problems.Add($"[{n}] {slug}: {authors.Count} authors, the survey lists {expected.Count}");
            }
            else if (!PrintedTwice.ContainsKey(n) && authors.Count == expected.Count && b.GetProperty("etAl").GetBoolean() != (reference.AuthorsTruncated ?? false))
            {
                problems.Add($"[{n}] {slug}: authorsTruncated should be {b.GetProperty("etAl").GetBoolean()}");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void NoTwoReferencesAreTheSameWork()
    {
        var seen = new Dictionary<string, string>();
        var problems = new List<string>();
        foreach (var r in Data.Value.References)
        {
            foreach (var key in (string?[])[r.Entry.ArxivId is { } a ? "arxiv:" + a : null, r.Entry.Doi is { } d ? "doi:" + d : null])
            {
                if (key is not null && !seen.TryAdd(key, r.Key))
                {
                    problems.Add($"{r.Key} and {seen[key]} share {key}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void AReferenceWithAnArxivIdCarriesTheYearOfItsFirstRelease()
    {
        // One year convention for every source: the first public release (an arXiv id's YYMM), the venue keeps its own.
        var wrong = Data.Value.References
            .Where(r => r.Entry.ArxivId is { } id && NewStyleArxiv().IsMatch(id) && r.Entry.Year != 2000 + int.Parse(id[..2], CultureInfo.InvariantCulture))
            .Select(r => $"{r.Key}: {r.Entry.Year} for arXiv {r.Entry.ArxivId}").ToList();
        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    [SharedReferenceFact]
    public void EveryNamedRowOfTheAwesomeListsMethodSectionsIsAMethodLinkedToItsPaper()
    {
        var rows = AwesomeRows().ToList();
        Assert.NotEmpty(rows);
        var problems = new List<string>();
        foreach (var (section, name, title, arxiv) in rows)
        {
            if (arxiv == "1511.06393")
            {
                continue; // misfiled (a CNN quantisation paper under Off-policy Optimization); left out, as the README says
            }

            var reference = arxiv is null ? null : ReferenceByIdentity(arxiv, title);
            var methods = TechniquesNamed(name).ToList();
            if (methods.Count == 0)
            {
                problems.Add($"{section}: `{name}` is no technique");
            }
            else if (arxiv is not null && (reference is null || !methods.Any(t => (t.Entry.References ?? []).Any(l => l.Reference == reference))))
            {
                problems.Add($"{section}: `{name}` is not linked to {arxiv} ({reference ?? "no reference"})");
            }
        }

        output.WriteLine($"{rows.Count} named rows checked");
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [SharedReferenceFact]
    public void EveryPaperOfTrlsIndexIsAReferenceLinkedToATechnique()
    {
        var index = File.ReadAllText(SharedReference.PathOf("external/trl-paper-index/paper_index.md"));
        var ids = HuggingFacePaper().Matches(index).Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.NotEmpty(ids);
        var linked = Data.Value.Techniques.SelectMany(t => t.Entry.References ?? []).Select(l => l.Reference).ToHashSet();
        var problems = ids.Select(id => (id, slug: Data.Value.References.FirstOrDefault(r => r.Entry.ArxivId == id)?.Key))
            .Where(x => x.slug is null || !linked.Contains(x.slug))
            .Select(x => x.slug is null ? $"{x.id} is not a reference" : $"{x.id} ({x.slug}) is linked to no technique")
            .ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void EveryTechniqueAndMethodIsDescribedInBothLanguages()
    {
        var missing = Data.Value.Techniques
            .Where(t => string.IsNullOrWhiteSpace(t.Entry.Description?.En) || string.IsNullOrWhiteSpace(t.Entry.Description?.Zh))
            .Select(t => t.Key).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} without both languages: {string.Join(", ", missing)}");
    }

    [Fact]
    public void NoTwoTechniqueDescriptionsShareASentence()
    {
        // A templated description repeats its frame with another name in it: compare sentences with the entity's own
        // names blanked out, so "X is a method from the survey's Table 5." is caught for every X.
        var owners = new Dictionary<string, string>();
        var problems = new List<string>();
        foreach (var t in Data.Value.Techniques)
        {
            var names = new[] { t.Key, t.Entry.Name?.En, t.Entry.Name?.Zh, t.Entry.Abbreviation }.Concat(t.Entry.Aliases ?? [])
                .Where(n => !string.IsNullOrWhiteSpace(n)).OrderByDescending(n => n!.Length).ToList();
            foreach (var text in new[] { t.Entry.Description?.En, t.Entry.Description?.Zh })
            {
                foreach (var sentence in Sentences(text))
                {
                    var frame = names.Aggregate(sentence, (s, n) => s.Replace(n!, "#", StringComparison.OrdinalIgnoreCase));
                    frame = Regex.Replace(frame.ToLowerInvariant(), @"\s+", " ");
                    if (frame.Length < 25)
                    {
                        continue; // too short to be a template ("# ." after blanking)
                    }

                    if (owners.TryGetValue(frame, out var other) && other != t.Key)
                    {
                        problems.Add($"{t.Key} and {other}: \"{sentence}\"");
                    }

                    owners.TryAdd(frame, t.Key);
                }
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} shared sentences:\n{string.Join('\n', problems.Take(50))}");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private readonly record struct Entity(string Kind, string Key);

    private static Entity? Resolve(JsonElement e)
    {
        var names = new List<string> { e.GetProperty("name").GetString()! };
        if (e.TryGetProperty("printedNameIsTypoFor", out var typo) && typo.ValueKind == JsonValueKind.String)
        {
            names.Add(typo.GetString()!);
        }

        names.AddRange(e.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()!));
        var kind = e.GetProperty("kind").GetString();
        foreach (var name in names)
        {
            var key = Norm(name);
            var found = kind switch
            {
                "model" => Data.Value.Models.FirstOrDefault(m => NamesOf(m.Key, m.Entry.Name, null, m.Entry.Aliases).Contains(key)) is { } m ? new Entity("model", m.Key) : (Entity?)null,
                "dataset" => Data.Value.Datasets.FirstOrDefault(d => NamesOf(d.Key, d.Entry.Name, null, d.Entry.Aliases).Contains(key)) is { } d ? new Entity("dataset", d.Key) : null,
                _ => TechniquesNamed(name).FirstOrDefault() is { Key: not null } t ? new Entity("technique", t.Key) : null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static IEnumerable<Merged<TechniqueEntry>> TechniquesNamed(string name)
    {
        var key = Norm(name);
        return Data.Value.Techniques.Where(t => NamesOf(t.Key, t.Entry.Name, t.Entry.Abbreviation, t.Entry.Aliases).Contains(key));
    }

    private static HashSet<string> NamesOf(string slug, LocalizedText? name, string? abbreviation, IEnumerable<string>? aliases) =>
        new[] { slug, name?.En, name?.Zh, abbreviation }.Concat(aliases ?? []).Where(n => n is not null).Select(n => Norm(n!)).ToHashSet();

    private static HashSet<string> LinkedReferences(Entity entity) => entity.Kind switch
    {
        "model" => (Data.Value.Models.Single(m => m.Key == entity.Key).Entry.References ?? []).ToHashSet(),
        "dataset" => Data.Value.Datasets.Single(d => d.Key == entity.Key).Entry.Reference is { } r ? [r] : [],
        _ => (Data.Value.Techniques.Single(t => t.Key == entity.Key).Entry.References ?? []).Select(l => l.Reference!).ToHashSet(),
    };

    /// <summary>Entries the survey prints twice, as its README (survey/README.md, "Duplicate entries") names them.</summary>
    private static readonly Dictionary<int, int> PrintedTwice = new() { [114] = 64, [322] = 42, [157] = 108 };

    /// <summary>The reference that is the work of survey citation n: by arXiv id where it has one, else by title.</summary>
    private static string? ReferenceOfCitation(int n)
    {
        n = PrintedTwice.GetValueOrDefault(n, n);
        var b = Bibliography.Value.EnumerateArray().Single(x => x.GetProperty("n").GetInt32() == n);
        var arxiv = b.GetProperty("arxiv").ValueKind == JsonValueKind.String ? b.GetProperty("arxiv").GetString() : null;
        int? year = b.GetProperty("year").ValueKind == JsonValueKind.Number ? b.GetProperty("year").GetInt32() : null;
        return ReferenceByIdentity(arxiv, b.GetProperty("title").GetString(), year);
    }

    private static string? ReferenceByIdentity(string? arxiv, string? title, int? year = null)
    {
        if (arxiv is not null && Data.Value.References.FirstOrDefault(r => r.Entry.ArxivId == arxiv) is { } byId)
        {
            return byId.Key;
        }

        var wanted = new ReferenceIdentity.Record(null, null, title, year);
        return Data.Value.References.FirstOrDefault(r =>
            ReferenceIdentity.SameWork(wanted, new ReferenceIdentity.Record(null, null, r.Entry.Title, r.Entry.Year))
            || (r.Entry.ArxivId is { } id && title is not null && ReferenceIdentity.NormaliseTitle(title) == ReferenceIdentity.NormaliseTitle(r.Entry.Title ?? "")
                && (year is null || Math.Abs(2000 + int.Parse(id[..2], CultureInfo.InvariantCulture) - year.Value) <= 1)))?.Key;
    }

    /// <summary>Author lists the curation cleaned of PDF debris (tools/curation/bibliography-fixes.json, with its reasons).</summary>
    private static Dictionary<int, List<string>> CleanedAuthorLists()
    {
        var root = RepositoryRoot() ?? throw new InvalidOperationException("The repository root (PostTraining.Api.sln) is not above the test assembly.");
        var file = Path.Combine(root, "tools", "curation", "bibliography-fixes.json");
        using var fixes = JsonDocument.Parse(File.ReadAllText(file));
        return fixes.RootElement.GetProperty("authors").EnumerateObject()
            .ToDictionary(p => int.Parse(p.Name, CultureInfo.InvariantCulture), p => p.Value.EnumerateArray().Select(a => a.GetString()!).ToList());
    }

    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PostTraining.Api.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>Rows of the awesome list's Reward Design, Policy Optimization and Sampling Strategy tables that have a short name.</summary>
    private static IEnumerable<(string Section, string Name, string Title, string? Arxiv)> AwesomeRows()
    {
        string? top = null, sub = null;
        foreach (var line in File.ReadLines(SharedReference.PathOf("external/awesome-rl-for-lrms/README.md")))
        {
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                (top, sub) = (line[4..].Trim(), null);
            }
            else if (line.StartsWith("#### ", StringComparison.Ordinal))
            {
                sub = line[5..].Trim();
            }
            else if (top is "Reward Design" or "Policy Optimization" or "Sampling Strategy" && sub is not null
                     && line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| Date", StringComparison.Ordinal))
            {
                var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
                var name = cells.Length > 3 ? cells[1].Replace("`", "", StringComparison.Ordinal).Trim() : "";
                if (name is "" or "-")
                {
                    continue;
                }

                var arxiv = ArxivLink().Match(cells[3]);
                yield return ($"{top} / {sub}", name, cells[2], arxiv.Success ? arxiv.Groups[1].Value : null);
            }
        }
    }

    private static IEnumerable<string> Sentences(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : SentenceEnd().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0);

    private static string Norm(string text)
    {
        var decomposed = text.Replace("+", " plus ", StringComparison.Ordinal).Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder();
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [GeneratedRegex(@"^\d{4}\.\d{4,5}$")]
    private static partial Regex NewStyleArxiv();

    [GeneratedRegex(@"huggingface\.co/papers/(\d{4}\.\d{4,5})")]
    private static partial Regex HuggingFacePaper();

    // A full new-style id: four digits, a dot, four or five digits, then the end of the id.
    [GeneratedRegex(@"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})(?![\d])")]
    private static partial Regex ArxivLink();

    [GeneratedRegex(@"(?<=[.!?。！？])\s*")]
    private static partial Regex SentenceEnd();
}
