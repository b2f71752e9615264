using System.Globalization;

namespace Reperes.Web.Core.Reading;

/// <summary>The size of the text the reader chose: the root font size grows, and every size in rem with it.</summary>
public enum TextSize
{
    Normal,
    Large,
    Larger,
}

/// <summary>
/// How a reader wants the pages: easy-read French (FALC) and the size of the text. Kept in two cookies, like the
/// language: nothing about the person, only how to show the pages; read on every page by the layout.
/// </summary>
public sealed record ReaderPreferences(bool EasyReadChosen, TextSize Size)
{
    public const string EasyReadCookie = "reperes-facile";
    public const string TextSizeCookie = "reperes-taille";

    /// <summary>The path that remembers a choice (GET, like the language: a display preference, then back).</summary>
    public const string Path = "/lecture";

    public static readonly ReaderPreferences Default = new(false, TextSize.Normal);

    /// <summary>Easy-read texts exist in French only: elsewhere the switch is not offered and the pages stay as they are.</summary>
    public static bool EasyReadOffered(CultureInfo culture) => culture.TwoLetterISOLanguageName == "fr";

    /// <summary>Easy-read is shown: chosen, and the page is in French.</summary>
    public bool EasyRead(CultureInfo culture) => EasyReadChosen && EasyReadOffered(culture);

    /// <summary>The class on &lt;html&gt; that scales the root font size (null at the normal size).</summary>
    public string? HtmlClass => Size switch
    {
        TextSize.Normal => null,
        TextSize.Large => "text-large",
        TextSize.Larger => "text-larger",
        _ => throw new ArgumentOutOfRangeException(nameof(Size), Size, null),
    };

    /// <summary>The words of a size in URLs and the cookie.</summary>
    public static string Code(TextSize size) => size switch
    {
        TextSize.Normal => "normal",
        TextSize.Large => "grand",
        TextSize.Larger => "tres-grand",
        _ => throw new ArgumentOutOfRangeException(nameof(size), size, null),
    };

    public static TextSize? ParseSize(string? code) => code switch
    {
        "normal" => TextSize.Normal,
        "grand" => TextSize.Large,
        "tres-grand" => TextSize.Larger,
        _ => null,
    };

    public static ReaderPreferences Read(HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(ReaderPreferences), out var cached) && cached is ReaderPreferences known)
        {
            return known;
        }

        var cookies = context.Request.Cookies;
        var preferences = new ReaderPreferences(
            cookies[EasyReadCookie] == "oui",
            ParseSize(cookies[TextSizeCookie]) ?? TextSize.Normal);
        context.Items[typeof(ReaderPreferences)] = preferences;
        return preferences;
    }

    /// <summary>Remembers the easy-read choice for a year (off: the cookie is removed).</summary>
    public static void WriteEasyRead(HttpContext context, bool on)
    {
        if (on)
        {
            context.Response.Cookies.Append(EasyReadCookie, "oui", CookieOptions());
        }
        else
        {
            context.Response.Cookies.Delete(EasyReadCookie);
        }
    }

    /// <summary>Remembers the text size for a year (normal: the cookie is removed).</summary>
    public static void WriteTextSize(HttpContext context, TextSize size)
    {
        if (size == TextSize.Normal)
        {
            context.Response.Cookies.Delete(TextSizeCookie);
        }
        else
        {
            context.Response.Cookies.Append(TextSizeCookie, Code(size), CookieOptions());
        }
    }

    private static CookieOptions CookieOptions() => new()
    {
        Expires = DateTimeOffset.UtcNow.AddYears(1),
        IsEssential = true,
        SameSite = SameSiteMode.Lax,
        HttpOnly = true,
    };
}
