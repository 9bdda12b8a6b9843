using System.Text.Json;

namespace PostTraining.Api.Tests.Client;

/// <summary>
/// What both generated-client programs (the Kiota sample and the TypeScript one) print, checked against the service's
/// own answers, so the two prove the same reads and a change of the printed lines is made once.
/// </summary>
internal static class ClientProgramOutput
{
    private const string CreatedPrefix = "created reference: ";

    /// <summary>The list, the search for 偏好优化, DPO's detail and the paths from DPO to PPO, as the service answers them.</summary>
    public static async Task AssertReadsAsync(HttpClient http, string output)
    {
        using var page = JsonDocument.Parse(await http.GetStringAsync("api/v1/techniques?limit=200"));
        Assert.Contains($"techniques: {page.RootElement.GetProperty("items").GetArrayLength()}", output, StringComparison.Ordinal);
        Assert.Contains("search \"偏好优化\": technique:dpo", output, StringComparison.Ordinal);
        using var dpo = JsonDocument.Parse(await http.GetStringAsync("api/v1/techniques/dpo"));
        Assert.Contains($"detail: dpo ({dpo.RootElement.GetProperty("kind").GetString()}) under {dpo.RootElement.GetProperty("paradigm").GetProperty("slug").GetString()}", output, StringComparison.Ordinal);
        using var paths = JsonDocument.Parse(await http.GetStringAsync("api/v1/paths?from=dpo&to=ppo"));
        Assert.Contains($"paths dpo -> ppo: {paths.RootElement.GetProperty("paths").GetArrayLength()}", output, StringComparison.Ordinal);
    }

    /// <summary>The line the program prints after its keyed write (the slug first); fails when it printed none.</summary>
    public static string CreatedReferenceLine(string output)
    {
        var created = output.Split('\n').Select(l => l.Trim()).SingleOrDefault(l => l.StartsWith(CreatedPrefix, StringComparison.Ordinal));
        Assert.True(created is not null, $"the program did not report a created reference:\n{output}");
        return created[CreatedPrefix.Length..];
    }
}
