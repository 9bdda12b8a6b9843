namespace PostTraining.Data.Seed;

/// <summary>
/// The source document does not have the shape the importer relies on. Carries the file, the 1-based line and the
/// reason, so whoever edits the document can go straight to the spot.
/// </summary>
public sealed class SeedFormatException(string file, int line, string reason)
    : Exception($"{file}:{line}: {reason}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Reason { get; } = reason;
}
