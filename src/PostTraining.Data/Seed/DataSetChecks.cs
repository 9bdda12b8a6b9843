using System.Text.Json.Nodes;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Data.Seed;

/// <summary>
/// Consistency of the merged data beyond what the schema can say: every slug an entry points at exists, trees have no
/// cycles, every paradigm and technique is named in both languages, every method has a reference or says it lacks one,
/// every comparison keeps <see cref="ComparisonRules"/>.
/// </summary>
internal static class DataSetChecks
{
    public static List<DataFileError> Check(DataSet set)
    {
        var errors = new List<DataFileError>();
        var paradigms = set.Paradigms.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var techniques = set.Techniques.ToDictionary(t => t.Key, StringComparer.Ordinal);
        var references = set.References.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        var datasets = set.Datasets.ToDictionary(d => d.Key, StringComparer.Ordinal);
        var applications = set.Applications.ToDictionary(a => a.Key, StringComparer.Ordinal);
        var relationTypes = set.RelationTypes.ToDictionary(t => t.Key, StringComparer.Ordinal);
        var nodes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["paradigm"] = paradigms,
            ["technique"] = [.. techniques.Keys],
            ["reference"] = references,
            ["formula"] = [.. set.Formulas.Select(f => f.Key)],
            ["model"] = [.. set.Models.Select(m => m.Key)],
            ["dataset"] = [.. datasets.Keys],
            ["limitation"] = [.. set.Limitations.Select(l => l.Key)],
            ["application"] = [.. applications.Keys],
        };

        void Reference<T>(Merged<T> entry, string? slug, string member)
        {
            if (slug is not null && !references.Contains(slug))
            {
                errors.Add(At(entry, member).Error($"unknown reference '{slug}'", member));
            }
        }

        foreach (var p in set.Paradigms)
        {
            RequireBothNames(p, p.Entry.Name, "paradigm", errors);
            Reference(p, p.Entry.Source?.Reference, "source");
        }

        foreach (var t in set.Techniques)
        {
            var entry = t.Entry;
            var isMethod = entry.Kind == Wire.TechniqueKinds.Name(TechniqueKind.Method);
            if (isMethod)
            {
                RequireSomeName(t, entry.Name, errors);
                if (entry.LacksReference != true && (entry.References is null || entry.References.Count == 0))
                {
                    errors.Add(t.Origin.Error("a method needs at least one reference, or \"lacksReference\": true"));
                }
            }
            else
            {
                RequireBothNames(t, entry.Name, "technique", errors);
            }

            if (entry.Parent is null)
            {
                if (entry.Paradigm is null)
                {
                    errors.Add(t.Origin.Error("a technique without a parent needs a paradigm"));
                }
            }
            else if (!techniques.ContainsKey(entry.Parent))
            {
                errors.Add(At(t, "parent").Error($"unknown parent technique '{entry.Parent}'", "parent"));
            }

            if (entry.Paradigm is not null && !paradigms.Contains(entry.Paradigm))
            {
                errors.Add(At(t, "paradigm").Error($"unknown paradigm '{entry.Paradigm}'", "paradigm"));
            }

            foreach (var link in entry.References ?? [])
            {
                Reference(t, link.Reference, "references");
            }

            Reference(t, entry.Source?.Reference, "source");
        }

        CheckTree(set.Techniques, t => t.Entry.Parent, techniques, "technique", errors);
        CheckTechniqueParadigms(set, techniques, errors);

        var arxivIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in set.References)
        {
            if (string.IsNullOrWhiteSpace(r.Entry.Title))
            {
                errors.Add(r.Origin.Error("a reference needs a title"));
            }

            if (r.Entry.ArxivId is { } id && !arxivIds.TryAdd(id, r.Key))
            {
                errors.Add(At(r, "arxivId").Error($"arXiv id {id} is also the id of reference '{arxivIds[id]}'", "arxivId"));
            }
        }

        foreach (var f in set.Formulas)
        {
            RequireSomeName(f, f.Entry.Name, errors);
            if (f.Entry.Technique is { } technique && !techniques.ContainsKey(technique))
            {
                errors.Add(At(f, "technique").Error($"unknown technique '{technique}'", "technique"));
            }

            Reference(f, f.Entry.Reference, "reference");
            Reference(f, f.Entry.Source?.Reference, "source");
        }

        foreach (var m in set.Models)
        {
            RequireSomeName(m, m.Entry.Name, errors);
            foreach (var reference in m.Entry.References ?? [])
            {
                Reference(m, reference, "references");
            }

            Reference(m, m.Entry.Source?.Reference, "source");
        }

        foreach (var d in set.Datasets)
        {
            RequireSomeName(d, d.Entry.Name, errors);
            if (d.Entry.Parent is { } parent && !datasets.ContainsKey(parent))
            {
                errors.Add(At(d, "parent").Error($"unknown parent dataset '{parent}'", "parent"));
            }

            Reference(d, d.Entry.Reference, "reference");
            Reference(d, d.Entry.Source?.Reference, "source");
        }

        CheckTree(set.Datasets, d => d.Entry.Parent, datasets, "dataset", errors);

        foreach (var l in set.Limitations)
        {
            RequireSomeName(l, l.Entry.Name, errors);
            Reference(l, l.Entry.Source?.Reference, "source");
        }

        foreach (var a in set.Applications)
        {
            RequireSomeName(a, a.Entry.Name, errors);
            if (a.Entry.Parent is { } parent && !applications.ContainsKey(parent))
            {
                errors.Add(At(a, "parent").Error($"unknown parent application '{parent}'", "parent"));
            }

            Reference(a, a.Entry.Source?.Reference, "source");
        }

        CheckTree(set.Applications, a => a.Entry.Parent, applications, "application", errors);

        foreach (var r in set.Relationships)
        {
            if (!relationTypes.ContainsKey(r.Entry.Type!))
            {
                errors.Add(At(r, "type").Error($"unknown relation type '{r.Entry.Type}'", "type"));
            }

            foreach (var (end, member) in new[] { (r.Entry.Source!, "source"), (r.Entry.Target!, "target") })
            {
                var (kind, slug) = NodeRef.Split(end);
                if (!nodes[kind].Contains(slug))
                {
                    errors.Add(At(r, member).Error($"unknown {kind} '{slug}'", member));
                }
            }

            if (r.Entry.Source == r.Entry.Target)
            {
                errors.Add(r.Origin.Error("a relationship cannot point at its own source"));
            }

            Reference(r, r.Entry.Reference, "reference");
        }

        CheckAcyclicRelationships(set, relationTypes, errors);
        foreach (var c in set.Comparisons)
        {
            foreach (var (member, message) in ComparisonRules.Check(c.Entry, (kind, slug) => nodes[Wire.NodeKinds.Name(kind)].Contains(slug)))
            {
                errors.Add(c.Origin.Error($"{member}: {message}"));
            }
        }

        return errors;
    }

    private static void RequireBothNames<T>(Merged<T> entry, LocalizedText? name, string what, List<DataFileError> errors)
    {
        if (string.IsNullOrWhiteSpace(name?.En) || string.IsNullOrWhiteSpace(name?.Zh))
        {
            errors.Add(entry.Origin.Error($"a {what} needs an English and a Chinese name (name.en and name.zh)"));
        }
    }

    private static void RequireSomeName<T>(Merged<T> entry, LocalizedText? name, List<DataFileError> errors)
    {
        if (string.IsNullOrWhiteSpace(name?.En) && string.IsNullOrWhiteSpace(name?.Zh))
        {
            errors.Add(entry.Origin.Error("the entry needs a name (name.en or name.zh)"));
        }
    }

    /// <summary>Follows each entry's parent chain; a chain that comes back to where it started is a cycle.</summary>
    private static void CheckTree<T>(IReadOnlyList<Merged<T>> entries, Func<Merged<T>, string?> parentOf,
        Dictionary<string, Merged<T>> byKey, string what, List<DataFileError> errors)
    {
        foreach (var entry in entries)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { entry.Key };
            for (var parent = parentOf(entry); parent is not null && byKey.TryGetValue(parent, out var next); parent = parentOf(next))
            {
                if (!seen.Add(parent))
                {
                    if (parent == entry.Key)
                    {
                        errors.Add(At(entry, "parent").Error($"the {what} is its own ancestor (parent cycle through '{parentOf(entry)}')", "parent"));
                    }

                    break;
                }
            }
        }
    }

    /// <summary>A technique below a parent belongs to the parent's paradigm; saying otherwise is an error.</summary>
    private static void CheckTechniqueParadigms(DataSet set, Dictionary<string, Merged<TechniqueEntry>> techniques, List<DataFileError> errors)
    {
        foreach (var t in set.Techniques.Where(t => t.Entry.Parent is not null && t.Entry.Paradigm is not null))
        {
            var inherited = techniques.TryGetValue(t.Entry.Parent!, out var parent) ? EffectiveParadigm(parent, techniques) : null;
            if (inherited is not null && t.Entry.Paradigm != inherited)
            {
                errors.Add(At(t, "paradigm").Error(
                    $"paradigm '{t.Entry.Paradigm}' differs from '{inherited}', the paradigm of its parent '{t.Entry.Parent}'", "paradigm"));
            }
        }
    }

    /// <summary>The technique's own paradigm, else its nearest ancestor's; null when none says (or on a cycle).</summary>
    public static string? EffectiveParadigm(Merged<TechniqueEntry> technique, IReadOnlyDictionary<string, Merged<TechniqueEntry>> techniques)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = technique; current is not null && seen.Add(current.Key);
             current = current.Entry.Parent is { } parent ? techniques.GetValueOrDefault(parent) : null)
        {
            if (current.Entry.Paradigm is not null)
            {
                return current.Entry.Paradigm;
            }
        }

        return null;
    }

    private static void CheckAcyclicRelationships(DataSet set, Dictionary<string, Merged<RelationTypeContent>> types, List<DataFileError> errors)
    {
        foreach (var group in set.Relationships.Where(r => types.TryGetValue(r.Entry.Type!, out var t) && t.Entry.Acyclic == true)
                     .GroupBy(r => r.Entry.Type!))
        {
            var edges = group.GroupBy(r => r.Entry.Source!).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var r in group)
            {
                // A cycle exists through this edge when its target reaches its source.
                var stack = new Stack<string>([r.Entry.Target!]);
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (stack.Count > 0)
                {
                    var node = stack.Pop();
                    if (node == r.Entry.Source)
                    {
                        errors.Add(r.Origin.Error($"'{group.Key}' relationships must not form a cycle, and this one closes one"));
                        break;
                    }

                    if (seen.Add(node) && edges.TryGetValue(node, out var next))
                    {
                        next.ForEach(e => stack.Push(e.Entry.Target!));
                    }
                }
            }
        }
    }

    /// <summary>The origin whose entry sets <paramref name="member"/> (a later file may have added it), else the first.</summary>
    private static EntryOrigin At<T>(Merged<T> entry, string member) =>
        entry.Origins.FirstOrDefault(o => Node(o) is JsonObject obj && obj.ContainsKey(member)) ?? entry.Origin;

    private static JsonNode? Node(EntryOrigin origin)
    {
        var segments = origin.Pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return origin.File.Root[segments[0]]?[int.Parse(segments[1], System.Globalization.CultureInfo.InvariantCulture)];
    }
}

/// <summary>"technique:dpo" as (kind, slug).</summary>
public static class NodeRef
{
    public static (string Kind, string Slug) Split(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return (value[..colon], value[(colon + 1)..]);
    }
}
