using System.Globalization;
using System.Net;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Data.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Comparisons;

/// <summary>
/// The survey's Table 2 as the API serves it, checked against tables.json itself: every axis header and every row,
/// cell for cell, in JSON and in the CSV export; and the filter a reader asks for first (offline, reference-free).
/// </summary>
public sealed class ComparisonReadTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Slug = "alignment-methods";
    private const string LabelColumn = "Methods";

    [SharedReferenceFact]
    public async Task Table2IsReproducedCellForCell()
    {
        var table = SurveyTables.Table("Table 2");
        var comparison = await api.CreateClient().GetJsonAsync($"/api/v1/comparisons/{Slug}");
        var axes = comparison.GetProperty("axes").EnumerateArray().ToArray();
        var printedAxes = SurveyTables.Columns(table).Where(c => c != LabelColumn).ToArray();
        Assert.Equal(printedAxes, axes.Select(a => a.GetProperty("printed").GetString()));

        var rows = comparison.GetProperty("rows").EnumerateArray().ToArray();
        var fileRows = SurveyTables.Rows(table);
        Assert.Equal(fileRows.Length, rows.Length);
        for (var i = 0; i < fileRows.Length; i++)
        {
            var expected = fileRows[i];
            var row = rows[i];
            Assert.Equal(SurveyTables.Label(expected.GetProperty(LabelColumn).GetString()!), row.GetProperty("printed").GetString());
            Assert.False(string.IsNullOrEmpty(row.GetProperty("technique").GetProperty("slug").GetString()));
            var cells = row.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("axis").GetString()!);
            foreach (var axis in axes)
            {
                var printed = expected.GetProperty(axis.GetProperty("printed").GetString()!).GetString()!;
                var slug = axis.GetProperty("slug").GetString()!;
                if (SurveyTables.IsEmpty(printed))
                {
                    Assert.False(cells.ContainsKey(slug), $"{row.GetProperty("printed")}: the empty {slug} cell has an entry");
                    continue;
                }

                Assert.Equal(printed, cells[slug].GetProperty("printed").GetString());
                var values = cells[slug].GetProperty("values").EnumerateArray().ToArray();
                Assert.NotEmpty(values);
                if (axis.GetProperty("type").GetString() == "choice")
                {
                    var allowed = axis.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("slug").GetString()).ToHashSet();
                    Assert.All(values, v => Assert.Contains(v.GetString(), allowed));
                    // "Positive and Negative" names two values, "Human and AI" too.
                    Assert.Equal(printed.Split(" and ").Length, values.Length);
                }
            }

            Assert.Equal(cells.Count, axes.Count(a => !SurveyTables.IsEmpty(expected.GetProperty(a.GetProperty("printed").GetString()!).GetString()!)));
        }
    }

    [SharedReferenceFact]
    public async Task GrposContestedCellsKeepThePrintedValueAndSayWhy()
    {
        var comparison = await api.CreateClient().GetJsonAsync($"/api/v1/comparisons/{Slug}");
        var grpo = comparison.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("technique").GetProperty("slug").GetString() == "grpo");
        var cells = grpo.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("axis").GetString()!);
        var fileRow = SurveyTables.Rows(SurveyTables.Table("Table 2")).Single(r => r.GetProperty("method").GetString() == "GRPO");

        // The facts file's FLAG: "Implicit RM / AI feedback / Off-policy" is the survey's own, contested labelling.
        foreach (var (axis, column) in new[] { ("reward-model", "RM1"), ("feedback", "F"), ("policy", "RL2") })
        {
            Assert.Equal(fileRow.GetProperty(column).GetString(), cells[axis].GetProperty("printed").GetString());
            Assert.StartsWith("Contested", cells[axis].GetProperty("note").GetProperty("en").GetString());
            Assert.False(string.IsNullOrEmpty(cells[axis].GetProperty("note").GetProperty("zh").GetString()));
        }

        Assert.Equal(3, cells.Values.Count(c => c.TryGetProperty("note", out _)));
    }

    [SharedReferenceFact]
    public async Task TheCsvExportParsesBackToTheSameCells()
    {
        var client = api.CreateClient();
        var comparison = await client.GetJsonAsync($"/api/v1/comparisons/{Slug}");
        var response = await client.GetAsync($"/api/v1/comparisons/{Slug}?format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);

        using var reader = new CsvReader(new StringReader(await response.Content.ReadAsStringAsync()), new CsvConfiguration(CultureInfo.InvariantCulture));
        var records = new List<string[]>();
        while (reader.Read())
        {
            records.Add([.. Enumerable.Range(0, reader.Parser.Count).Select(i => reader.GetField(i)!)]);
        }

        var axes = comparison.GetProperty("axes").EnumerateArray().ToArray();
        Assert.Equal(["technique", "printed", "reference", .. axes.Select(a => a.GetProperty("printed").GetString()!)], records[0]);
        var rows = comparison.GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(rows.Length, records.Count - 1);
        var fileRows = SurveyTables.Rows(SurveyTables.Table("Table 2"));
        for (var i = 0; i < rows.Length; i++)
        {
            var record = records[i + 1];
            Assert.Equal(rows[i].GetProperty("technique").GetProperty("slug").GetString(), record[0]);
            Assert.Equal(rows[i].GetProperty("printed").GetString(), record[1]);
            for (var a = 0; a < axes.Length; a++)
            {
                var printed = fileRows[i].GetProperty(axes[a].GetProperty("printed").GetString()!).GetString()!;
                Assert.Equal(SurveyTables.IsEmpty(printed) ? "" : printed, record[3 + a]);
            }
        }
    }

    [SharedReferenceFact]
    public async Task AlignmentMethodsThatAreOfflineAndNeedNoReferenceModelAreExactlyTheRowsTheTableMarksSo()
    {
        var client = api.CreateClient();
        var comparison = await client.GetJsonAsync($"/api/v1/comparisons/{Slug}");
        var slugOf = comparison.GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("printed").GetString()!, r => r.GetProperty("technique").GetProperty("slug").GetString()!);
        // As printed: RL1 "Free" (once "free"), O "Offline".
        var expected = SurveyTables.Rows(SurveyTables.Table("Table 2"))
            .Where(r => r.GetProperty("RL1").GetString()!.Equals("free", StringComparison.OrdinalIgnoreCase)
                && r.GetProperty("O").GetString() == "Offline")
            .Select(r => slugOf[SurveyTables.Label(r.GetProperty(LabelColumn).GetString()!)])
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.NotEmpty(expected);

        var found = await client.GetJsonAsync($"/api/v1/techniques?comparison={Slug}&where=reference-model:free,optimization:offline&limit=200&sort=slug");
        Assert.Equal(expected, found.Slugs());
    }

    [SharedReferenceFact]
    public async Task EachLoadedTableHasTheRowsAndAxesTablesJsonPrints()
    {
        var client = api.CreateClient();
        var list = await client.GetJsonAsync("/api/v1/comparisons");
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            var source = item.GetProperty("source");
            var table = SurveyTables.Table(source.GetProperty("table").GetString()!.Split(':')[0]);
            Assert.Equal(table.GetProperty("table").GetString(), source.GetProperty("table").GetString());
            Assert.Equal("arxiv-2503-06072", source.GetProperty("reference").GetProperty("slug").GetString());
            Assert.Equal(SurveyTables.Rows(table).Length, item.GetProperty("rowCount").GetInt32());
            // Every column but the row label is an axis.
            Assert.Equal(SurveyTables.Columns(table).Length - 1, item.GetProperty("axisCount").GetInt32());
        }

        Assert.Contains(Slug, list.Slugs());
    }

    [Fact]
    public async Task TheMarkdownExportIsATableWithItsMediaType()
    {
        var response = await api.CreateClient().GetAsync($"/api/v1/comparisons/{Slug}?format=markdown");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("| --- |", text, StringComparison.Ordinal);
        Assert.Contains("[DPO](/api/v1/techniques/dpo)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownComparisonIs404AndAnUnknownFormat400()
    {
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/comparisons/no-such-table")).StatusCode);
        Assert.Equal(["format"], await client.GetBadParametersAsync($"/api/v1/comparisons/{Slug}?format=latex"));
    }

    [Fact]
    public async Task ARepeatedGetWithTheETagIs304()
    {
        var client = api.CreateClient();
        var first = await client.GetAsync($"/api/v1/comparisons/{Slug}");
        var again = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/comparisons/{Slug}");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task ATechniquesDetailListsItsValuesOnEveryComparisonItIsIn()
    {
        var dpo = await api.CreateClient().GetJsonAsync("/api/v1/techniques/dpo");
        var entry = dpo.GetProperty("comparisons").EnumerateArray().Single(c => c.GetProperty("comparison").GetProperty("slug").GetString() == Slug);
        Assert.Equal("DPO", entry.GetProperty("printed").GetString());
        var rewardModel = entry.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("axis").GetString() == "reward-model");
        Assert.Equal("RM1", rewardModel.GetProperty("axisPrinted").GetString());
        Assert.Equal("implicit", rewardModel.GetProperty("values")[0].GetString());
    }
}
