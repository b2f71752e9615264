using Reperes.Web.Core.Structures;
using Reperes.Web.Freshness;

namespace Reperes.Web.Tests.Freshness;

public sealed class FreshnessRulesTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DueAt_NeverVerified_CountsFromTheLastUpdate()
    {
        var updated = Created.AddDays(20);

        FreshnessRules.DueAt(null, updated, Created, 6).ShouldBe(updated.AddMonths(6));
        FreshnessRules.DueAt(null, Created, Created, 3).ShouldBe(Created.AddMonths(3));
    }

    [Fact]
    public void DueAt_Verified_CountsFromTheVerificationEvenIfUpdatedLater()
    {
        var verified = Created.AddDays(5);

        FreshnessRules.DueAt(verified, Created.AddDays(40), Created, 1).ShouldBe(verified.AddMonths(1));
    }

    [Fact]
    public void IsStale_FromTheDueDateOn_IsTrue()
    {
        var due = Created.AddMonths(6);

        FreshnessRules.IsStale(null, Created, Created, 6, due.AddSeconds(-1)).ShouldBeFalse();
        FreshnessRules.IsStale(null, Created, Created, 6, due).ShouldBeTrue();
    }

    [Fact]
    public void StateOf_AlongTime_GoesFreshDueOverdue()
    {
        var structure = new Structure("s", "S", StructureKind.Association, Created);
        structure.SetUpdateFrequency(3);

        FreshnessRules.StateOf(structure, Created.AddMonths(2)).ShouldBe(FreshnessState.Fresh);
        FreshnessRules.StateOf(structure, Created.AddMonths(4)).ShouldBe(FreshnessState.Due);
        FreshnessRules.StateOf(structure, Created.AddMonths(6)).ShouldBe(FreshnessState.Overdue);
    }

    [Fact]
    public void MarkUnverified_ThenVerify_ClearsTheNotice()
    {
        var structure = new Structure("s", "S", StructureKind.Association, Created);
        structure.MarkUnverified(Created.AddMonths(14));
        structure.MarkUnverified(Created.AddMonths(15));

        structure.UnverifiedSince.ShouldBe(Created.AddMonths(14));
        FreshnessRules.StateOf(structure, Created.AddMonths(15)).ShouldBe(FreshnessState.Unverified);

        structure.Verify(Created.AddMonths(16));

        structure.UnverifiedSince.ShouldBeNull();
        structure.VerifiedAt.ShouldBe(Created.AddMonths(16));
        FreshnessRules.StateOf(structure, Created.AddMonths(17)).ShouldBe(FreshnessState.Fresh);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(24)]
    [InlineData(-6)]
    public void SetUpdateFrequency_NotOneOfTheFrequencies_Throws(int months)
    {
        var structure = new Structure("s", "S", StructureKind.Association, Created);

        Should.Throw<ArgumentOutOfRangeException>(() => structure.SetUpdateFrequency(months));
        structure.UpdateFrequencyMonths.ShouldBe(6);
    }

    [Fact]
    public void UpdateLink_ConfirmedSectionBySection_IsUsedOnceAllAreConfirmed()
    {
        var (link, code) = UpdateLink.Create(1, null, "a@b.example", null, SheetSections.Hours | SheetSections.Contact, Created);

        code.Length.ShouldBeGreaterThanOrEqualTo(43);
        link.CodeHash.ShouldBe(UpdateLink.Hash(code));
        link.Confirm(SheetSections.Hours | SheetSections.Address, Created).ShouldBe(SheetSections.Hours);
        link.UsedAt.ShouldBeNull();
        link.Confirm(SheetSections.Contact, Created).ShouldBe(SheetSections.Contact);
        link.UsedAt.ShouldBe(Created);
        Should.Throw<InvalidOperationException>(() => link.Confirm(SheetSections.Contact, Created));
    }

    [Fact]
    public void UpdateLink_AfterItsLifetime_IsNotUsable()
    {
        var (link, _) = UpdateLink.Create(1, null, "a@b.example", null, SheetSections.All, Created);

        link.IsUsable(Created.AddDays(29)).ShouldBeTrue();
        link.IsUsable(Created.AddDays(30)).ShouldBeFalse();
    }
}
