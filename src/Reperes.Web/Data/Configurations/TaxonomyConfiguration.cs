using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Data.Configurations;

public sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> builder)
    {
        builder.ToTable("needs");
        builder.HasIndex(n => n.Code).IsUnique();
        builder.Property(n => n.Code).HasMaxLength(80);
        builder.Property(n => n.NameFr).HasMaxLength(120);
        builder.Property(n => n.NameEn).HasMaxLength(120);
        builder.Property(n => n.DescriptionFr).HasMaxLength(500);
        builder.Property(n => n.DescriptionEn).HasMaxLength(500);
        builder.Property(n => n.Pictogram).HasMaxLength(40);
        builder.Property(n => n.Color).HasMaxLength(20);
        builder.HasMany(n => n.Categories).WithOne(c => c.Need).HasForeignKey(c => c.NeedId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.ToTable("categories");
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.Code).HasMaxLength(80);
        builder.Property(c => c.NameFr).HasMaxLength(120);
        builder.Property(c => c.NameEn).HasMaxLength(120);
        builder.Property(c => c.Thematiques).HasMaxLength(1000);
        builder.Property(c => c.Synonyms).HasMaxLength(Category.MaxSynonymsLength);
    }
}
