using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Hours;

namespace Reperes.Web.Orientation;

/// <summary>The slip in plain text: one SMS per place, and the body of the e-mail.</summary>
public static class SlipText
{
    /// <summary>One SMS: 160 characters.</summary>
    public const int SmsLength = 160;

    /// <summary>
    /// One line per place, each at most <see cref="SmsLength"/> characters and ending with the slip's link: its name,
    /// address and phone, shortened (with "…") when they are too long, never the link.
    /// </summary>
    public static IReadOnlyList<string> SmsLines(SlipView slip, string link)
    {
        link = Gsm(link);
        var lines = new List<string>(slip.Places.Count);
        for (var i = 0; i < slip.Places.Count; i++)
        {
            var place = slip.Places[i];
            var parts = new[] { place.Place.Name, place.Place.Address, place.PhoneForText }.Where(p => !string.IsNullOrWhiteSpace(p));
            var text = Gsm(string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {string.Join(", ", parts)}"));
            var room = SmsLength - link.Length - 1;
            if (text.Length > room)
            {
                text = text[..Math.Max(0, room - 3)].TrimEnd(' ', ',') + "...";
            }

            lines.Add($"{text} {link}");
        }

        return lines;
    }

    /// <summary>The GSM 7-bit alphabet's basic characters: a text made of them alone fits 160 characters in one SMS.</summary>
    public const string GsmCharacters = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>
    /// The text in the GSM alphabet, so that a phone sends each line as one SMS (one character outside it, such as
    /// "ê" or "’", makes it Unicode: 70 characters a message): typographic signs become their plain forms, other letters
    /// lose their accents.
    /// </summary>
    public static string Gsm(string text)
    {
        var plain = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (GsmCharacters.Contains(c, StringComparison.Ordinal))
            {
                plain.Append(c);
                continue;
            }

            var replacement = c switch
            {
                '’' or '‘' or '´' or '`' => "'",
                '“' or '”' or '«' or '»' => "\"",
                '–' or '—' or '‑' => "-",
                '…' => "...",
                '\u00a0' or '\u202f' or '\t' => " ",
                'œ' => "oe",
                'Œ' => "OE",
                '·' => "-",
                _ => Bare(c),
            };
            plain.Append(replacement);
        }

        return plain.ToString();
    }

    /// <summary>The letter without its accent when that is in the GSM alphabet ("ê" → "e"), else "?".</summary>
    private static string Bare(char c)
    {
        var bare = c.ToString().Normalize(NormalizationForm.FormD).Where(d => CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark).ToArray();
        return bare.Length > 0 && bare.All(d => GsmCharacters.Contains(d, StringComparison.Ordinal)) ? new string(bare) : "?";
    }

    /// <summary>The e-mail: the note, each place with its address, phones, notices and seven days, and the link.</summary>
    public static string MailBody(SlipView slip, string link, IStringLocalizer l, CultureInfo culture)
    {
        var body = new StringBuilder();
        body.AppendLine(l["Voici les adresses qui vous ont été conseillées."]);
        body.AppendLine(l["Horaires et fermetures à jour, à tout moment : {0}", link]);
        body.AppendLine();
        if (slip.Note.Length > 0)
        {
            body.AppendLine(l["Note : {0}", slip.Note]);
            body.AppendLine();
        }

        foreach (var view in slip.Places)
        {
            var place = view.Place;
            body.AppendLine(place.Name);
            if (place.Address is not null)
            {
                body.AppendLine(place.Address);
            }

            foreach (var phone in place.Phones)
            {
                body.AppendLine(l["Tél. {0}", phone]);
            }

            foreach (var notice in place.Notices.Concat(place.Services.SelectMany(s => s.Notices)))
            {
                body.AppendLine("! " + notice.Sentence);
            }

            foreach (var week in view.Weeks)
            {
                if (week.ServiceNames is { } names)
                {
                    body.AppendLine(string.Join(", ", names) + " :");
                }

                foreach (var day in week.Days)
                {
                    body.AppendLine("  " + DayLine(day, l, culture));
                }
            }

            body.AppendLine(place.SheetUrl);
            body.AppendLine();
        }

        return body.ToString();
    }

    /// <summary>A day in words, as the week table says it: "Mardi 24 nov. : 9:00–12:00, 14:00–17:00".</summary>
    public static string DayLine(WeekDay day, IStringLocalizer l, CultureInfo culture)
    {
        var date = culture.TextInfo.ToTitleCase(day.Date.ToString("dddd d MMM", culture));
        string hours;
        if (day.Notice is { Kind: Core.Structures.NoticeKind.Closure } closure)
        {
            hours = $"{l["Fermé"]} — {closure.Text}";
        }
        else if (day.Ranges is null)
        {
            hours = l["Non renseigné"];
        }
        else if (day.Ranges.Count == 0)
        {
            hours = day.IsPublicHoliday ? $"{l["Fermé"]} ({l["jour férié"]})" : l["Fermé"];
        }
        else
        {
            hours = string.Join(", ", day.Ranges.Select(r => HoursSummaryText.Time(r.Start) + "–" + (r.End is { } end ? HoursSummaryText.Time(end) : "24:00")));
        }

        return $"{date} : {hours}";
    }
}
