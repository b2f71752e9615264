using Reperes.Web.Core.Structures;

namespace Reperes.Web.Tests.Architecture;

/// <summary>
/// Who may change a structure, read from the compiled assembly: the methods that change a structure's status and
/// dates are called by the one write path (and the bulk loaders of demo and synthetic data) only; its fields are set
/// by the pages and the importer that hand their changes to that path. A new caller fails here: make it write through
/// StructureWriter, then add it.
/// </summary>
public sealed class StructureWritesTests
{
    private static readonly string Assembly = typeof(Structure).Assembly.Location;

    /// <summary>The demo data and the synthetic generator fill an empty database in bulk, with the same entity methods and index.</summary>
    private static readonly string[] BulkLoaders = ["Reperes.Web.Admin.Demo.DemoData", "Reperes.Web.Admin.SyntheticGenerator"];

    [Fact]
    public void Callers_StatusAndDates_OnlyTheWritePathAndTheBulkLoaders()
    {
        var callers = AssemblyDependencies.Callers(Assembly, typeof(Structure).FullName!,
            new HashSet<string> { nameof(Structure.PutOnline), nameof(Structure.TakeOffline), nameof(Structure.CloseForGood), nameof(Structure.MarkUnverified), nameof(Structure.Touch), nameof(Structure.Verify) });

        callers.ShouldBe(
        [
            .. BulkLoaders,
            "Reperes.Web.Core.Structures.StructureWriter",
            "Reperes.Web.Freshness.FreshnessRecorder",
            "Reperes.Web.OpenData.Imports.Importer",
        ],
            ignoreOrder: true);
    }

    [Fact]
    public void Callers_FieldsAndCreation_OnlyThoseWhoHandTheirChangesToTheWritePath()
    {
        var callers = AssemblyDependencies.Callers(Assembly, typeof(Structure).FullName!,
            new HashSet<string> { ".ctor", nameof(Structure.Describe), nameof(Structure.LocateAt), nameof(Structure.PlaceInCommune), nameof(Structure.PlaceAt), nameof(Structure.SetContact), nameof(Structure.SetReception), nameof(Structure.SetUpdateFrequency) });

        callers.ShouldBe(
        [
            .. BulkLoaders,
            "Reperes.Web.Coordination.Pages.NewStructureModel",
            "Reperes.Web.Core.Structures.SheetFields",
            "Reperes.Web.OpenData.Imports.Importer",
            "Reperes.Web.Publishing.Sheet.EditSheetModel",
        ],
            ignoreOrder: true);
    }

    [Fact]
    public void Callers_ServicesAndNotices_OnlyThoseWhoHandTheirChangesToTheWritePath()
    {
        var services = AssemblyDependencies.Callers(Assembly, typeof(Service).FullName!,
            new HashSet<string> { ".ctor", nameof(Service.Describe), nameof(Service.SetAudience), nameof(Service.SetConditions), nameof(Service.SetReception), nameof(Service.SetUpdateFrequency) });
        var notices = AssemblyDependencies.Callers(Assembly, typeof(Notice).FullName!, new HashSet<string> { ".ctor" });

        services.ShouldBe([.. BulkLoaders, "Reperes.Web.OpenData.Imports.Importer", "Reperes.Web.Publishing.Sheet.EditServiceModel"], ignoreOrder: true);
        notices.ShouldBe(["Reperes.Web.Admin.Demo.DemoData", "Reperes.Web.Publishing.Sheet.NoticesModel"], ignoreOrder: true);
    }

    [Fact]
    public void Callers_OfASyntheticCall_AreFound()
    {
        // The reader itself: this test class calls Structure's constructor nowhere, the fixture's Slugs calls Gamma.Names.Clean.
        AssemblyDependencies.Callers(typeof(StructureWritesTests).Assembly.Location, "Reperes.Web.Tests.Architecture.Fixture.Gamma.Names", new HashSet<string> { "Clean" })
            .ShouldBe(["Reperes.Web.Tests.Architecture.Fixture.Core.Slugs"]);
    }
}
