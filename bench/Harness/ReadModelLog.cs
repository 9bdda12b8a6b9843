using System.Globalization;
using System.Text.RegularExpressions;

namespace PostTraining.Bench;

/// <summary>
/// The API's own account of its snapshot builds, from its log (the read model logs "... loaded in N ms, built in
/// N ms" at Information under PostTraining.Api.ReadModel, which the harness enables for the scale run).
/// </summary>
public sealed partial record ReadModelLog(IReadOnlyList<string> Lines, double? FirstLoadMs, double? FirstBuildMs)
{
    public double? FirstTotalMs => FirstLoadMs + FirstBuildMs;

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
                double.Parse(timing.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"loaded in (\d+) ms, built in (\d+) ms")]
    private static partial Regex Timing();
}
