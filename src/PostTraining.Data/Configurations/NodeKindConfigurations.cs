using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PostTraining.Data.Entities;

namespace PostTraining.Data.Configurations;

internal sealed class ParadigmConfiguration : IEntityTypeConfiguration<Paradigm>
{
    public void Configure(EntityTypeBuilder<Paradigm> builder)
    {
        builder.Property(p => p.GoalZh).HasMaxLength(500);
        builder.Property(p => p.GoalEn).HasMaxLength(500);
    }
}

internal sealed class TechniqueConfiguration : IEntityTypeConfiguration<Technique>
{
    public void Configure(EntityTypeBuilder<Technique> builder)
    {
        builder.Property(t => t.TechniqueKind).HasConversion<string>().HasMaxLength(20);
        // Restrict: deleting a paradigm that still has techniques is a conflict the API reports, not a cascade.
        builder.HasOne(t => t.Paradigm).WithMany(p => p.Techniques).HasForeignKey(t => t.ParadigmId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => t.ParadigmId);
        builder.HasIndex(t => t.Year);
    }
}

internal sealed class ReferenceConfiguration : IEntityTypeConfiguration<Reference>
{
    public void Configure(EntityTypeBuilder<Reference> builder)
    {
        builder.Property(r => r.Venue).HasMaxLength(300);
        builder.Property(r => r.Url).HasMaxLength(2000);
        builder.Property(r => r.ArxivId).HasMaxLength(20);
        builder.Property(r => r.Language).HasMaxLength(35);
        builder.Property(r => r.Doi).HasMaxLength(200);
        builder.HasIndex(r => r.Doi).HasFilter("doi IS NOT NULL");
        builder.HasIndex(r => r.ArxivId).IsUnique().HasFilter("arxiv_id IS NOT NULL");
    }
}

internal sealed class FormulaConfiguration : IEntityTypeConfiguration<Formula>
{
    public void Configure(EntityTypeBuilder<Formula> builder)
    {
        builder.Property(f => f.Latex).HasMaxLength(4000);
        builder.OwnsMany(f => f.Symbols, s => s.ToJson("symbols"));
        builder.HasOne(f => f.Technique).WithMany(t => t.Formulas).HasForeignKey(f => f.TechniqueId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => f.TechniqueId);
    }
}

internal sealed class ModelConfiguration : IEntityTypeConfiguration<Model>
{
    public void Configure(EntityTypeBuilder<Model> builder)
    {
        builder.Property(m => m.Parameters).HasMaxLength(40);
        builder.Property(m => m.Organization).HasMaxLength(200);
    }
}
