using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Publishing.Workshops;

namespace Reperes.Web.Data.Configurations;

public sealed class PublicationConfiguration : IEntityTypeConfiguration<Publication>
{
    public void Configure(EntityTypeBuilder<Publication> builder)
    {
        builder.ToTable("publications");
        builder.Property(p => p.Kind).HasConversion<int>();
        builder.Property(p => p.Status).HasConversion<int>();
        builder.Property(p => p.AuthorId).HasMaxLength(450);
        builder.Property(p => p.AuthorName).HasMaxLength(120);
        builder.Property(p => p.Signature).HasMaxLength(60);
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Summary).HasMaxLength(400);
        builder.Property(p => p.Body).HasMaxLength(20_000);
        builder.Property(p => p.Place).HasMaxLength(300);
        builder.Property(p => p.Audience).HasMaxLength(300);
        builder.Property(p => p.Registration).HasMaxLength(1000);
        builder.Property(p => p.DecidedById).HasMaxLength(450);
        builder.Property(p => p.RefusalReason).HasMaxLength(2000);

        // The public lists: latest published, upcoming events; the back office: by structure, by author, by status.
        builder.HasIndex(p => new { p.Status, p.PublishFrom });
        builder.HasIndex(p => new { p.Status, p.StartsAt });
        builder.HasIndex(p => new { p.StructureId, p.Status });
        builder.HasIndex(p => p.AuthorId);
        builder.HasIndex(p => p.WorkshopId);

        builder.HasOne(p => p.Structure).WithMany().HasForeignKey(p => p.StructureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Workshop>().WithMany().HasForeignKey(p => p.WorkshopId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(p => p.Attachments).WithOne().HasForeignKey(a => a.PublicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Needs).WithMany().UsingEntity<Dictionary<string, object>>(
            "publication_needs",
            right => right.HasOne<Need>().WithMany().HasForeignKey("need_id").OnDelete(DeleteBehavior.Cascade),
            left => left.HasOne<Publication>().WithMany().HasForeignKey("publication_id").OnDelete(DeleteBehavior.Cascade),
            join =>
            {
                join.ToTable("publication_needs");
                join.HasKey("publication_id", "need_id");
                join.HasIndex("need_id");
            });
    }
}

public sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.ToTable("attachments");
        builder.Property(a => a.Kind).HasConversion<int>();
        builder.Property(a => a.StoredName).HasMaxLength(80);
        builder.Property(a => a.SmallName).HasMaxLength(80);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.OriginalName).HasMaxLength(255);
        builder.Property(a => a.Url).HasMaxLength(500);
        builder.Property(a => a.AltText).HasMaxLength(300);
        builder.Property(a => a.Caption).HasMaxLength(300);
        builder.HasIndex(a => a.PublicationId);
        builder.HasIndex(a => a.StoredName);
    }
}

public sealed class WorkshopConfiguration : IEntityTypeConfiguration<Workshop>
{
    public void Configure(EntityTypeBuilder<Workshop> builder)
    {
        builder.ToTable("workshops");
        builder.Property(w => w.Title).HasMaxLength(200);
        builder.Property(w => w.FacilitatorId).HasMaxLength(450);
        builder.Property(w => w.FacilitatorName).HasMaxLength(120);
        builder.HasIndex(w => new { w.StructureId, w.HeldOn });
        builder.HasOne(w => w.Structure).WithMany().HasForeignKey(w => w.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}
