namespace PostTraining.Bench;

public static class Stats
{
    /// <summary>Milliseconds for a report; a wait that hit its bound shows as such rather than as "Infinity".</summary>
    public static string Ms(double ms, string format = "0.0") =>
        double.IsInfinity(ms) ? "not seen within the bound" : ms.ToString(format, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Nearest-rank percentile; NaN for no values.</summary>
    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
