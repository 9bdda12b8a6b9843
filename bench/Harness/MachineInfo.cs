using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace PostTraining.Bench;

/// <summary>What the results were measured on, including how busy the machine already was.</summary>
public sealed record MachineInfo(string Cpu, int Cores, string Memory, string Runtime, string Kernel, string Wrk, string Node, string Commit)
{
    public static MachineInfo Collect(string repoRoot)
    {
        var cpu = ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ReadFirst("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var memory = memKb is null ? "?" : $"{long.Parse(memKb, CultureInfo.InvariantCulture) / 1024.0 / 1024:0.#} GiB";
        var commit = Run("git", "-C", repoRoot, "rev-parse", "--short", "HEAD");
        if (Run("git", "-C", repoRoot, "status", "--porcelain", "--", "src", "migrations") is { Length: > 0 })
        {
            commit += " (with uncommitted changes under src/ or migrations/)";
        }

        return new MachineInfo(cpu, Environment.ProcessorCount, memory, RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription, FirstLine(Run("wrk", "-v")).Split(" Copyright")[0], Run("node", "--version"), commit);
    }

    /// <summary>The 1-minute load average: above the core count means other work was competing for the CPUs.</summary>
    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static string? ReadFirst(string file, string key) =>
        File.ReadLines(file).Where(l => l.StartsWith(key, StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault();

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();

    private static string Run(string file, params string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }

            using var p = Process.Start(psi)!;
            // wrk -v prints its version on stdout and exits non-zero; take what it says either way.
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return output.Trim();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
