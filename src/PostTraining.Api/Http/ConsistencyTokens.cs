using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using NpgsqlTypes;

namespace PostTraining.Api.Http;

/// <summary>
/// Consistency tokens: a write answers the primary's WAL position after its commit (an LSN as PostgreSQL prints it,
/// e.g. <c>0/16B3748</c>: two hexadecimal numbers of up to 8 digits around a slash) in <c>X-Consistency-Token</c>; a
/// read that sends it back is answered only from a snapshot that includes it, on whichever replica it lands. Every
/// read also names the position its snapshot reflects in <c>X-Snapshot-Lsn</c> (a token as well: sent back, it keeps
/// later reads on other replicas from going back in time).
/// </summary>
public static partial class ConsistencyTokens
{
    public const string Header = "X-Consistency-Token";
    public const string SnapshotHeader = "X-Snapshot-Lsn";
    public const string Format = "two hexadecimal numbers of 1 to 8 digits joined by '/', as PostgreSQL prints an LSN (e.g. 0/16B3748)";

    [GeneratedRegex("^[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static bool TryParse([NotNullWhen(true)] string? text, out NpgsqlLogSequenceNumber lsn)
    {
        lsn = default;
        return text is not null && Pattern().IsMatch(text) && NpgsqlLogSequenceNumber.TryParse(text, out lsn);
    }

    /// <summary>Puts the token of a committed write on its answer.</summary>
    public static void Answer(HttpResponse response, NpgsqlLogSequenceNumber committed) =>
        response.Headers[Header] = committed.ToString();
}
