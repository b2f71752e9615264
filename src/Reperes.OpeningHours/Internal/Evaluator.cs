using NodaTime;

namespace Reperes.OpeningHours.Internal;

internal readonly record struct StatePair(bool Open, Instant? Next, bool Unknown, string? Comment)
{
    public bool SameState(StatePair other) =>
        Open == other.Open && Unknown == other.Unknown && string.Equals(Comment, other.Comment, StringComparison.Ordinal);

    public OpeningStatus Status => Open ? OpeningStatus.Open : Unknown ? OpeningStatus.Unknown : OpeningStatus.Closed;
}

/// <summary>Port of opening_hours.js <c>getStatePair</c> and its iterator.</summary>
internal static class Evaluator
{
    /// <summary>Comment opening_hours.js (locale fr) attaches to open-end ranges.</summary>
    public const string OpenEndComment = "Indiqué comme \"open end\" (fin ouverte). L'heure de fermeture a été estimée.";

    public static StatePair GetStatePair(Rule[] rules, EvalContext ctx, Instant instant)
    {
        var date = ctx.At(instant);
        JsDate? dayBefore = null;
        var resultState = false;
        var unknown = false;
        Instant? changeDate = null;
        string? comment = null;
        var commentRule = -1;
        var matchRule = -1;

        // Indexes of the rules whose date selectors match; a later overriding rule clears the list.
        Span<int> matching = rules.Length <= 64 ? stackalloc int[rules.Length] : new int[rules.Length];
        var matchingCount = 0;

        for (var nrule = 0; nrule < rules.Length; nrule++)
        {
            var rule = rules[nrule];
            var matchingDateRule = true;
            foreach (var group in rule.Date)
            {
                var hasMatchingSelector = false;
                foreach (var selector in group)
                {
                    var res = selector(ctx, date);
                    if (res.Match)
                    {
                        hasMatchingSelector = true;
                        if (res.Name is not null)
                        {
                            comment = res.Name;
                            commentRule = nrule;
                        }
                    }

                    changeDate = Min(changeDate, res.Next);
                }

                if (!hasMatchingSelector)
                {
                    // Selector types are combined with AND: nothing changes before this one matches.
                    matchingDateRule = false;
                    break;
                }
            }

            if (!matchingDateRule)
            {
                continue;
            }

            if ((rule.Date.Length > 0 || (nrule > 0 && rule.Meaning && rules[nrule - 1].Date.Length == 0))
                && (rule.Meaning || rule.Unknown)
                && !rule.Wrapped && !rule.Additional && !rule.Fallback)
            {
                matchingCount = 0;
            }

            matching[matchingCount++] = nrule;
        }

        for (var i = 0; i < matchingCount; i++)
        {
            var ruleIndex = matching[i];
            var rule = rules[ruleIndex];
            if (rule.Time.Length == 0)
            {
                if (!rule.Fallback || !(resultState || unknown))
                {
                    resultState = rule.Meaning;
                    unknown = rule.Unknown;
                    matchRule = ruleIndex;
                }
            }

            for (var timesel = 0; timesel < rule.Time.Length; timesel++)
            {
                var res = rule.Time[timesel](ctx, date);
                if (res.Match && (!rule.Fallback || !(resultState || unknown)))
                {
                    resultState = rule.Meaning;
                    unknown = rule.Unknown;
                    matchRule = ruleIndex;
                    if (commentRule >= 0 && ReferenceEquals(comment, OpenEndComment))
                    {
                        comment = null;
                        commentRule = -1;
                    }

                    if (res.OpenEnd && (resultState || unknown))
                    {
                        comment = OpenEndComment;
                        commentRule = matchRule;
                        resultState = false;
                        unknown = true;

                        // Reference hack: in "07:00+,12:00-16:00" the open end stops where the next range starts.
                        if (timesel + 1 < rule.Time.Length)
                        {
                            var nextRes = rule.Time[timesel + 1](ctx, date);
                            dayBefore ??= ctx.At(instant - Duration.FromMilliseconds(1));
                            if (!nextRes.Match && nextRes.Next is not null && rule.Time[timesel](ctx, dayBefore.Value).Match)
                            {
                                resultState = false;
                                unknown = false;
                            }
                        }
                    }

                    if (rule.Fallback)
                    {
                        changeDate = Min(changeDate, res.Next);
                    }
                }

                changeDate = Min(changeDate, res.Next);
            }
        }

        string? finalComment;
        if (matchRule >= 0 && rules[matchRule].Comment is not null)
        {
            finalComment = rules[matchRule].Comment;
        }
        else
        {
            finalComment = commentRule >= 0 && commentRule == matchRule ? comment : null;
        }

        return new StatePair(resultState, changeDate, unknown, finalComment);
    }

    /// <summary>Iterator <c>advance</c>: next instant strictly before <paramref name="limit"/> where the state changes.</summary>
    public static Instant? NextChange(Rule[] rules, EvalContext ctx, Instant from, Instant limit, out StatePair stateAfter)
    {
        var date = from;
        var state = GetStatePair(rules, ctx, date);
        stateAfter = state;
        if (limit <= date)
        {
            return null;
        }

        StatePair previous;
        do
        {
            if (state.Next is null || state.Next.Value <= date || state.Next.Value >= limit)
            {
                return null;
            }

            date = state.Next.Value;
            previous = state;
            state = GetStatePair(rules, ctx, date);
        }
        while (state.SameState(previous));

        stateAfter = state;
        return date;
    }

    private static Instant? Min(Instant? current, Instant? candidate) =>
        candidate is null ? current : current is null || candidate.Value < current.Value ? candidate : current;
}
