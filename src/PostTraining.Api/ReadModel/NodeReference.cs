using System.Diagnostics.CodeAnalysis;
using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>Parses the <c>kind:slug</c> form that names an entity in relationships and graph queries.</summary>
public static class NodeReference
{
    /// <summary>
    /// Resolves <c>kind:slug</c>, or a bare slug as <paramref name="defaultKind"/>. <paramref name="error"/> says what is
    /// wrong when it fails: an unknown kind, or no such entity.
    /// </summary>
    public static bool TryResolve(TaxonomySnapshot snapshot, string text, NodeKind defaultKind,
        [NotNullWhen(true)] out SnapshotNode? node, [NotNullWhen(false)] out string? error)
    {
        node = null;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var kind = defaultKind;
        var slug = text.Trim();
        if (colon >= 0)
        {
            if (!NodeKinds.TryParse(text[..colon], out kind))
            {
                error = $"Unknown kind '{text[..colon]}' in '{text}'. Use kind:slug with kind one of {string.Join(", ", NodeKinds.Names)}.";
                return false;
            }

            slug = text[(colon + 1)..];
        }

        if (!snapshot.TryGetNode(kind, slug, out node))
        {
            error = $"There is no {NodeKinds.Name(kind)} '{slug}'.";
            return false;
        }

        error = null;
        return true;
    }
}
