// Hand-written: no maintained .NET parser of the OpenStreetMap opening_hours syntax exists; checked against opening_hours.js on 9,743 reference pairs.
namespace Reperes.OpeningHours.Internal;

/// <summary>
/// Recursive-descent parser following the structure of opening_hours.js (parseGroup and its sub-parsers),
/// so that the rules it builds evaluate the same way. Unsupported parts of the grammar are rejected.
/// </summary>
internal sealed class Parser
{
    private readonly string _value;
    private List<Token> _t = [];
    private int? _additionalAt;

    private Parser(string value) => _value = value;

    public static Rule[] Parse(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new OpeningHoursParseException("The value is empty.", 0);
        }

        return new Parser(value).ParseAll();
    }

    private Rule[] ParseAll()
    {
        var rules = new List<Rule>();
        var all = Tokenizer.Tokenize(_value);
        for (var next = 1; next <= all.Count; next++)
        {
            var ruleTokens = all[next - 1];
            _t = ruleTokens.Tokens;
            if (_t.Count == 0 && next < all.Count && all[next].Fallback)
            {
                // "|| open", "Mo 10:00-12:00; || off": a fallback needs a rule before it.
                throw new OpeningHoursParseException("A rule is missing before '||'.", Math.Max(0, all[next].Pos - 2));
            }

            if (_t.Count == 0)
            {
                // opening_hours.js only warns about an empty rule ("10:00-12:00;").
                continue;
            }

            var at = 0;
            var additional = false;
            while (true)
            {
                if (at >= _t.Count)
                {
                    break;
                }

                var builder = new RuleBuilder();
                _additionalAt = null;
                ParseGroup(at, builder);
                var rule = new Rule
                {
                    Date = builder.DateGroups(),
                    Time = [.. builder.Time],
                    Fallback = ruleTokens.Fallback,
                    Additional = additional,
                    Meaning = builder.Meaning,
                    Unknown = builder.Unknown,
                    Comment = builder.Comment,
                };
                rules.Add(rule);
                if (builder.WrapTime.Count > 0)
                {
                    rules.Add(new Rule
                    {
                        Date = [.. rule.Date.Select(group => group.Select(Selectors.ShiftOneDay).ToArray())],
                        Time = [.. builder.WrapTime],
                        Meaning = rule.Meaning,
                        Unknown = rule.Unknown,
                        Comment = rule.Comment,
                        Wrapped = true,
                    });
                }

                if (_additionalAt is null)
                {
                    break;
                }

                at = _additionalAt.Value;
                additional = true;
            }
        }

        if (rules.Count == 0)
        {
            throw new OpeningHoursParseException("The value contains no rule.", 0);
        }

        return [.. rules];
    }

    private bool Match(int at, params ReadOnlySpan<Tk> kinds)
    {
        if (at < 0 || at + kinds.Length > _t.Count)
        {
            return false;
        }

        for (var i = 0; i < kinds.Length; i++)
        {
            if (_t[at + i].Kind != kinds[i])
            {
                return false;
            }
        }

        return true;
    }

    private int PosOf(int at) => at < _t.Count ? _t[at].Pos : _value.Length;

    private OpeningHoursParseException Error(int at, string message) => new(message, PosOf(at));

    private OpeningHoursParseException Unexpected(int at, string context)
    {
        if (at >= _t.Count)
        {
            return new OpeningHoursParseException($"Unexpected end of rule {context}.", _value.Length);
        }

        return Error(at, $"Unexpected '{_t[at].Text}' {context}.");
    }

    /// <summary>
    /// Whether the weekday at <paramref name="at"/>, after a month, starts a date ("Jan Su[1]-Feb 03", a date range
    /// from a weekday occurrence) rather than a weekday selector narrowing the month ("Sep We[1] 14:00-16:00",
    /// "Nov Th[4] off": valid without a colon, the month and the weekday simply both apply).
    /// </summary>
    private bool IsWeekdayInDate(int at)
    {
        if (!Match(at, Tk.Weekday, Tk.LBracket))
        {
            return false;
        }

        var close = at + 2;
        while (close < _t.Count && !Match(close, Tk.RBracket))
        {
            close++;
        }

        return Match(close + 1, Tk.Dash, Tk.Month) || Match(close + 1, Tk.Dash, Tk.Year) || Match(close + 1, Tk.Plus) || Match(close + 1, Tk.Dash, Tk.Number);
    }

    private void ParseGroup(int at, RuleBuilder rule)
    {
        var modifierSpecified = false;
        while (at < _t.Count)
        {
            if (Match(at, Tk.Weekday))
            {
                at = ParseWeekdayRange(at, rule);
            }
            else if (Match(at, Tk.TwentyFourSeven))
            {
                rule.Time.Add(Selectors.Always);
                at++;
            }
            else if (Match(at, Tk.Holiday))
            {
                at = ParseHoliday(at, rule, pushToWeekday: Match(at + 1, Tk.Comma));
            }
            else if (Match(at, Tk.Month, Tk.Number) || (Match(at, Tk.Month, Tk.Weekday) && IsWeekdayInDate(at + 1)) || Match(at, Tk.Year, Tk.Month, Tk.Number))
            {
                at = ParseMonthdayRange(at, rule, pushToMonth: false);
            }
            else if (Match(at, Tk.Year))
            {
                at = ParseYearRange(at, rule);
            }
            else if (Match(at, Tk.Month))
            {
                at = ParseMonthRange(at, rule, pushToMonthday: false);
            }
            else if (Match(at, Tk.Week))
            {
                at = ParseWeekRange(at, rule);
            }
            else if (at != 0 && at != _t.Count - 1 && Match(at, Tk.TimeSep))
            {
                // Optional readability colon: "Mo-Fr: 09:00-17:00".
                at++;
            }
            else if (Match(at, Tk.Number, Tk.TimeSep))
            {
                at = ParseTimeRange(at, rule, extendedOpenEnd: 0);
            }
            else if (Match(at, Tk.Number, Tk.Dash) || Match(at, Tk.Number))
            {
                throw Error(at, $"Time '{_t[at].Text}' needs minutes: write times as HH:MM, e.g. 09:00-17:00.");
            }
            else if (Match(at, Tk.State))
            {
                switch (_t[at].Value)
                {
                    case Tokenizer.StateOpen:
                        rule.Meaning = true;
                        rule.Unknown = false;
                        break;
                    case Tokenizer.StateClosed:
                        rule.Meaning = false;
                        rule.Unknown = false;
                        break;
                    default:
                        rule.Meaning = false;
                        rule.Unknown = true;
                        break;
                }

                modifierSpecified = true;
                at++;
                if (Match(at, Tk.Comma))
                {
                    _additionalAt = at + 1;
                }
            }
            else if (Match(at, Tk.Comment))
            {
                rule.Comment = _t[at].Text;
                if (!modifierSpecified)
                {
                    // A comment without open/closed makes the rule "unknown", as in opening_hours.js.
                    rule.Meaning = false;
                    rule.Unknown = true;
                }

                modifierSpecified = true;
                at++;
                if (Match(at, Tk.Comma))
                {
                    _additionalAt = at + 1;
                }
            }
            else
            {
                throw Unexpected(at, "here");
            }

            if (_additionalAt is not null)
            {
                return;
            }
        }
    }

    private int ParseTimeRange(int at, RuleBuilder rule, int extendedOpenEnd)
    {
        for (; at < _t.Count; at++)
        {
            if (Match(at, Tk.Number, Tk.TimeSep, Tk.Number))
            {
                var from = Minutes(at);
                var atEnd = at + 4;
                var openEnd = false;
                if (!Match(atEnd - 1, Tk.Dash))
                {
                    if (Match(atEnd - 1, Tk.Plus))
                    {
                        openEnd = true;
                    }
                    else
                    {
                        throw Error(at, $"Time {_t[at].Text}:{_t[at + 2].Text} is not a range: write a range like 09:00-17:00, or 18:00+ for an open end.");
                    }
                }

                int to;
                if (openEnd)
                {
                    if (extendedOpenEnd == 1)
                    {
                        from += Selectors.MinutesInDay;
                    }

                    // Guessed closing time, as in opening_hours.js.
                    to = from >= 22 * 60 ? from + (8 * 60) : from >= 17 * 60 ? from + (10 * 60) : Selectors.MinutesInDay;
                }
                else
                {
                    if (!Match(atEnd, Tk.Number, Tk.TimeSep, Tk.Number))
                    {
                        throw atEnd < _t.Count && Match(atEnd, Tk.Number)
                            ? Error(atEnd, $"End time '{_t[atEnd].Text}' needs minutes: write it as HH:MM.")
                            : Unexpected(atEnd, "after '-': expected an end time like 17:00");
                    }

                    to = Minutes(atEnd);
                }

                var next = openEnd ? atEnd : atEnd + 3;
                if (Match(next, Tk.Slash))
                {
                    throw Error(next, "Repeating points in time ('/') are not supported.");
                }

                if (Match(next, Tk.Plus) && extendedOpenEnd == 0)
                {
                    ParseTimeRange(atEnd, rule, to < from ? 1 : 2);
                    next++;
                }

                if (extendedOpenEnd == 0 && from >= Selectors.MinutesInDay)
                {
                    throw Error(at, "A time range must start before 24:00.");
                }

                if (to < from || (!openEnd && from == to))
                {
                    to += Selectors.MinutesInDay;
                }

                if (to > Selectors.MinutesInDay * 2)
                {
                    throw Error(openEnd ? at : atEnd, "A time range cannot extend beyond the next midnight (48:00).");
                }

                if (from == 0 && to == Selectors.MinutesInDay)
                {
                    rule.Time.Add(Selectors.Always);
                }
                else if (to > Selectors.MinutesInDay)
                {
                    rule.Time.Add(Selectors.WrappingTimeRange(from, to, openEnd));
                    rule.WrapTime.Add(Selectors.WrappedTimeRange(to - Selectors.MinutesInDay, openEnd));
                }
                else
                {
                    rule.Time.Add(Selectors.TimeRange(from, to, openEnd));
                }

                at = next;
                if (extendedOpenEnd != 0)
                {
                    return at;
                }
            }
            else if (Match(at, Tk.Number))
            {
                throw Error(at, $"Time '{_t[at].Text}' needs minutes: write times as HH:MM, e.g. 09:00-17:00.");
            }
            else
            {
                // Anything else after a comma starts an additional rule ("Mo 10:00-12:00, We 14:00-16:00").
                _additionalAt = at;
                return at;
            }

            if (!Match(at, Tk.Comma))
            {
                break;
            }
        }

        return at;
    }

    private int Minutes(int at)
    {
        var hours = _t[at].Value;
        var minutes = _t[at + 2].Value;
        if (_t[at + 2].Text.Length != 2 || minutes > 59)
        {
            throw Error(at + 2, $"Invalid minutes '{_t[at + 2].Text}': expected two digits from 00 to 59.");
        }

        if (hours > 48)
        {
            throw Error(at, $"Invalid hour '{_t[at].Text}': hours go from 00 to 48.");
        }

        return (hours * 60) + minutes;
    }

    private List<int> ParseNumRange(int at, out int end)
    {
        var numbers = new List<int>();
        for (; at < _t.Count; at++)
        {
            int from, to;
            if (Match(at, Tk.Number, Tk.Dash, Tk.Number))
            {
                from = _t[at].Value;
                to = _t[at + 2].Value;
                at += 3;
            }
            else if (Match(at, Tk.Dash, Tk.Number))
            {
                from = to = -_t[at + 1].Value;
                at += 2;
            }
            else if (Match(at, Tk.Number))
            {
                from = to = _t[at].Value;
                at++;
            }
            else
            {
                throw Unexpected(at, "in a number list: expected a number like 1, -1 or 1-2");
            }

            if (from > to)
            {
                throw Error(at - 1, $"Reversed range {from}-{to}.");
            }

            for (var i = from; i <= to; i++)
            {
                if (i == 0 || i < -5 || i > 5)
                {
                    throw Error(at - 1, "The occurrence of a weekday in the month must be between -5 and 5 and not 0.");
                }

                numbers.Add(i);
            }

            if (!Match(at, Tk.Comma))
            {
                break;
            }
        }

        end = at;
        return numbers;
    }

    private int ParseWeekdayRange(int at, RuleBuilder rule)
    {
        for (; at < _t.Count; at++)
        {
            if (Match(at, Tk.Weekday, Tk.LBracket))
            {
                var numbers = ParseNumRange(at + 2, out var endAt);
                if (!Match(endAt, Tk.RBracket))
                {
                    throw Unexpected(endAt, "in a weekday occurrence: expected ']' or more numbers");
                }

                if (Match(endAt + 1, Tk.Plus) || Match(endAt + 1, Tk.Dash, Tk.Number))
                {
                    throw Error(endAt + 1, "Day offsets such as '+1 day' are not supported.");
                }

                foreach (var n in numbers)
                {
                    rule.Weekday.Add(Selectors.NthWeekday(_t[at].Value, n));
                }

                at = endAt + 1;
            }
            else if (Match(at, Tk.Weekday))
            {
                var isRange = Match(at + 1, Tk.Dash, Tk.Weekday);
                var from = _t[at].Value;
                var to = isRange ? _t[at + 2].Value : from;
                rule.Weekday.Add(Selectors.WeekdayRange(from, to));
                at += isRange ? 3 : 1;
            }
            else if (Match(at, Tk.Holiday))
            {
                return ParseHoliday(at, rule, pushToWeekday: true);
            }
            else
            {
                throw Unexpected(at, "in a weekday list: expected a weekday (Mo-Su) or PH");
            }

            if (!Match(at, Tk.Comma))
            {
                break;
            }
        }

        return at;
    }

    private int ParseHoliday(int at, RuleBuilder rule, bool pushToWeekday)
    {
        var target = pushToWeekday ? rule.Weekday : rule.Holiday;
        while (at < _t.Count)
        {
            if (Match(at, Tk.Holiday))
            {
                if (Match(at + 1, Tk.Plus) || Match(at + 1, Tk.Dash, Tk.Number))
                {
                    throw Error(at + 1, "Day offsets such as 'PH +1 day' are not supported.");
                }

                target.Add(Selectors.PublicHoliday());
                at++;
            }
            else if (Match(at, Tk.Weekday))
            {
                return ParseWeekdayRange(at, rule);
            }
            else
            {
                throw Unexpected(at, "in a holiday list: expected PH or a weekday");
            }

            if (!Match(at, Tk.Comma))
            {
                break;
            }

            at++;
        }

        return at;
    }

    private int ParseYearRange(int at, RuleBuilder rule)
    {
        for (; at < _t.Count; at++)
        {
            if (!Match(at, Tk.Year))
            {
                throw Unexpected(at, "in a year list: expected a year like 2026");
            }

            var from = _t[at].Value;
            int? to = null;
            var hasPeriod = 0;
            var period = 0;
            var length = 1;
            if (Match(at + 1, Tk.Dash, Tk.Year))
            {
                to = _t[at + 2].Value;
                length = 3;
                if (to <= from)
                {
                    throw Error(at, to == from ? $"Year range {from}-{to} is a single year: write {from}." : $"Reversed year range {from}-{to}.");
                }
            }

            if (Match(at + length, Tk.Slash, Tk.Number))
            {
                hasPeriod = 1;
                period = _t[at + length + 1].Value;
                if (period == 0)
                {
                    throw Error(at + length + 1, "A year period cannot be 0.");
                }

                length += 2;
            }
            else if (to is null && Match(at + 1, Tk.Plus))
            {
                hasPeriod = 2;
                period = 1;
                length = 2;
            }

            rule.Year.Add(Selectors.YearRange(from, to, hasPeriod, period));
            at += length;
            if (!Match(at, Tk.Comma))
            {
                break;
            }
        }

        return at;
    }

    private int ParseWeekRange(int at, RuleBuilder rule)
    {
        for (; at < _t.Count; at++)
        {
            if (Match(at, Tk.Week))
            {
                at++;
            }

            if (!Match(at, Tk.Number))
            {
                throw Unexpected(at, "after 'week': expected a week number like 1, 1-53 or 1-53/2");
            }

            var isRange = Match(at + 1, Tk.Dash, Tk.Number);
            var from = _t[at].Value;
            var to = isRange ? _t[at + 2].Value : from;
            if (from > to)
            {
                throw Error(at + 2, $"Reversed week range {from}-{to}.");
            }

            if (from < 1)
            {
                throw Error(at, "Week numbers start at 1.");
            }

            if (to > 53)
            {
                throw Error(isRange ? at + 2 : at, "Week numbers end at 53.");
            }

            var period = 0;
            if (isRange && Match(at + 3, Tk.Slash, Tk.Number))
            {
                period = _t[at + 4].Value;
                if (period < 2 || period > 26)
                {
                    throw Error(at + 4, "A week period must be between 2 and 26.");
                }
            }

            rule.Week.Add(Selectors.WeekRange(from, to, period));
            at += 1 + (isRange ? 2 : 0) + (period != 0 ? 2 : 0);
            if (!Match(at, Tk.Comma))
            {
                break;
            }
        }

        return at;
    }

    private int ParseMonthRange(int at, RuleBuilder rule, bool pushToMonthday)
    {
        for (; at < _t.Count; at++)
        {
            if (Match(at, Tk.Month, Tk.Number) && !Match(at + 2, Tk.TimeSep, Tk.Number))
            {
                return ParseMonthdayRange(at, rule, pushToMonth: true);
            }

            if (!Match(at, Tk.Month))
            {
                throw Unexpected(at, "in a month list: expected a month (Jan-Dec)");
            }

            var isRange = Match(at + 1, Tk.Dash, Tk.Month);
            var selector = Selectors.MonthRange(_t[at].Value, isRange ? _t[at + 2].Value : _t[at].Value);
            (pushToMonthday ? rule.Monthday : rule.Month).Add(selector);
            at += isRange ? 3 : 1;
            if (!Match(at, Tk.Comma))
            {
                break;
            }
        }

        return at;
    }

    private void CheckDate(int month0, int day, int at)
    {
        int[] days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        if (day < 1 || day > days[month0])
        {
            throw Error(at, $"Day {day} does not exist in {MonthName(month0)}.");
        }
    }

    private static string MonthName(int month0) =>
        new[] { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" }[month0];

    private int ParseMonthdayRange(int at, RuleBuilder rule, bool pushToMonth)
    {
        var target = pushToMonth ? rule.Month : rule.Monthday;
        for (; at < _t.Count; at++)
        {
            var y0 = Match(at, Tk.Year) ? 1 : 0;
            var hasMonth0 = Match(at + y0, Tk.Month, Tk.Number);
            if (Match(at + y0, Tk.Month, Tk.Weekday, Tk.LBracket))
            {
                throw Error(at + y0 + 1, "Weekday occurrences inside a date ('Jan Su[1]') are not supported.");
            }

            var atRangeSep = at + y0 + 2;
            bool? hasYear1 = null;
            var hasMonth1 = false;
            var atSec = 0;
            if (hasMonth0 && Match(atRangeSep, Tk.Dash))
            {
                hasYear1 = Match(atRangeSep + 1, Tk.Year);
                atSec = atRangeSep + 1 + (hasYear1.Value ? 1 : 0);
                hasMonth1 = Match(atSec, Tk.Month, Tk.Number);
            }

            if (hasYear1 == (y0 == 1) && hasMonth1)
            {
                CheckDate(_t[at + y0].Value, _t[at + y0 + 1].Value, at + y0 + 1);
                CheckDate(_t[atSec].Value, _t[atSec + 1].Value, atSec + 1);
                if (Match(atSec + 2, Tk.Slash))
                {
                    throw Error(atSec + 2, "Periods on date ranges across months are not supported.");
                }

                target.Add(Selectors.DateRange(
                    y0 == 1 ? _t[at].Value : null,
                    _t[at + y0].Value,
                    _t[at + y0 + 1].Value,
                    y0 == 1 ? _t[atSec - 1].Value : null,
                    _t[atSec].Value,
                    _t[atSec + 1].Value));
                at = atSec + 2;
            }
            else if (hasMonth0)
            {
                int? year = y0 == 1 ? _t[at].Value : null;
                var month = _t[at + y0].Value;
                var firstRound = true;
                do
                {
                    var rangeFrom = _t[at + 1 + y0].Value;
                    var isRange = Match(at + 2 + y0, Tk.Dash, Tk.Number);
                    var period = 0;
                    var atRangeTo = at + y0 + (isRange ? 3 : 1);
                    var rangeTo = _t[atRangeTo].Value + 1;
                    if (isRange && Match(at + y0 + 4, Tk.Slash, Tk.Number))
                    {
                        period = _t[at + y0 + 5].Value;
                        if (period == 0)
                        {
                            throw Error(at + y0 + 5, "A day period cannot be 0.");
                        }
                    }

                    if (firstRound)
                    {
                        var atTimeSep = at + y0 + 1 + (isRange ? 2 : 0) + (period != 0 ? 2 : 0) + (isRange || period != 0 ? 0 : 1);
                        // "Jan 10:00-12:00": a month followed by a time, not a day.
                        if (Match(atTimeSep, Tk.TimeSep, Tk.Number) && (Match(atTimeSep + 2, Tk.Plus) || Match(atTimeSep + 2, Tk.Dash)))
                        {
                            return ParseMonthRange(at, rule, pushToMonthday: true);
                        }
                    }

                    if (rangeTo < rangeFrom)
                    {
                        throw Error(at + y0 + 3, $"Reversed day range {rangeFrom}-{rangeTo - 1}.");
                    }

                    CheckDate(month, rangeFrom, at + 1 + y0);
                    CheckDate(month, rangeTo - 1, atRangeTo);
                    target.Add(Selectors.MonthDays(year, month, rangeFrom, rangeTo, isRange, period));
                    at += 2 + y0 + (isRange ? 2 : 0) + (period != 0 ? 2 : 0);
                    firstRound = false;
                }
                while (Match(at, Tk.Comma, Tk.Number));
            }
            else if (Match(at, Tk.Month))
            {
                return ParseMonthRange(at, rule, pushToMonthday: true);
            }
            else if (Match(at - 1, Tk.Comma))
            {
                throw Error(at - 1, "A comma in a date list must be followed by another date.");
            }
            else
            {
                return at;
            }

            if (!Match(at, Tk.Comma))
            {
                break;
            }
        }

        return at;
    }
}
