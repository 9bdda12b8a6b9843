using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PostTraining.Data.Entities;
using PostTraining.Data.Seed;

namespace PostTraining.Data.Bibliography;

/// <summary>A record as the import reads it (or as the database holds it, for a conflict).</summary>
public sealed record BibtexRecord(string Title, IReadOnlyList<string> Authors, bool AuthorsTruncated, int? Year, string? Venue, string? ArxivId, string? Doi);

/// <summary>What became of one entry: created, matched, conflicting or error.</summary>
public sealed record BibtexImportEntry(
    string CitationKey,
    string Status,
    int Line,
    string? Slug,
    BibtexRecord Record,
    BibtexRecord? Existing = null,
    IReadOnlyList<string>? Differences = null,
    IReadOnlyList<string>? Errors = null);

public sealed record BibtexImportCounts(int Created, int Matched, int Conflicting, int Errors);

/// <summary>The import's answer: counts and one row per entry, in file order.</summary>
public sealed record BibtexImportReport(bool DryRun, BibtexImportCounts Counts, IReadOnlyList<BibtexImportEntry> Entries);

/// <summary>How an import runs: who it is recorded as, whether it writes, and how a created reference is recorded.</summary>
public sealed record BibtexImportOptions
{
    /// <summary>The change feed's author: the API key's name, or "import" for the command line.</summary>
    public string Author { get; init; } = SeedLoader.Author;

    /// <summary>Report only; nothing is written.</summary>
    public bool DryRun { get; init; }

    /// <summary>What the created references' provenance names as their document (the file, or "BibTeX import").</summary>
    public string Document { get; init; } = "BibTeX import";

    public DateTimeOffset? Now { get; init; }

    /// <summary>Field checks beyond the parser's (the API's rules for a reference); each message makes the entry an error.</summary>
    public Func<BibtexEntry, int?, IReadOnlyList<string>>? Validate { get; init; }

    /// <summary>
    /// Records a created reference in the change feed; by default as the seed loader does (its entity state). The API
    /// passes the representation its own writes record.
    /// </summary>
    public Action<Reference>? RecordCreate { get; init; }
}

/// <summary>
/// Imports parsed BibTeX entries as references. Each entry is compared, by <see cref="ReferenceIdentity.SameWork"/>
/// (arXiv id, then DOI, then normalised title with years at most one apart), with the references that exist and
/// with the earlier entries of the same file: a new work is created, the same work with the same metadata is
/// matched, the same work with a different title, year or authors is a conflict (listed with both records, not
/// overwritten). A created reference's year is the year of first public release: from its arXiv id where it has one.
/// Everything is written in one transaction, with a change-feed row per created reference.
/// </summary>
public sealed class BibtexImporter(PostTrainingDbContext db)
{
    /// <summary>The advisory lock every writer takes (the API's write session uses the same key, "PTWRITE").</summary>
    public const long WriteLockKey = 0x50_54_57_52_49_54_45;

    public const string Created = "created";
    public const string Matched = "matched";
    public const string Conflicting = "conflicting";
    public const string Error = "error";

    /// <summary>
    /// Imports in a transaction of its own holding the write lock, or in the caller's when one is open (the API's write
    /// session, which holds the lock and commits).
    /// </summary>
    public async Task<BibtexImportReport> ImportAsync(BibtexParseResult parsed, BibtexImportOptions options, CancellationToken ct = default)
    {
        if (!parsed.Succeeded)
        {
            throw new ArgumentException("A file that did not parse cannot be imported; report its errors instead.", nameof(parsed));
        }

        if (options.DryRun)
        {
            return (await PlanAsync(parsed, options, ct)).Report;
        }

        if (db.Database.CurrentTransaction is not null)
        {
            return await WriteAsync(parsed, options, ct);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async cancel =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [WriteLockKey], cancel);
            var report = await WriteAsync(parsed, options, cancel);
            await transaction.CommitAsync(cancel);
            return report;
        }, ct);
    }

    private async Task<BibtexImportReport> WriteAsync(BibtexParseResult parsed, BibtexImportOptions options, CancellationToken ct)
    {
        var (report, created) = await PlanAsync(parsed, options, ct);
        if (created.Count == 0)
        {
            return report;
        }

        var now = Truncate(options.Now ?? DateTimeOffset.UtcNow);
        var references = new List<Reference>(created.Count);
        foreach (var (entry, slug, year) in created)
        {
            references.Add(new Reference
            {
                Kind = NodeKind.Reference,
                Slug = slug,
                NameEn = entry.Title,
                Authors = [.. entry.Authors],
                AuthorsTruncated = entry.AuthorsTruncated,
                Year = year,
                Venue = entry.Venue,
                Url = entry.Url,
                ArxivId = entry.ArxivId,
                Doi = entry.Doi,
                Language = entry.Language,
                Verified = true,
                CreatedAt = now,
                UpdatedAt = now,
                Source = new Provenance { Kind = SourceKind.Api, Document = options.Document, Section = $"@{entry.EntryType}{{{entry.CitationKey}}} (line {entry.Line})" },
            });
        }

        // A new reference takes its slug over from any renamed one that used to answer to it (as a single create does).
        var slugs = references.Select(r => r.Slug).ToList();
        await db.SlugRedirects.Where(r => r.Kind == NodeKind.Reference && slugs.Contains(r.OldSlug)).ExecuteDeleteAsync(ct);
        db.References.AddRange(references);
        await db.SaveChangesAsync(ct);
        foreach (var reference in references)
        {
            if (options.RecordCreate is { } record)
            {
                record(reference);
            }
            else
            {
                db.Changes.Add(new Change
                {
                    At = now,
                    Author = options.Author,
                    Operation = "create",
                    EntityKind = "reference",
                    EntityKey = reference.Slug,
                    After = JsonDocument.Parse(Seed.EntityState.Of(reference, _ => null).ToJsonString()),
                });
            }
        }

        await db.SaveChangesAsync(ct);
        return report with { DryRun = false };
    }

    private sealed record Known(string Slug, BibtexRecord Record);

    private async Task<(BibtexImportReport Report, List<(BibtexEntry Entry, string Slug, int? Year)> Created)> PlanAsync(
        BibtexParseResult parsed, BibtexImportOptions options, CancellationToken ct)
    {
        var entries = parsed.Entries;
        var existing = await db.References.AsNoTracking()
            .Select(r => new { r.Slug, r.NameEn, r.Authors, r.AuthorsTruncated, r.Year, r.Venue, r.ArxivId, r.Doi })
            .ToListAsync(ct);
        var takenSlugs = new HashSet<string>(existing.Select(r => r.Slug), StringComparer.Ordinal);
        var byArxiv = new Dictionary<string, List<Known>>(StringComparer.OrdinalIgnoreCase);
        var byDoi = new Dictionary<string, List<Known>>(StringComparer.Ordinal);
        var byTitle = new Dictionary<string, List<Known>>(StringComparer.Ordinal);

        void Index(Known known)
        {
            static void Add(Dictionary<string, List<Known>> index, string? key, Known value)
            {
                if (key is not null)
                {
                    if (!index.TryGetValue(key, out var list))
                    {
                        index[key] = list = [];
                    }

                    list.Add(value);
                }
            }

            Add(byArxiv, known.Record.ArxivId, known);
            Add(byDoi, known.Record.Doi, known);
            Add(byTitle, ReferenceIdentity.NormaliseTitle(known.Record.Title), known);
        }

        foreach (var r in existing)
        {
            Index(new Known(r.Slug, new BibtexRecord(r.NameEn ?? "", r.Authors, r.AuthorsTruncated, r.Year, r.Venue, r.ArxivId, r.Doi)));
        }

        var rows = new List<BibtexImportEntry>(entries.Count);
        var created = new List<(BibtexEntry, string, int?)>();
        foreach (var entry in entries)
        {
            var year = ReleaseYear(entry);
            var record = new BibtexRecord(entry.Title, entry.Authors, entry.AuthorsTruncated, year, entry.Venue, entry.ArxivId, entry.Doi);
            var identity = Identity(record);
            var match = Candidates(record, byArxiv, byDoi, byTitle).FirstOrDefault(k => ReferenceIdentity.SameWork(identity, Identity(k.Record)));
            if (match is not null)
            {
                var differences = Differences(record, match.Record);
                rows.Add(differences.Count == 0
                    ? new BibtexImportEntry(entry.CitationKey, Matched, entry.Line, match.Slug, record)
                    : new BibtexImportEntry(entry.CitationKey, Conflicting, entry.Line, match.Slug, record, match.Record, differences));
                continue;
            }

            var problems = options.Validate?.Invoke(entry, year) ?? [];
            if (problems.Count > 0)
            {
                rows.Add(new BibtexImportEntry(entry.CitationKey, Error, entry.Line, null, record, Errors: problems));
                continue;
            }

            var slug = UniqueSlug(ReferenceSlugs.Derive(entry.ArxivId, entry.Title), takenSlugs);
            takenSlugs.Add(slug);
            Index(new Known(slug, record));
            created.Add((entry, slug, year));
            rows.Add(new BibtexImportEntry(entry.CitationKey, Created, entry.Line, slug, record));
        }

        foreach (var rejected in parsed.Rejected)
        {
            var e = rejected.Entry;
            rows.Add(new BibtexImportEntry(e.CitationKey, Error, e.Line, null,
                new BibtexRecord(e.Title, e.Authors, e.AuthorsTruncated, ReleaseYear(e), e.Venue, e.ArxivId, e.Doi), Errors: [rejected.Message]));
        }

        rows.Sort((a, b) => a.Line.CompareTo(b.Line));
        var counts = new BibtexImportCounts(
            rows.Count(r => r.Status == Created),
            rows.Count(r => r.Status == Matched),
            rows.Count(r => r.Status == Conflicting),
            rows.Count(r => r.Status == Error));
        return (new BibtexImportReport(options.DryRun, counts, rows), created);
    }

    /// <summary>The year of first public release: an arXiv id's own year (2305.18290 is 2023), else the entry's year.</summary>
    public static int? ReleaseYear(BibtexEntry entry) => ArxivYear(entry.ArxivId) ?? entry.Year;

    public static int? ArxivYear(string? arxivId)
    {
        if (arxivId is null)
        {
            return null;
        }

        // New style: YYMM.NNNNN; old style: archive/YYMMNNN.
        var digits = arxivId.Contains('/', StringComparison.Ordinal) ? arxivId[(arxivId.IndexOf('/', StringComparison.Ordinal) + 1)..] : arxivId;
        if (digits.Length < 2 || !char.IsAsciiDigit(digits[0]) || !char.IsAsciiDigit(digits[1]))
        {
            return null;
        }

        var yy = (digits[0] - '0') * 10 + (digits[1] - '0');
        return yy >= 91 ? 1900 + yy : 2000 + yy;
    }

    private static ReferenceIdentity.Record Identity(BibtexRecord r) => new(r.ArxivId, r.Doi, r.Title, r.Year);

    /// <summary>Records that may be the same work, most telling identity first.</summary>
    private static IEnumerable<Known> Candidates(BibtexRecord record, Dictionary<string, List<Known>> byArxiv, Dictionary<string, List<Known>> byDoi, Dictionary<string, List<Known>> byTitle)
    {
        if (record.ArxivId is not null && byArxiv.TryGetValue(record.ArxivId, out var a))
        {
            foreach (var k in a)
            {
                yield return k;
            }
        }

        if (record.Doi is not null && byDoi.TryGetValue(record.Doi, out var d))
        {
            foreach (var k in d)
            {
                yield return k;
            }
        }

        if (byTitle.TryGetValue(ReferenceIdentity.NormaliseTitle(record.Title), out var t))
        {
            foreach (var k in t)
            {
                yield return k;
            }
        }
    }

    /// <summary>The metadata that differs between the same work's two records: title (beyond case and punctuation), year, authors.</summary>
    private static List<string> Differences(BibtexRecord parsed, BibtexRecord known)
    {
        var differences = new List<string>();
        if (ReferenceIdentity.NormaliseTitle(parsed.Title) != ReferenceIdentity.NormaliseTitle(known.Title))
        {
            differences.Add("title");
        }

        if (parsed.Year != known.Year)
        {
            differences.Add("year");
        }

        if (parsed.AuthorsTruncated != known.AuthorsTruncated
            || !parsed.Authors.Select(ReferenceIdentity.NormaliseTitle).SequenceEqual(known.Authors.Select(ReferenceIdentity.NormaliseTitle), StringComparer.Ordinal))
        {
            differences.Add("authors");
        }

        return differences;
    }

    private static string UniqueSlug(string slug, HashSet<string> taken)
    {
        if (!taken.Contains(slug))
        {
            return slug;
        }

        for (var n = 2; ; n++)
        {
            var suffix = "-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var candidate = (slug.Length + suffix.Length > 80 ? slug[..(80 - suffix.Length)].TrimEnd('-') : slug) + suffix;
            if (!taken.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    /// <summary>PostgreSQL keeps microseconds; the stored time and the recorded one should be the same.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero);
}
