using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PostTraining.Data.Entities;

namespace PostTraining.Data.Configurations;

internal sealed class ComparisonConfiguration : IEntityTypeConfiguration<Comparison>
{
    public void Configure(EntityTypeBuilder<Comparison> builder)
    {
        builder.ToTable("comparisons");
        builder.Property(c => c.Id).UseIdentityAlwaysColumn();
        builder.Property(c => c.Slug).HasMaxLength(NodeConfiguration.SlugLength);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.NameEn).HasMaxLength(300);
        builder.Property(c => c.NameZh).HasMaxLength(300);
        builder.Property(c => c.DescriptionEn).HasMaxLength(4000);
        builder.Property(c => c.DescriptionZh).HasMaxLength(4000);
        builder.Property(c => c.SourceTable).HasMaxLength(500);
        builder.Property(c => c.SourceSection).HasMaxLength(300);
        // Restrict: deleting the survey's reference must not silently drop the tables it printed.
        builder.HasOne(c => c.SourceReference).WithMany().HasForeignKey(c => c.SourceReferenceId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Version).IsRowVersion();
    }
}

internal sealed class ComparisonAxisConfiguration : IEntityTypeConfiguration<ComparisonAxis>
{
    public void Configure(EntityTypeBuilder<ComparisonAxis> builder)
    {
        builder.ToTable("comparison_axes");
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.HasOne(a => a.Comparison).WithMany(c => c.Axes).HasForeignKey(a => a.ComparisonId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(a => a.Slug).HasMaxLength(NodeConfiguration.SlugLength);
        builder.HasIndex(a => new { a.ComparisonId, a.Slug }).IsUnique();
        builder.Property(a => a.Printed).HasMaxLength(200);
        builder.Property(a => a.NameEn).HasMaxLength(300);
        builder.Property(a => a.NameZh).HasMaxLength(300);
        builder.Property(a => a.DescriptionEn).HasMaxLength(4000);
        builder.Property(a => a.DescriptionZh).HasMaxLength(4000);
        builder.Property(a => a.Type).HasConversion<string>().HasMaxLength(20);
        builder.OwnsMany(a => a.Values, v => v.ToJson("values"));
    }
}

internal sealed class ComparisonRowConfiguration : IEntityTypeConfiguration<ComparisonRow>
{
    public void Configure(EntityTypeBuilder<ComparisonRow> builder)
    {
        builder.ToTable("comparison_rows");
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.HasOne(r => r.Comparison).WithMany(c => c.Rows).HasForeignKey(r => r.ComparisonId).OnDelete(DeleteBehavior.Cascade);
        // Restrict: a technique or reference in a comparison is not deleted from under it (the delete answers 409).
        builder.HasOne(r => r.Node).WithMany().HasForeignKey(r => r.NodeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Reference).WithMany().HasForeignKey(r => r.ReferenceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ComparisonId, r.NodeId }).IsUnique();
        builder.HasIndex(r => r.NodeId);
        builder.HasIndex(r => r.ReferenceId);
        builder.Property(r => r.Printed).HasMaxLength(300);
        builder.Property(r => r.NoteEn).HasMaxLength(2000);
        builder.Property(r => r.NoteZh).HasMaxLength(2000);
        builder.OwnsMany(r => r.Cells, c => c.ToJson("cells"));
    }
}
