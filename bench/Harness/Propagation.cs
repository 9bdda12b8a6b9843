using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;

namespace PostTraining.Bench;

/// <summary>
/// One write: how long the write itself took to be acknowledged (for an API write that includes refreshing the
/// writer's snapshot), and when each API process first served it, all in ms from the start of the write request (the
/// second process hears of it when the writer commits, while the writer refreshes its own snapshot).
/// </summary>
public sealed record PropagationTrial(double WriteMs, double WriterMs, double OtherMs);

public sealed record PropagationResult(string Method, IReadOnlyList<PropagationTrial> Trials, string? Note)
{
    public double Median(Func<PropagationTrial, double> pick) => Stats.Percentile(Trials.Select(pick).ToList(), 50);
    public double P99(Func<PropagationTrial, double> pick) => Stats.Percentile(Trials.Select(pick).ToList(), 99);
    public double Max(Func<PropagationTrial, double> pick) => Trials.Count == 0 ? double.NaN : Trials.Max(pick);
}

/// <summary>
/// Measures how long a write on one API process takes to show on a second one on the same database. It writes
/// through the API (PATCH with the admin key) when the write endpoints are there; otherwise it changes the row in
/// SQL and sends NOTIFY posttraining_changed itself, which is what a committed API write does, and says so.
/// </summary>
public sealed class Propagation(Uri writer, Uri other, string connectionString, string adminKey, TimeSpan bound)
{
    public async Task<PropagationResult> MeasureAsync(string slug, int trials, CancellationToken ct)
    {
        using var writerHttp = new HttpClient { BaseAddress = writer };
        using var otherHttp = new HttpClient { BaseAddress = other };
        var target = new Uri($"/api/v1/techniques/{slug}", UriKind.Relative);
        var original = await GetDescriptionAsync(writerHttp, target, ct);

        string? note = null;
        var useApi = true;
        var results = new List<PropagationTrial>();
        for (var i = 0; i < trials; i++)
        {
            var marker = $"[bench {Guid.NewGuid():N}]";
            var text = (original ?? "") + " " + marker;
            var writeStarted = Stopwatch.GetTimestamp();
            if (useApi)
            {
                var (ok, status) = await PatchDescriptionAsync(writerHttp, target, text, ct);
                if (!ok)
                {
                    useApi = false;
                    note = $"PATCH {target} answered {status}: measured with a direct SQL update + NOTIFY posttraining_changed instead.";
                }
            }

            if (!useApi)
            {
                writeStarted = Stopwatch.GetTimestamp();
                await SqlUpdateAsync(slug, text, ct);
            }

            var acknowledged = Stopwatch.GetTimestamp();
            var seen = await Task.WhenAll(
                WaitForAsync(writerHttp, target, marker, writeStarted, ct),
                WaitForAsync(otherHttp, target, marker, writeStarted, ct));
            results.Add(new PropagationTrial(Stopwatch.GetElapsedTime(writeStarted, acknowledged).TotalMilliseconds, seen[0], seen[1]));

            // Put the description back and wait until both processes serve it again, so trials do not overlap.
            var restored = useApi && (await PatchDescriptionAsync(writerHttp, target, original, ct)).Ok;
            if (!restored)
            {
                await SqlUpdateAsync(slug, original, ct);
            }

            await Task.WhenAll(
                WaitForAsync(writerHttp, target, marker, Stopwatch.GetTimestamp(), ct, gone: true),
                WaitForAsync(otherHttp, target, marker, Stopwatch.GetTimestamp(), ct, gone: true));
        }

        return new PropagationResult(useApi ? "PATCH through the API (admin key)" : "SQL UPDATE + NOTIFY posttraining_changed", results, note);
    }

    private static async Task<string?> GetDescriptionAsync(HttpClient http, Uri target, CancellationToken ct)
    {
        var body = JsonNode.Parse(await http.GetStringAsync(target, ct));
        return body?["description"]?["en"]?.GetValue<string>();
    }

    private async Task<(bool Ok, string Status)> PatchDescriptionAsync(HttpClient http, Uri target, string? text, CancellationToken ct)
    {
        using var get = await http.GetAsync(target, ct);
        using var request = new HttpRequestMessage(HttpMethod.Patch, target)
        {
            Content = new StringContent(
                new JsonObject { ["description"] = new JsonObject { ["en"] = text } }.ToJsonString(),
                Encoding.UTF8, "application/merge-patch+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        if (get.Headers.ETag is { } etag)
        {
            request.Headers.IfMatch.Add(etag);
        }

        using var response = await http.SendAsync(request, ct);
        return (response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.StatusCode}");
    }

    private async Task SqlUpdateAsync(string slug, string? text, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var update = new NpgsqlCommand(
                         "UPDATE nodes SET description_en = $1, updated_at = now() WHERE kind = 'Technique' AND slug = $2", connection, transaction))
        {
            update.Parameters.AddWithValue((object?)text ?? DBNull.Value);
            update.Parameters.AddWithValue(slug);
            if (await update.ExecuteNonQueryAsync(ct) != 1)
            {
                throw new InvalidOperationException($"No technique '{slug}' to update.");
            }
        }

        // Delivered at commit, like the notification an API write sends.
        await using (var notify = new NpgsqlCommand("NOTIFY posttraining_changed", connection, transaction))
        {
            await notify.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Polls until the body has (or, with <paramref name="gone"/>, no longer has) the marker; ms since
    /// <paramref name="since"/>, or infinity when the bound passed first.
    /// </summary>
    private async Task<double> WaitForAsync(HttpClient http, Uri target, string marker, long since, CancellationToken ct, bool gone = false)
    {
        while (Stopwatch.GetElapsedTime(since) < bound)
        {
            using var response = await http.GetAsync(target, ct);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var body = await response.Content.ReadAsStringAsync(ct);
                if (body.Contains(marker, StringComparison.Ordinal) != gone)
                {
                    return Stopwatch.GetElapsedTime(since).TotalMilliseconds;
                }
            }

            await Task.Delay(2, ct);
        }

        return double.PositiveInfinity;
    }
}
