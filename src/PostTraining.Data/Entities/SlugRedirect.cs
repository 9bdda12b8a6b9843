namespace PostTraining.Data.Entities;

/// <summary>An old slug of a renamed node, so links to it keep working through a permanent redirect.</summary>
public sealed class SlugRedirect
{
    public NodeKind Kind { get; set; }
    public string OldSlug { get; set; } = "";

    public long NodeId { get; set; }
    public Node Node { get; set; } = null!;

    public DateTimeOffset CreatedAt { get; set; }
}
