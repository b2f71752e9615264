using Microsoft.AspNetCore.Mvc.RazorPages;

// A small project with the faults the architecture test must find, read by FolderRulesTests: folders Core, Alpha,
// Beta, Gamma and Data under Reperes.Web.Tests.Architecture.Fixture. Alpha and Beta use each other (a cycle, one way
// through a property, back through a method body); the core uses a feature (Gamma); Gamma calls a static method of
// Alpha's page model and names one of Beta's views; Data uses everything (exempt).
namespace Reperes.Web.Tests.Architecture.Fixture.Core
{
    public sealed record Place(string Name);

    public static class Slugs
    {
        /// <summary>The fault: the core reaches into a feature.</summary>
        public static string Of(Place place) => Gamma.Names.Clean(place.Name);
    }
}

namespace Reperes.Web.Tests.Architecture.Fixture.Alpha
{
    public sealed class AlphaService
    {
        /// <summary>Alpha → Beta through a field's type.</summary>
        public Beta.BetaQueue? Queue { get; set; }
    }

    public sealed class AlphaPageModel : PageModel
    {
        public static int Count(string name) => name.Length;
    }
}

namespace Reperes.Web.Tests.Architecture.Fixture.Beta
{
    public sealed class BetaQueue
    {
        /// <summary>Beta → Alpha inside a method body only: closes the cycle.</summary>
        public static object Make() => new Alpha.AlphaService();
    }
}

namespace Reperes.Web.Tests.Architecture.Fixture.Gamma
{
    public static class Names
    {
        public static string Clean(string name) => name.Trim();

        /// <summary>The page model of another feature, used from Gamma.</summary>
        public static int Count(string name) => Alpha.AlphaPageModel.Count(name);

        /// <summary>A view of Beta named as partial views are.</summary>
        public const string Partial = "/Beta/Pages/_Card.cshtml";

        public static string PartialName() => "/Beta/Pages/_Card.cshtml";
    }
}

namespace Reperes.Web.Tests.Architecture.Fixture.Data
{
    public static class Everything
    {
        public static object[] All() => [new Alpha.AlphaService(), new Beta.BetaQueue(), new Core.Place("x")];
    }
}
