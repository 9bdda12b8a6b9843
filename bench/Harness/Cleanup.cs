using System.Runtime.InteropServices;

namespace PostTraining.Bench;

/// <summary>
/// Everything the bench starts is registered here and torn down in reverse order, on success, failure or Ctrl-C,
/// so no PostgreSQL cluster, API or json-server is left running.
/// </summary>
public sealed class Cleanup : IAsyncDisposable
{
    private readonly Stack<(string Name, Func<Task> Action)> _actions = new();
    private readonly CancellationTokenSource _cancel = new();
    private readonly List<PosixSignalRegistration> _signals = [];

    public Cleanup()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
        {
            _signals.Add(PosixSignalRegistration.Create(signal, context =>
            {
                // Keep the process alive long enough to stop what it started.
                context.Cancel = true;
                Console.Error.WriteLine($"bench: {context.Signal} received, stopping");
                _cancel.Cancel();
            }));
        }
    }

    public CancellationToken Token => _cancel.Token;

    public void Add(string name, Func<Task> action) => _actions.Push((name, action));

    public T Add<T>(T resource) where T : IAsyncDisposable
    {
        _actions.Push((resource.GetType().Name, () => resource.DisposeAsync().AsTask()));
        return resource;
    }

    public async ValueTask DisposeAsync()
    {
        while (_actions.TryPop(out var entry))
        {
            try
            {
                await entry.Action();
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"bench: cleaning up {entry.Name} failed: {e.Message}");
            }
        }

        foreach (var s in _signals)
        {
            s.Dispose();
        }

        _cancel.Dispose();
    }
}
