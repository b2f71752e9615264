using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Structures;
using Reperes.Web.Orientation.Referrals;

namespace Reperes.Web.Data.Configurations;

public sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.ToTable("referrals");
        builder.Ignore(r => r.SituationValues);
        builder.Ignore(r => r.IsErased);
        builder.Ignore(r => r.IsClosed);
        builder.Ignore(r => r.IsAnswerable);
        builder.Ignore(r => r.ClosedAt);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.Property(r => r.ServiceName).HasMaxLength(200);
        builder.Property(r => r.TokenHash).HasMaxLength(64);
        builder.Property(r => r.ReminderTokenHash).HasMaxLength(64);
        builder.Property(r => r.Situation).HasMaxLength(2000);
        builder.Property(r => r.Initials).HasMaxLength(Referral.InitialsMaxLength);
        builder.Property(r => r.Message).HasMaxLength(Referral.MessageMaxLength);
        builder.Property(r => r.ConsentBy).HasMaxLength(Referral.NameMaxLength);
        builder.Property(r => r.ContactPhone).HasMaxLength(Referral.PhoneMaxLength);
        builder.Property(r => r.ContactEmail).HasMaxLength(Referral.EmailMaxLength);
        builder.Property(r => r.SenderLabel).HasMaxLength(500);
        builder.Property(r => r.DocumentFile).HasMaxLength(40);
        builder.Property(r => r.DocumentType).HasMaxLength(40);
        builder.Property(r => r.AnswerText).HasMaxLength(Referral.AnswerMaxLength);
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.HasIndex(r => r.ReminderTokenHash).IsUnique();
        builder.HasIndex(r => new { r.State, r.SentAt });
        builder.HasIndex(r => r.StructureId);
        builder.HasIndex(r => r.ServiceId);
        builder.HasIndex(r => r.SenderId);
        builder.HasOne<Structure>().WithMany().HasForeignKey(r => r.StructureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Service>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<ReperesUser>().WithMany().HasForeignKey(r => r.SenderId).OnDelete(DeleteBehavior.SetNull);
    }
}
