using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PostTraining.BrowserTests.Explorer;

/// <summary>
/// The comparison view (#comparison/{slug}) on the survey's Table 2: the matrix as the API serves it, its columns
/// sorting and filtering, its headers in both languages, its cells linking to their references. Every expectation is
/// computed from the API's answer.
/// </summary>
public sealed class ComparisonViewTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const string TableRows = ".comparison-table tbody tr";

    [BrowserFact]
    public async Task RendersTable2CellForCellWithBilingualHeadersAndCellsLinkingToTheirReferences()
    {
        var table = await Table2Async();
        await app.RunAsync($"/#comparison/{table.Slug}", async page =>
        {
            await Expect(page.Locator("#comparison-heading")).ToHaveTextAsync(table.Name("en"));
            await Expect(page.Locator(TableRows)).ToHaveCountAsync(table.Rows.Count);
            Assert.Equal(table.Rows.Select(r => r.Technique), await RowOrderAsync(page));
            Assert.Equal(table.Rows.Select(r => table.Axes.Select(a => r.Cells.GetValueOrDefault(a.Slug, "–"))), await MatrixAsync(page));

            foreach (var axis in table.Axes)
            {
                var header = page.Locator($".comparison-table thead th[data-axis='{axis.Slug}']");
                await Expect(header.Locator(".axis-printed")).ToHaveTextAsync(axis.Printed);
                await Expect(header).ToContainTextAsync(axis.Name["en"], new() { IgnoreCase = true });
            }

            // Each cell is the survey's claim about one paper: it links to that row's reference.
            foreach (var row in table.Rows.Where(r => r.ReferenceHref is not null))
            {
                var links = page.Locator($"{TableRows}[data-technique='{row.Technique}'] td[data-axis] a.cell-link");
                Assert.Equal(row.Cells.Count, await links.CountAsync());
                foreach (var href in await links.EvaluateAllAsync<string[]>("links => links.map(a => a.href)"))
                {
                    Assert.Equal(row.ReferenceHref, href);
                }
            }

            // The headers switch language with the rest of the page; the printed labels (RM1, F, ...) stay.
            await page.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
            await Expect(page.Locator("#comparison-heading")).ToHaveTextAsync(table.Name("zh"));
            foreach (var axis in table.Axes.Where(a => a.Name.ContainsKey("zh")))
            {
                var header = page.Locator($".comparison-table thead th[data-axis='{axis.Slug}']");
                await Expect(header).ToContainTextAsync(axis.Name["zh"]);
                await Expect(header.Locator(".axis-printed")).ToHaveTextAsync(axis.Printed);
            }
        });
    }

    [BrowserFact]
    public async Task SortingAColumnReordersTheRowsAndFiltersNarrowThemToTheMatchingOnes()
    {
        var table = await Table2Async();
        await app.RunAsync($"/#comparison/{table.Slug}", async page =>
        {
            await Expect(page.Locator(TableRows)).ToHaveCountAsync(table.Rows.Count);
            var printedOrder = table.Rows.Select(r => r.Technique).ToList();

            // Sort by the first choice column whose sorted order is not the printed one.
            var comparer = StringComparer.Create(CultureInfo.InvariantCulture, ignoreCase: true);
            var axis = table.Axes.First(a => a.Type == "choice" && !Sorted(table, a, comparer).SequenceEqual(printedOrder));
            var sortButton = page.Locator($".comparison-table thead th[data-axis='{axis.Slug}'] button.sort");

            await sortButton.ClickAsync();
            await Expect(page.Locator($".comparison-table thead th[data-axis='{axis.Slug}']")).ToHaveAttributeAsync("aria-sort", "ascending");
            var ascending = await RowOrderAsync(page);
            Assert.NotEqual(printedOrder, ascending);
            Assert.Equal(ExpectedColumn(table, axis, comparer, descending: false), await ColumnAsync(page, axis.Slug));

            await sortButton.ClickAsync();
            await Expect(page.Locator($".comparison-table thead th[data-axis='{axis.Slug}']")).ToHaveAttributeAsync("aria-sort", "descending");
            Assert.Equal(ExpectedColumn(table, axis, comparer, descending: true), await ColumnAsync(page, axis.Slug));

            // Filter: the question the issue asks of Table 2 - offline, no reference model - if those axes exist,
            // otherwise the first two choice values that each keep some rows but not all.
            var filters = FiltersToTry(table).ToList();
            var expected = table.Rows.ToList();
            foreach (var (filterAxis, value) in filters)
            {
                await page.Locator($"select[data-filter-axis='{filterAxis}']").SelectOptionAsync(value);
                expected = expected.Where(r => r.Values.GetValueOrDefault(filterAxis, []).Contains(value)).ToList();
                await Expect(page.Locator(TableRows)).ToHaveCountAsync(expected.Count);
                Assert.Equal(expected.Select(r => r.Technique).Order(), (await RowOrderAsync(page)).Order());
            }

            Assert.True(expected.Count > 0 && expected.Count < table.Rows.Count, $"the filters kept {expected.Count} of {table.Rows.Count} rows");
            await Expect(page.Locator(".comparison-status")).ToHaveTextAsync($"Showing {expected.Count} of {table.Rows.Count} rows");
            // Sorting still applies to what the filters kept.
            Assert.Equal(ExpectedColumn(table, axis, comparer, descending: true, expected), await ColumnAsync(page, axis.Slug));

            await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters" }).ClickAsync();
            await Expect(page.Locator(TableRows)).ToHaveCountAsync(table.Rows.Count);

            await page.Locator($"select[data-filter-axis='{filters[0].Axis}']").SelectOptionAsync(filters[0].Value);
            await DocumentationScreenshots.SaveAsync(page, "comparison-table2.png");
        });
    }

    [BrowserFact]
    public async Task ARowLabelOpensItsTechniqueWhosePanelListsItsComparisonValues()
    {
        var table = await Table2Async();
        var row = table.Rows.First(r => r.Kind == "technique");
        await app.RunAsync($"/#comparison/{table.Slug}", async page =>
        {
            await page.Locator($"{TableRows}[data-technique='{row.Technique}'] th button.follow").ClickAsync();
            Assert.EndsWith($"#technique/{row.Technique}", page.Url, StringComparison.Ordinal);
            await Expect(page.Locator("#comparison-view")).ToBeHiddenAsync();

            var values = page.Locator($"#panel .comparison-value[data-comparison='{table.Slug}']");
            await Expect(values).ToBeVisibleAsync();
            foreach (var axis in table.Axes.Where(a => row.Cells.ContainsKey(a.Slug)))
            {
                await Expect(values.Locator($"dt[data-axis='{axis.Slug}'] + dd")).ToContainTextAsync(row.Cells[axis.Slug]);
            }

            await values.Locator("h4 a").ClickAsync();
            await Expect(page.Locator("#comparison-heading")).ToHaveTextAsync(table.Name("en"));
        });
    }

    /// <summary>Table 2 as the API serves it: the comparison whose source is the survey's Table 2.</summary>
    private async Task<Comparison> Table2Async()
    {
        using var http = new HttpClient { BaseAddress = app.Api.BaseAddress };
        var list = await http.GetJsonAsync("api/v1/comparisons");
        var items = list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("items");
        foreach (var item in items.EnumerateArray())
        {
            var detail = await http.GetJsonAsync($"api/v1/comparisons/{item.GetProperty("slug").GetString()}");
            var source = detail.GetProperty("source");
            var printedTable = source.ValueKind == JsonValueKind.String ? source.GetString() : source.Str("table");
            if (printedTable?.StartsWith("Table 2", StringComparison.Ordinal) == true)
            {
                return Comparison.From(detail, app.Api.BaseAddress);
            }
        }

        throw new Xunit.Sdk.XunitException("GET /api/v1/comparisons lists no comparison whose source is Table 2.");
    }

    private static IEnumerable<(string Axis, string Value)> FiltersToTry(Comparison table)
    {
        var wanted = new[] { ("optimization", "offline"), ("reference-model", "free") };
        if (wanted.All(w => table.Axes.Any(a => a.Slug == w.Item1 && a.Values.Contains(w.Item2))))
        {
            return wanted;
        }

        return table.Axes.Where(a => a.Type == "choice")
            .SelectMany(a => a.Values.Select(v => (a.Slug, v)))
            .Where(f => table.Rows.Count(r => r.Values.GetValueOrDefault(f.Slug, []).Contains(f.v)) is var n && n > 0 && n < table.Rows.Count)
            .Take(2);
    }

    /// <summary>The row order the view should show when sorted by <paramref name="axis"/>: empty cells last either way.</summary>
    private static IEnumerable<string> Sorted(Comparison table, Axis axis, StringComparer comparer) =>
        table.Rows.Where(r => r.Cells.ContainsKey(axis.Slug)).OrderBy(r => r.Cells[axis.Slug], comparer).Select(r => r.Technique)
            .Concat(table.Rows.Where(r => !r.Cells.ContainsKey(axis.Slug)).Select(r => r.Technique));

    private static List<string> ExpectedColumn(Comparison table, Axis axis, StringComparer comparer, bool descending, IEnumerable<Row>? rows = null)
    {
        var printed = (rows ?? table.Rows).Select(r => r.Cells.GetValueOrDefault(axis.Slug)).ToList();
        // Ties keep the printed order in both directions (a stable sort), as the view's does.
        var filled = descending ? printed.OfType<string>().OrderDescending(comparer).ToList() : printed.OfType<string>().Order(comparer).ToList();
        return [.. filled, .. printed.Where(p => p is null).Select(_ => "–")];
    }

    private static async Task<string[]> RowOrderAsync(IPage page) =>
        await page.Locator(TableRows).EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.technique)");

    /// <summary>The printed text of one column's cells, top to bottom (a note marker is not part of the cell's text).</summary>
    private static async Task<List<string>> ColumnAsync(IPage page, string axis) =>
        [.. await page.Locator($"{TableRows} td[data-axis='{axis}']").EvaluateAllAsync<string[]>(
            "cells => cells.map(c => (c.querySelector('a.cell-link') ?? c).textContent.replace('†', '').trim())")];

    private static async Task<List<List<string>>> MatrixAsync(IPage page) =>
        [.. (await page.Locator(TableRows).EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [...r.querySelectorAll('td[data-axis]')].map(c => (c.querySelector('a.cell-link') ?? c).textContent.replace('†', '').trim()))"))
            .Select(r => r.ToList())];

    private sealed record Axis(string Slug, string Printed, string Type, Dictionary<string, string> Name, string[] Values);

    private sealed record Row(string Technique, string Kind, string? ReferenceHref, Dictionary<string, string> Cells, Dictionary<string, string[]> Values);

    private sealed record Comparison(string Slug, JsonElement Json, List<Axis> Axes, List<Row> Rows)
    {
        public string Name(string language) => Json.GetProperty("name").GetProperty(language).GetString()!;

        public static Comparison From(JsonElement json, Uri page)
        {
            var axes = json.GetProperty("axes").EnumerateArray().Select(a => new Axis(
                a.GetProperty("slug").GetString()!,
                a.GetProperty("printed").GetString()!,
                a.GetProperty("type").GetString()!,
                a.GetProperty("name").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
                a.TryGetProperty("values", out var values) ? [.. values.EnumerateArray().Select(v => v.GetProperty("slug").GetString()!)] : [])).ToList();
            var rows = json.GetProperty("rows").EnumerateArray().Select(r =>
            {
                var technique = r.GetProperty("technique");
                var cells = r.GetProperty("cells").EnumerateArray().ToList();
                return new Row(
                    technique.GetProperty("slug").GetString()!,
                    technique.Str("kind") is "model" or "dataset" ? technique.Str("kind")! : "technique",
                    r.TryGetProperty("reference", out var reference) ? ReferenceHref(reference, page) : null,
                    cells.ToDictionary(c => c.GetProperty("axis").GetString()!, c => c.GetProperty("printed").GetString()!),
                    cells.ToDictionary(c => c.GetProperty("axis").GetString()!, c => c.GetProperty("values").EnumerateArray().Select(v => v.ToString()).ToArray()));
            }).ToList();
            return new Comparison(json.GetProperty("slug").GetString()!, json, axes, rows);
        }

        /// <summary>
        /// Where the explorer links a reference (links.js): the paper's own URL, else its arXiv page, else (a link
        /// with only the API's root-relative URL) the reference's panel in the explorer.
        /// </summary>
        private static string ReferenceHref(JsonElement reference, Uri page)
        {
            if (reference.Str("url") is { } url && !url.StartsWith('/'))
            {
                return new Uri(url).AbsoluteUri;
            }

            return reference.Str("arxivId") is { } arxiv
                ? $"https://arxiv.org/abs/{Uri.EscapeDataString(arxiv)}"
                : new Uri(page, $"#reference/{reference.GetProperty("slug").GetString()}").AbsoluteUri;
        }
    }
}
