namespace PostTraining.Data.Seed;

/// <summary>One problem in a data file: the file, the entry (e.g. "techniques[12] 'lora'"), the line where known, and why.</summary>
public sealed record DataFileError(string File, string? Entry, int? Line, string Reason)
{
    public override string ToString() =>
        $"{File}{(Line is { } l ? $":{l}" : "")}: {(Entry is null ? "" : $"{Entry}: ")}{Reason}";
}

/// <summary>A data file is malformed or inconsistent; nothing was written. Lists every problem found, not just the first.</summary>
public sealed class DataFileException(IReadOnlyList<DataFileError> errors)
    : Exception(Describe(errors))
{
    private const int Shown = 25;

    public IReadOnlyList<DataFileError> Errors { get; } = errors;

    private static string Describe(IReadOnlyList<DataFileError> errors)
    {
        var lines = errors.Take(Shown).Select(e => "  " + e);
        var more = errors.Count > Shown ? $"{Environment.NewLine}  ... and {errors.Count - Shown} more" : "";
        return $"The data files have {errors.Count} problem(s); nothing was loaded:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}";
    }
}
