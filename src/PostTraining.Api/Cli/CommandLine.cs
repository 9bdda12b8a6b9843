namespace PostTraining.Api.Cli;

/// <summary>
/// Commands the same executable runs instead of the web server: <c>import</c> (source document -> data/seed.json),
/// <c>load</c> (data files -> database), <c>export</c> (database -> content file) and
/// <c>search-eval</c> (judged queries -> success@1 and success@3). Anything else (including no arguments) starts the web host.
/// </summary>
public static class CommandLine
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> Commands = new(StringComparer.Ordinal)
    {
        ["import"] = ImportCommand.RunAsync,
        ["load"] = LoadCommand.RunAsync,
        ["export"] = ExportCommand.RunAsync,
        ["search-eval"] = SearchEvalCommand.RunAsync,
    };

    /// <summary>Runs the command <paramref name="args"/> names and returns its exit code, or null when they name none.</summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0 || !Commands.TryGetValue(args[0], out var command))
        {
            return null;
        }

        return await command(args[1..]);
    }

    /// <summary>Splits "--name value" options (a name may repeat) from the rest, which goes to the host's configuration.</summary>
    internal static (Dictionary<string, List<string>> Options, string[] Remaining) Parse(string[] args, params string[] names)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (names.Contains(args[i]))
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"{args[i]} needs a value");
                }

                (options.TryGetValue(args[i], out var list) ? list : options[args[i]] = []).Add(args[++i]);
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return (options, [.. rest]);
    }

    internal sealed class UsageException(string message) : Exception(message);
}
