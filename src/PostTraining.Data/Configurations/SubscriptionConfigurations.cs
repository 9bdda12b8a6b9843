using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PostTraining.Data.Entities;

namespace PostTraining.Data.Configurations;

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.ToTable("subscriptions");
        builder.Property(s => s.Id).UseIdentityAlwaysColumn();
        builder.Property(s => s.Url).HasMaxLength(2000);
        builder.Property(s => s.Root).HasMaxLength(NodeConfiguration.SlugLength + 20);
        builder.Property(s => s.Kind).HasMaxLength(40);
        builder.Property(s => s.Entity).HasMaxLength(NodeConfiguration.SlugLength + 40);
        builder.Property(s => s.Secret).HasMaxLength(100);
        builder.Property(s => s.Status).HasMaxLength(20);
        builder.Property(s => s.Author).HasMaxLength(100);
        builder.HasIndex(s => s.Author);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(d => d.Id).UseIdentityAlwaysColumn();
        builder.Property(d => d.EntityKind).HasMaxLength(40);
        builder.Property(d => d.EntityKey).HasMaxLength(200);
        builder.Property(d => d.Event).HasMaxLength(20);
        builder.Property(d => d.Status).HasMaxLength(20);
        builder.HasOne<Subscription>().WithMany().HasForeignKey(d => d.SubscriptionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Change>().WithMany().HasForeignKey(d => d.ChangeId).OnDelete(DeleteBehavior.Cascade);
        // A change is queued once per subscription, however many dispatchers fan out at once.
        builder.HasIndex(d => new { d.SubscriptionId, d.ChangeId }).IsUnique();
        // What the dispatchers scan: the pending rows by due time, and a subscription's pending rows per entity (order).
        builder.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'pending'");
        builder.HasIndex(d => new { d.SubscriptionId, d.EntityKind, d.EntityKey, d.ChangeId }).HasFilter("status = 'pending'");
        builder.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookAttemptConfiguration : IEntityTypeConfiguration<WebhookAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookAttempt> builder)
    {
        builder.ToTable("webhook_attempts");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Error).HasMaxLength(500);
        builder.HasIndex(a => new { a.DeliveryId, a.Attempt });
    }
}
