namespace Reperes.Web.Tests.Architecture;

/// <summary>
/// The web project's own folders, read from its compiled assembly (types, signatures, IL and the compiled views):
/// the core and the shared views name no feature, features depend one way in the order written in README's Layout
/// section, with no cycle, and no feature uses another feature's page model. FolderRulesTests proves that the same
/// reading and rules report each of these faults.
/// </summary>
public sealed class ProjectArchitectureTests
{
    /// <summary>
    /// The order of README's Layout section. Foundations: Core, then Shared (its views and their small view models
    /// may use the core). Features from the lowest to the highest: a feature may use the foundations and the
    /// features before it.
    /// </summary>
    public static readonly FolderRules Rules = new(
        Foundations: ["Core", "Shared"],
        Features: ["Guide", "Orientation", "Accounts", "Freshness", "Publishing", "Translations", "Statistics", "SocialUtility", "Api", "OpenData", "Coordination", "Admin"],
        Exempt: ["Data"]);

    private static readonly Lazy<IReadOnlyList<TypeUse>> Uses = new(() =>
    {
        var assembly = typeof(ReperesApplication).Assembly;
        return AssemblyDependencies.Read(assembly.Location, "Reperes.Web", AssemblyDependencies.ViewFiles(assembly));
    });

    [Fact]
    public void Read_WebAssembly_SeesEveryFolderOfTheProject()
    {
        var folders = Rules.Relevant(Uses.Value).SelectMany(u => new[] { u.From, u.To }).ToHashSet();

        folders.ShouldBe(Rules.Foundations.Concat(Rules.Features), ignoreOrder: true);
    }

    [Fact]
    public void Cycles_WebAssembly_NoneBetweenFolders()
    {
        Rules.Cycles(Uses.Value).ShouldBeEmpty();
    }

    [Fact]
    public void OrderViolations_WebAssembly_CoreNamesNoFeatureAndFeaturesDependOneWay()
    {
        Rules.OrderViolations(Uses.Value).ShouldBeEmpty();
    }

    [Fact]
    public void PageModelUses_WebAssembly_NoFeatureUsesAnotherFeaturesPageModel()
    {
        Rules.PageModelUses(Uses.Value).ShouldBeEmpty();
    }
}
