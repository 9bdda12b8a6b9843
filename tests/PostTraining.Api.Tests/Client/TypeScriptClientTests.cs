using System.Diagnostics;
using System.Text.Json;
using PostTraining.Api.Tests.Deployment;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Client;

/// <summary>
/// Generates TypeScript types from the committed document (openapi-typescript), compiles tools/ts-client/main.ts
/// against them in strict mode (its type-level checks fail the build if, say, TechniqueDetail.slug stopped being a
/// plain string) and runs it with openapi-fetch against the service on a real port: list, search, a detail, a path
/// and a write with a key.
/// </summary>
public sealed class TypeScriptClientTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    private static readonly string Folder = Repository.PathOf("tools", "ts-client");

    [NodeToolsFact]
    public async Task TheTypedClientCompilesStrictlyAndTalksToTheService()
    {
        var bin = Path.Combine(NodeToolsFactAttribute.NodeModules, ".bin");
        await RunAsync(Path.Combine(bin, "openapi-typescript"), Repository.PathOf("openapi", "v1.json"), "--output", Path.Combine(Folder, "generated", "schema.d.ts"));
        await RunAsync(Path.Combine(bin, "tsc"), "--project", Path.Combine(Folder, "tsconfig.json"));
        var output = await RunAsync("node", Path.Combine(Folder, "build", "main.js"), api.BaseAddress.ToString(), "偏好优化");

        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        await ClientProgramOutput.AssertReadsAsync(http, output);

        var created = ClientProgramOutput.CreatedReferenceLine(output);
        var slug = created.Split(' ')[0];
        Assert.Contains($"/api/v1/references/{slug}", created, StringComparison.Ordinal);
        using var reference = JsonDocument.Parse(await http.GetStringAsync($"api/v1/references/{slug}"));
        Assert.Equal("A reference created by the TypeScript client sample", reference.RootElement.GetProperty("title").GetString());
    }

    /// <summary>Runs a tool with the admin key in its environment; a non-zero exit fails the test with its output.</summary>
    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        start.Environment["POSTTRAINING_API_KEY"] = ApiFactory.AdminKey;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(file)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}");
        return output;
    }
}
