using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Orientation.DigitalScreening;

namespace Reperes.Web.Data.Configurations;

public sealed class ScreeningCountConfiguration : IEntityTypeConfiguration<ScreeningCount>
{
    public void Configure(EntityTypeBuilder<ScreeningCount> builder)
    {
        builder.ToTable("screening_counts");
        builder.HasKey(c => new { c.Day, c.Question, c.Answer });
        builder.Property(c => c.Question).HasMaxLength(40);
        builder.Property(c => c.Answer).HasMaxLength(40);
    }
}
