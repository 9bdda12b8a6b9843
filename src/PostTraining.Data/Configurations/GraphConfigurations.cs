using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PostTraining.Data.Entities;

namespace PostTraining.Data.Configurations;

internal sealed class TechniqueReferenceConfiguration : IEntityTypeConfiguration<TechniqueReference>
{
    public void Configure(EntityTypeBuilder<TechniqueReference> builder)
    {
        builder.ToTable("technique_references");
        builder.HasKey(l => new { l.TechniqueId, l.ReferenceId });
        builder.HasOne(l => l.Technique).WithMany(t => t.References).HasForeignKey(l => l.TechniqueId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(l => l.Reference).WithMany(r => r.Techniques).HasForeignKey(l => l.ReferenceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => l.ReferenceId);
        builder.Property(l => l.Role).HasConversion<string>().HasMaxLength(20);
        builder.ComplexProperty(l => l.Source, ProvenanceMapping.Configure);
        builder.Property(l => l.Version).IsRowVersion();
    }
}

internal sealed class RelationTypeConfiguration : IEntityTypeConfiguration<RelationType>
{
    public void Configure(EntityTypeBuilder<RelationType> builder)
    {
        builder.ToTable("relation_types");
        builder.Property(t => t.Slug).HasMaxLength(NodeConfiguration.SlugLength);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.NameEn).HasMaxLength(100);
        builder.Property(t => t.NameZh).HasMaxLength(100);
        builder.Property(t => t.InverseNameEn).HasMaxLength(100);
        builder.Property(t => t.InverseNameZh).HasMaxLength(100);
        builder.Property(t => t.DescriptionEn).HasMaxLength(2000);
        builder.Property(t => t.DescriptionZh).HasMaxLength(2000);
        builder.Property(t => t.Version).IsRowVersion();
    }
}

internal sealed class RelationshipConfiguration : IEntityTypeConfiguration<Relationship>
{
    public void Configure(EntityTypeBuilder<Relationship> builder)
    {
        builder.ToTable("relationships", t => t.HasCheckConstraint("ck_relationships_no_self_loop", "source_id <> target_id"));
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.HasOne(r => r.Type).WithMany().HasForeignKey(r => r.TypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.SourceNode).WithMany().HasForeignKey(r => r.SourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.TargetNode).WithMany().HasForeignKey(r => r.TargetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.SourceId, r.TypeId, r.TargetId }).IsUnique();
        builder.HasIndex(r => r.TargetId);
        builder.HasIndex(r => r.TypeId);
        builder.Property(r => r.NoteEn).HasMaxLength(2000);
        builder.Property(r => r.NoteZh).HasMaxLength(2000);
        builder.ComplexProperty(r => r.Source, ProvenanceMapping.Configure);
        builder.Property(r => r.Version).IsRowVersion();
    }
}

internal sealed class ChangeConfiguration : IEntityTypeConfiguration<Change>
{
    public void Configure(EntityTypeBuilder<Change> builder)
    {
        builder.ToTable("changes");
        builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        builder.Property(c => c.Author).HasMaxLength(100);
        builder.Property(c => c.Operation).HasMaxLength(20);
        builder.Property(c => c.EntityKind).HasMaxLength(40);
        builder.Property(c => c.EntityKey).HasMaxLength(200);
        builder.HasIndex(c => new { c.EntityKind, c.EntityKey });
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.Property(k => k.Id).UseIdentityAlwaysColumn();
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.HasIndex(k => k.Name).IsUnique();
        builder.Property(k => k.Prefix).HasMaxLength(32);
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.Property(k => k.CreatedBy).HasMaxLength(100);
    }
}

internal sealed class SlugRedirectConfiguration : IEntityTypeConfiguration<SlugRedirect>
{
    public void Configure(EntityTypeBuilder<SlugRedirect> builder)
    {
        builder.ToTable("slug_redirects");
        builder.HasKey(r => new { r.Kind, r.OldSlug });
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.OldSlug).HasMaxLength(NodeConfiguration.SlugLength);
        builder.HasOne(r => r.Node).WithMany().HasForeignKey(r => r.NodeId).OnDelete(DeleteBehavior.Cascade);
    }
}
