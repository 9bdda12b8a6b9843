using System.Net.Sockets;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace PostTraining.Api.Infrastructure;

/// <summary>
/// Recognises the failures that mean "the database is not reachable right now" (as opposed to a bug or a
/// constraint), so they become 503 with Retry-After instead of 500.
/// </summary>
internal static class DatabaseUnavailable
{
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case RetryLimitExceededException:
                case TimeoutException:
                case SocketException:
                case NpgsqlException { IsTransient: true }:
                // 08xxx connection exceptions, 57P01-57P03 admin shutdown / crash shutdown / cannot connect now.
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P", StringComparison.Ordinal):
                    return true;
            }
        }

        return false;
    }
}
