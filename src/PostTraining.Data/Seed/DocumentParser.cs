using System.Globalization;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PostTraining.Data.Seed;

/// <summary>
/// Reads the source document ("LLM Post-training", a Markdown post) through Markdig's syntax tree and extracts the
/// facts the taxonomy is seeded from. Sections are found by heading text and level, lists by their list blocks, names
/// by the inline text of each item; anything not where it should be is a <see cref="SeedFormatException"/>.
/// </summary>
public static partial class DocumentParser
{
    public const string PreTrainingProblems = "LLM Pre-training 问题";
    public const string Paradigms = "LLM Post-training 范式";
    public const string PreAndPostTraining = "预训练和后训练";
    public const string PostTraining = "后训练";
    public const string PreTraining = "预训练";
    public const string Introduction = "技术简介";
    public const string Structure = "技术结构";
    public const string FormulaFoundations = "Post-training 公式基础";
    public const string References = "参考";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().UsePreciseSourceLocation().Build();

    public static SeedDocument Parse(string markdown, string documentName) => Parse(markdown, documentName, DocumentSlugMap.Default);

    public static SeedDocument Parse(string markdown, string documentName, DocumentSlugMap slugMap)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            throw new SeedFormatException(documentName, 1, "the document is empty");
        }

        var ast = Markdown.Parse(markdown, Pipeline);
        var frontMatter = ReadFrontMatter(documentName, ast);
        var sections = DocumentSections.Build(documentName, ast);
        var context = new Context(documentName, frontMatter.Title, slugMap);

        var limitations = ReadLimitations(context, sections.Require(PreTrainingProblems));
        var paradigms = ReadParadigms(context, sections.Require(Paradigms));
        var (techniques, branches) = ReadStructure(context, sections.Require(PreAndPostTraining, PostTraining, Structure), paradigms);
        // The post-training introduction names today's models; the pre-training paragraph names the earlier ones.
        var (models, datasets) = ReadMentions(context,
            [sections.Require(PreAndPostTraining, PostTraining, Introduction), sections.Require(PreAndPostTraining, PreTraining)]);
        var formulas = ReadFormulaTopics(context, sections.Require(FormulaFoundations));
        var references = ReadReferences(context, sections.Require(References));

        return new SeedDocument(frontMatter, paradigms, techniques, branches, limitations, formulas, models, datasets, references);
    }

    private sealed record Context(string File, string DocumentTitle, DocumentSlugMap SlugMap)
    {
        public DocumentSource Source(DocumentSections.Section section, int line) => new(DocumentTitle, section.Path, line);

        public SeedFormatException Error(int line, string reason) => new(File, line, reason);

        /// <summary>Slug and English name of an item the document names only in Chinese.</summary>
        public DocumentSlugMap.Entry Mapped(string chinese, int line, string what) =>
            SlugMap.TryGet(chinese, out var entry)
                ? entry
                : throw Error(line, $"{what} '{chinese}' has no slug: add it to {DocumentSlugMap.FileName} as {{ \"slug\": ..., \"en\": ... }}");
    }

    private static FrontMatter ReadFrontMatter(string file, MarkdownDocument ast)
    {
        if (ast.FirstOrDefault() is not YamlFrontMatterBlock block)
        {
            throw new SeedFormatException(file, 1, "the document has no front matter (a '---' block with title, author, date and slug)");
        }

        // A tiny "key: value" reader: the document's front matter is flat apart from lists we do not need.
        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        foreach (var line in block.Lines.Lines.Take(block.Lines.Count))
        {
            var match = FrontMatterLine().Match(line.Slice.ToString());
            if (match.Success && match.Groups["value"].Value.Length > 0)
            {
                values[match.Groups["key"].Value] = (Unquote(match.Groups["value"].Value.Trim()), line.Line + 1);
            }
        }

        string Required(string key) =>
            values.TryGetValue(key, out var v) && v.Value.Length > 0
                ? v.Value
                : throw new SeedFormatException(file, block.Line + 1, $"the front matter has no '{key}'");

        var date = Required("date");
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            throw new SeedFormatException(file, values["date"].Line, $"the front matter's date '{date}' is not a yyyy-MM-dd date");
        }

        return new FrontMatter(Required("title"), Required("author"), date, Required("slug"));
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '\'' || value[0] == '"') && value[^1] == value[0] ? value[1..^1] : value;

    private static IReadOnlyList<DocumentNamedItem> ReadLimitations(Context context, DocumentSections.Section section)
    {
        var items = new List<DocumentNamedItem>();
        foreach (var (item, text, line) in Items(context, section))
        {
            if (Ellipsis().IsMatch(text))
            {
                continue;
            }

            var mapped = context.Mapped(text, line, "limitation");
            items.Add(new DocumentNamedItem(mapped.Slug, text, mapped.En, items.Count + 1, context.Source(section, line)));
        }

        return Unique(context, items, i => i.Slug, i => i.Source.Line);
    }

    private static IReadOnlyList<DocumentParadigm> ReadParadigms(Context context, DocumentSections.Section section)
    {
        var paradigms = new List<DocumentParadigm>();
        foreach (var (_, text, line) in Items(context, section))
        {
            var match = ParadigmItem().Match(text);
            if (!match.Success)
            {
                throw context.Error(line, $"paradigm item '{text}' is not of the form '中文名（English name）：目标'");
            }

            var en = match.Groups["en"].Value.Trim();
            paradigms.Add(new DocumentParadigm(
                Slugs.Kebab(en), match.Groups["zh"].Value.Trim(), en, match.Groups["goal"].Value.Trim(),
                paradigms.Count + 1, context.Source(section, line)));
        }

        return Unique(context, paradigms, p => p.Slug, p => p.Source.Line);
    }

    /// <summary>
    /// The "技术结构" list: each top-level item with a nested list is a paradigm's group of techniques (in the
    /// paradigms' order, its English name agreeing with the paradigm's); each item without one is a further branch.
    /// </summary>
    private static (IReadOnlyList<DocumentTechnique>, IReadOnlyList<DocumentBranch>) ReadStructure(
        Context context, DocumentSections.Section section, IReadOnlyList<DocumentParadigm> paradigms)
    {
        var techniques = new List<DocumentTechnique>();
        var branches = new List<DocumentBranch>();
        var groups = 0;
        foreach (var (item, text, line) in Items(context, section))
        {
            var nested = item.OfType<ListBlock>().FirstOrDefault();
            if (nested is null)
            {
                var mapped = context.Mapped(text, line, "branch");
                var kind = mapped.Kind switch
                {
                    "dataset" => BranchKind.Dataset,
                    "application" => BranchKind.Application,
                    _ => throw context.Error(line, $"branch '{text}' needs \"kind\": \"dataset\" or \"application\" in {DocumentSlugMap.FileName}"),
                };
                branches.Add(new DocumentBranch(mapped.Slug, kind, text, mapped.En, branches.Count + 1, context.Source(section, line)));
                continue;
            }

            if (groups >= paradigms.Count)
            {
                throw context.Error(line, $"technique group '{text}' has no paradigm: '{Paradigms}' lists only {paradigms.Count}");
            }

            var paradigm = paradigms[groups++];
            var group = NamedItem().Match(text);
            if (!group.Success || !string.Equals(group.Groups["inner"].Value.Trim(), paradigm.NameEn, StringComparison.OrdinalIgnoreCase))
            {
                throw context.Error(line, $"technique group '{text}' should name paradigm {groups} '{paradigm.NameEn}' in parentheses");
            }

            var position = 0;
            foreach (var child in nested.OfType<ListItemBlock>())
            {
                var (childText, childLine) = ItemText(child);
                var match = NamedItem().Match(childText);
                if (!match.Success)
                {
                    throw context.Error(childLine, $"technique item '{childText}' is not of the form '中文名(English name[, ABBR])'");
                }

                var (en, abbreviation) = SplitAbbreviation(match.Groups["inner"].Value);
                techniques.Add(new DocumentTechnique(
                    Slugs.ForTechnique(en, abbreviation), paradigm.Slug, match.Groups["zh"].Value.Trim(), en, abbreviation,
                    ++position, context.Source(section, childLine)));
            }
        }

        if (groups < paradigms.Count)
        {
            throw context.Error(section.Line, $"'{Structure}' has {groups} technique groups; '{Paradigms}' lists {paradigms.Count} paradigms");
        }

        return (Unique(context, techniques, t => t.Slug, t => t.Source.Line), Unique(context, branches, b => b.Slug, b => b.Source.Line));
    }

    /// <summary>"Supervised Fine-Tuning, SFT" -> ("Supervised Fine-Tuning", "SFT"); a last part in capitals is the abbreviation.</summary>
    private static (string En, string? Abbreviation) SplitAbbreviation(string inner)
    {
        var comma = inner.LastIndexOfAny([',', '，']);
        if (comma > 0)
        {
            var tail = inner[(comma + 1)..].Trim();
            if (Abbreviation().IsMatch(tail))
            {
                return (inner[..comma].Trim(), tail);
            }
        }

        return (inner.Trim(), null);
    }

    private static (IReadOnlyList<DocumentMention>, IReadOnlyList<DocumentMention>) ReadMentions(Context context, IReadOnlyList<DocumentSections.Section> sections)
    {
        var models = new List<DocumentMention>();
        var datasets = new List<DocumentMention>();
        foreach (var (section, paragraph) in sections.SelectMany(s => s.Blocks.OfType<ParagraphBlock>().Select(p => (s, p))))
        {
            var text = InlineText.Of(paragraph.Inline);
            foreach (var mention in MentionScanner.Scan(text.Text))
            {
                var list = mention.Kind == MentionKind.Model ? models : datasets;
                var slug = Slugs.Kebab(mention.Name);
                var existing = list.FindIndex(m => m.Slug == slug);
                if (existing >= 0)
                {
                    // Named twice: keep the first place, and the parameter count if only a later mention gives it.
                    list[existing] = list[existing] with { Parameters = list[existing].Parameters ?? mention.Parameters };
                    continue;
                }

                list.Add(new DocumentMention(slug, mention.Name, mention.Parameters, mention.Pattern, list.Count + 1,
                    context.Source(section, text.LineAt(mention.Offset))));
            }
        }

        return (models, datasets);
    }

    private static IReadOnlyList<DocumentNamedItem> ReadFormulaTopics(Context context, DocumentSections.Section section)
    {
        if (section.Children.Count == 0)
        {
            throw context.Error(section.Line, $"'{FormulaFoundations}' has no level-{section.Level + 1} topic headings");
        }

        var topics = section.Children
            .Select((child, i) =>
            {
                var mapped = context.Mapped(child.Title, child.Line, "formula topic");
                return new DocumentNamedItem(mapped.Slug, child.Title, mapped.En, i + 1, context.Source(child, child.Line));
            })
            .ToList();
        return Unique(context, topics, t => t.Slug, t => t.Source.Line);
    }

    private static IReadOnlyList<DocumentReference> ReadReferences(Context context, DocumentSections.Section section)
    {
        var references = new List<DocumentReference>();
        foreach (var (item, text, line) in Items(context, section))
        {
            var link = item.OfType<ParagraphBlock>().SelectMany(p => Links(p.Inline)).FirstOrDefault()
                ?? throw context.Error(line, $"reference '{text}' has no link: expected '[title](url)'");
            var title = InlineText.Of(link).Text.Trim();
            if (title.Length == 0)
            {
                throw context.Error(line, $"the link to '{link.Url}' has no title");
            }

            var url = ReferenceLinks.Resolve(link.Url, out var problem)
                ?? throw context.Error(line, $"broken link in reference '{title}': {problem}");
            var arxivId = ReferenceLinks.ArxivId(url);
            references.Add(new DocumentReference(
                ReferenceLinks.SlugFor(url, arxivId), title, url, link.Url!, arxivId,
                HasCjk().IsMatch(title) ? "zh" : "en", references.Count + 1, context.Source(section, line)));
        }

        return Unique(context, references, r => r.Slug, r => r.Source.Line);
    }

    private static IEnumerable<LinkInline> Links(ContainerInline? container)
    {
        if (container is null)
        {
            yield break;
        }

        foreach (var inline in container)
        {
            if (inline is LinkInline { IsImage: false } link)
            {
                yield return link;
            }
            else if (inline is ContainerInline nested)
            {
                foreach (var inner in Links(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The items of the first list directly under <paramref name="section"/>, each with its text and line.</summary>
    private static IEnumerable<(ListItemBlock Item, string Text, int Line)> Items(Context context, DocumentSections.Section section)
    {
        var list = section.Blocks.OfType<ListBlock>().FirstOrDefault()
            ?? throw context.Error(section.Line, $"section '{section.Title}' has no list");
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var (text, line) = ItemText(item);
            if (text.Length == 0)
            {
                throw context.Error(line, $"empty list item in '{section.Title}'");
            }

            yield return (item, text, line);
        }
    }

    private static (string Text, int Line) ItemText(ListItemBlock item)
    {
        var paragraph = item.OfType<ParagraphBlock>().FirstOrDefault();
        return (InlineText.Of(paragraph?.Inline).Text.Trim(), (paragraph ?? (Block)item).Line + 1);
    }

    private static IReadOnlyList<T> Unique<T>(Context context, List<T> items, Func<T, string> slug, Func<T, int> line)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (!Slugs.IsValid(slug(item)))
            {
                throw context.Error(line(item), $"'{slug(item)}' is not a valid slug");
            }

            if (!seen.Add(slug(item)))
            {
                throw context.Error(line(item), $"slug '{slug(item)}' occurs twice in the same list");
            }
        }

        return items;
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z_][\w-]*):\s*(?<value>.*)$")]
    private static partial Regex FrontMatterLine();

    [GeneratedRegex(@"^(\.{2,}|…+|。{2,})$")]
    private static partial Regex Ellipsis();

    [GeneratedRegex(@"^(?<zh>[^（(：:]+?)\s*[（(](?<en>[^）)]+)[）)]\s*[：:]\s*(?<goal>.+?)\s*[；;。.]?$")]
    private static partial Regex ParadigmItem();

    [GeneratedRegex(@"^(?<zh>[^（()）]+?)\s*[（(](?<inner>[^（()）]+)[）)]$")]
    private static partial Regex NamedItem();

    [GeneratedRegex(@"^[A-Z][A-Z0-9\-]{1,11}$")]
    private static partial Regex Abbreviation();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HasCjk();
}
