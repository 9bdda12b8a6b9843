using PostTraining.Data.Seed;

namespace PostTraining.Api.Database;

/// <summary>One self-overwriting status line per kind while loading, shown only when a person is watching a terminal.</summary>
internal sealed class ConsoleProgress : IProgress<LoadProgress>
{
    private string? _kind;

    /// <summary>A progress sink for an interactive terminal; null when output is redirected (logs, CI, tests).</summary>
    public static IProgress<LoadProgress>? IfInteractive() => Console.IsOutputRedirected ? null : new ConsoleProgress();

    public void Report(LoadProgress value)
    {
        if (_kind is not null && _kind != value.Kind)
        {
            Console.WriteLine();
        }

        _kind = value.Kind;
        Console.Write($"\r  {value.Kind,-20} {value.Done,5}/{value.Total}");
        if (value.Done == value.Total)
        {
            Console.WriteLine();
            _kind = null;
        }
    }
}
