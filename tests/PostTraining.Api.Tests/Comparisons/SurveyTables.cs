using System.Text.Json;
using System.Text.RegularExpressions;
using PostTraining.Data.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Comparisons;

/// <summary>
/// The survey's tables as ../shared/reference/survey/tables.json prints them, read the way the comparisons claim to
/// reproduce them: the row-label column, the other columns as axes, "–" / "-" as an empty cell.
/// </summary>
public static partial class SurveyTables
{
    public static JsonElement Table(string number) =>
        SharedReference.Json("survey/tables.json").EnumerateArray()
            .Single(t => t.GetProperty("table").GetString()!.StartsWith(number + ":", StringComparison.Ordinal));

    public static string[] Columns(JsonElement table) => [.. table.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!)];

    public static JsonElement[] Rows(JsonElement table) => [.. table.GetProperty("rows").EnumerateArray()];

    /// <summary>The row label without its citation number: "InstructGPT [45]" -> "InstructGPT".</summary>
    public static string Label(string printed) => Citation().Replace(printed, "").Trim();

    public static bool IsEmpty(string cell) => cell.Trim() is "–" or "-" or "";

    [GeneratedRegex(@"\s*\[[^\]]*\]\s*$")]
    private static partial Regex Citation();
}
