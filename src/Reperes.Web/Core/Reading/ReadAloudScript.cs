using System.Globalization;
using System.Security.Cryptography;
using System.Text;

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
    public ReadAloudScript Say(string? text) => Add(Language, text);

    /// <summary>Words written in French by the structures or the network (a name, an address, a description).</summary>
    public ReadAloudScript SayFrench(string? text) => Add("fr", text);

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

    private ReadAloudScript Add(string language, string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || length >= MaxCharacters)
        {
            return this;
        }

        var sentence = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (sentence.Length > MaxCharacters - length)
        {
            sentence = sentence[..(MaxCharacters - length)];
        }

        // A pause after each piece: a sentence's end unless it ends with punctuation already.
        if (!".!?:;…؟".Contains(sentence[^1], StringComparison.Ordinal))
        {
            sentence += ".";
        }

        length += sentence.Length;
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
