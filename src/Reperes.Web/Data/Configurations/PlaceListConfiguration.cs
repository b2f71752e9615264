using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Structures;
using Reperes.Web.Orientation.Lists;

namespace Reperes.Web.Data.Configurations;

public sealed class PlaceListConfiguration : IEntityTypeConfiguration<PlaceList>
{
    public void Configure(EntityTypeBuilder<PlaceList> builder)
    {
        builder.ToTable("place_lists");
        builder.Property(l => l.OwnerId).HasMaxLength(450);
        builder.Property(l => l.Name).HasMaxLength(PlaceList.NameMaxLength);
        builder.Property(l => l.Sharing).HasConversion<int>();
        builder.HasIndex(l => l.OwnerId);
        builder.HasIndex(l => l.SharedBodyId);
        builder.HasIndex(l => l.SharedStructureId);
        builder.HasOne<ReperesUser>().WithMany().HasForeignKey(l => l.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<PartnerBody>().WithMany().HasForeignKey(l => l.SharedBodyId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Structure>().WithMany().HasForeignKey(l => l.SharedStructureId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(l => l.Items).WithOne().HasForeignKey(i => i.ListId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PlaceListItemConfiguration : IEntityTypeConfiguration<PlaceListItem>
{
    public void Configure(EntityTypeBuilder<PlaceListItem> builder)
    {
        builder.ToTable("place_list_items");
        builder.Property(i => i.Note).HasMaxLength(PlaceListItem.NoteMaxLength);
        builder.HasIndex(i => new { i.ListId, i.StructureId }).IsUnique();
        builder.HasIndex(i => i.StructureId);
        builder.HasOne<Structure>().WithMany().HasForeignKey(i => i.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ListWatchConfiguration : IEntityTypeConfiguration<ListWatch>
{
    public void Configure(EntityTypeBuilder<ListWatch> builder)
    {
        builder.ToTable("list_watches");
        builder.Property(w => w.UserId).HasMaxLength(450);
        builder.HasIndex(w => w.UserId).IsUnique();
        builder.HasOne<ReperesUser>().WithMany().HasForeignKey(w => w.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ListDigestConfiguration : IEntityTypeConfiguration<ListDigest>
{
    public void Configure(EntityTypeBuilder<ListDigest> builder)
    {
        builder.ToTable("list_digests");
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.HasIndex(d => new { d.UserId, d.Week }).IsUnique();
        builder.HasOne<ReperesUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
