using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Data.Configurations;

public sealed class ReperesUserConfiguration : IEntityTypeConfiguration<ReperesUser>
{
    public void Configure(EntityTypeBuilder<ReperesUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(120);
        builder.HasMany(u => u.Memberships).WithOne(m => m.User).HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        builder.ToTable("memberships");
        builder.HasIndex(m => new { m.UserId, m.StructureId }).IsUnique();
        builder.HasIndex(m => m.StructureId);
        builder.Property(m => m.Role).HasConversion<int>();
        builder.HasOne(m => m.Structure).WithMany().HasForeignKey(m => m.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}
