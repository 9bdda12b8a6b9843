using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PostTraining.Api.Writes;

/// <summary>Recognises the constraint violations a write turns into 409 instead of letting them become a 500.</summary>
public static class PostgresErrors
{
    public static bool IsUniqueViolation(Exception exception, out string? constraint) =>
        Is(exception, PostgresErrorCodes.UniqueViolation, out constraint);

    public static bool IsForeignKeyViolation(Exception exception, out string? constraint) =>
        Is(exception, PostgresErrorCodes.ForeignKeyViolation, out constraint);

    private static bool Is(Exception exception, string sqlState, out string? constraint)
    {
        var postgres = exception as PostgresException ?? (exception as DbUpdateException)?.InnerException as PostgresException;
        constraint = postgres?.ConstraintName;
        return postgres?.SqlState == sqlState;
    }
}
