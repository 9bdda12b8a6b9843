using System.Diagnostics;

namespace PostTraining.Bench;

/// <summary>
/// A server or tool the harness started, with its output in a log file. Disposing it ends the process (and its
/// children), so nothing the bench started outlives it.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Task _pump;

    private ChildProcess(string name, Process process, StreamWriter log, Task pump)
    {
        Name = name;
        _process = process;
        _log = log;
        _pump = pump;
        StartedAt = Stopwatch.GetTimestamp();
    }

    public string Name { get; }
    public int Pid => _process.Id;
    public long StartedAt { get; }
    public bool HasExited => _process.HasExited;
    public string LogPath { get; private init; } = "";

    public static ChildProcess Start(string name, string file, IEnumerable<string> args, string workingDirectory,
        string logPath, IReadOnlyDictionary<string, string>? environment = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var pump = Task.WhenAll(Pump(process.StandardOutput, log), Pump(process.StandardError, log));
        return new ChildProcess(name, process, log, pump) { LogPath = logPath };
    }

    private static async Task Pump(StreamReader reader, StreamWriter log)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    /// <summary>The last lines of the process's output, for error messages.</summary>
    public string Tail(int lines = 30)
    {
        lock (_log)
        {
            _log.Flush();
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n');
        return string.Join('\n', all.TakeLast(lines));
    }

    /// <summary>Reads a field such as VmRSS or VmHWM from /proc/PID/status, in bytes.</summary>
    public long? ReadMemory(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                    return kb * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    /// <summary>Asks the process to stop (SIGTERM, so hosts shut down cleanly), then kills it if it lingers.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            try
            {
                using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await term.WaitForExitAsync();
                using var cts = new CancellationTokenSource(grace);
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }

        await _pump;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        await _log.DisposeAsync();
    }
}
