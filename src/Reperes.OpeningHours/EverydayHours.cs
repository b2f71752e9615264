using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Reperes.OpeningHours;

/// <summary>
/// Reads opening hours as people type them in French ("9h-12h", "9h30-12h / 14h-17h", "du lundi au vendredi de 8h30 à
/// 12h et de 14h à 17h, samedi 9h-12h", "fermé le dimanche et les jours fériés", "1er et 3e mercredi 14h-16h",
/// "24h/24 7j/7", en dashes) and proposes the exact opening_hours expression. It never guesses: a word it does not
/// know, or a shape it cannot read, gives no proposal, and every proposal is checked by the parser.
/// </summary>
public static partial class EverydayHours
{
    private static readonly string[] DayCodes = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

    private static readonly Dictionary<string, int> Days = new(StringComparer.Ordinal)
    {
        ["lundi"] = 0,
        ["lundis"] = 0,
        ["lun"] = 0,
        ["lu"] = 0,
        ["mardi"] = 1,
        ["mardis"] = 1,
        ["mar"] = 1,
        ["ma"] = 1,
        ["mercredi"] = 2,
        ["mercredis"] = 2,
        ["mer"] = 2,
        ["me"] = 2,
        ["jeudi"] = 3,
        ["jeudis"] = 3,
        ["jeu"] = 3,
        ["je"] = 3,
        ["vendredi"] = 4,
        ["vendredis"] = 4,
        ["ven"] = 4,
        ["ve"] = 4,
        ["samedi"] = 5,
        ["samedis"] = 5,
        ["sam"] = 5,
        ["sa"] = 5,
        ["dimanche"] = 6,
        ["dimanches"] = 6,
        ["dim"] = 6,
        ["di"] = 6,
    };

    private static readonly Dictionary<string, int> Ordinals = new(StringComparer.Ordinal)
    {
        ["1er"] = 1,
        ["1re"] = 1,
        ["1ere"] = 1,
        ["premier"] = 1,
        ["premiere"] = 1,
        ["2e"] = 2,
        ["2eme"] = 2,
        ["2nd"] = 2,
        ["deuxieme"] = 2,
        ["second"] = 2,
        ["3e"] = 3,
        ["3eme"] = 3,
        ["troisieme"] = 3,
        ["4e"] = 4,
        ["4eme"] = 4,
        ["quatrieme"] = 4,
        ["5e"] = 5,
        ["5eme"] = 5,
        ["cinquieme"] = 5,
        ["dernier"] = -1,
        ["derniere"] = -1,
    };

    // Words that say nothing the expression needs.
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "le", "les", "la", "l", "de", "des", "d", "du", "en", "sur", "ouvert", "ouverte", "ouverts", "ouverture", "horaires",
        "horaire", "accueil", "matin", "matins", "soir", "soirs", "apres-midi", "aprem", "mois", "chaque", "heures", "heure",
        "h", "uniquement", "seulement", "public", "entre", "puis", "aussi", "egalement", "sont", "est", "nous", "vous",
        "accueillons", "recevons",
    };

    private enum Kind
    {
        Day,
        Ordinal,
        Time,
        Dash,
        And,
        To,
        Separator,
        Closed,
        AllDays,
        WeekDays,
        WeekEnd,
        Holidays,
        Except,
        Always,
        Appointment,
    }

    private readonly record struct Token(Kind Kind, int Value = 0);

    /// <summary>The exact opening_hours expression for <paramref name="text"/>, or null when it cannot be read for sure.</summary>
    public static string? Propose(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 500)
        {
            return null;
        }

        var trimmed = Regex.Replace(text.Trim(), @"\s+", " ");

        // Already an expression (as the expert mode writes it): kept, with the dashes people paste made plain.
        var plain = trimmed.Replace('–', '-').Replace('—', '-');
        if (OpeningHoursSchedule.TryParse(plain, out _, out _))
        {
            return plain;
        }

        var tokens = Tokenize(trimmed);
        if (tokens is null)
        {
            return null;
        }

        var expression = Build(tokens);
        return expression is not null && OpeningHoursSchedule.TryParse(expression, out _, out _) ? expression : null;
    }

    private static List<Token>? Tokenize(string text)
    {
        var s = Fold(text.ToLowerInvariant())
            .Replace('–', '-').Replace('—', '-').Replace('‑', '-').Replace('’', '\'')
            .Replace("apres midi", "apres-midi").Replace("week end", "week-end").Replace("rendez vous", "rendez-vous");
        var tokens = new List<Token>();
        var i = 0;
        while (i < s.Length)
        {
            var rest = s.AsSpan(i);
            Match m;
            if (char.IsWhiteSpace(s[i]) || s[i] is '(' or ')' or '!' or '\'' or ':' && !(i > 0 && char.IsDigit(s[i - 1])))
            {
                i++;
            }
            else if ((m = AlwaysPattern().Match(s, i)).Success && m.Index == i)
            {
                tokens.Add(new(Kind.Always));
                i += m.Length;
            }
            else if ((m = AllWeekPattern().Match(s, i)).Success && m.Index == i)
            {
                tokens.Add(new(Kind.AllDays));
                i += m.Length;
            }
            else if ((m = TimePattern().Match(s, i)).Success && m.Index == i)
            {
                var hours = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
                var minutes = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
                if (hours > 24 || minutes > 59 || (hours == 24 && minutes > 0))
                {
                    return null;
                }

                tokens.Add(new(Kind.Time, (hours * 60) + minutes));
                i += m.Length;
            }
            else if ((m = BareHourPattern().Match(s, i)).Success && m.Index == i)
            {
                // "9-12h", "de 9 à 12h": an hour without "h" only when a time with "h" ends the range.
                var hours = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
                if (hours > 24)
                {
                    return null;
                }

                tokens.Add(new(Kind.Time, hours * 60));
                i += m.Groups["h"].Length;
            }
            else if ((m = WordPattern().Match(s, i)).Success && m.Index == i)
            {
                var word = m.Value;
                i += m.Length;
                if (Days.TryGetValue(word, out var day))
                {
                    tokens.Add(new(Kind.Day, day));
                }
                else if (Ordinals.TryGetValue(word, out var nth))
                {
                    tokens.Add(new(Kind.Ordinal, nth));
                }
                else if (word is "midi")
                {
                    tokens.Add(new(Kind.Time, 12 * 60));
                }
                else if (word is "minuit")
                {
                    tokens.Add(new(Kind.Time, 24 * 60));
                }
                else if (word is "et" or "ou")
                {
                    tokens.Add(new(Kind.And));
                }
                else if (word is "au" or "a" or "jusqu" or "jusqua")
                {
                    tokens.Add(new(Kind.To));
                }
                else if (word is "ferme" or "fermee" or "fermes" or "fermeture" or "ferment" or "clos")
                {
                    tokens.Add(new(Kind.Closed));
                }
                else if (word is "tous" or "tlj" or "toute" or "7j" && (word is "tlj" || NextWord(s, ref i, "les jours", "jours", "la semaine")))
                {
                    tokens.Add(new(Kind.AllDays));
                }
                else if (word is "semaine")
                {
                    tokens.Add(new(Kind.WeekDays));
                }
                else if (word is "week-end" or "weekend" or "we" or "week-ends" or "weekends")
                {
                    tokens.Add(new(Kind.WeekEnd));
                }
                else if (word is "feries" or "ferie" or "feriés")
                {
                    tokens.Add(new(Kind.Holidays));
                }
                else if (word is "jours" or "jour")
                {
                    // "jours fériés": the next word says it; "7 jours sur 7" is matched above.
                    continue;
                }
                else if (word is "sauf" or "hors" or "excepte")
                {
                    tokens.Add(new(Kind.Except));
                }
                else if (word is "rendez-vous" or "rdv")
                {
                    tokens.Add(new(Kind.Appointment));
                }
                else if (!Fillers.Contains(word))
                {
                    return null;
                }
            }
            else if (s[i] == '-')
            {
                tokens.Add(new(Kind.Dash));
                i++;
            }
            else if (s[i] is ',' or '/' or '&' or '+')
            {
                tokens.Add(new(Kind.And));
                i++;
            }
            else if (s[i] == '.' && (tokens.Count == 0 || tokens[^1].Kind is Kind.Day or Kind.Ordinal or Kind.And))
            {
                // "lun. au ven.": an abbreviation's dot, not the end of a sentence.
                i++;
            }
            else if (s[i] is ';' or '.' or '\n' or '|')
            {
                tokens.Add(new(Kind.Separator));
                i++;
            }
            else
            {
                return null;
            }
        }

        return tokens;
    }

    /// <summary>Consumes the next words when they are <paramref name="expected"/> (one of them).</summary>
    private static bool NextWord(string s, ref int i, params string[] expected)
    {
        var rest = s[i..].TrimStart();
        var skipped = s.Length - i - rest.Length;
        foreach (var words in expected)
        {
            if (rest.StartsWith(words, StringComparison.Ordinal) && (rest.Length == words.Length || !char.IsLetter(rest[words.Length])))
            {
                i += skipped + words.Length;
                return true;
            }
        }

        return false;
    }

    private sealed class RuleDraft
    {
        public SortedSet<int> DaySet { get; } = [];
        public List<int> Nth { get; } = [];
        public bool Holidays { get; set; }
        public List<(int From, int To)> Times { get; } = [];
        public bool Closed { get; set; }
        public bool Always { get; set; }
        public bool Appointment { get; set; }
        public bool HasDays => DaySet.Count > 0 || Holidays;
        public bool IsEmpty => !HasDays && Times.Count == 0 && !Closed && !Always && !Appointment;
    }

    private static string? Build(List<Token> tokens)
    {
        var rules = new List<RuleDraft>();
        var extraOff = new List<RuleDraft>();
        var rule = new RuleDraft();
        var i = 0;

        void Close()
        {
            if (!rule.IsEmpty)
            {
                rules.Add(rule);
            }

            rule = new RuleDraft();
        }

        while (i < tokens.Count)
        {
            var t = tokens[i];
            switch (t.Kind)
            {
                case Kind.Day or Kind.Ordinal or Kind.AllDays or Kind.WeekDays or Kind.WeekEnd or Kind.Holidays:
                    {
                        // Days after this rule's times start a new rule ("… 9h-12h, samedi 10h-12h") unless the rule
                        // has no days yet ("9h-17h du lundi au vendredi").
                        if (rule.HasDays && (rule.Times.Count > 0 || rule.Closed || rule.Always))
                        {
                            Close();
                        }

                        var days = ReadDays(tokens, ref i, out var nth, out var holidays);
                        if (days is null)
                        {
                            return null;
                        }

                        if (rule.Closed && rule.Times.Count == 0 && !rule.HasDays)
                        {
                            // "fermé le dimanche et les jours fériés".
                            rule.DaySet.UnionWith(days);
                            rule.Holidays |= holidays;
                            break;
                        }

                        rule.DaySet.UnionWith(days);
                        rule.Nth.AddRange(nth);
                        rule.Holidays |= holidays;
                        break;
                    }

                case Kind.Time:
                    {
                        if (i + 2 >= tokens.Count || tokens[i + 1].Kind is not (Kind.Dash or Kind.To) || tokens[i + 2].Kind != Kind.Time)
                        {
                            return null;
                        }

                        var from = t.Value;
                        var to = tokens[i + 2].Value;
                        if (from == to || from == 24 * 60)
                        {
                            return null;
                        }

                        rule.Times.Add((from, to));
                        i += 3;
                        if (i < tokens.Count && tokens[i].Kind == Kind.And && i + 1 < tokens.Count && tokens[i + 1].Kind == Kind.Time)
                        {
                            i++;
                        }

                        break;
                    }

                case Kind.Closed:
                    if (rule.Times.Count > 0 && !rule.HasDays)
                    {
                        return null;
                    }

                    if (rule.HasDays && rule.Times.Count > 0)
                    {
                        Close();
                    }

                    rule.Closed = true;
                    i++;
                    break;
                case Kind.Always:
                    rule.Always = true;
                    i++;
                    break;
                case Kind.Appointment:
                    rule.Appointment = true;
                    i++;
                    break;
                case Kind.Except:
                    {
                        // "sauf le mercredi" takes days off this rule; "sauf (les) jours fériés" closes on them.
                        i++;
                        var days = ReadDays(tokens, ref i, out var nth, out var holidays);
                        if (days is null || nth.Count > 0)
                        {
                            return null;
                        }

                        if (holidays)
                        {
                            var off = new RuleDraft { Holidays = true, Closed = true };
                            extraOff.Add(off);
                        }

                        if (days.Count > 0)
                        {
                            if (rule.DaySet.Count == 0)
                            {
                                rule.DaySet.UnionWith(Enumerable.Range(0, 7));
                            }

                            rule.DaySet.ExceptWith(days);
                            if (rule.DaySet.Count == 0)
                            {
                                return null;
                            }
                        }

                        break;
                    }

                case Kind.Separator:
                    Close();
                    i++;
                    break;
                case Kind.And:
                    // Between two rules ("lundi 9h-12h, mardi 14h-17h") or after a day list: the days say it.
                    i++;
                    break;
                case Kind.Dash or Kind.To:
                    return null;
                default:
                    throw new InvalidOperationException($"Unknown token {t.Kind}.");
            }
        }

        Close();
        rules.AddRange(extraOff);
        if (rules.Count == 0)
        {
            return null;
        }

        // Closed days last, so that they win over the open rules before them.
        var ordered = rules.Where(r => !r.Closed).Concat(rules.Where(r => r.Closed)).ToList();
        var parts = new List<string>();
        foreach (var r in ordered)
        {
            var part = Rule(r);
            if (part is null)
            {
                return null;
            }

            parts.Add(part);
        }

        return string.Join("; ", parts);
    }

    private static string? Rule(RuleDraft r)
    {
        var selector = new StringBuilder();
        if (r.Always && r.DaySet.Count == 7 && r.Nth.Count == 0 && !r.Holidays)
        {
            return "24/7";
        }

        if (r.DaySet.Count > 0)
        {
            selector.Append(DayList(r.DaySet));
            if (r.Nth.Count > 0)
            {
                if (r.DaySet.Count != 1)
                {
                    return null;
                }

                selector.Append('[').Append(string.Join(',', r.Nth.Distinct().Order().Select(n => n.ToString(CultureInfo.InvariantCulture)))).Append(']');
            }
        }

        if (r.Holidays)
        {
            selector.Insert(0, selector.Length > 0 ? "PH," : "PH");
        }

        var body = r.Closed ? "off"
            : r.Always ? (selector.Length == 0 || (r.DaySet.Count == 7 && r.Nth.Count == 0 && !r.Holidays) ? "24/7" : "00:00-24:00")
            : string.Join(',', r.Times.Select(t => $"{Clock(t.From)}-{Clock(t.To)}"));
        if (r.Appointment && !r.Closed)
        {
            body = (body + " \"sur rendez-vous\"").Trim();
        }

        if (body.Length == 0)
        {
            return null;
        }

        return selector.Length == 0 ? body : $"{selector} {body}";
    }

    private static SortedSet<int>? ReadDays(List<Token> tokens, ref int i, out List<int> nth, out bool holidays)
    {
        var days = new SortedSet<int>();
        nth = [];
        holidays = false;
        var pendingNth = new List<int>();
        while (i < tokens.Count)
        {
            var t = tokens[i];
            if (t.Kind == Kind.Ordinal)
            {
                pendingNth.Add(t.Value);
                i++;
            }
            else if (t.Kind == Kind.Day)
            {
                var from = t.Value;
                i++;
                if (i + 1 < tokens.Count && tokens[i].Kind is Kind.To or Kind.Dash && tokens[i + 1].Kind == Kind.Day)
                {
                    var to = tokens[i + 1].Value;
                    i += 2;
                    for (var d = from; ; d = (d + 1) % 7)
                    {
                        days.Add(d);
                        if (d == to)
                        {
                            break;
                        }
                    }
                }
                else
                {
                    days.Add(from);
                }

                nth.AddRange(pendingNth);
                pendingNth.Clear();
            }
            else if (t.Kind == Kind.AllDays)
            {
                days.UnionWith(Enumerable.Range(0, 7));
                i++;
            }
            else if (t.Kind == Kind.WeekDays)
            {
                days.UnionWith(Enumerable.Range(0, 5));
                i++;
            }
            else if (t.Kind == Kind.WeekEnd)
            {
                days.UnionWith([5, 6]);
                i++;
            }
            else if (t.Kind == Kind.Holidays)
            {
                holidays = true;
                i++;
            }
            else if (t.Kind == Kind.And && i + 1 < tokens.Count && tokens[i + 1].Kind is Kind.Day or Kind.Ordinal or Kind.Holidays or Kind.WeekEnd or Kind.WeekDays)
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return pendingNth.Count > 0 ? null : days;
    }

    /// <summary>Days as the shortest list of ranges: "Mo-Fr", "Mo,We,Fr", "Mo-We,Sa".</summary>
    private static string DayList(SortedSet<int> days)
    {
        var parts = new List<string>();
        var list = days.ToList();
        var start = 0;
        while (start < list.Count)
        {
            var end = start;
            while (end + 1 < list.Count && list[end + 1] == list[end] + 1)
            {
                end++;
            }

            parts.Add(end - start >= 2 ? $"{DayCodes[list[start]]}-{DayCodes[list[end]]}"
                : end == start ? DayCodes[list[start]] : $"{DayCodes[list[start]]},{DayCodes[list[end]]}");
            start = end + 1;
        }

        return string.Join(',', parts);
    }

    private static string Clock(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";

    private static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    [GeneratedRegex(@"24\s*h?\s*(/|sur)\s*24\s*h?|24\s*h\s*24|jour et nuit")]
    private static partial Regex AlwaysPattern();

    [GeneratedRegex(@"7\s*j(ours)?\s*(/|sur)\s*7\s*j?|7\s*/\s*7|du lundi au dimanche")]
    private static partial Regex AllWeekPattern();

    [GeneratedRegex(@"(?<h>\d{1,2})\s?(h|:)(?<m>\d{2})?(?!\d)")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"(?<h>\d{1,2})(?=\s*(-|a\b|au\b|jusqu)\s*\d{1,2}\s*(h|:))")]
    private static partial Regex BareHourPattern();

    [GeneratedRegex(@"apres-midi|week-ends?|rendez-vous|[a-z0-9]+")]
    private static partial Regex WordPattern();
}
