using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Freshness;

namespace Reperes.Web.Data.Configurations;

public sealed class VerificationConfiguration : IEntityTypeConfiguration<Verification>
{
    public void Configure(EntityTypeBuilder<Verification> builder)
    {
        builder.ToTable("verifications");
        builder.HasIndex(v => new { v.StructureId, v.At });
        builder.HasIndex(v => v.CampaignId);
        builder.Property(v => v.Method).HasConversion<int>();
        builder.Property(v => v.Sections).HasConversion<int>();
        builder.Property(v => v.ByUserId).HasMaxLength(450);
        builder.Property(v => v.ByEmail).HasMaxLength(254);
        builder.Property(v => v.Note).HasMaxLength(1000);
        builder.HasOne<Structure>().WithMany().HasForeignKey(v => v.StructureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(v => v.CampaignId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class UpdateLinkConfiguration : IEntityTypeConfiguration<UpdateLink>
{
    public void Configure(EntityTypeBuilder<UpdateLink> builder)
    {
        builder.ToTable("update_links");
        builder.Ignore(l => l.RemainingSections);
        builder.HasIndex(l => l.CodeHash).IsUnique();
        builder.HasIndex(l => l.StructureId);
        builder.HasIndex(l => l.CampaignId);
        builder.Property(l => l.CodeHash).HasMaxLength(64);
        builder.Property(l => l.RecipientEmail).HasMaxLength(254);
        builder.Property(l => l.RecipientUserId).HasMaxLength(450);
        builder.Property(l => l.Sections).HasConversion<int>();
        builder.Property(l => l.ConfirmedSections).HasConversion<int>();
        builder.HasOne(l => l.Structure).WithMany().HasForeignKey(l => l.StructureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Campaign>().WithMany().HasForeignKey(l => l.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.ToTable("reminders");
        builder.HasIndex(r => new { r.StructureId, r.DueAt, r.Step }).IsUnique();
        builder.HasOne<Structure>().WithMany().HasForeignKey(r => r.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("campaigns");
        builder.HasIndex(c => c.CreatedAt);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Message).HasMaxLength(2000);
        builder.Property(c => c.Sections).HasConversion<int>();
        builder.Property(c => c.Scope).HasConversion<int>();
        builder.Property(c => c.CommuneCode).HasMaxLength(5);
        builder.Property(c => c.CreatedById).HasMaxLength(450);
        builder.HasOne<Need>().WithMany().HasForeignKey(c => c.NeedId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Structures).WithOne(s => s.Campaign).HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CampaignStructureConfiguration : IEntityTypeConfiguration<CampaignStructure>
{
    public void Configure(EntityTypeBuilder<CampaignStructure> builder)
    {
        builder.ToTable("campaign_structures");
        builder.HasIndex(s => new { s.CampaignId, s.StructureId }).IsUnique();
        builder.HasIndex(s => s.StructureId);
        builder.Property(s => s.Progress).HasConversion<int>();
        builder.Property(s => s.AnsweredBy).HasConversion<int>();
        builder.HasOne(s => s.Structure).WithMany().HasForeignKey(s => s.StructureId).OnDelete(DeleteBehavior.Cascade);
    }
}
