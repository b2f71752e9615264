using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reperes.Web.Core.Structures;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.Data.Configurations;

public sealed class FrameworkConfiguration : IEntityTypeConfiguration<Framework>
{
    public void Configure(EntityTypeBuilder<Framework> builder)
    {
        builder.ToTable("frameworks");
        builder.Property(f => f.Title).HasMaxLength(200);
        builder.Property(f => f.Project).HasMaxLength(200);
        builder.Property(f => f.Description).HasMaxLength(4000);
        builder.HasIndex(f => f.StructureId);
        builder.HasOne<Structure>().WithMany().HasForeignKey(f => f.StructureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Framework>().WithMany().HasForeignKey(f => f.TemplateId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(f => f.Dimensions).WithOne().HasForeignKey(d => d.FrameworkId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(f => f.Dimensions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class DimensionConfiguration : IEntityTypeConfiguration<Dimension>
{
    public void Configure(EntityTypeBuilder<Dimension> builder)
    {
        builder.ToTable("framework_dimensions");
        builder.Property(d => d.Name).HasMaxLength(200);
        builder.Property(d => d.Description).HasMaxLength(2000);
        builder.HasIndex(d => d.FrameworkId);
        builder.HasMany(d => d.Criteria).WithOne().HasForeignKey(c => c.DimensionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Criteria).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class CriterionConfiguration : IEntityTypeConfiguration<Criterion>
{
    public void Configure(EntityTypeBuilder<Criterion> builder)
    {
        builder.ToTable("framework_criteria");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Question).HasMaxLength(500);
        builder.HasIndex(c => c.DimensionId);
        builder.HasIndex(c => c.TemplateCriterionId);
        builder.HasOne<Criterion>().WithMany().HasForeignKey(c => c.TemplateCriterionId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.Indicators).WithOne().HasForeignKey(i => i.CriterionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Indicators).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class IndicatorConfiguration : IEntityTypeConfiguration<Indicator>
{
    public void Configure(EntityTypeBuilder<Indicator> builder)
    {
        builder.ToTable("indicators");
        builder.Ignore(i => i.Definition);
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.Level).HasConversion<int>();
        builder.Property(i => i.ValueType).HasConversion<int>();
        builder.Property(i => i.Aggregation).HasConversion<int>();
        builder.Property(i => i.Tool).HasConversion<int>();
        builder.Property(i => i.Mapping).HasConversion<int>();
        builder.Property(i => i.Unit).HasMaxLength(60);
        builder.Property(i => i.ScaleLabels).HasMaxLength(500);
        builder.Property(i => i.Factor).HasPrecision(18, 6);
        builder.HasIndex(i => i.CriterionId);
        builder.HasIndex(i => i.SeriesKey);
        builder.HasIndex(i => i.TemplateIndicatorId);
        builder.HasOne<Indicator>().WithMany().HasForeignKey(i => i.TemplateIndicatorId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class EvaluatedActionConfiguration : IEntityTypeConfiguration<EvaluatedAction>
{
    public void Configure(EntityTypeBuilder<EvaluatedAction> builder)
    {
        builder.ToTable("evaluated_actions");
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Description).HasMaxLength(4000);
        builder.HasIndex(a => a.StructureId);
        builder.HasIndex(a => a.FrameworkId);
        builder.HasOne<Structure>().WithMany().HasForeignKey(a => a.StructureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Framework>().WithMany().HasForeignKey(a => a.FrameworkId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Periods).WithOne().HasForeignKey(p => p.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Services).WithOne().HasForeignKey(s => s.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Periods).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(a => a.Services).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class ActionServiceConfiguration : IEntityTypeConfiguration<ActionService>
{
    public void Configure(EntityTypeBuilder<ActionService> builder)
    {
        builder.ToTable("evaluated_action_services");
        builder.HasKey(s => new { s.ActionId, s.ServiceId });
        builder.HasIndex(s => s.ServiceId);
        builder.HasOne<Service>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ActionPeriodConfiguration : IEntityTypeConfiguration<ActionPeriod>
{
    public void Configure(EntityTypeBuilder<ActionPeriod> builder)
    {
        builder.ToTable("action_periods");
        builder.Property(p => p.Label).HasMaxLength(100);
        builder.Property(p => p.Status).HasConversion<int>();
        builder.Property(p => p.ValidatedById).HasMaxLength(450);
        builder.HasIndex(p => new { p.ActionId, p.StartsOn });
        builder.HasIndex(p => new { p.Status, p.EndsOn });
    }
}

public sealed class ObservationConfiguration : IEntityTypeConfiguration<Observation>
{
    public void Configure(EntityTypeBuilder<Observation> builder)
    {
        builder.ToTable("observations");
        builder.Property(o => o.Value).HasPrecision(18, 4);
        builder.Property(o => o.ScaleCounts).HasMaxLength(200);
        builder.Property(o => o.Text).HasMaxLength(4000);
        builder.Property(o => o.CollectedBy).HasMaxLength(120);
        builder.Property(o => o.RecordedById).HasMaxLength(450);
        builder.HasIndex(o => new { o.PeriodId, o.IndicatorId });
        builder.HasIndex(o => o.IndicatorId);
        builder.HasOne<ActionPeriod>().WithMany().HasForeignKey(o => o.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Indicator>().WithMany().HasForeignKey(o => o.IndicatorId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TestimonyConfiguration : IEntityTypeConfiguration<Testimony>
{
    public void Configure(EntityTypeBuilder<Testimony> builder)
    {
        builder.ToTable("testimonies");
        builder.Property(t => t.Pseudonym).HasMaxLength(60);
        builder.Property(t => t.Text).HasMaxLength(10_000);
        builder.Property(t => t.RecordingName).HasMaxLength(80);
        builder.Property(t => t.RecordingType).HasMaxLength(100);
        builder.Property(t => t.Consent).HasConversion<int>();
        builder.Property(t => t.CollectedBy).HasMaxLength(120);
        builder.Property(t => t.RecordedById).HasMaxLength(450);
        builder.HasIndex(t => new { t.StructureId, t.ActionId });
        builder.HasIndex(t => t.PeriodId);
        builder.HasIndex(t => t.RetainUntil);
        builder.HasOne<Structure>().WithMany().HasForeignKey(t => t.StructureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<EvaluatedAction>().WithMany().HasForeignKey(t => t.ActionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ActionPeriod>().WithMany().HasForeignKey(t => t.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(t => t.Codings).WithOne().HasForeignKey(c => c.TestimonyId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(t => t.Codings).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class TestimonyCodingConfiguration : IEntityTypeConfiguration<TestimonyCoding>
{
    public void Configure(EntityTypeBuilder<TestimonyCoding> builder)
    {
        builder.ToTable("testimony_codings");
        builder.Property(c => c.Polarity).HasConversion<int>();
        builder.Property(c => c.Excerpt).HasMaxLength(2000);
        builder.HasIndex(c => c.TestimonyId);
        builder.HasIndex(c => c.CriterionId);
        builder.HasOne<Criterion>().WithMany().HasForeignKey(c => c.CriterionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SelfAssessmentConfiguration : IEntityTypeConfiguration<SelfAssessment>
{
    public void Configure(EntityTypeBuilder<SelfAssessment> builder)
    {
        builder.ToTable("self_assessments");
        builder.Property(s => s.Participants).HasMaxLength(500);
        builder.Property(s => s.RecordedById).HasMaxLength(450);
        builder.HasIndex(s => s.PeriodId);
        builder.HasOne<ActionPeriod>().WithMany().HasForeignKey(s => s.PeriodId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Ratings).WithOne().HasForeignKey(r => r.SelfAssessmentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(s => s.Ratings).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class SelfAssessmentRatingConfiguration : IEntityTypeConfiguration<SelfAssessmentRating>
{
    public void Configure(EntityTypeBuilder<SelfAssessmentRating> builder)
    {
        builder.ToTable("self_assessment_ratings");
        builder.Property(r => r.Comment).HasMaxLength(2000);
        builder.HasIndex(r => r.SelfAssessmentId);
        builder.HasIndex(r => r.CriterionId);
        builder.HasOne<Criterion>().WithMany().HasForeignKey(r => r.CriterionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TerritoryResultConfiguration : IEntityTypeConfiguration<TerritoryResult>
{
    public void Configure(EntityTypeBuilder<TerritoryResult> builder)
    {
        builder.ToTable("territory_results");
        builder.HasIndex(r => r.Year).IsUnique();
    }
}
