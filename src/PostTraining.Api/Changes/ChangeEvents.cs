using System.Text.Json;

namespace PostTraining.Api.Changes;

/// <summary>
/// The event types a subscriber filters on (<c>events=</c>) and receives (SSE <c>event:</c>, webhook type). One change
/// entry is one event, but it can be of several types: every entry has the type of its operation (created, updated,
/// deleted); a technique update that changes its paradigm or parent is also <c>moved</c>; the creation or deletion of
/// a relationship or a technique-reference link is also <c>linked</c> (an update of one, e.g. a new role or note, is
/// only <c>updated</c>: nothing was linked or unlinked). A filter matches when it names any of the entry's types.
/// </summary>
public static class ChangeEvents
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Deleted = "deleted";
    public const string Moved = "moved";
    public const string Linked = "linked";

    public static readonly IReadOnlyList<string> All = [Created, Updated, Deleted, Moved, Linked];

    /// <summary>Every type of the entry, the most specific first (so <c>[0]</c> is <see cref="Primary"/>).</summary>
    public static IReadOnlyList<string> Of(ChangeEntry entry)
    {
        var operation = entry.Operation switch
        {
            ChangeOperations.Create => Created,
            ChangeOperations.Delete => Deleted,
            _ => Updated,
        };
        if (IsMove(entry))
        {
            return [Moved, operation];
        }

        if (IsLink(entry))
        {
            return [Linked, operation];
        }

        return [operation];
    }

    /// <summary>
    /// The one name an SSE <c>event:</c> line (or a delivery's type) carries: the most specific type, so a listener
    /// for <c>moved</c> or <c>linked</c> gets those, and the entry's <c>operation</c> still tells a link from an unlink.
    /// </summary>
    public static string Primary(ChangeEntry entry) => Of(entry)[0];

    /// <summary>A technique update whose paradigm or parent differs before and after.</summary>
    public static bool IsMove(ChangeEntry entry) =>
        entry.Kind == ChangeKinds.Technique
        && entry.Operation == ChangeOperations.Update
        && (Member(entry.Before, "paradigm") != Member(entry.After, "paradigm") || Member(entry.Before, "parent") != Member(entry.After, "parent"));

    private static bool IsLink(ChangeEntry entry) =>
        entry.Kind is ChangeKinds.Relationship or ChangeKinds.TechniqueReference
        && entry.Operation is ChangeOperations.Create or ChangeOperations.Delete;

    /// <summary>A string member of a before/after document; null when the document or the member is absent.</summary>
    internal static string? Member(JsonElement? content, string name) =>
        content is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var member) && member.ValueKind == JsonValueKind.String
            ? member.GetString()
            : null;
}
