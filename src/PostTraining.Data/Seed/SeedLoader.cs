using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Data.Seed;

/// <summary>
/// Writes a checked <see cref="DataSet"/> into the database in one transaction: creates what is missing, updates
/// what the files changed, never deletes, and never overwrites a row changed since the loader last wrote it
/// (<c>updated_at &gt; loaded_at</c>): those are reported instead. Rows whose content already matches are not
/// touched, so loading the same files twice writes nothing. Each created or updated entity gets a change-feed row.
/// </summary>
public sealed class SeedLoader(PostTrainingDbContext db, TimeProvider? clock = null)
{
    public const string Author = "import";

    /// <summary>Serialises concurrent loads (two instances starting at once) on one database.</summary>
    private const long AdvisoryLockKey = 0x5EED_1_0AD;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>True when the taxonomy is missing or the files (by <see cref="DataSet.Hash"/>) differ from the ones last loaded.</summary>
    public async Task<bool> IsLoadNeededAsync(string contentHash, CancellationToken ct = default)
    {
        var last = await db.DataLoads.AsNoTracking().OrderByDescending(l => l.Id).Select(l => l.ContentHash).FirstOrDefaultAsync(ct);
        return last != contentHash || !await db.Paradigms.AnyAsync(ct);
    }

    public async Task<LoadReport> LoadAsync(DataSet data, IProgress<LoadProgress>? progress = null, CancellationToken ct = default)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async cancel =>
        {
            // A retried attempt starts from what the database holds, not from what the failed attempt tracked.
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0})", [AdvisoryLockKey], cancel);
            var run = new Run(db, data, Truncate(_clock.GetUtcNow()), progress);
            var report = await run.ExecuteAsync(cancel);
            await transaction.CommitAsync(cancel);
            return report;
        }, ct);
    }

    /// <summary>PostgreSQL keeps microseconds; comparing in-memory times with stored ones needs the same precision.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % 10, TimeSpan.Zero);

    private sealed class Run(PostTrainingDbContext db, DataSet data, DateTimeOffset now, IProgress<LoadProgress>? progress)
    {
        private readonly Dictionary<(NodeKind, string), Node> _nodes = [];
        private readonly Dictionary<string, RelationType> _types = new(StringComparer.Ordinal);
        private readonly Dictionary<long, string> _referenceSlugs = [];
        private readonly List<(string Operation, string Kind, Func<string> Key, JsonObject? Before, Func<JsonObject> After)> _changes = [];
        private LoadReport _report = null!;

        public async Task<LoadReport> ExecuteAsync(CancellationToken ct)
        {
            _report = new LoadReport { ContentHash = data.Hash };
            foreach (var node in await db.Nodes.ToListAsync(ct))
            {
                _nodes[(node.Kind, node.Slug)] = node;
            }

            foreach (var type in await db.RelationTypes.ToListAsync(ct))
            {
                _types[type.Slug] = type;
            }

            var links = await db.TechniqueReferences.ToListAsync(ct);
            var relationships = await db.Relationships.ToListAsync(ct);

            // References first: everything else may rest on one, and provenance stores the reference's id.
            LoadRelationTypes();
            LoadNodes(NodeKind.Reference, data.References, ApplyReference);
            await db.SaveChangesAsync(ct);
            foreach (var reference in _nodes.Values.OfType<Reference>())
            {
                _referenceSlugs[reference.Id] = reference.Slug;
            }

            LoadNodes(NodeKind.Paradigm, data.Paradigms, ApplyParadigm);
            LoadNodes(NodeKind.Technique, data.Techniques, ApplyTechnique);
            LoadNodes(NodeKind.Formula, data.Formulas, ApplyFormula);
            LoadNodes(NodeKind.Model, data.Models, ApplyModel);
            LoadNodes(NodeKind.Dataset, data.Datasets, ApplyDataset);
            LoadNodes(NodeKind.Limitation, data.Limitations, ApplyLimitation);
            LoadNodes(NodeKind.Application, data.Applications, ApplyApplication);
            await db.SaveChangesAsync(ct);

            LoadTechniqueReferences(links);
            LoadRelationships(relationships);
            await db.SaveChangesAsync(ct);

            // After every node is saved: rows point at techniques, models and references by id.
            await LoadComparisonsAsync(ct);
            await db.SaveChangesAsync(ct);

            // Change rows last: a created relationship's key is its id, known only once saved.
            foreach (var change in _changes)
            {
                db.Changes.Add(new Change
                {
                    At = now,
                    Author = Author,
                    Operation = change.Operation,
                    EntityKind = change.Kind,
                    EntityKey = change.Key(),
                    Before = change.Before is null ? null : JsonDocument.Parse(change.Before.ToJsonString()),
                    After = JsonDocument.Parse(change.After().ToJsonString()),
                });
            }

            var lastHash = await db.DataLoads.OrderByDescending(l => l.Id).Select(l => l.ContentHash).FirstOrDefaultAsync(ct);
            if (lastHash != data.Hash)
            {
                db.DataLoads.Add(new DataLoad
                {
                    ContentHash = data.Hash,
                    Files = [.. data.Files.Select(f => f.Name)],
                    LoadedAt = now,
                    Created = _report.Created,
                    Updated = _report.Updated,
                    Protected = _report.Protected.Count,
                });
            }

            await db.SaveChangesAsync(ct);
            return _report;
        }

        private string? ReferenceSlug(long? id) => id is { } i && _referenceSlugs.TryGetValue(i, out var slug) ? slug : null;

        private long? ReferenceId(string? slug) => slug is not null && _nodes.TryGetValue((NodeKind.Reference, slug), out var r) ? r.Id : null;

        private T Node<T>(NodeKind kind, string slug) where T : Node => (T)_nodes[(kind, slug)];

        /// <summary>Creates, updates, leaves unchanged, or (changed since loaded) leaves alone and reports each entry.</summary>
        private void LoadNodes<TEntry>(NodeKind kind, IReadOnlyList<Merged<TEntry>> entries, Action<Merged<TEntry>, Node> apply)
        {
            var kindName = EntityState.KindName(kind);

            // Create the new rows first, so entries can point at parents that come later in the file.
            var created = new HashSet<Node>();
            foreach (var entry in entries)
            {
                if (!_nodes.ContainsKey((kind, entry.Key)))
                {
                    var node = NewNode(kind, entry.Key);
                    node.CreatedAt = now;
                    _nodes[(kind, entry.Key)] = node;
                    created.Add(node);
                }
            }

            var done = 0;
            foreach (var entry in entries)
            {
                var node = _nodes[(kind, entry.Key)];
                if (created.Contains(node))
                {
                    apply(entry, node);
                    Stamp(node);
                    db.Add(node);
                    _report.Count(kindName, LoadOutcome.Created);
                    _changes.Add(("create", kindName, () => node.Slug, null, () => EntityState.Of(node, ReferenceSlug)));
                }
                else
                {
                    var desired = NewNode(kind, entry.Key);
                    apply(entry, desired);
                    var before = EntityState.Of(node, ReferenceSlug);
                    if (JsonNode.DeepEquals(
                        EntityState.Compared(before, node.Source, ReferenceSlug),
                        EntityState.Compared(EntityState.Of(desired, ReferenceSlug), desired.Source, ReferenceSlug)))
                    {
                        _report.Count(kindName, LoadOutcome.Unchanged);
                    }
                    else if (node.LoadedAt is null || node.UpdatedAt > node.LoadedAt)
                    {
                        _report.Count(kindName, LoadOutcome.Protected);
                        _report.Protected.Add(new ProtectedEntity(kindName, node.Slug, node.UpdatedAt, node.LoadedAt));
                    }
                    else
                    {
                        apply(entry, node);
                        Stamp(node);
                        _report.Count(kindName, LoadOutcome.Updated);
                        _changes.Add(("update", kindName, () => node.Slug, before, () => EntityState.Of(node, ReferenceSlug)));
                    }
                }

                progress?.Report(new LoadProgress(kindName, ++done, entries.Count));
            }
        }

        private void Stamp(Node node)
        {
            node.UpdatedAt = now;
            node.LoadedAt = now;
        }

        private static Node NewNode(NodeKind kind, string slug)
        {
            Node node = kind switch
            {
                NodeKind.Paradigm => new Paradigm(),
                NodeKind.Technique => new Technique(),
                NodeKind.Reference => new Reference(),
                NodeKind.Formula => new Formula(),
                NodeKind.Model => new Model(),
                NodeKind.Dataset => new Dataset(),
                NodeKind.Limitation => new Limitation(),
                NodeKind.Application => new Application(),
                _ => throw new ArgumentOutOfRangeException(nameof(kind)),
            };
            node.Kind = kind;
            node.Slug = slug;
            return node;
        }

        /// <summary>The fields every kind shares: names, description, aliases, position, verified, provenance.</summary>
        private void ApplyCommon<TEntry>(Merged<TEntry> entry, Node node, LocalizedText? name, LocalizedText? description,
            IReadOnlyList<string>? aliases, int position, bool? verified, SourceEntry? source, string? restsOn, string collection)
        {
            node.NameEn = name?.En;
            node.NameZh = name?.Zh;
            node.DescriptionEn = description?.En;
            node.DescriptionZh = description?.Zh;
            node.Aliases = aliases is null ? [] : [.. aliases];
            node.Position = position;
            node.Verified = verified ?? true;
            node.Source = Provenance(entry, source, restsOn, $"{collection}/{entry.Key}");
        }

        private Provenance Provenance<TEntry>(Merged<TEntry> entry, SourceEntry? source, string? restsOn, string curatedSection) =>
            entry.FromDocument
                ? new Provenance
                {
                    Kind = SourceKind.Document,
                    Document = data.Document?.Title,
                    Section = source?.Section,
                    Original = source?.Original,
                    ReferenceId = ReferenceId(source?.Reference ?? restsOn),
                }
                : new Provenance
                {
                    Kind = SourceKind.Curated,
                    Document = entry.Origin.File.Name,
                    Section = source?.Section ?? curatedSection,
                    Original = source?.Original,
                    ReferenceId = ReferenceId(source?.Reference ?? restsOn),
                };

        private void ApplyReference(Merged<ReferenceEntry> m, Node node)
        {
            var e = m.Entry;
            var reference = (Reference)node;
            ApplyCommon(m, node, new LocalizedText { En = e.Title }, e.Description, null, Position(m, data.References, _ => null), e.Verified, e.Source, null, "references");
            reference.Authors = e.Authors is null ? [] : [.. e.Authors];
            reference.Year = e.Year;
            reference.Venue = e.Venue;
            reference.Url = e.Url;
            reference.ArxivId = e.ArxivId;
            reference.Doi = e.Doi;
            reference.AuthorsTruncated = e.AuthorsTruncated ?? false;
            reference.Language = e.Language;
        }

        private void ApplyParadigm(Merged<ParadigmEntry> m, Node node)
        {
            var e = m.Entry;
            var paradigm = (Paradigm)node;
            ApplyCommon(m, node, e.Name, e.Description, e.Aliases, Position(m, data.Paradigms, _ => null), e.Verified, e.Source, null, "paradigms");
            paradigm.GoalEn = e.Goal?.En;
            paradigm.GoalZh = e.Goal?.Zh;
        }

        private void ApplyTechnique(Merged<TechniqueEntry> m, Node node)
        {
            var e = m.Entry;
            var technique = (Technique)node;
            var introducedBy = e.References?.FirstOrDefault(r => Wire.ReferenceRoles.Parse(r.Role, ReferenceRole.Introduces) == ReferenceRole.Introduces) ?? e.References?.FirstOrDefault();
            ApplyCommon(m, node, e.Name, e.Description, e.Aliases, Position(m, data.Techniques, t => $"{t.Entry.Parent}|{Paradigm(t)}"),
                e.Verified, e.Source, introducedBy?.Reference, "techniques");
            technique.Abbreviation = e.Abbreviation;
            technique.TechniqueKind = Wire.TechniqueKinds.Parse(e.Kind, TechniqueKind.Technique);
            technique.Parent = e.Parent is null ? null : Node<Technique>(NodeKind.Technique, e.Parent);
            technique.Paradigm = Node<Paradigm>(NodeKind.Paradigm, Paradigm(m));
            technique.Depth = Depth(m);
            technique.Year = e.Year;
            technique.LacksReference = e.LacksReference ?? false;
        }

        private void ApplyFormula(Merged<FormulaEntry> m, Node node)
        {
            var e = m.Entry;
            var formula = (Formula)node;
            ApplyCommon(m, node, e.Name, e.Description, null, Position(m, data.Formulas, _ => null), e.Verified, e.Source, e.Reference, "formulas");
            formula.Technique = e.Technique is null ? null : Node<Technique>(NodeKind.Technique, e.Technique);
            formula.Latex = e.Latex ?? "";
            formula.Symbols = [.. (e.Symbols ?? []).Select(s => new FormulaSymbol { Symbol = s.Symbol!, MeaningEn = s.Meaning?.En, MeaningZh = s.Meaning?.Zh })];
        }

        private void ApplyModel(Merged<ModelEntry> m, Node node)
        {
            var e = m.Entry;
            var model = (Model)node;
            ApplyCommon(m, node, e.Name, e.Description, e.Aliases, Position(m, data.Models, _ => null), e.Verified, e.Source, e.References?.FirstOrDefault(), "models");
            model.Parameters = e.Parameters;
            model.Organization = e.Organization;
        }

        private void ApplyDataset(Merged<DatasetEntry> m, Node node)
        {
            var e = m.Entry;
            ApplyCommon(m, node, e.Name, e.Description, e.Aliases, Position(m, data.Datasets, d => d.Entry.Parent), e.Verified, e.Source, e.Reference, "datasets");
            node.Parent = e.Parent is null ? null : _nodes[(NodeKind.Dataset, e.Parent)];
        }

        private void ApplyLimitation(Merged<LimitationEntry> m, Node node)
        {
            var e = m.Entry;
            ApplyCommon(m, node, e.Name, e.Description, null, Position(m, data.Limitations, _ => null), e.Verified, e.Source, null, "limitations");
        }

        private void ApplyApplication(Merged<ApplicationEntry> m, Node node)
        {
            var e = m.Entry;
            ApplyCommon(m, node, e.Name, e.Description, null, Position(m, data.Applications, a => a.Entry.Parent), e.Verified, e.Source, null, "applications");
            node.Parent = e.Parent is null ? null : _nodes[(NodeKind.Application, e.Parent)];
        }

        /// <summary>The entry's own position, else its 1-based place among its siblings in the merged order.</summary>
        private static int Position<T>(Merged<T> entry, IReadOnlyList<Merged<T>> all, Func<Merged<T>, string?> siblingGroup)
        {
            var explicitPosition = entry.Entry switch
            {
                ParadigmEntry p => p.Position,
                TechniqueEntry t => t.Position,
                ReferenceEntry r => r.Position,
                FormulaEntry f => f.Position,
                ModelEntry m => m.Position,
                DatasetEntry d => d.Position,
                LimitationEntry l => l.Position,
                ApplicationEntry a => a.Position,
                _ => null,
            };
            if (explicitPosition is { } position)
            {
                return position;
            }

            var group = siblingGroup(entry);
            var index = 0;
            foreach (var other in all)
            {
                if (siblingGroup(other) == group)
                {
                    index++;
                }

                if (ReferenceEquals(other, entry))
                {
                    break;
                }
            }

            return index;
        }

        private string Paradigm(Merged<TechniqueEntry> technique) =>
            DataSetChecks.EffectiveParadigm(technique, TechniquesByKey)!;

        private int Depth(Merged<TechniqueEntry> technique)
        {
            var depth = 0;
            for (var parent = technique.Entry.Parent; parent is not null; parent = TechniquesByKey[parent].Entry.Parent)
            {
                depth++;
            }

            return depth;
        }

        private Dictionary<string, Merged<TechniqueEntry>> TechniquesByKey =>
            field ??= data.Techniques.ToDictionary(t => t.Key, StringComparer.Ordinal);

        private void LoadRelationTypes()
        {
            var done = 0;
            foreach (var m in data.RelationTypes)
            {
                var e = m.Entry;
                void Apply(RelationType t)
                {
                    t.NameEn = e.Name!.En!;
                    t.NameZh = e.Name.Zh!;
                    t.InverseNameEn = e.InverseName!.En!;
                    t.InverseNameZh = e.InverseName.Zh!;
                    t.DescriptionEn = e.Description?.En;
                    t.DescriptionZh = e.Description?.Zh;
                    t.Symmetric = e.Symmetric ?? false;
                    t.Transitive = e.Transitive ?? false;
                    t.Acyclic = e.Acyclic ?? false;
                    t.Prerequisite = e.Prerequisite ?? false;
                }

                Upsert("relation-type", m.Key, _types.GetValueOrDefault(m.Key),
                    () => _types[m.Key] = new RelationType { Slug = m.Key, CreatedAt = now },
                    Apply, EntityState.Of, t => EntityState.Of(t), t => (t.UpdatedAt, t.LoadedAt), t => { t.UpdatedAt = now; t.LoadedAt = now; },
                    () => new RelationType { Slug = m.Key });
                progress?.Report(new LoadProgress("relation-type", ++done, data.RelationTypes.Count));
            }
        }

        private void LoadTechniqueReferences(List<TechniqueReference> existing)
        {
            var byKey = existing.ToDictionary(l => (l.Technique.Slug, l.Reference.Slug));
            var entries = data.Techniques.SelectMany(t => (t.Entry.References ?? []).Select(r => (Technique: t, Link: r))).ToList();
            var done = 0;
            foreach (var (technique, link) in entries)
            {
                var key = (technique.Key, link.Reference!);
                var role = Wire.ReferenceRoles.Parse(link.Role, ReferenceRole.Introduces);
                void Apply(TechniqueReference l)
                {
                    l.Technique = Node<Technique>(NodeKind.Technique, technique.Key);
                    l.Reference = Node<Reference>(NodeKind.Reference, link.Reference!);
                    l.Role = role;
                    l.Source = Provenance(technique, null, link.Reference, $"techniques/{technique.Key}/references/{link.Reference}");
                }

                Upsert("technique-reference", $"{key.Item1}/{key.Item2}", byKey.GetValueOrDefault(key),
                    () => byKey[key] = new TechniqueReference { CreatedAt = now },
                    Apply, EntityState.Of, l => EntityState.Compared(EntityState.Of(l), l.Source, ReferenceSlug), l => (l.UpdatedAt, l.LoadedAt), l => { l.UpdatedAt = now; l.LoadedAt = now; },
                    () => new TechniqueReference());
                progress?.Report(new LoadProgress("technique-reference", ++done, entries.Count));
            }
        }

        private void LoadRelationships(List<Relationship> existing)
        {
            var byKey = existing.ToDictionary(r => (r.Type.Slug, EntityState.NodeKey(r.SourceNode), EntityState.NodeKey(r.TargetNode)));
            var done = 0;
            foreach (var m in data.Relationships)
            {
                var e = m.Entry;
                var key = (e.Type!, e.Source!, e.Target!);
                void Apply(Relationship r)
                {
                    r.Type = _types[e.Type!];
                    r.SourceNode = NodeAt(e.Source!);
                    r.TargetNode = NodeAt(e.Target!);
                    r.NoteEn = e.Note?.En;
                    r.NoteZh = e.Note?.Zh;
                    r.Verified = e.Verified ?? true;
                    r.Source = Provenance(m, null, e.Reference, $"relationships/{e.Type} {e.Source} {e.Target}");
                }

                Upsert("relationship", "", byKey.GetValueOrDefault(key),
                    () => byKey[key] = new Relationship { CreatedAt = now },
                    Apply, r => EntityState.Of(r, ReferenceSlug), r => EntityState.Compared(EntityState.Of(r, ReferenceSlug), r.Source, ReferenceSlug), r => (r.UpdatedAt, r.LoadedAt), r => { r.UpdatedAt = now; r.LoadedAt = now; },
                    () => new Relationship(),
                    r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                progress?.Report(new LoadProgress("relationship", ++done, data.Relationships.Count));
            }
        }

        /// <summary>
        /// Comparisons are loaded whole: one changed cell rewrites the table's axes and rows, and one change-feed entry
        /// holds the table before and after. A table a curator changed since it was loaded is left alone and reported.
        /// </summary>
        private async Task LoadComparisonsAsync(CancellationToken ct)
        {
            if (data.Comparisons.Count == 0)
            {
                return;
            }

            var slugs = _nodes.Values.ToDictionary(n => n.Id, n => (n.Kind, n.Slug));
            (NodeKind, string)? SlugOf(long id) => slugs.TryGetValue(id, out var s) ? s : null;
            long NodeId(NodeKind kind, string slug) => _nodes[(kind, slug)].Id;
            JsonObject State(Comparison c) => JsonSerializer.SerializeToNode(ContentOf.Comparison(c, SlugOf), ContentJson.Options)!.AsObject();

            var existing = await db.Comparisons.AsNoTracking().Include(c => c.Axes).Include(c => c.Rows).AsSplitQuery()
                .ToDictionaryAsync(c => c.Slug, StringComparer.Ordinal, ct);
            var done = 0;
            foreach (var m in data.Comparisons)
            {
                var desired = new Comparison { CreatedAt = now, UpdatedAt = now, LoadedAt = now };
                ComparisonEntity.Apply(desired, m.Entry, NodeId);
                var after = State(desired);
                if (!existing.TryGetValue(m.Key, out var current))
                {
                    db.Comparisons.Add(desired);
                    _report.Count("comparison", LoadOutcome.Created);
                    _changes.Add(("create", "comparison", () => m.Key, null, () => after));
                }
                else if (State(current) is var before && JsonNode.DeepEquals(before, after))
                {
                    _report.Count("comparison", LoadOutcome.Unchanged);
                }
                else if (current.LoadedAt is null || current.UpdatedAt > current.LoadedAt)
                {
                    _report.Count("comparison", LoadOutcome.Protected);
                    _report.Protected.Add(new ProtectedEntity("comparison", m.Key, current.UpdatedAt, current.LoadedAt));
                }
                else
                {
                    // The old axes and rows go first: the new ones reuse their slugs, which are unique per table.
                    await db.ComparisonAxes.Where(a => a.ComparisonId == current.Id).ExecuteDeleteAsync(ct);
                    await db.ComparisonRows.Where(r => r.ComparisonId == current.Id).ExecuteDeleteAsync(ct);
                    var tracked = await db.Comparisons.FirstAsync(c => c.Id == current.Id, ct);
                    ComparisonEntity.Apply(tracked, m.Entry, NodeId);
                    (tracked.UpdatedAt, tracked.LoadedAt) = (now, now);
                    _report.Count("comparison", LoadOutcome.Updated);
                    _changes.Add(("update", "comparison", () => m.Key, before, () => after));
                }

                progress?.Report(new LoadProgress("comparison", ++done, data.Comparisons.Count));
            }
        }

        private Node NodeAt(string nodeRef)
        {
            var (kind, slug) = NodeRef.Split(nodeRef);
            return _nodes[(Wire.NodeKinds.Parse(kind, default), slug)];
        }

        /// <summary>
        /// The create / compare / update-unless-changed-since-loaded step for rows that are not nodes: <paramref name="state"/>
        /// is what the feed records, <paramref name="compared"/> what decides whether the row changed.
        /// </summary>
        private void Upsert<T>(string kind, string key, T? existing, Func<T> create, Action<T> apply, Func<T, JsonObject> state, Func<T, JsonObject> compared,
            Func<T, (DateTimeOffset UpdatedAt, DateTimeOffset? LoadedAt)> stamps, Action<T> stamp, Func<T> blank,
            Func<T, string>? keyOf = null)
            where T : class
        {
            string Key(T row) => keyOf?.Invoke(row) ?? key;
            if (existing is null)
            {
                // Added only once complete: a link's key is its two ids, which an empty row would share with the next.
                var row = create();
                apply(row);
                stamp(row);
                db.Add(row);
                _report.Count(kind, LoadOutcome.Created);
                _changes.Add(("create", kind, () => Key(row), null, () => state(row)));
                return;
            }

            var desired = blank();
            apply(desired);
            var before = state(existing);
            if (JsonNode.DeepEquals(compared(existing), compared(desired)))
            {
                _report.Count(kind, LoadOutcome.Unchanged);
                return;
            }

            var (updatedAt, loadedAt) = stamps(existing);
            if (loadedAt is null || updatedAt > loadedAt)
            {
                _report.Count(kind, LoadOutcome.Protected);
                _report.Protected.Add(new ProtectedEntity(kind, Key(existing), updatedAt, loadedAt));
                return;
            }

            apply(existing);
            stamp(existing);
            _report.Count(kind, LoadOutcome.Updated);
            _changes.Add(("update", kind, () => Key(existing), before, () => state(existing)));
        }
    }
}
