using System.Globalization;
using System.Text;
using System.Text.Json;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Taxonomy;

/// <summary>The taxonomy in each of its formats: nested JSON, Mermaid, Graphviz DOT, SKOS as JSON-LD, CSV.</summary>
public static class TaxonomyExport
{
    public static TaxonomyDocument Json(TaxonomyScope scope) => new(
        scope.Root,
        scope.Branches.Select(b => new TaxonomyParadigm(
            b.Paradigm.Slug,
            b.Paradigm.RequiredName(),
            LocalizedText.Of(b.Paradigm.Row.GoalEn, b.Paradigm.Row.GoalZh),
            b.Paradigm.Description(),
            b.Paradigm.Url,
            b.Tops.Select(Tree).ToArray())).ToArray());

    private static TaxonomyTechnique Tree(SnapshotNode t) => new(
        t.Slug, t.TechniqueKindName(), t.RequiredName(), t.Row.Abbreviation, t.Row.Year, t.Url,
        t.Children.Where(c => c.Kind == NodeKind.Technique).Select(Tree).ToArray());

    /// <summary>A Mermaid flowchart: the tree as solid arrows, relationships inside it as labelled dotted arrows.</summary>
    public static string Mermaid(TaxonomyScope scope)
    {
        var builder = new StringBuilder("flowchart LR\n");
        foreach (var node in scope.Paradigms.Concat(scope.Techniques))
        {
            var shape = node.Kind == NodeKind.Paradigm ? ("[[\"", "\"]]") : ("[\"", "\"]");
            builder.Append("  ").Append(MermaidId(node)).Append(shape.Item1).Append(MermaidText(Label(node, "<br/>"))).Append(shape.Item2).Append('\n');
        }

        foreach (var node in scope.Techniques)
        {
            var parent = node.Parent?.Kind == NodeKind.Technique ? node.Parent : node.Paradigm;
            if (parent is not null && scope.Members.Contains(parent))
            {
                builder.Append("  ").Append(MermaidId(parent)).Append(" --> ").Append(MermaidId(node)).Append('\n');
            }
        }

        foreach (var edge in scope.InnerEdges())
        {
            builder.Append("  ").Append(MermaidId(edge.Source)).Append(" -.->|\"").Append(MermaidText(edge.Type.NameEn)).Append("\"| ")
                .Append(MermaidId(edge.Target)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>A Graphviz digraph with the same content as the Mermaid chart; node ids are <c>kind:slug</c>.</summary>
    public static string Dot(TaxonomyScope scope)
    {
        var builder = new StringBuilder("digraph taxonomy {\n  rankdir=LR;\n  node [shape=box, fontname=\"sans-serif\"];\n");
        foreach (var node in scope.Paradigms.Concat(scope.Techniques))
        {
            builder.Append("  ").Append(DotString(node.Key)).Append(" [label=").Append(DotString(Label(node, "\n")));
            if (node.Kind == NodeKind.Paradigm)
            {
                builder.Append(", shape=folder");
            }
            else if (node.Row.TechniqueKind == TechniqueKind.Method)
            {
                builder.Append(", style=rounded");
            }

            builder.Append("];\n");
        }

        foreach (var node in scope.Techniques)
        {
            var parent = node.Parent?.Kind == NodeKind.Technique ? node.Parent : node.Paradigm;
            if (parent is not null && scope.Members.Contains(parent))
            {
                builder.Append("  ").Append(DotString(parent.Key)).Append(" -> ").Append(DotString(node.Key)).Append(";\n");
            }
        }

        foreach (var edge in scope.InnerEdges())
        {
            builder.Append("  ").Append(DotString(edge.Source.Key)).Append(" -> ").Append(DotString(edge.Target.Key))
                .Append(" [style=dashed, label=").Append(DotString(edge.Type.NameEn)).Append("];\n");
        }

        return builder.Append("}\n").ToString();
    }

    /// <summary>
    /// SKOS in JSON-LD: a concept scheme whose top concepts are the paradigms; every technique a concept with
    /// prefLabel in both languages, altLabel for abbreviation and aliases, broader/narrower, and related for the
    /// relationships inside the scope. Ids are the entities' API URLs, relative to the document.
    /// </summary>
    public static byte[] JsonLd(TaxonomyScope scope)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = TaxonomyJson.Context.Options.Encoder, Indented = false }))
        {
            w.WriteStartObject();
            w.WriteStartObject("@context");
            w.WriteString("skos", "http://www.w3.org/2004/02/skos/core#");
            w.WriteString("dct", "http://purl.org/dc/terms/");
            WriteTerm(w, "prefLabel", "skos:prefLabel", container: "@language");
            WriteTerm(w, "altLabel", "skos:altLabel", container: "@set");
            WriteTerm(w, "definition", "skos:definition", container: "@language");
            WriteTerm(w, "notation", "skos:notation");
            WriteTerm(w, "broader", "skos:broader", type: "@id");
            WriteTerm(w, "narrower", "skos:narrower", type: "@id", container: "@set");
            WriteTerm(w, "related", "skos:related", type: "@id", container: "@set");
            WriteTerm(w, "inScheme", "skos:inScheme", type: "@id");
            WriteTerm(w, "topConceptOf", "skos:topConceptOf", type: "@id");
            WriteTerm(w, "hasTopConcept", "skos:hasTopConcept", type: "@id", container: "@set");
            WriteTerm(w, "title", "dct:title", container: "@language");
            w.WriteEndObject();

            const string scheme = "/api/v1/taxonomy";
            w.WriteStartArray("@graph");
            w.WriteStartObject();
            w.WriteString("@id", scheme);
            w.WriteString("@type", "skos:ConceptScheme");
            w.WriteStartObject("title");
            w.WriteString("en", "Taxonomy of LLM post-training");
            w.WriteString("zh", "大语言模型后训练分类");
            w.WriteEndObject();
            w.WriteStartArray("hasTopConcept");
            foreach (var p in scope.Paradigms)
            {
                w.WriteStringValue(p.Url);
            }

            w.WriteEndArray();
            w.WriteEndObject();

            var related = scope.InnerEdges().SelectMany(e => new[] { (e.Source, e.Target), (e.Target, e.Source) })
                .ToLookup(p => p.Item1, p => p.Item2);
            foreach (var node in scope.Paradigms.Concat(scope.Techniques))
            {
                w.WriteStartObject();
                w.WriteString("@id", node.Url);
                w.WriteString("@type", "skos:Concept");
                w.WriteString("inScheme", scheme);
                w.WriteString("notation", node.Slug);
                w.WriteStartObject("prefLabel");
                if (node.Row.NameEn is { } en)
                {
                    w.WriteString("en", en);
                }

                if (node.Row.NameZh is { } zh)
                {
                    w.WriteString("zh", zh);
                }

                w.WriteEndObject();
                var alt = new[] { node.Row.Abbreviation }.Concat(node.Row.Aliases).Where(a => !string.IsNullOrWhiteSpace(a)).Distinct().ToArray();
                if (alt.Length > 0)
                {
                    w.WriteStartArray("altLabel");
                    foreach (var a in alt)
                    {
                        w.WriteStringValue(a);
                    }

                    w.WriteEndArray();
                }

                if (node.Description() is { } description)
                {
                    w.WriteStartObject("definition");
                    if (description.En is not null)
                    {
                        w.WriteString("en", description.En);
                    }

                    if (description.Zh is not null)
                    {
                        w.WriteString("zh", description.Zh);
                    }

                    w.WriteEndObject();
                }

                if (node.Kind == NodeKind.Paradigm)
                {
                    w.WriteString("topConceptOf", scheme);
                }
                else
                {
                    var parent = node.Parent?.Kind == NodeKind.Technique ? node.Parent : node.Paradigm;
                    if (parent is not null && scope.Members.Contains(parent))
                    {
                        w.WriteString("broader", parent.Url);
                    }
                }

                var narrower = node.Children.Where(c => c.Kind == NodeKind.Technique && scope.Members.Contains(c)).ToArray();
                if (narrower.Length > 0)
                {
                    w.WriteStartArray("narrower");
                    foreach (var c in narrower)
                    {
                        w.WriteStringValue(c.Url);
                    }

                    w.WriteEndArray();
                }

                var links = related[node].Distinct().ToArray();
                if (links.Length > 0)
                {
                    w.WriteStartArray("related");
                    foreach (var other in links)
                    {
                        w.WriteStringValue(other.Url);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>RFC 4180 CSV, one row per paradigm and technique, parents before children.</summary>
    public static string Csv(TaxonomyScope scope)
    {
        var builder = new StringBuilder("kind,slug,technique_kind,paradigm,parent,depth,name_en,name_zh,abbreviation,year,url\r\n");
        foreach (var p in scope.Paradigms)
        {
            Row(builder, "paradigm", p.Slug, "", "", "", "", p.Row.NameEn, p.Row.NameZh, p.Row.Abbreviation, null, p.Url);
        }

        foreach (var t in scope.Techniques)
        {
            Row(builder, "technique", t.Slug, t.TechniqueKindName(), t.Paradigm?.Slug, t.Parent?.Kind == NodeKind.Technique ? t.Parent.Slug : "",
                t.Depth.ToString(CultureInfo.InvariantCulture), t.Row.NameEn, t.Row.NameZh, t.Row.Abbreviation, t.Row.Year, t.Url);
        }

        return builder.ToString();
    }

    private static void Row(StringBuilder builder, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            var text = values[i] switch
            {
                null => "",
                int n => n.ToString(CultureInfo.InvariantCulture),
                var v => v.ToString() ?? "",
            };
            if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                builder.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                builder.Append(text);
            }
        }

        builder.Append("\r\n");
    }

    private static void WriteTerm(Utf8JsonWriter w, string term, string id, string? type = null, string? container = null)
    {
        w.WriteStartObject(term);
        w.WriteString("@id", id);
        if (type is not null)
        {
            w.WriteString("@type", type);
        }

        if (container is not null)
        {
            w.WriteString("@container", container);
        }

        w.WriteEndObject();
    }

    /// <summary>"DPO: Direct Preference Optimization" and the Chinese name on a second line.</summary>
    private static string Label(SnapshotNode node, string lineBreak)
    {
        var en = node.Row.NameEn ?? node.Slug;
        if (node.Row.Abbreviation is { } abbreviation && !string.Equals(abbreviation, en, StringComparison.Ordinal))
        {
            en = $"{abbreviation}: {en}";
        }

        return node.Row.NameZh is { } zh ? en + lineBreak + zh : en;
    }

    /// <summary>Mermaid ids allow letters, digits and underscores: p_/t_ plus the slug with hyphens as underscores.</summary>
    public static string MermaidId(SnapshotNode node) =>
        (node.Kind == NodeKind.Paradigm ? "p_" : "t_") + node.Slug.Replace('-', '_');

    private static string MermaidText(string text) => text.Replace("\"", "#quot;", StringComparison.Ordinal);

    private static string DotString(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
