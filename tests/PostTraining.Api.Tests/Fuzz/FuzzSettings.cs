using System.Globalization;

namespace PostTraining.Api.Tests.Fuzz;

/// <summary>
/// The fuzz run in the test command is fixed (same seed, same requests) so it is repeatable; the long mode is a
/// switch: POSTTRAINING_FUZZ=long (50,000 requests, a fresh random seed printed for reproduction), or
/// POSTTRAINING_FUZZ_ITERATIONS / POSTTRAINING_FUZZ_SEED to choose both.
/// </summary>
internal static class FuzzSettings
{
    public const string FixedSeed = "0000000LPUvt";

    public static bool Long => string.Equals(Environment.GetEnvironmentVariable("POSTTRAINING_FUZZ"), "long", StringComparison.OrdinalIgnoreCase);

    public static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("POSTTRAINING_FUZZ_ITERATIONS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : Long ? 50_000 : 2_500;

    /// <summary>Null lets CsCheck pick a random seed (printed when a case fails).</summary>
    public static string? Seed => Environment.GetEnvironmentVariable("POSTTRAINING_FUZZ_SEED") is { Length: > 0 } s ? s : Long ? null : FixedSeed;
}
