using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PostTraining.Data.Entities;

namespace PostTraining.Data.Configurations;

internal sealed class NodeConfiguration : IEntityTypeConfiguration<Node>
{
    public const int SlugLength = 80;
    public const int NameLength = 300;
    public const int DescriptionLength = 8000;

    public void Configure(EntityTypeBuilder<Node> builder)
    {
        builder.ToTable("nodes", t =>
        {
            t.HasCheckConstraint("ck_nodes_slug_format", "slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'");
            t.HasCheckConstraint("ck_nodes_not_own_parent", "parent_id IS NULL OR parent_id <> id");
        });
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).UseIdentityAlwaysColumn();

        builder.HasDiscriminator(n => n.Kind)
            .HasValue<Paradigm>(NodeKind.Paradigm)
            .HasValue<Technique>(NodeKind.Technique)
            .HasValue<Reference>(NodeKind.Reference)
            .HasValue<Model>(NodeKind.Model)
            .HasValue<Dataset>(NodeKind.Dataset)
            .HasValue<Limitation>(NodeKind.Limitation)
            .HasValue<Formula>(NodeKind.Formula)
            .HasValue<Application>(NodeKind.Application);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);

        builder.Property(n => n.Slug).HasMaxLength(SlugLength);
        builder.HasIndex(n => new { n.Kind, n.Slug }).IsUnique();

        builder.Property(n => n.NameEn).HasMaxLength(NameLength);
        builder.Property(n => n.NameZh).HasMaxLength(NameLength);
        builder.Property(n => n.Abbreviation).HasMaxLength(40);
        builder.Property(n => n.DescriptionEn).HasMaxLength(DescriptionLength);
        builder.Property(n => n.DescriptionZh).HasMaxLength(DescriptionLength);

        // Trigram indexes serve substring and fuzzy search in both languages straight from the database.
        builder.HasIndex(n => n.NameEn).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_nodes_name_en_trgm");
        builder.HasIndex(n => n.NameZh).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("ix_nodes_name_zh_trgm");

        builder.HasOne(n => n.Parent).WithMany().HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => n.ParentId);

        builder.ComplexProperty(n => n.Source, ProvenanceMapping.Configure);

        builder.Property(n => n.Version).IsRowVersion();
    }
}

internal static class ProvenanceMapping
{
    public static void Configure(ComplexPropertyBuilder<Provenance> source)
    {
        source.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20).HasColumnName("source_kind");
        source.Property(s => s.Document).HasMaxLength(300).HasColumnName("source_document");
        source.Property(s => s.Section).HasMaxLength(300).HasColumnName("source_section");
        source.Property(s => s.ReferenceId).HasColumnName("source_reference_id");
        source.Property(s => s.Original).HasMaxLength(2000).HasColumnName("source_original");
    }
}
