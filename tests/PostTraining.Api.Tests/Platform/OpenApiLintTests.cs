using System.Diagnostics;
using System.Text.Json;
using PostTraining.Api.Tests.Deployment;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Platform;

/// <summary>
/// Lints the document the service serves with the three rulesets integrators' tools apply: Spectral's spectral:oas
/// and the OWASP API Security ruleset (both from .spectral.yaml) and Redocly's recommended rules (redocly.yaml).
/// Needs the npm tools pinned in tools/ (`npm ci --prefix tools`); without them the tests are skipped and say so.
/// </summary>
public sealed class OpenApiLintTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [NodeToolsFact]
    public async Task SpectralOasAndOwaspReportNoErrorsOnTheServedDocument()
    {
        var output = await LintAsync("spectral", "lint", "{document}", "--ruleset", Repository.PathOf(".spectral.yaml"), "--format", "json", "--quiet");
        Assert.True(output.TrimStart().StartsWith('['), $"Spectral did not answer JSON: {output}");
        using var results = JsonDocument.Parse(output);
        // Severity 0 is error; warnings (1) and hints are reported by the tool but do not fail the build.
        var failures = results.RootElement.EnumerateArray()
            .Where(r => r.GetProperty("severity").GetInt32() == 0)
            .Select(r => $"{r.Str("code")}: {r.Str("message")} at {string.Join('.', r.GetProperty("path").EnumerateArray().Select(p => p.ToString()))}")
            .ToArray();
        Assert.True(failures.Length == 0, $"Spectral errors ({failures.Length}):\n" + string.Join('\n', failures.Take(50)));
    }

    [NodeToolsFact]
    public async Task RedoclyRecommendedReportsNoErrorsOnTheServedDocument()
    {
        var output = await LintAsync("redocly", "lint", "{document}", "--config", Repository.PathOf("redocly.yaml"), "--format", "json");
        var start = output.IndexOf('{', StringComparison.Ordinal);
        Assert.True(start >= 0, $"Redocly did not answer JSON: {output}");
        using var results = JsonDocument.Parse(output[start..]);
        var failures = results.RootElement.GetProperty("problems").EnumerateArray()
            .Where(p => p.Str("severity") == "error")
            .Select(p => $"{p.Str("ruleId")}: {p.Str("message")}")
            .ToArray();
        Assert.True(failures.Length == 0, $"Redocly errors ({failures.Length}):\n" + string.Join('\n', failures.Take(50)));
    }

    /// <summary>Runs a CLI of tools/node_modules/.bin on the served document, written to a temporary file.</summary>
    private async Task<string> LintAsync(string tool, params string[] arguments)
    {
        var document = Path.Combine(Path.GetTempPath(), $"posttraining-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await api.CreateClient().GetStringAsync("/openapi/v1.json"));
        try
        {
            var start = new ProcessStartInfo(Path.Combine(NodeToolsFactAttribute.NodeModules, ".bin", tool))
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = Repository.Root,
            };
            // No update checks or telemetry: the lint needs nothing but the document.
            start.Environment["REDOCLY_TELEMETRY"] = "off";
            start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument == "{document}" ? document : argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            var text = await output;
            return text.Length > 0 ? text : await errors;
        }
        finally
        {
            File.Delete(document);
        }
    }
}
