using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Reperes.Web.OpenData.Imports;

/// <summary>A message of an import: its French text is the translation key, its arguments are filled in afterwards.</summary>
public sealed record ImportMessage(string Key, params object[] Arguments)
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    public string ToFrench() => Arguments.Length == 0 ? Key : string.Format(French, Key, Arguments);

    public string In(IStringLocalizer localizer) => localizer[Key, Arguments].Value;

    public string In(Microsoft.AspNetCore.Mvc.Localization.IHtmlLocalizer localizer) => localizer.GetString(Key, Arguments).Value;
}
