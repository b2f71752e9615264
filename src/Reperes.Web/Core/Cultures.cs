using System.Globalization;

namespace Reperes.Web.Core;

/// <summary>How far a language's interface texts have been checked.</summary>
public enum TranslationReview
{
    /// <summary>The language the texts are written in (French): the resources' keys.</summary>
    Source = 0,

    /// <summary>Read again by a native speaker.</summary>
    ReviewedByNativeSpeaker = 1,

    /// <summary>Translated, not yet read again by a native speaker: the interface says so discreetly.</summary>
    NotReviewed = 2,
}

/// <summary>
/// One language of the interface: its culture, its name written in itself (for the switch) and how far its
/// translation has been reviewed. The review status changes here, reviewed like code with the resource file.
/// </summary>
public sealed record InterfaceLanguage(string Code, string Endonym, TranslationReview Review)
{
    public CultureInfo Culture { get; } = Make(Code);

    public bool RightToLeft => Culture.TextInfo.IsRightToLeft;

    // Dates as the person's letters and appointments in France write them: the Gregorian calendar, with the
    // language's own month names (Dari and Pashto default to the Persian calendar).
    private static CultureInfo Make(string code)
    {
        var culture = new CultureInfo(code);
        if (culture.Calendar is not GregorianCalendar && culture.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault() is { } gregorian)
        {
            culture.DateTimeFormat.Calendar = gregorian;
        }

        return CultureInfo.ReadOnly(culture);
    }
}

/// <summary>The interface's languages: French first (the resources' keys), then English and the languages of the people the guide serves.</summary>
public static class Cultures
{
    public static readonly IReadOnlyList<InterfaceLanguage> Languages =
    [
        new("fr", "Français", TranslationReview.Source),
        new("en", "English", TranslationReview.ReviewedByNativeSpeaker),
        new("ar", "العربية", TranslationReview.NotReviewed),

        // Dari, the Persian of Afghanistan: written and read by Persian readers too.
        new("fa-AF", "دری", TranslationReview.NotReviewed),
        new("ps", "پښتو", TranslationReview.NotReviewed),
        new("uk", "Українська", TranslationReview.NotReviewed),
        new("ru", "Русский", TranslationReview.NotReviewed),
        new("es", "Español", TranslationReview.NotReviewed),
    ];

    public static readonly CultureInfo[] Supported = Languages.Select(l => l.Culture).ToArray();

    /// <summary>The language of <paramref name="culture"/> (by its name, then by its two-letter code), else French.</summary>
    public static InterfaceLanguage Of(CultureInfo culture) =>
        Languages.FirstOrDefault(l => l.Code.Equals(culture.Name, StringComparison.OrdinalIgnoreCase))
        ?? Languages.FirstOrDefault(l => l.Culture.TwoLetterISOLanguageName == culture.TwoLetterISOLanguageName)
        ?? Languages[0];

    /// <summary>The language whose code is <paramref name="code"/>, or null when the interface does not speak it.</summary>
    public static InterfaceLanguage? Find(string? code) =>
        code is null ? null : Languages.FirstOrDefault(l => l.Code.Equals(code, StringComparison.OrdinalIgnoreCase));

    public static InterfaceLanguage Current => Of(CultureInfo.CurrentUICulture);
}
