using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PostTraining.Data.Entities;

namespace PostTraining.Data.Configurations;

internal sealed class DataLoadConfiguration : IEntityTypeConfiguration<DataLoad>
{
    public void Configure(EntityTypeBuilder<DataLoad> builder)
    {
        builder.ToTable("data_loads");
        builder.Property(l => l.Id).UseIdentityAlwaysColumn();
        builder.Property(l => l.ContentHash).HasMaxLength(64);
        builder.HasIndex(l => l.LoadedAt);
    }
}
