using System.Diagnostics;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Platform;

/// <summary>
/// Lints the served OpenAPI document with Spectral's spectral:oas ruleset (the repository's .spectral.yaml). Needs
/// the pinned CLI from tools/ (`npm ci --prefix tools`); without it the test is skipped and says so.
/// </summary>
public sealed class SpectralTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [SpectralFact]
    public async Task SpectralReportsNoErrorsOnTheServedDocument()
    {
        var document = Path.Combine(Path.GetTempPath(), $"posttraining-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json"));
        try
        {
            var start = new ProcessStartInfo(SpectralFactAttribute.Cli)
            {
                ArgumentList = { "lint", document, "--ruleset", Path.Combine(SpectralFactAttribute.Root!, ".spectral.yaml"), "--format", "json", "--quiet" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = SpectralFactAttribute.Root!,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            var text = await output;
            Assert.True(text.TrimStart().StartsWith('['), $"Spectral did not answer JSON (exit {process.ExitCode}): {text} {await errors}");
            using var results = JsonDocument.Parse(text);
            // Severity 0 is error; warnings (1) and hints are reported by the tool but do not fail the build.
            var failures = results.RootElement.EnumerateArray()
                .Where(r => r.GetProperty("severity").GetInt32() == 0)
                .Select(r => $"{r.Str("code")}: {r.Str("message")} at {string.Join('.', r.GetProperty("path").EnumerateArray().Select(p => p.ToString()))}")
                .ToArray();
            Assert.True(failures.Length == 0, "Spectral errors:\n" + string.Join('\n', failures));
        }
        finally
        {
            File.Delete(document);
        }
    }
}

/// <summary>A fact that is skipped, with the command to fix it, when the Spectral CLI is not installed in tools/.</summary>
public sealed class SpectralFactAttribute : FactAttribute
{
    public static readonly string? Root = FindRoot();
    public static string Cli => Path.Combine(Root ?? "", "tools", "node_modules", ".bin", "spectral");

    public SpectralFactAttribute()
    {
        if (Root is null || !File.Exists(Cli))
        {
            Skip = "Spectral is not installed: run `npm ci --prefix tools` to lint the OpenAPI document.";
        }
    }

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PostTraining.Api.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
