using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Accounts;

namespace Reperes.Web.Data.Configurations;

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("invitations");
        builder.HasIndex(i => i.CodeHash).IsUnique();
        builder.HasIndex(i => i.StructureId);
        builder.Property(i => i.Email).HasMaxLength(254);
        builder.Property(i => i.CodeHash).HasMaxLength(64);
        builder.Property(i => i.InvitedById).HasMaxLength(450);
        builder.Property(i => i.Role).HasConversion<int>();
        builder.HasOne(i => i.Structure).WithMany().HasForeignKey(i => i.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}
