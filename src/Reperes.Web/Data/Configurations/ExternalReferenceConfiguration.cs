using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Core.Structures;
using Reperes.Web.OpenData.Imports;

namespace Reperes.Web.Data.Configurations;

public sealed class ExternalReferenceConfiguration : IEntityTypeConfiguration<ExternalReference>
{
    public void Configure(EntityTypeBuilder<ExternalReference> builder)
    {
        builder.ToTable("external_references");
        builder.Ignore(r => r.ImportedValueMap);
        builder.Property(r => r.Source).HasMaxLength(100);
        builder.Property(r => r.ExternalId).HasMaxLength(300);
        builder.Property(r => r.Format).HasMaxLength(40);
        builder.Property(r => r.ImportedValues).HasMaxLength(200_000);
        builder.HasIndex(r => new { r.Source, r.ExternalId }).IsUnique();
        builder.HasIndex(r => r.StructureId);
        builder.HasOne<Structure>().WithMany().HasForeignKey(r => r.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}
