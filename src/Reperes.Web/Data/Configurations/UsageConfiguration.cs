using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Core.Usage;

namespace Reperes.Web.Data.Configurations;

public sealed class UsageEventConfiguration : IEntityTypeConfiguration<UsageEvent>
{
    public void Configure(EntityTypeBuilder<UsageEvent> builder)
    {
        builder.ToTable("usage_events");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.NeedCode).HasMaxLength(60);
        builder.Property(e => e.CategoryCode).HasMaxLength(60);
        builder.Property(e => e.Commune).HasMaxLength(10);
        builder.Property(e => e.Detail).HasMaxLength(40);
        builder.Property(e => e.Words).HasMaxLength(80);
        builder.HasIndex(e => new { e.Month, e.Kind });
        builder.HasIndex(e => new { e.StructureId, e.Month });
        builder.HasIndex(e => e.Day);
    }
}

public sealed class UsageMonthConfiguration : IEntityTypeConfiguration<UsageMonth>
{
    public void Configure(EntityTypeBuilder<UsageMonth> builder)
    {
        builder.ToTable("usage_months");
        builder.HasKey(m => new { m.Month, m.Kind, m.NeedCode, m.CategoryCode, m.Commune, m.StructureId, m.Detail, m.Words, m.Results });
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.NeedCode).HasMaxLength(60);
        builder.Property(m => m.CategoryCode).HasMaxLength(60);
        builder.Property(m => m.Commune).HasMaxLength(10);
        builder.Property(m => m.Detail).HasMaxLength(40);
        builder.Property(m => m.Words).HasMaxLength(80);
        builder.HasIndex(m => new { m.StructureId, m.Month });
    }
}
