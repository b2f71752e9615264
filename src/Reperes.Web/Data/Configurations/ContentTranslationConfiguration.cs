using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Translations;

namespace Reperes.Web.Data.Configurations;

public sealed class ContentTranslationConfiguration : IEntityTypeConfiguration<ContentTranslation>
{
    public void Configure(EntityTypeBuilder<ContentTranslation> builder)
    {
        builder.ToTable("content_translations");
        builder.Ignore(t => t.IsOutdated);
        builder.Property(t => t.Field).HasMaxLength(40);
        builder.Property(t => t.Language).HasMaxLength(10);
        builder.Property(t => t.Text).HasMaxLength(ContentTranslation.MaxTextLength);
        builder.Property(t => t.SourceHash).HasMaxLength(64);
        builder.Property(t => t.AuthorId).HasMaxLength(450);
        builder.Property(t => t.AuthorName).HasMaxLength(120);
        builder.Property(t => t.ReviewerId).HasMaxLength(450);
        builder.Property(t => t.ReviewerName).HasMaxLength(120);
        builder.HasIndex(t => new { t.Subject, t.SubjectId, t.Field, t.Language }).IsUnique();
        builder.HasIndex(t => new { t.StructureId, t.Language });
        builder.HasOne<Structure>().WithMany().HasForeignKey(t => t.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}
