using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Text;

namespace Reperes.Web.Data.Configurations;

public sealed class StructureConfiguration : IEntityTypeConfiguration<Structure>
{
    public void Configure(EntityTypeBuilder<Structure> builder)
    {
        builder.ToTable("structures");
        builder.Ignore(s => s.Address);
        builder.Ignore(s => s.PhoneList);
        builder.Ignore(s => s.LanguageList);
        builder.Ignore(s => s.NetworkList);
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.HasIndex(s => s.Uid).IsUnique();
        // Covering: a search near a place filters on the coordinates without reading the rows.
        builder.HasIndex(s => new { s.Status, s.GeoCell, s.Latitude, s.Longitude });
        builder.HasIndex(s => s.CommuneCode);
        // The coordination's tables and the dashboard list structures by status, then in French alphabetical order.
        builder.HasIndex(s => new { s.Status, s.SortName });
        builder.Property(s => s.Slug).HasMaxLength(160);
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.SortName).HasMaxLength(FrenchOrder.KeyLength);
        builder.Property(s => s.Kind).HasConversion<int>();
        builder.Property(s => s.Status).HasConversion<int>();
        builder.Property(s => s.Networks).HasMaxLength(500);
        builder.Property(s => s.Summary).HasMaxLength(500);
        builder.Property(s => s.Description).HasMaxLength(10000);
        builder.Property(s => s.Street).HasMaxLength(300);
        builder.Property(s => s.PostalCode).HasMaxLength(10);
        builder.Property(s => s.City).HasMaxLength(120);
        builder.Property(s => s.CommuneCode).HasMaxLength(5);
        builder.Property(s => s.Phones).HasMaxLength(300);
        builder.Property(s => s.Email).HasMaxLength(254);
        builder.Property(s => s.Website).HasMaxLength(500);
        builder.Property(s => s.Languages).HasMaxLength(200);
        builder.Property(s => s.OpeningHours).HasMaxLength(1000);
        builder.Property(s => s.OpeningHoursDetails).HasMaxLength(2000);
        builder.Property(s => s.ProfessionalContact).HasMaxLength(300);
        builder.Property(s => s.PartnerNotes).HasMaxLength(2000);
        builder.Property(s => s.UpdateFrequencyMonths).HasDefaultValue(FreshnessRules.DefaultFrequencyMonths);
        builder.HasMany(s => s.Services).WithOne(s => s.Structure).HasForeignKey(s => s.StructureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Notices).WithOne(n => n.Structure).HasForeignKey(n => n.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.ToTable("services");
        builder.Ignore(s => s.TypeList);
        builder.Ignore(s => s.PublicList);
        builder.Ignore(s => s.ModeList);
        builder.Ignore(s => s.IsRemoteOnly);
        builder.Ignore(s => s.EffectiveFrequencyMonths);
        builder.HasIndex(s => s.Uid).IsUnique();
        builder.HasIndex(s => new { s.CategoryId, s.StructureId });
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Description).HasMaxLength(5000);
        builder.Property(s => s.Types).HasMaxLength(300);
        builder.Property(s => s.Publics).HasMaxLength(500);
        builder.Property(s => s.Gender).HasConversion<int>();
        builder.Property(s => s.Access).HasConversion<int>();
        builder.Property(s => s.AdministrativeSituation).HasMaxLength(500);
        builder.Property(s => s.AccessDetails).HasMaxLength(1000);
        builder.Property(s => s.CostDetails).HasMaxLength(500);
        builder.Property(s => s.OpeningHours).HasMaxLength(1000);
        builder.Property(s => s.ModesAccueil).HasMaxLength(100);
        builder.Property(s => s.RemotePhone).HasMaxLength(40);
        builder.Property(s => s.RemoteWebsite).HasMaxLength(500);
        builder.Ignore(s => s.ReferralFieldList);
        builder.Property(s => s.ReferralConditions).HasMaxLength(1000);
        builder.Property(s => s.ReferralDocuments).HasMaxLength(500);
        builder.Property(s => s.ReferralFieldKeys).HasMaxLength(300);
        builder.Ignore(s => s.Mediation);
        builder.Property(s => s.MediationServices).HasMaxLength(300);
        builder.Property(s => s.MediationSupport).HasMaxLength(100);
        builder.Property(s => s.MediationPublics).HasMaxLength(100);
        builder.Property(s => s.MediationSpecificSupport).HasMaxLength(200);
        builder.Property(s => s.MediationFees).HasMaxLength(100);
        builder.Property(s => s.MediationProgrammes).HasMaxLength(300);
        builder.Property(s => s.MediationLabels).HasMaxLength(300);
        builder.Property(s => s.MediationOtherLabels).HasMaxLength(500);
        builder.Property(s => s.MediationAccess).HasMaxLength(200);
        builder.Property(s => s.MediationEquipment).HasMaxLength(100);
        builder.HasOne(s => s.Category).WithMany().HasForeignKey(s => s.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> builder)
    {
        builder.ToTable("notices");
        builder.HasIndex(n => new { n.StructureId, n.EndsOn });
        builder.Property(n => n.Kind).HasConversion<int>();
        builder.Property(n => n.Text).HasMaxLength(1000);
        builder.Property(n => n.OpeningHours).HasMaxLength(1000);
        builder.HasOne(n => n.Service).WithMany().HasForeignKey(n => n.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
