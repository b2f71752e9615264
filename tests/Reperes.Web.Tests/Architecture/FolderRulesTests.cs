namespace Reperes.Web.Tests.Architecture;

/// <summary>
/// The architecture test's own test: the same reading and rules, run on a small fixture project with known faults
/// (Fixture/FixtureFolders.cs, compiled into this assembly), must report each of them, and nothing else.
/// </summary>
public sealed class FolderRulesTests
{
    private const string FixtureRoot = "Reperes.Web.Tests.Architecture.Fixture";

    private static readonly FolderRules Rules = new(Foundations: ["Core"], Features: ["Alpha", "Beta", "Gamma"], Exempt: ["Data"]);

    private static IReadOnlyList<TypeUse> FixtureUses() =>
        AssemblyDependencies.Read(typeof(FolderRulesTests).Assembly.Location, FixtureRoot, new Dictionary<string, string>());

    [Fact]
    public void Read_Fixture_FindsUsesInPropertiesMethodBodiesAndViewNames()
    {
        var uses = Rules.Relevant(FixtureUses()).Select(u => $"{u.From}:{u.FromType} → {u.To}:{u.ToType}").ToList();

        uses.ShouldBe(
        [
            $"Alpha:{FixtureRoot}.Alpha.AlphaService → Beta:{FixtureRoot}.Beta.BetaQueue",
            $"Beta:{FixtureRoot}.Beta.BetaQueue → Alpha:{FixtureRoot}.Alpha.AlphaService",
            $"Core:{FixtureRoot}.Core.Slugs → Gamma:{FixtureRoot}.Gamma.Names",
            $"Gamma:{FixtureRoot}.Gamma.Names → Alpha:{FixtureRoot}.Alpha.AlphaPageModel",
            $"Gamma:{FixtureRoot}.Gamma.Names → Beta:/Beta/Pages/_Card.cshtml",
        ],
            ignoreOrder: true);
    }

    [Fact]
    public void Cycles_TwoFeaturesUsingEachOther_AreReportedWithTheTypesOfEachWay()
    {
        var cycles = Rules.Cycles(FixtureUses());

        cycles.Count.ShouldBe(1);
        cycles[0].ShouldStartWith("Cycle between Alpha, Beta: Alpha → Beta → Alpha");
        cycles[0].ShouldContain($"Alpha → Beta: {FixtureRoot}.Alpha.AlphaService uses {FixtureRoot}.Beta.BetaQueue");
        cycles[0].ShouldContain($"Beta → Alpha: {FixtureRoot}.Beta.BetaQueue uses {FixtureRoot}.Alpha.AlphaService");
    }

    [Fact]
    public void Cycles_SyntheticLoopOfThree_IsSpelledOutInOrder()
    {
        TypeUse[] uses =
        [
            new("Guide", "G", "Publishing", "P", false),
            new("Publishing", "P", "Accounts", "A", false),
            new("Accounts", "A", "Guide", "G", false),
            new("Admin", "X", "Guide", "G", false),
            new("Data", "D", "Admin", "X", false),
        ];

        var cycles = Rules.Cycles(uses);

        cycles.Count.ShouldBe(1);
        cycles[0].ShouldStartWith("Cycle between Accounts, Guide, Publishing: Accounts → Guide → Publishing → Accounts");
    }

    [Fact]
    public void OrderViolations_CoreUsingAFeatureAndAFeatureUsingAHigherOne_AreReported()
    {
        var violations = Rules.OrderViolations(FixtureUses());

        violations.Count.ShouldBe(2);
        violations.ShouldContain(v => v.StartsWith("Core → Gamma (Core is a foundation and names no feature)", StringComparison.Ordinal));
        violations.ShouldContain(v => v.StartsWith("Alpha → Beta (Alpha comes before Beta in the order)", StringComparison.Ordinal));
    }

    [Fact]
    public void OrderViolations_UndeclaredFolder_AsksToPlaceIt()
    {
        var violations = Rules.OrderViolations([new TypeUse("Orientation", "O", "Core", "C", false)]);

        violations.ShouldBe(["Orientation is neither a foundation nor a declared feature: place it in the order."]);
    }

    [Fact]
    public void PageModelUses_StaticMethodOfAnotherFeaturesPageModel_IsReported()
    {
        var uses = Rules.PageModelUses(FixtureUses());

        uses.ShouldBe([$"{FixtureRoot}.Gamma.Names (Gamma) uses the page model {FixtureRoot}.Alpha.AlphaPageModel (Alpha)"]);
    }
}
