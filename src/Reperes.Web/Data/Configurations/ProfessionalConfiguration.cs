using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Data.Configurations;

public sealed class PartnerBodyConfiguration : IEntityTypeConfiguration<PartnerBody>
{
    public void Configure(EntityTypeBuilder<PartnerBody> builder)
    {
        builder.ToTable("partner_bodies");
        builder.Ignore(b => b.DomainList);
        builder.Property(b => b.Name).HasMaxLength(PartnerBody.NameMaxLength);
        builder.Property(b => b.Kind).HasConversion<int>();
        builder.Property(b => b.EmailDomains).HasMaxLength(PartnerBody.DomainsMaxLength);
        builder.HasIndex(b => b.Name).IsUnique();
    }
}

public sealed class ProfessionalProfileConfiguration : IEntityTypeConfiguration<ProfessionalProfile>
{
    public void Configure(EntityTypeBuilder<ProfessionalProfile> builder)
    {
        builder.ToTable("professional_profiles");
        builder.HasIndex(p => p.UserId).IsUnique();
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.HasIndex(p => new { p.Status, p.RequestedAt });
        builder.HasIndex(p => p.BodyId);
        builder.Property(p => p.Workplace).HasMaxLength(ProfessionalProfile.TextMaxLength);
        builder.Property(p => p.JobTitle).HasMaxLength(ProfessionalProfile.TextMaxLength);
        builder.Property(p => p.Kind).HasConversion<int>();
        builder.Property(p => p.Status).HasConversion<int>();
        builder.Property(p => p.DecidedBy).HasMaxLength(450);
        builder.Property(p => p.RefusalReason).HasMaxLength(500);
        builder.HasOne<ReperesUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(p => p.Body).WithMany().HasForeignKey(p => p.BodyId).OnDelete(DeleteBehavior.SetNull);
    }
}
