using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Accounts.Throttling;

namespace Reperes.Web.Data.Configurations;

public sealed class ThrottleEventConfiguration : IEntityTypeConfiguration<ThrottleEvent>
{
    public void Configure(EntityTypeBuilder<ThrottleEvent> builder)
    {
        builder.ToTable("throttle_events");
        builder.Property(e => e.Rule).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.KeyHash).HasMaxLength(64);
        builder.HasIndex(e => new { e.KeyHash, e.OccurredAt });
        builder.HasIndex(e => e.OccurredAt);
    }
}
