using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Data.Configurations;

public sealed class SheetRevisionConfiguration : IEntityTypeConfiguration<SheetRevision>
{
    public void Configure(EntityTypeBuilder<SheetRevision> builder)
    {
        builder.ToTable("sheet_revisions");
        builder.Ignore(r => r.ChangeList);
        builder.HasIndex(r => new { r.StructureId, r.At });
        builder.Property(r => r.UserId).HasMaxLength(450);
        builder.Property(r => r.AuthorName).HasMaxLength(120);
        builder.Property(r => r.Changes).HasMaxLength(100_000);
        builder.HasOne<Structure>().WithMany().HasForeignKey(r => r.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}
