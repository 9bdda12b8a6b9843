using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Changes;
using PostTraining.Api.Http;
using PostTraining.Api.Writes;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Comparisons;

/// <summary>
/// Curators' writes on comparisons (the <c>write</c> scope, as every non-GET). A comparison is one resource: its axes,
/// rows and cells are parts written under the comparison's ETag (If-Match required, 412 when stale), each write
/// answers with the comparison's new detail, and the change feed records the whole table before and after. Every
/// write ends in the same check (<see cref="ComparisonRules"/>), so a cell value outside its axis's allowed values is a
/// 400 naming the axis and the values it allows, whichever endpoint brought it.
/// </summary>
public static class ComparisonWrites
{
    private const string Kind = ChangeKinds.Comparison;
    private const string SlugText = "Comparison slug, e.g. alignment-methods.";
    private const string AxisText = "Axis slug, e.g. reward-model.";
    private const string RowText = "The row's technique slug (e.g. dpo), or kind:slug for another entity (model:instructgpt).";

    public static IEndpointRouteBuilder MapComparisonWrites(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/comparisons").WithTags("Comparisons").AddEndpointFilterFactory(QueryParameterGuard.Factory);
        WriteRoutes.Describe(group.MapPost("/", (HttpContext c, WriteSession s) => CreateAsync(c, s)), "CreateComparison", "Create a comparison", 201)
            .Accepts<ComparisonContent>(JsonBody.Json);
        WriteRoutes.Describe(group.MapPut("/{slug}", ([Description(SlugText)] string slug, [FromHeader(Name = "If-Match")][Description(WriteRoutes.IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) =>
                    ChangeAsync(c, s, slug, JsonBody.Json, (before, body) => Whole(slug, before, body, patch: false))),
                "ReplaceComparison", "Replace a comparison with its axes and rows", 200)
            .Accepts<ComparisonContent>(JsonBody.Json);
        WriteRoutes.Describe(group.MapPatch("/{slug}", ([Description(SlugText)] string slug, [FromHeader(Name = "If-Match")][Description(WriteRoutes.IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) =>
                    ChangeAsync(c, s, slug, JsonBody.MergePatch, (before, body) => Whole(slug, before, body, patch: true))),
                "PatchComparison", "Change a comparison with a JSON merge patch (a list given replaces the list)", 200)
            .Accepts<ComparisonContent>(JsonBody.MergePatch);
        WriteRoutes.Describe(group.MapDelete("/{slug}", ([Description(SlugText)] string slug, [FromHeader(Name = "If-Match")][Description(WriteRoutes.IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) =>
                DeleteAsync(c, s, slug)),
            "DeleteComparison", "Delete a comparison", 204);

        WriteRoutes.Describe(group.MapPut("/{slug}/axes/{axis}", ([Description(SlugText)] string slug, [Description(AxisText)] string axis, [FromHeader(Name = "If-Match")][Description(WriteRoutes.IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) =>
                    ChangeAsync(c, s, slug, JsonBody.Json, (before, body) => PutAxis(before, axis, body!))),
                "PutComparisonAxis", "Add or replace an axis (its cells stay when it stays a choice axis holding their values)", 200)
            .Accepts<ComparisonAxisContent>(JsonBody.Json);
        WriteRoutes.Describe(group.MapDelete("/{slug}/axes/{axis}", ([Description(SlugText)] string slug, [Description(AxisText)] string axis, [FromHeader(Name = "If-Match")][Description(WriteRoutes.IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) =>
                ChangeAsync(c, s, slug, null, (before, _) => DeleteAxis(before, axis))),
            "DeleteComparisonAxis", "Remove an axis and every cell on it", 200);

        WriteRoutes.Describe(group.MapPut("/{slug}/rows/{technique}", ([Description(SlugText)] string slug, [Description(RowText)] string technique, [FromHeader(Name = "If-Match")][Description(WriteRoutes.IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) =>
                    ChangeAsync(c, s, slug, JsonBody.Json, (before, body) => PutRow(before, technique, body!))),
                "PutComparisonRow", "Add or replace a row with its cells", 200)
            .Accepts<ComparisonRowContent>(JsonBody.Json);
        WriteRoutes.Describe(group.MapDelete("/{slug}/rows/{technique}", ([Description(SlugText)] string slug, [Description(RowText)] string technique, [FromHeader(Name = "If-Match")][Description(WriteRoutes.IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) =>
                ChangeAsync(c, s, slug, null, (before, _) => DeleteRow(before, technique))),
            "DeleteComparisonRow", "Remove a row", 200);

        WriteRoutes.Describe(group.MapPut("/{slug}/rows/{technique}/cells/{axis}", ([Description(SlugText)] string slug, [Description(RowText)] string technique, [Description(AxisText)] string axis, [FromHeader(Name = "If-Match")][Description(WriteRoutes.IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) =>
                    ChangeAsync(c, s, slug, JsonBody.Json, (before, body) => PutCell(before, technique, axis, body!))),
                "PutComparisonCell", "Set a row's cell on an axis (values must be the axis's allowed values)", 200)
            .Accepts<ComparisonCellContent>(JsonBody.Json);
        WriteRoutes.Describe(group.MapDelete("/{slug}/rows/{technique}/cells/{axis}", ([Description(SlugText)] string slug, [Description(RowText)] string technique, [Description(AxisText)] string axis, [FromHeader(Name = "If-Match")][Description(WriteRoutes.IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) =>
                ChangeAsync(c, s, slug, null, (before, _) => DeleteCell(before, technique, axis))),
            "DeleteComparisonCell", "Empty a row's cell on an axis", 200);
        return app;
    }

    /// <summary>The next content of a comparison, or the answer refusing the change.</summary>
    private sealed record Outcome(ComparisonContent? Next, IResult? Refusal)
    {
        public static implicit operator Outcome(ComparisonContent next) => new(next, null);

        public static Outcome Refuse(IResult refusal) => new(null, refusal);

        public static Outcome NotFound(string what) => new(null, Problems.NotFound(what));
    }

    public static async Task<IResult> CreateAsync(HttpContext context, WriteSession session)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, JsonBody.Json);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var input = StrictJson.Bind<ComparisonContent>(body.Value!, errors);
        if (input is null)
        {
            return Problems.Invalid(errors);
        }

        return await session.ExecuteAsync(context, async scope =>
        {
            if (await InvalidAsync(scope, input) is { } invalid)
            {
                return invalid;
            }

            if (await scope.Db.Comparisons.AnyAsync(c => c.Slug == input.Slug, context.RequestAborted))
            {
                return Problems.Conflict($"There is a comparison '{input.Slug}' already.");
            }

            var ids = await IdsAsync(scope, input);
            var comparison = new Comparison { CreatedAt = scope.Now, UpdatedAt = scope.Now };
            ComparisonEntity.Apply(comparison, input, (kind, slug) => ids[(kind, slug)]);
            scope.Db.Comparisons.Add(comparison);
            scope.Record(ChangeOperations.Create, Kind, input.Slug!, null, await StateAsync(scope, comparison));
            return null;
        }, () => session.Answer(context, Kind, input.Slug!, StatusCodes.Status201Created, $"/api/v1/comparisons/{input.Slug}"));
    }

    public static async Task<IResult> DeleteAsync(HttpContext context, WriteSession session, string slug)
    {
        var target = session.Directory.Find(Kind, slug);
        if (target is null)
        {
            // Only a well-formed slug can have a history to look up.
            return Rules.IsSlug(slug) ? await session.MissingAsync(context, Kind, slug) : Problems.NotFound("comparison", slug);
        }

        if (Preconditions.CheckIfMatch(context.Request, target.ETag) is { } precondition)
        {
            return precondition;
        }

        return await session.ExecuteAsync(context, async scope =>
        {
            var current = await ReadAsync(scope, target.Id);
            if (current is null || current.Version != target.Version)
            {
                return Preconditions.Stale();
            }

            var before = await StateAsync(scope, current);
            if (await scope.Db.Comparisons.Where(c => c.Id == target.Id && c.Version == target.Version).ExecuteDeleteAsync(context.RequestAborted) == 0)
            {
                return Preconditions.Stale();
            }

            scope.Record(ChangeOperations.Delete, Kind, slug, before, null);
            return null;
        }, () => TypedResults.NoContent());
    }

    /// <summary>
    /// Every change but create and delete: the current content, changed by <paramref name="change"/> (given the body
    /// read as <paramref name="mediaType"/>, or none), checked whole, then written in place of the old axes and rows.
    /// </summary>
    private static async Task<IResult> ChangeAsync(HttpContext context, WriteSession session, string slug, string? mediaType,
        Func<ComparisonContent, JsonObject?, Outcome> change)
    {
        var target = session.Directory.Find(Kind, slug);
        if (target is null)
        {
            // Only a well-formed slug can have a history to look up.
            return Rules.IsSlug(slug) ? await session.MissingAsync(context, Kind, slug) : Problems.NotFound("comparison", slug);
        }

        if (Preconditions.CheckIfMatch(context.Request, target.ETag) is { } precondition)
        {
            return precondition;
        }

        JsonObject? body = null;
        if (mediaType is not null)
        {
            var read = await JsonBody.ReadObjectAsync(context.Request, mediaType);
            if (read.Problem is { } problem)
            {
                return problem;
            }

            body = read.Value;
        }

        return await session.ExecuteAsync(context, async scope =>
        {
            var current = await ReadAsync(scope, target.Id);
            if (current is null || current.Version != target.Version)
            {
                return Preconditions.Stale();
            }

            var before = await StateAsync(scope, current);
            var outcome = change(before, body);
            if (outcome.Refusal is { } refusal)
            {
                return refusal;
            }

            var next = outcome.Next!;
            if (await InvalidAsync(scope, next) is { } invalid)
            {
                return invalid;
            }

            if (Same(before, next))
            {
                return null;
            }

            // The old axes and rows go first: the new ones reuse their slugs, unique within the table.
            await scope.Db.ComparisonAxes.Where(a => a.ComparisonId == target.Id).ExecuteDeleteAsync(context.RequestAborted);
            await scope.Db.ComparisonRows.Where(r => r.ComparisonId == target.Id).ExecuteDeleteAsync(context.RequestAborted);
            var tracked = await scope.Db.Comparisons.FirstAsync(c => c.Id == target.Id, context.RequestAborted);
            // The UPDATE carries the version the client's ETag was made from: a write in between makes it a 412.
            scope.Db.Entry(tracked).Property(c => c.Version).OriginalValue = target.Version;
            var ids = await IdsAsync(scope, next);
            ComparisonEntity.Apply(tracked, next, (kind, s) => ids[(kind, s)]);
            tracked.UpdatedAt = scope.Now;
            scope.Record(ChangeOperations.Update, Kind, slug, before, await StateAsync(scope, tracked));
            return null;
        }, () => session.Answer(context, Kind, slug, StatusCodes.Status200OK));
    }

    private static Outcome Whole(string slug, ComparisonContent before, JsonObject? body, bool patch)
    {
        var document = patch ? (JsonObject)MergePatch.Apply(JsonSerializer.SerializeToNode(before, StrictJson.Options), body)! : body!;
        var errors = new ValidationErrors();
        var input = StrictJson.Bind<ComparisonContent>(document, errors);
        if (input is null)
        {
            return Outcome.Refuse(Problems.Invalid(errors));
        }

        return input.Slug is null || input.Slug == slug
            ? input with { Slug = slug }
            : Outcome.Refuse(Problems.Invalid("slug", $"A comparison keeps its slug '{slug}'; create a new comparison for another one."));
    }

    private static Outcome PutAxis(ComparisonContent before, string slug, JsonObject body)
    {
        var (axis, refusal) = Part<ComparisonAxisContent>(body, "slug", "axis", slug, a => a.Slug);
        return refusal is not null ? Outcome.Refuse(refusal) : before with { Axes = Put(before.Axes, axis! with { Slug = slug }, a => a.Slug == slug) };
    }

    private static Outcome DeleteAxis(ComparisonContent before, string slug) =>
        before.Axes?.Any(a => a.Slug == slug) != true
            ? Outcome.NotFound($"The comparison '{before.Slug}' has no axis '{slug}'.")
            : before with
            {
                Axes = [.. before.Axes.Where(a => a.Slug != slug)],
                Rows = before.Rows is null ? null : [.. before.Rows.Select(r => r with { Cells = Without(r.Cells, slug) })],
            };

    private static Outcome PutRow(ComparisonContent before, string technique, JsonObject body)
    {
        var (row, refusal) = Part<ComparisonRowContent>(body, "technique", "row", technique, r => r.Technique);
        return refusal is not null
            ? Outcome.Refuse(refusal)
            : before with { Rows = Put(before.Rows, row! with { Technique = technique }, r => r.Technique == technique) };
    }

    private static Outcome DeleteRow(ComparisonContent before, string technique) =>
        before.Rows?.Any(r => r.Technique == technique) != true
            ? Outcome.NotFound($"The comparison '{before.Slug}' has no row '{technique}'.")
            : before with { Rows = [.. before.Rows.Where(r => r.Technique != technique)] };

    private static Outcome PutCell(ComparisonContent before, string technique, string axis, JsonObject body)
    {
        var (cell, refusal) = Part<ComparisonCellContent>(body, "axis", "axis", axis, c => c.Axis);
        if (refusal is not null)
        {
            return Outcome.Refuse(refusal);
        }

        return before.Rows?.Any(r => r.Technique == technique) != true
            ? Outcome.NotFound($"The comparison '{before.Slug}' has no row '{technique}'; PUT the row first.")
            : before with
            {
                Rows = [.. before.Rows.Select(r => r.Technique != technique ? r : r with { Cells = Put(r.Cells, cell! with { Axis = axis }, c => c.Axis == axis) })],
            };
    }

    private static Outcome DeleteCell(ComparisonContent before, string technique, string axis)
    {
        var row = before.Rows?.FirstOrDefault(r => r.Technique == technique);
        return row?.Cells?.Any(c => c.Axis == axis) != true
            ? Outcome.NotFound($"The comparison '{before.Slug}' has no cell on '{axis}' in the row '{technique}'.")
            : before with { Rows = [.. before.Rows!.Select(r => r.Technique != technique ? r : r with { Cells = Without(r.Cells, axis) })] };
    }

    private static IReadOnlyList<ComparisonCellContent>? Without(IReadOnlyList<ComparisonCellContent>? cells, string axis) =>
        cells is null ? null : [.. cells.Where(c => c.Axis != axis)];

    /// <summary><paramref name="item"/> in place of the one it replaces, else added at the end.</summary>
    private static IReadOnlyList<T> Put<T>(IReadOnlyList<T>? items, T item, Func<T, bool> replaces) =>
        items?.Any(replaces) == true ? [.. items.Select(i => replaces(i) ? item : i)] : [.. items ?? [], item];

    /// <summary>A part's body bound; a key it names (<paramref name="member"/>) must be the path's.</summary>
    private static (T? Value, IResult? Refusal) Part<T>(JsonObject body, string member, string what, string key, Func<T, string?> keyOf)
        where T : class
    {
        if (!TryBind<T>(body, out var value, out var invalid))
        {
            return (null, invalid);
        }

        return keyOf(value!) is { } named && named != key
            ? (null, Problems.Invalid(member, $"The body names the {what} '{named}', the path '{key}'."))
            : (value, null);
    }

    private static bool TryBind<T>(JsonObject body, out T? value, out IResult? invalid)
        where T : class
    {
        var errors = new ValidationErrors();
        value = StrictJson.Bind<T>(body, errors);
        invalid = value is null ? Problems.Invalid(errors) : null;
        return value is not null;
    }

    /// <summary>
    /// The 400 for content breaking <see cref="ComparisonRules"/> or the text rules every write keeps (single lines
    /// without control characters, within the stored lengths), every problem under its member; null when it keeps them.
    /// </summary>
    private static async Task<IResult?> InvalidAsync(WriteScope scope, ComparisonContent content)
    {
        var errors = new ValidationErrors();
        Texts(content, errors);
        if (errors.HasErrors)
        {
            return Problems.Invalid(errors);
        }

        var ids = await IdsAsync(scope, content);
        foreach (var (member, message) in ComparisonRules.Check(content, (kind, slug) => ids.ContainsKey((kind, slug))))
        {
            errors.Add(member, message);
        }

        return errors.HasErrors ? Problems.Invalid(errors) : null;
    }

    /// <summary>Every text member against <see cref="Rules.Text"/>, with the lengths of the columns that store it.</summary>
    private static void Texts(ComparisonContent c, ValidationErrors errors)
    {
        void Localized(string member, LocalizedText? text, int max)
        {
            Rules.Text(errors, $"{member}.en", text?.En, max);
            Rules.Text(errors, $"{member}.zh", text?.Zh, max);
        }

        Localized("name", c.Name, 300);
        Localized("description", c.Description, 4000);
        Rules.Text(errors, "source.table", c.Source?.Table, 500);
        Rules.Text(errors, "source.section", c.Source?.Section, 300);
        Rules.Slug(errors, "source.reference", c.Source?.Reference, required: false);
        foreach (var (axis, i) in (c.Axes ?? []).Select((a, i) => (a, i)))
        {
            var at = $"axes[{axis.Slug ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            Rules.Text(errors, $"{at}.printed", axis.Printed, 200);
            Localized($"{at}.name", axis.Name, 300);
            Localized($"{at}.description", axis.Description, 4000);
            foreach (var value in axis.Values ?? [])
            {
                Rules.Text(errors, $"{at}.values[{value.Slug}].printed", value.Printed, 300);
                Localized($"{at}.values[{value.Slug}].name", value.Name, 300);
            }
        }

        foreach (var (row, i) in (c.Rows ?? []).Select((r, i) => (r, i)))
        {
            var at = $"rows[{row.Technique ?? i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            Rules.Text(errors, $"{at}.printed", row.Printed, 300);
            Rules.Slug(errors, $"{at}.reference", row.Reference, required: false);
            Localized($"{at}.note", row.Note, 2000);
            foreach (var cell in row.Cells ?? [])
            {
                Rules.Text(errors, $"{at}.cells[{cell.Axis}].printed", cell.Printed, 1000);
                Localized($"{at}.cells[{cell.Axis}].note", cell.Note, 2000);
                foreach (var value in (cell.Values ?? []).Where(v => v.ValueKind == JsonValueKind.String))
                {
                    Rules.Text(errors, $"{at}.cells[{cell.Axis}].values", value.GetString(), 1000);
                }
            }
        }
    }

    /// <summary>The ids of the entities the content names (rows, references) that exist.</summary>
    private static async Task<Dictionary<(NodeKind, string), long>> IdsAsync(WriteScope scope, ComparisonContent content)
    {
        var wanted = (content.Rows ?? [])
            .SelectMany(r => new[]
            {
                ComparisonRules.TryParseEntityKey(r.Technique, out var kind, out var slug) ? (kind, slug) : ((NodeKind, string)?)null,
                r.Reference is { } reference ? (NodeKind.Reference, reference) : null,
            })
            .Append(content.Source?.Reference is { } source ? (NodeKind.Reference, source) : null)
            .OfType<(NodeKind Kind, string Slug)>()
            .ToList();
        var slugs = wanted.Select(w => w.Slug).Distinct().ToList();
        var found = await scope.Db.Nodes.AsNoTracking().Where(n => slugs.Contains(n.Slug)).Select(n => new { n.Kind, n.Slug, n.Id }).ToListAsync();
        return found.ToDictionary(n => (n.Kind, n.Slug), n => n.Id);
    }

    private static Task<Comparison?> ReadAsync(WriteScope scope, long id) =>
        scope.Db.Comparisons.AsNoTracking().Include(c => c.Axes).Include(c => c.Rows).AsSplitQuery().FirstOrDefaultAsync(c => c.Id == id);

    /// <summary>The comparison as content, its rows' entities and references named from the database.</summary>
    private static async Task<ComparisonContent> StateAsync(WriteScope scope, Comparison c)
    {
        var ids = c.Rows.SelectMany(r => new[] { r.NodeId, r.ReferenceId ?? 0 }).Append(c.SourceReferenceId ?? 0).Distinct().ToList();
        var nodes = await scope.Db.Nodes.AsNoTracking().Where(n => ids.Contains(n.Id)).Select(n => new { n.Id, n.Kind, n.Slug }).ToDictionaryAsync(n => n.Id);
        return ContentOf.Comparison(c, id => nodes.TryGetValue(id, out var n) ? (n.Kind, n.Slug) : null);
    }

    private static bool Same(ComparisonContent a, ComparisonContent b) =>
        JsonSerializer.Serialize(a, StrictJson.Options) == JsonSerializer.Serialize(b, StrictJson.Options);
}
