using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Core.Orientation;
using Reperes.Web.Orientation;

namespace Reperes.Web.Data.Configurations;

public sealed class SharedSlipConfiguration : IEntityTypeConfiguration<SharedSlip>
{
    public void Configure(EntityTypeBuilder<SharedSlip> builder)
    {
        builder.ToTable("shared_slips");
        builder.Ignore(s => s.Selection);
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasIndex(s => s.ExpiresAt);
        builder.Property(s => s.TokenHash).HasMaxLength(64);
        builder.Property(s => s.Note).HasMaxLength(SlipSelection.NoteMaxLength);
    }
}
