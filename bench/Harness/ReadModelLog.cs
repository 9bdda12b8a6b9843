using System.Globalization;
using System.Text.RegularExpressions;

namespace PostTraining.Bench;

/// <summary>
/// The API's own account of its snapshot builds, from its log (the read model logs "... loaded in N ms, built in
/// N ms" at Information under PostTraining.Api.ReadModel, which the harness enables for the scale run).
/// </summary>
public sealed partial record ReadModelLog(IReadOnlyList<string> Lines, double? FirstLoadMs, double? FirstBuildMs, double? FirstSearchMs = null)
{
    public double? FirstTotalMs => FirstLoadMs + FirstBuildMs + (FirstSearchMs ?? 0);

    /// <summary>
    /// The patches after writes ("patched from N changes: ...; changed rows read in N ms, built in N ms, search index
    /// in N ms"), each as its total time in ms.
    /// </summary>
    public static IReadOnlyList<double> PatchTotals(string logPath) =>
        File.ReadLines(logPath)
            .Select(l => Patch().Match(l))
            .Where(m => m.Success)
            .Select(m => Enumerable.Range(1, 3).Sum(g => double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture)))
            .ToList();

    public static ReadModelLog Read(string logPath)
    {
        var lines = File.ReadLines(logPath)
            .Where(l => l.Contains("snapshot", StringComparison.OrdinalIgnoreCase) || l.Contains("read model", StringComparison.OrdinalIgnoreCase))
            .Take(10)
            .Select(l => l.Trim())
            .ToList();
        var timing = lines.Select(l => Timing().Match(l)).FirstOrDefault(m => m.Success);
        return timing is null
            ? new ReadModelLog(lines, null, null)
            : new ReadModelLog(lines,
                double.Parse(timing.Groups[1].Value, CultureInfo.InvariantCulture),
                double.Parse(timing.Groups[2].Value, CultureInfo.InvariantCulture),
                timing.Groups[3].Success ? double.Parse(timing.Groups[3].Value, CultureInfo.InvariantCulture) : null);
    }

    [GeneratedRegex(@"loaded in (\d+) ms, built in (\d+) ms(?:, search index in (\d+) ms)?")]
    private static partial Regex Timing();

    [GeneratedRegex(@"patched from \d+ changes.*read in (\d+) ms, built in (\d+) ms, search index in (\d+) ms")]
    private static partial Regex Patch();
}
