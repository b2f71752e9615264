using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Reperes.Web.Core.Reading;

/// <summary>A stretch of text to read, in one language (ISO 639-1).</summary>
public sealed record SpokenPart(string Language, string Text);

/// <summary>
/// What "Écouter" reads on a page: the useful content (a place's name, whether it is open, its hours, address,
/// conditions, what to bring), never the menu. The interface's words are in the page's language; what the structures
/// wrote (names, addresses, their own words) stays French and is read by a French voice, as it is marked lang="fr" on
/// the page. Consecutive parts of one language are joined; the whole is capped so that a long page stays a short file.
/// </summary>
public sealed class ReadAloudScript(CultureInfo culture)
{
    /// <summary>About five minutes of speech: beyond, the page is better read on screen.</summary>
    public const int MaxCharacters = 4000;

    private readonly List<SpokenPart> parts = [];
    private int length;

    /// <summary>The page's language, the voice of the interface's words.</summary>
    public string Language { get; } = culture.TwoLetterISOLanguageName;

    public IReadOnlyList<SpokenPart> Parts => parts;

    /// <summary>A sentence of the interface, in the page's language.</summary>
    public ReadAloudScript Say(string? text) => Add(Language, text, interfaceWords: true);

    /// <summary>Words written in French by the structures or the network (a name, an address, a description).</summary>
    public ReadAloudScript SayFrench(string? text) => Add("fr", text, interfaceWords: false);

    /// <summary>A label of the interface followed by words in French ("Adresse" then "12 rue de Siam").</summary>
    public ReadAloudScript SayLabelled(string label, string? frenchText) =>
        string.IsNullOrWhiteSpace(frenchText) ? this : Say(label).SayFrench(frenchText);

    /// <summary>Identifies the text and its languages: the name of its audio file in the cache.</summary>
    public string Key
    {
        get
        {
            var text = Language + "\n" + string.Join("\n", parts.Select(p => p.Language + "\t" + p.Text));
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
        }
    }

    /// <summary>The words only, one part a line (for logs and tests).</summary>
    public string PlainText => string.Join("\n", parts.Select(p => p.Text));

    /// <summary>"to" between two times or days, by language (a dash is read as "minus" or not at all).</summary>
    private static readonly Dictionary<string, string> To = new(StringComparer.Ordinal)
    {
        ["fr"] = "à",
        ["en"] = "to",
        ["es"] = "a",
        ["ru"] = "до",
        ["uk"] = "до",
        ["ar"] = "إلى",
        ["fa"] = "تا",
        ["ps"] = "تر",
    };

    /// <summary>
    /// The words as a voice should say them: abbreviated days in full ("lun" → "lundi"), "9:00–12:00" as "9 heures à
    /// 12 heures" in French ("9 o'clock to 12 o'clock" in English), separators (·, —) as pauses.
    /// </summary>
    public static string Spoken(string text, string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var days = culture.DateTimeFormat;
        for (var d = 0; d < 7; d++)
        {
            var abbreviated = days.AbbreviatedDayNames[d].TrimEnd('.');
            if (abbreviated.Length > 0 && abbreviated != days.DayNames[d])
            {
                text = Regex.Replace(text, $@"(?<!\w){Regex.Escape(abbreviated)}\.?(?!\w)", days.DayNames[d], RegexOptions.None, TimeSpan.FromSeconds(1));
            }
        }

        var to = To.GetValueOrDefault(language, "-");
        text = Regex.Replace(text, @"(?<=[\w:])\s*–\s*(?=\w)|(?<=\d)\s*-\s*(?=\d)", " " + to + " ", RegexOptions.None, TimeSpan.FromSeconds(1));
        text = language switch
        {
            "fr" => Regex.Replace(text, @"\b(\d{1,2}):(\d\d)\b", m => m.Groups[2].Value == "00" ? m.Groups[1].Value + " heures" : m.Groups[1].Value + " heures " + m.Groups[2].Value, RegexOptions.None, TimeSpan.FromSeconds(1)),
            "en" => Regex.Replace(text, @"\b(\d{1,2}):00\b", "$1 o’clock", RegexOptions.None, TimeSpan.FromSeconds(1)),
            _ => Regex.Replace(text, @"\b(\d{1,2}):00\b", "$1", RegexOptions.None, TimeSpan.FromSeconds(1)),
        };
        return Pauses(text);
    }

    private static string Pauses(string text) =>
        text.Replace(" · ", ", ", StringComparison.Ordinal).Replace(" — ", ", ", StringComparison.Ordinal).Replace("·", ",", StringComparison.Ordinal);

    private ReadAloudScript Add(string language, string? text, bool interfaceWords)
    {
        if (string.IsNullOrWhiteSpace(text) || length >= MaxCharacters)
        {
            return this;
        }

        // The interface's hours and days are said in full; the structures' own words are left as written ("mer" may
        // be the sea there), but for the separators.
        var words = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var sentence = interfaceWords ? Spoken(words, language) : Pauses(words);
        if (sentence.Length > MaxCharacters - length)
        {
            sentence = sentence[..(MaxCharacters - length)];
        }

        // A pause after each piece: a sentence's end unless it ends with punctuation already.
        if (!".!?:;…؟".Contains(sentence[^1], StringComparison.Ordinal))
        {
            sentence += ".";
        }

        length += sentence.Length + 1;
        if (parts.Count > 0 && parts[^1].Language == language)
        {
            parts[^1] = parts[^1] with { Text = parts[^1].Text + " " + sentence };
        }
        else
        {
            parts.Add(new SpokenPart(language, sentence));
        }

        return this;
    }
}
