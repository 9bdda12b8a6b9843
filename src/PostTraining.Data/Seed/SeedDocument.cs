namespace PostTraining.Data.Seed;

/// <summary>What the importer extracts from the source document: facts only, each with where it was found.</summary>
public sealed record SeedDocument(
    FrontMatter FrontMatter,
    IReadOnlyList<DocumentParadigm> Paradigms,
    IReadOnlyList<DocumentTechnique> Techniques,
    IReadOnlyList<DocumentBranch> Branches,
    IReadOnlyList<DocumentNamedItem> Limitations,
    IReadOnlyList<DocumentNamedItem> FormulaTopics,
    IReadOnlyList<DocumentMention> Models,
    IReadOnlyList<DocumentMention> Datasets,
    IReadOnlyList<DocumentReference> References);

public sealed record FrontMatter(string Title, string Author, string Date, string Slug);

/// <summary>Provenance of one extracted fact: the document, the headings above it (outermost first) and its line.</summary>
public sealed record DocumentSource(string Document, IReadOnlyList<string> HeadingPath, int Line)
{
    /// <summary>The heading path as stored in the data files and the database.</summary>
    public string Section => string.Join(" > ", HeadingPath);
}

public sealed record DocumentParadigm(string Slug, string NameZh, string NameEn, string GoalZh, int Position, DocumentSource Source);

public sealed record DocumentTechnique(
    string Slug, string Paradigm, string NameZh, string NameEn, string? Abbreviation, int Position, DocumentSource Source);

public enum BranchKind
{
    Dataset,
    Application,
}

/// <summary>A top-level item of the technique list that is not a paradigm (the datasets and applications branches).</summary>
public sealed record DocumentBranch(string Slug, BranchKind Kind, string NameZh, string NameEn, int Position, DocumentSource Source);

/// <summary>An item the document names only in Chinese (a limitation, a formula topic); English and slug come from the slug map.</summary>
public sealed record DocumentNamedItem(string Slug, string NameZh, string NameEn, int Position, DocumentSource Source);

/// <summary>A model or dataset named in running text, with the pattern that found it (so every hit can be explained).</summary>
public sealed record DocumentMention(string Slug, string Name, string? Parameters, string Pattern, int Position, DocumentSource Source);

/// <summary>A reference; <see cref="Url"/> is the real target, <see cref="OriginalUrl"/> the link as written.</summary>
public sealed record DocumentReference(
    string Slug, string Title, string Url, string OriginalUrl, string? ArxivId, string Language, int Position, DocumentSource Source);
