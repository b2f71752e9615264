using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Freshness.Reports;

namespace Reperes.Web.Data.Configurations;

public sealed class SheetReportConfiguration : IEntityTypeConfiguration<SheetReport>
{
    public void Configure(EntityTypeBuilder<SheetReport> builder)
    {
        builder.ToTable("sheet_reports");
        builder.Ignore(r => r.IsClosed);
        builder.HasIndex(r => new { r.StructureId, r.Status });
        builder.HasIndex(r => new { r.Status, r.CreatedAt });
        builder.Property(r => r.Section).HasConversion<int>();
        builder.Property(r => r.Status).HasConversion<int>();
        builder.Property(r => r.Text).HasMaxLength(SheetReport.TextMaxLength);
        builder.Property(r => r.ContactEmail).HasMaxLength(254);
        builder.Property(r => r.ResolutionNote).HasMaxLength(SheetReport.NoteMaxLength);
        builder.Property(r => r.ResolvedById).HasMaxLength(450);
        builder.Property(r => r.ResolvedByName).HasMaxLength(120);
        builder.HasOne(r => r.Structure).WithMany().HasForeignKey(r => r.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}
