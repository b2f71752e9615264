using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Data.Configurations;

public sealed class ModeratorScopeConfiguration : IEntityTypeConfiguration<ModeratorScope>
{
    public void Configure(EntityTypeBuilder<ModeratorScope> builder)
    {
        // Exactly one target: a need or a structure.
        builder.ToTable("moderator_scopes", t => t.HasCheckConstraint("ck_moderator_scopes_one_target", "(need_id IS NULL) <> (structure_id IS NULL)"));
        builder.HasIndex(m => new { m.UserId, m.NeedId }).IsUnique();
        builder.HasIndex(m => new { m.UserId, m.StructureId }).IsUnique();
        builder.Property(m => m.UserId).HasMaxLength(450);
        builder.HasOne<ReperesUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Need>().WithMany().HasForeignKey(m => m.NeedId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Structure>().WithMany().HasForeignKey(m => m.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}
