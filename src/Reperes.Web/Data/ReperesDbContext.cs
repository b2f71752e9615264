using System.Text;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Reperes.Web.Accounts;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Data;

public sealed class ReperesDbContext(DbContextOptions<ReperesDbContext> options) : IdentityDbContext<ReperesUser>(options), IDataProtectionKeyContext
{
    /// <summary>The keys of cookies, antiforgery tokens and signed links, shared by every instance (see Data protection in README).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Need> Needs => Set<Need>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Structure> Structures => Set<Structure>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<ModeratorScope> ModeratorScopes => Set<ModeratorScope>();
    public DbSet<PartnerBody> PartnerBodies => Set<PartnerBody>();
    public DbSet<ProfessionalProfile> ProfessionalProfiles => Set<ProfessionalProfile>();
    public DbSet<SheetRevision> SheetRevisions => Set<SheetRevision>();
    public DbSet<Publication> Publications => Set<Publication>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<Publishing.Workshops.Workshop> Workshops => Set<Publishing.Workshops.Workshop>();
    public DbSet<OpenData.Imports.ExternalReference> ExternalReferences => Set<OpenData.Imports.ExternalReference>();
    public DbSet<Verification> Verifications => Set<Verification>();
    public DbSet<Freshness.UpdateLink> UpdateLinks => Set<Freshness.UpdateLink>();
    public DbSet<Freshness.Reminder> Reminders => Set<Freshness.Reminder>();
    public DbSet<Freshness.Campaign> Campaigns => Set<Freshness.Campaign>();
    public DbSet<Freshness.CampaignStructure> CampaignStructures => Set<Freshness.CampaignStructure>();
    public DbSet<Freshness.Reports.SheetReport> SheetReports => Set<Freshness.Reports.SheetReport>();
    public DbSet<Orientation.SharedSlip> SharedSlips => Set<Orientation.SharedSlip>();
    public DbSet<Orientation.Lists.PlaceList> PlaceLists => Set<Orientation.Lists.PlaceList>();
    public DbSet<Orientation.Lists.PlaceListItem> PlaceListItems => Set<Orientation.Lists.PlaceListItem>();
    public DbSet<Orientation.Lists.ListWatch> ListWatches => Set<Orientation.Lists.ListWatch>();
    public DbSet<Orientation.Lists.ListDigest> ListDigests => Set<Orientation.Lists.ListDigest>();
    public DbSet<Orientation.Referrals.Referral> Referrals => Set<Orientation.Referrals.Referral>();
    public DbSet<Orientation.DigitalScreening.ScreeningCount> ScreeningCounts => Set<Orientation.DigitalScreening.ScreeningCount>();
    public DbSet<Core.Usage.UsageEvent> UsageEvents => Set<Core.Usage.UsageEvent>();
    public DbSet<Core.Usage.UsageMonth> UsageMonths => Set<Core.Usage.UsageMonth>();
    public DbSet<Accounts.Throttling.ThrottleEvent> ThrottleEvents => Set<Accounts.Throttling.ThrottleEvent>();
    public DbSet<SocialUtility.Model.Framework> Frameworks => Set<SocialUtility.Model.Framework>();
    public DbSet<SocialUtility.Model.Dimension> FrameworkDimensions => Set<SocialUtility.Model.Dimension>();
    public DbSet<SocialUtility.Model.Criterion> FrameworkCriteria => Set<SocialUtility.Model.Criterion>();
    public DbSet<SocialUtility.Model.Indicator> Indicators => Set<SocialUtility.Model.Indicator>();
    public DbSet<SocialUtility.Model.EvaluatedAction> EvaluatedActions => Set<SocialUtility.Model.EvaluatedAction>();
    public DbSet<SocialUtility.Model.ActionPeriod> ActionPeriods => Set<SocialUtility.Model.ActionPeriod>();
    public DbSet<SocialUtility.Model.Observation> Observations => Set<SocialUtility.Model.Observation>();
    public DbSet<SocialUtility.Model.Testimony> Testimonies => Set<SocialUtility.Model.Testimony>();
    public DbSet<SocialUtility.Model.TestimonyCoding> TestimonyCodings => Set<SocialUtility.Model.TestimonyCoding>();
    public DbSet<SocialUtility.Model.SelfAssessment> SelfAssessments => Set<SocialUtility.Model.SelfAssessment>();
    public DbSet<SocialUtility.Model.TerritoryResult> TerritoryResults => Set<SocialUtility.Model.TerritoryResult>();
    public DbSet<Core.Translations.ContentTranslation> ContentTranslations => Set<Core.Translations.ContentTranslation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ReperesDbContext).Assembly);

        // snake_case names everywhere, so that hand-written SQL (migrations, full-text search) reads the same on both engines.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            // Identity's tables too: AspNetUsers → users, AspNetUserRoles → user_roles…
            if (entity.GetTableName() is { } table && table.StartsWith("AspNet", StringComparison.Ordinal))
            {
                entity.SetTableName(ToSnakeCase(table["AspNet".Length..]));
            }

            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(ToSnakeCase(key.GetName() ?? ""));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(ToSnakeCase(foreignKey.GetConstraintName() ?? ""));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName() ?? ""));
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (Database.IsSqlite())
        {
            // SQLite has no date-time type: store instants as UTC ticks so they sort and compare in SQL. EF's binary
            // converter keeps the local ticks of the offset it is given, so values are normalised to UTC first.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcBinaryConverter>();
        }
        else
        {
            // PostgreSQL's timestamptz takes UTC only: any offset the domain was given is normalised on the way in.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        }
    }

    // Internal, not private: the compiled models (Data/CompiledModels) create them.
    internal sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);

    /// <summary>An instant read from SQLite without the context (see <see cref="UtcBinaryConverter"/>).</summary>
    internal static DateTimeOffset FromUtcBinary(long value) => UtcBinaryConverter.FromBinary(value);

    internal sealed class UtcBinaryConverter() : ValueConverter<DateTimeOffset, long>(v => ToUtcBinary(v), v => FromBinary(v))
    {
        private static readonly DateTimeOffsetToBinaryConverter Binary = new();

        private static long ToUtcBinary(DateTimeOffset value) => (long)Binary.ConvertToProvider(value.ToUniversalTime())!;

        // Reads values written with any offset (earlier versions stored the offset they were given).
        public static DateTimeOffset FromBinary(long value) => (DateTimeOffset)Binary.ConvertFromProvider(value)!;
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
