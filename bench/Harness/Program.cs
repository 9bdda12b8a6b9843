using System.Globalization;
using PostTraining.Bench;

// Entry point of bench/run.sh: `Harness run` (the read benchmark), `Harness scale` (100k techniques) or `Harness webhooks` (delivery).
// Everything it starts is stopped, and its temp folder removed, whatever happens.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

(string Command, BenchOptions Options) parsed;
try
{
    parsed = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

await using var cleanup = new Cleanup();
try
{
    if (parsed.Command == "run")
    {
        var result = await new ReadRun(parsed.Options, cleanup).RunAsync();
        var path = ReadReport.Write(result);
        Console.WriteLine();
        Console.WriteLine(ReadReport.Markdown(result, null).Split("## Latency")[0].Split("## Requests per second")[1].Trim());
        Console.WriteLine();
        Console.WriteLine($"Results: {path} (and latest.md)");
    }
    else if (parsed.Command == "webhooks")
    {
        var path = await new WebhookRun(parsed.Options, cleanup).RunAsync();
        Console.WriteLine($"Results: {path}");
    }
    else
    {
        var result = await new ScaleRun(parsed.Options, cleanup).RunAsync();
        var path = ScaleReport.Write(result);
        Console.WriteLine();
        Console.WriteLine(ScaleReport.Markdown(result));
        Console.WriteLine($"Results: {path} (and latest-scale.md)");
    }

    return 0;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("bench: interrupted; stopping what it started");
    return 130;
}
catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException or IOException)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    return 1;
}
