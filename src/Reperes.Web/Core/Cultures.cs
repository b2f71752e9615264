using System.Globalization;

namespace Reperes.Web.Core;

/// <summary>The interface's languages: French first (the resources' keys), then English.</summary>
public static class Cultures
{
    public static readonly CultureInfo[] Supported = [new("fr"), new("en")];
}
