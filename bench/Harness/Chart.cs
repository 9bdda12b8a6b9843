using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text;

namespace PostTraining.Bench;

/// <summary>
/// Draws the read results as an SVG bar chart and converts it to PNG with rsvg-convert (Debian's librsvg2-bin), so
/// no network and no plotting library are needed. Labels are ASCII: the machine may have no CJK font.
/// </summary>
public static class Chart
{
    private static readonly Dictionary<string, string> Colours = new()
    {
        [Servers.Api] = "#2b6cb0",
        [Servers.Ceiling] = "#a0aec0",
        [Servers.JsonServer] = "#dd6b20",
    };

    public static string? WriteReadChart(ReadRunResult run, string pngPath)
    {
        const int width = 960, height = 520, left = 80, right = 20, top = 70, bottom = 90;
        var plotWidth = width - left - right;
        var plotHeight = height - top - bottom;
        var max = run.Measurements.Where(m => m.Result is not null).Select(m => m.Result!.RequestsPerSecond).DefaultIfEmpty(1).Max();
        var scaleMax = NiceCeiling(max);

        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="DejaVu Sans, sans-serif">""");
        svg.AppendLine("""<rect width="100%" height="100%" fill="white"/>""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{left}" y="28" font-size="18" font-weight="bold">Requests per second, {run.At:yyyy-MM-dd} (wrk -t{run.Options.Threads} -c{run.Options.Connections}, {run.Machine.Cores} shared cores)</text>""");
        svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{left}" y="50" font-size="12" fill="#4a5568">Under each endpoint: API / ceiling and API / json-server, the figures to read: the machine was shared and busy.</text>""");

        for (var i = 0; i <= 5; i++)
        {
            var value = scaleMax * i / 5;
            var y = top + plotHeight - plotHeight * i / 5.0;
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<line x1="{left}" x2="{width - right}" y1="{y:0.#}" y2="{y:0.#}" stroke="#e2e8f0"/>""");
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{left - 8}" y="{y + 4:0.#}" font-size="11" text-anchor="end">{value:N0}</text>""");
        }

        var groups = Endpoint.All.Count;
        var groupWidth = plotWidth / (double)groups;
        var barWidth = groupWidth / 4.5;
        for (var g = 0; g < groups; g++)
        {
            var endpoint = Endpoint.All[g];
            var x0 = left + g * groupWidth + (groupWidth - 3 * barWidth) / 2;
            for (var b = 0; b < Servers.All.Count; b++)
            {
                var server = Servers.All[b];
                var rps = run.Find(endpoint, server)?.Result?.RequestsPerSecond ?? 0;
                var h = plotHeight * rps / scaleMax;
                var x = x0 + b * barWidth;
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect x="{x:0.#}" y="{top + plotHeight - h:0.#}" width="{barWidth - 3:0.#}" height="{h:0.#}" fill="{Colours[server]}"/>""");
                svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x + barWidth / 2:0.#}" y="{top + plotHeight - h - 4:0.#}" font-size="10" text-anchor="middle">{(rps > 0 ? rps.ToString("N0", CultureInfo.InvariantCulture) : "n/a")}</text>""");
            }

            var toCeiling = run.Ratio(endpoint, Servers.Ceiling);
            var toJson = run.Ratio(endpoint, Servers.JsonServer);
            var centre = left + g * groupWidth + groupWidth / 2;
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{centre:0.#}" y="{top + plotHeight + 20}" font-size="13" font-weight="bold" text-anchor="middle">{SecurityElement.Escape(endpoint.Name)}</text>""");
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{centre:0.#}" y="{top + plotHeight + 37}" font-size="11" text-anchor="middle">{(toCeiling is null ? "-" : toCeiling.Value.ToString("0.00", CultureInfo.InvariantCulture))} of ceiling (target {endpoint.CeilingTarget:0.0})</text>""");
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{centre:0.#}" y="{top + plotHeight + 52}" font-size="11" text-anchor="middle">{(toJson is null ? "-" : toJson.Value.ToString("0.0", CultureInfo.InvariantCulture))}x json-server (target 5)</text>""");
        }

        for (var b = 0; b < Servers.All.Count; b++)
        {
            var x = left + b * 170;
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<rect x="{x}" y="{height - 24}" width="14" height="14" fill="{Colours[Servers.All[b]]}"/>""");
            svg.AppendLine(CultureInfo.InvariantCulture, $"""<text x="{x + 20}" y="{height - 12}" font-size="12">{Servers.All[b]}</text>""");
        }

        svg.AppendLine("</svg>");
        return Convert(svg.ToString(), pngPath);
    }

    /// <summary>Writes the SVG beside the PNG's path in a temp file and converts it; null (with a warning) when it cannot.</summary>
    public static string? Convert(string svg, string pngPath)
    {
        var svgPath = Path.Combine(Path.GetTempPath(), $"posttraining-bench-{Guid.NewGuid():N}.svg");
        File.WriteAllText(svgPath, svg);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("rsvg-convert", ["-o", pngPath, svgPath]) { RedirectStandardError = true })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"bench: rsvg-convert failed, no PNG chart: {error}");
                return null;
            }

            return pngPath;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine("bench: rsvg-convert is missing (apt-get install -y librsvg2-bin), no PNG chart");
            return null;
        }
        finally
        {
            File.Delete(svgPath);
        }
    }

    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(value, 1))));
        foreach (var step in new[] { 1.0, 2, 2.5, 3, 4, 5, 6, 8, 10 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }
}
