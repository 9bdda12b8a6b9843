using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Auth;

/// <summary>The app with every log category at Trace, each entry (message, structured values, exception) kept in memory.</summary>
public sealed class LogCapturingApiFactory : ApiFactory
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public LogCapturingApiFactory()
    {
        With("Logging:LogLevel:Default", "Trace");
        With("Logging:LogLevel:Microsoft", "Trace");
        With("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        With("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace");
        With("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Trace");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(new Provider(Lines)));
    }

    private sealed class Provider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            lines.Enqueue($"{category} scope: {Describe(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} | {Describe(state)} | {exception}");

        private static string Describe(object? state) =>
            state is IEnumerable<KeyValuePair<string, object?>> values
                ? string.Join("; ", values.Select(v => $"{v.Key}={v.Value}"))
                : state?.ToString() ?? "";
    }
}
