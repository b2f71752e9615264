using Reperes.OpeningHours;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Core.Hours;

/// <summary>A service as its open state needs it. <paramref name="OpeningHours"/> null: the structure's hours apply.</summary>
public sealed record ServiceHours(int Id, string Name, int CategoryId, string? OpeningHours)
{
    public static ServiceHours Of(Service service) => new(service.Id, service.Name, service.CategoryId, service.OpeningHours);
}

/// <summary>
/// A place as its open state needs it: the structure's own hours, its services, and its notices (current and coming;
/// <see cref="NoticeInfo.ServiceId"/> null for the whole structure). Expired notices may be given: they change nothing.
/// </summary>
public sealed record PlaceHours(string? OpeningHours, IReadOnlyList<ServiceHours> Services, IReadOnlyList<NoticeInfo> Notices)
{
    /// <summary>A structure loaded with its services, and its notices.</summary>
    public static PlaceHours Of(Structure structure, IReadOnlyList<NoticeInfo> notices) =>
        new(structure.OpeningHours, structure.Services.Select(ServiceHours.Of).ToList(), notices);
}

/// <summary>
/// Open or not at an instant, and until when. <see cref="ClosesAt"/> is set when open (null: open for the whole coming
/// year), <see cref="OpensAt"/> when not open (null: no opening within a year). <see cref="Closure"/> is the closure
/// notice in force, <see cref="ExceptionalHours"/> the exceptional hours in force that day; <see cref="HoursKnown"/> is
/// false when no readable hours apply (then the state is <see cref="OpeningStatus.Unknown"/>).
/// </summary>
public sealed record OpenState(
    OpeningStatus Status,
    string? Comment,
    DateTimeOffset? ClosesAt,
    DateTimeOffset? OpensAt,
    NoticeInfo? Closure,
    NoticeInfo? ExceptionalHours,
    bool HoursKnown)
{
    public bool IsOpen => Status == OpeningStatus.Open;

    /// <summary>The next change that matters: when it closes if open, else when it opens.</summary>
    public DateTimeOffset? NextChange => IsOpen ? ClosesAt : OpensAt;

    public string CssClass => Status switch
    {
        OpeningStatus.Open => "open",
        OpeningStatus.Closed => "closed",
        OpeningStatus.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(Status), Status, null),
    };

    /// <summary>Open now, or opening before the end of the local day of <paramref name="now"/> (the "open today" filter).</summary>
    public bool OpenToday(DateTimeOffset now) => IsOpen || (OpensAt is { } opens && opens < HoursEvaluator.EndOfLocalDay(now));
}

/// <summary>A service and its state.</summary>
public sealed record ServiceOpenState(ServiceHours Service, OpenState State);

/// <summary>
/// The state of a place for a question. <see cref="Headline"/> is what a list shows; <see cref="About"/> names the
/// service it is about (null when it is the structure's own hours). <see cref="Services"/> are the relevant services'
/// states, in the order given. <see cref="IsOpen"/> and <see cref="OpenToday"/> are what the "open now" and "open today"
/// filters keep.
/// </summary>
public sealed record PlaceOpenState(OpenState Headline, ServiceHours? About, IReadOnlyList<ServiceOpenState> Services, bool OpenToday)
{
    public bool IsOpen => Headline.IsOpen;
}

/// <summary>
/// The one computation of "open now, closes at, opens at" for a place and a question, used by every page, answer and
/// printed sheet. A question is the set of categories that answer it (a need's, a category, the categories words
/// mapped to); empty, the whole place.
/// <para>
/// Relevant timelines: with a question, the services in its categories (the whole place when the structure has none
/// of them); for the whole place, the structure's own hours and every service. Each service follows its own hours,
/// else the structure's. Notices apply by local day: a closure (of the structure, or of the service) closes the whole
/// day. A service's own exceptional hours replace its hours on their days. The structure's exceptional hours stand for
/// the whole structure: they replace its hours, and so those of the services that follow them, and limit a service
/// with hours of its own to the times both say open (a shower inside a day centre on reduced hours). "Opens at" and
/// "closes at" follow these rules across midnight and days, up to a year ahead.
/// </para>
/// <para>
/// The headline is the relevant timeline that is open and stays open the longest; else the one that opens the
/// soonest; else one whose hours are unknown; ties go to the structure itself, then to the service created first
/// (the smallest id), whatever the order of the services given.
/// </para>
/// </summary>
public sealed class OpenStates(HoursEvaluator hours)
{
    internal HoursEvaluator Hours => hours;

    /// <summary>How far "opens at" and "closes at" are looked for.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(366);

    /// <summary>The state of a place for a question (<paramref name="scopeCategoryIds"/> empty: the whole place).</summary>
    public PlaceOpenState Of(PlaceHours place, IReadOnlyCollection<int> scopeCategoryIds, DateTimeOffset now)
    {
        var timelines = Relevant(place, scopeCategoryIds);
        var endOfDay = HoursEvaluator.EndOfLocalDay(now);
        var states = new List<(ServiceHours? Service, OpenState State)>(timelines.Count);
        foreach (var timeline in timelines)
        {
            states.Add((timeline.Service, StateOf(timeline, now)));
        }

        var best = states[0];
        foreach (var candidate in states.Skip(1))
        {
            var order = Compare(candidate.State, best.State);
            if (order < 0 || (order == 0 && best.Service is not null && candidate.Service is not null && candidate.Service.Id < best.Service.Id))
            {
                best = candidate;
            }
        }

        return new PlaceOpenState(
            best.State,
            best.Service,
            states.Where(s => s.Service is not null).Select(s => new ServiceOpenState(s.Service!, s.State)).ToList(),
            states.Any(s => s.State.IsOpen || s.State.OpensAt < endOfDay));
    }

    /// <summary>The state of one service of a place (its own hours or the structure's, with the notices that apply).</summary>
    public OpenState OfService(PlaceHours place, ServiceHours service, DateTimeOffset now) =>
        StateOf(ForService(place, service), now);

    /// <summary>The state of the structure's own hours, with its structure-wide notices.</summary>
    public OpenState OfStructure(PlaceHours place, DateTimeOffset now) =>
        StateOf(ForStructure(place), now);

    /// <summary>
    /// A timeline's state; without notices, that of its expression, computed once a minute for every page (states
    /// change on whole minutes, so "opens at" and "closes at" name the same minutes all minute long).
    /// </summary>
    private OpenState StateOf(Timeline timeline, DateTimeOffset now)
    {
        if (timeline.PlainExpression is not { } expression)
        {
            return timeline.State(now, now + Horizon);
        }

        var minute = AnswersAt(now);
        if (!minute.TryGetState(expression, out var state))
        {
            state = timeline.State(now, now + Horizon);
            minute.AddState(expression, state);
        }

        return state;
    }

    /// <summary>
    /// The seven days from <paramref name="firstDay"/> of a service (null: of the structure's own hours), with the same
    /// notices as its state: the week table of a sheet or a printed page.
    /// </summary>
    public IReadOnlyList<WeekDay> Week(PlaceHours place, ServiceHours? service, DateOnly firstDay) =>
        (service is null ? ForStructure(place) : ForService(place, service)).Week(firstDay);

    /// <summary>
    /// A filter for many places at one instant (a search's candidates): the same rules as <see cref="Of"/>, without the
    /// "opens at" and "closes at" it does not need, remembered per expression for the places without notices.
    /// </summary>
    public OpenFilterMatcher Matcher(OpenFilter filter, DateTimeOffset now) => new(this, filter, now, AnswersAt(now));

    /// <summary>
    /// The filters' answers per expression during the minute of <paramref name="now"/>, shared by every search of that
    /// minute: opening hours change state on whole minutes, so an expression answers the same all minute long.
    /// </summary>
    internal FilterAnswers AnswersAt(DateTimeOffset now)
    {
        var minute = now.UtcTicks / TimeSpan.TicksPerMinute;
        var current = answers;
        if (current.Minute == minute)
        {
            return current;
        }

        if (minute < current.Minute)
        {
            // A request that began in the minute before: answers of its own, the current minute's kept for the others.
            return new FilterAnswers(minute);
        }

        current = new FilterAnswers(minute);
        answers = current;
        return current;
    }

    private volatile FilterAnswers answers = new(long.MinValue);

    /// <summary>The timelines that answer the question, the structure's own first when the whole place is asked.</summary>
    internal IReadOnlyList<Timeline> Relevant(PlaceHours place, IReadOnlyCollection<int> scopeCategoryIds)
    {
        var timelines = new List<Timeline>(place.Services.Count + 1);
        AnyRelevant(place, scopeCategoryIds, (States: this, Place: place, Timelines: timelines), static (state, service) =>
        {
            state.Timelines.Add(service is null ? state.States.ForStructure(state.Place) : state.States.ForService(state.Place, service));
            return false;
        });
        return timelines;
    }

    /// <summary>
    /// Whether <paramref name="test"/> holds for one of the hours that answer the question, in order: with a question,
    /// the services in its categories; without, or when the structure has none of them, the structure itself (null)
    /// then every service. The one place that says which hours a question looks at.
    /// </summary>
    internal static bool AnyRelevant<TState>(PlaceHours place, IReadOnlyCollection<int> scopeCategoryIds, TState state, Func<TState, ServiceHours?, bool> test)
    {
        // Indexed loops: an enumerator through the interface is an allocation per place, thousands per search.
        var services = place.Services;
        if (scopeCategoryIds.Count > 0)
        {
            var anyScoped = false;
            for (var i = 0; i < services.Count; i++)
            {
                var service = services[i];
                if (scopeCategoryIds.Contains(service.CategoryId))
                {
                    anyScoped = true;
                    if (test(state, service))
                    {
                        return true;
                    }
                }
            }

            if (anyScoped)
            {
                return false;
            }
        }

        if (test(state, null))
        {
            return true;
        }

        for (var i = 0; i < services.Count; i++)
        {
            if (test(state, services[i]))
            {
                return true;
            }
        }

        return false;
    }

    private Timeline ForStructure(PlaceHours place) =>
        new(hours, null, place.OpeningHours, ownHours: false, place.Notices.Where(n => n.ServiceId is null && n.Kind != NoticeKind.Message).ToList());

    private Timeline ForService(PlaceHours place, ServiceHours service) =>
        new(hours, service, service.OpeningHours ?? place.OpeningHours, ownHours: service.OpeningHours is not null,
            place.Notices.Where(n => n.Kind != NoticeKind.Message && (n.ServiceId is null || n.ServiceId == service.Id)).ToList());

    /// <summary>
    /// Negative when <paramref name="a"/> makes a better headline than <paramref name="b"/>: open beats not open (the
    /// one staying open longer first); then the sooner opening; then unknown hours.
    /// </summary>
    private static int Compare(OpenState a, OpenState b)
    {
        if (a.IsOpen != b.IsOpen)
        {
            return a.IsOpen ? -1 : 1;
        }

        if (a.IsOpen)
        {
            // Null: open for the whole year ahead.
            return (b.ClosesAt ?? DateTimeOffset.MaxValue).CompareTo(a.ClosesAt ?? DateTimeOffset.MaxValue);
        }

        if (a.OpensAt != b.OpensAt)
        {
            return (a.OpensAt ?? DateTimeOffset.MaxValue).CompareTo(b.OpensAt ?? DateTimeOffset.MaxValue);
        }

        return (b.Status == OpeningStatus.Unknown).CompareTo(a.Status == OpeningStatus.Unknown);
    }

    /// <summary>
    /// One timeline: regular hours with notices on top, decided per local day. The days on which notices start or end
    /// cut it into spans in which one rule holds: closed, or one expression (possibly limited by a second one).
    /// </summary>
    internal sealed class Timeline
    {
        private readonly HoursEvaluator hours;
        private readonly string? regular;
        private readonly bool ownHours;
        private readonly IReadOnlyList<NoticeInfo> notices;
        private readonly DateOnly[] boundaries;

        /// <param name="ownHours">A service with hours of its own: the structure's exceptional hours limit them.</param>
        /// <param name="notices">Closures and exceptional hours of the structure and of this service.</param>
        public Timeline(HoursEvaluator hours, ServiceHours? service, string? regular, bool ownHours, IReadOnlyList<NoticeInfo> notices)
        {
            this.hours = hours;
            Service = service;
            this.regular = regular;
            this.ownHours = ownHours;
            this.notices = notices;
            boundaries = notices.SelectMany(n => new[] { n.StartsOn, n.EndsOn.AddDays(1) }).Distinct().Order().ToArray();
        }

        public ServiceHours? Service { get; }

        /// <summary>The expression ruling, when the timeline has no notice (then its state is that expression's).</summary>
        public string? PlainExpression => notices.Count == 0 ? regular : null;

        public bool HasNotices => notices.Count > 0;

        public OpenState State(DateTimeOffset now, DateTimeOffset horizon)
        {
            var rule = Rule(HoursEvaluator.LocalDate(now));
            var state = rule.Evaluate(now);
            var closesAt = state.Status == OpeningStatus.Open ? Next(now, horizon, wantOpen: false) : null;
            var opensAt = state.Status == OpeningStatus.Open ? null : Next(now, horizon, wantOpen: true);
            return new OpenState(state.Status, state.Comment, closesAt, opensAt, rule.Closure, rule.Exceptional, rule.Closure is not null || rule.Schedule is not null);
        }

        public bool IsOpen(DateTimeOffset now) => Rule(HoursEvaluator.LocalDate(now)).Evaluate(now).Status == OpeningStatus.Open;

        /// <summary>Open now or before the end of the local day.</summary>
        public bool OpenToday(DateTimeOffset now) => IsOpen(now) || Next(now, HoursEvaluator.EndOfLocalDay(now), wantOpen: true) is not null;

        /// <summary>Seven days from <paramref name="firstDay"/>, each with the hours its rule gives.</summary>
        public IReadOnlyList<WeekDay> Week(DateOnly firstDay)
        {
            var days = new List<WeekDay>(7);
            for (var i = 0; i < 7; i++)
            {
                var day = firstDay.AddDays(i);
                var rule = Rule(day);
                if (rule.Closure is not null)
                {
                    days.Add(new WeekDay(day, false, [], rule.Closure));
                    continue;
                }

                if (rule.Schedule is null)
                {
                    days.Add(new WeekDay(day, false, null, rule.Exceptional));
                    continue;
                }

                var computed = OpeningHoursText.Week(rule.Schedule, day)[0];
                var ranges = rule.Limit is null ? computed.Ranges : Intersect(computed.Ranges, OpeningHoursText.Week(rule.Limit, day)[0].Ranges);
                days.Add(new WeekDay(day, computed.IsPublicHoliday, ranges, rule.Exceptional));
            }

            return days;
        }

        private DayRule Rule(DateOnly day)
        {
            NoticeInfo? own = null;
            NoticeInfo? structureWide = null;
            foreach (var notice in notices)
            {
                if (notice.StartsOn > day || day > notice.EndsOn)
                {
                    continue;
                }

                if (notice.Kind == NoticeKind.Closure)
                {
                    return new DayRule(notice, null, null, null);
                }

                if (notice.ServiceId is null)
                {
                    structureWide ??= notice;
                }
                else
                {
                    own ??= notice;
                }
            }

            return (own, structureWide) switch
            {
                ({ } specific, _) => new DayRule(null, specific, hours.Schedule(specific.OpeningHours), null),
                (null, { } wide) when ownHours => new DayRule(null, wide, hours.Schedule(regular), hours.Schedule(wide.OpeningHours)),
                (null, { } wide) => new DayRule(null, wide, hours.Schedule(wide.OpeningHours), null),
                (null, null) => new DayRule(null, null, hours.Schedule(regular), null),
            };
        }

        /// <summary>The first instant after <paramref name="from"/> and before <paramref name="horizon"/> when it is open (or no longer open).</summary>
        private DateTimeOffset? Next(DateTimeOffset from, DateTimeOffset horizon, bool wantOpen)
        {
            var cursor = from;
            while (cursor < horizon)
            {
                var day = HoursEvaluator.LocalDate(cursor);
                var rule = Rule(day);
                var spanEnd = SpanEnd(day, horizon);
                var at = cursor;
                while (rule.NextChange(at, spanEnd) is { } change && change < spanEnd)
                {
                    if ((rule.Evaluate(change).Status == OpeningStatus.Open) == wantOpen)
                    {
                        return change;
                    }

                    at = change;
                }

                if (spanEnd >= horizon)
                {
                    return null;
                }

                // Another rule from this midnight on.
                if ((Rule(HoursEvaluator.LocalDate(spanEnd)).Evaluate(spanEnd).Status == OpeningStatus.Open) == wantOpen)
                {
                    return spanEnd;
                }

                cursor = spanEnd;
            }

            return null;
        }

        /// <summary>The local midnight where the rule of <paramref name="day"/> may change, at most <paramref name="horizon"/>.</summary>
        private DateTimeOffset SpanEnd(DateOnly day, DateTimeOffset horizon)
        {
            foreach (var boundary in boundaries)
            {
                if (boundary > day)
                {
                    var midnight = StartOfLocalDay(boundary);
                    return midnight < horizon ? midnight : horizon;
                }
            }

            return horizon;
        }

        /// <summary>Open and unknown ranges of one day that both lists hold (open only where both are open).</summary>
        private static List<DayRange> Intersect(IReadOnlyList<DayRange> ranges, IReadOnlyList<DayRange> limits)
        {
            static int Minutes(TimeOnly? time) => time is { } t ? (t.Hour * 60) + t.Minute : 24 * 60;
            var result = new List<DayRange>();
            foreach (var range in ranges)
            {
                foreach (var limit in limits)
                {
                    var start = Math.Max(Minutes(range.Start), Minutes(limit.Start));
                    var end = Math.Min(Minutes(range.End), Minutes(limit.End));
                    if (start < end)
                    {
                        var status = range.Status == OpeningStatus.Open && limit.Status == OpeningStatus.Open ? OpeningStatus.Open : OpeningStatus.Unknown;
                        result.Add(new DayRange(TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(start)), end == 24 * 60 ? null : TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(end)), status, range.Comment));
                    }
                }
            }

            return result;
        }
    }

    /// <summary>
    /// The rule of one local day: closed by <see cref="Closure"/>, or <see cref="Schedule"/> (null: unknown hours), open
    /// only where <see cref="Limit"/> is open too when it is set. <see cref="Exceptional"/> is the exceptional hours in force.
    /// </summary>
    private sealed record DayRule(NoticeInfo? Closure, NoticeInfo? Exceptional, OpeningHoursSchedule? Schedule, OpeningHoursSchedule? Limit)
    {
        public OpeningState Evaluate(DateTimeOffset at)
        {
            if (Closure is not null)
            {
                return new OpeningState(OpeningStatus.Closed, null);
            }

            if (Schedule is null)
            {
                return new OpeningState(OpeningStatus.Unknown, null);
            }

            var state = Schedule.GetState(at);
            if (Limit is null || state.Status == OpeningStatus.Closed)
            {
                return state;
            }

            // Without readable exceptional hours, the structure's state on these days is unknown: so is the service's.
            var limit = Limit.GetState(at).Status;
            return limit switch
            {
                OpeningStatus.Closed => new OpeningState(OpeningStatus.Closed, null),
                OpeningStatus.Open => state,
                OpeningStatus.Unknown => new OpeningState(OpeningStatus.Unknown, state.Comment),
                _ => throw new ArgumentOutOfRangeException(nameof(at), limit, null),
            };
        }

        /// <summary>The next instant, up to <paramref name="limit"/>, where the state may change.</summary>
        public DateTimeOffset? NextChange(DateTimeOffset at, DateTimeOffset limit)
        {
            if (Closure is not null || Schedule is null)
            {
                return null;
            }

            var next = Schedule.GetNextChange(at, limit);
            if (Limit?.GetNextChange(at, limit) is { } limitNext && (next is null || limitNext < next))
            {
                return limitNext;
            }

            return next;
        }
    }

    public static DateTimeOffset StartOfLocalDay(DateOnly day)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, HoursEvaluator.Zone.GetUtcOffset(midnight));
    }
}

/// <summary>
/// The states and filters' answers per expression during one minute (bounded: beyond it, they are computed again).
/// </summary>
internal sealed class FilterAnswers(long minute)
{
    private const int MaxExpressions = 50_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(OpenFilter Filter, string Expression), bool> byExpression = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, OpenState> states = new(StringComparer.Ordinal);

    public long Minute => minute;

    public bool TryGet(OpenFilter filter, string expression, out bool answer) => byExpression.TryGetValue((filter, expression), out answer);

    public void Add(OpenFilter filter, string expression, bool answer)
    {
        if (byExpression.Count < MaxExpressions)
        {
            byExpression.TryAdd((filter, expression), answer);
        }
    }

    public bool TryGetState(string expression, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out OpenState state) => states.TryGetValue(expression, out state);

    public void AddState(string expression, OpenState state)
    {
        if (states.Count < MaxExpressions)
        {
            states.TryAdd(expression, state);
        }
    }
}

/// <summary>
/// The "open now" or "open today" filter over many places at one instant, with the rules of <see cref="OpenStates.Of"/>.
/// A timeline without notices is the state of its expression alone, the same for every place: remembered per
/// expression for the minute (see <see cref="FilterAnswers"/>). One per request.
/// </summary>
public sealed class OpenFilterMatcher
{
    private readonly OpenStates states;
    private readonly OpenFilter filter;
    private readonly DateTimeOffset now;
    private readonly FilterAnswers answers;

    /// <summary>
    /// The answers this search already read, by the text itself (its reference): the search's read model shares one
    /// string per distinct hours, so thousands of places ask a handful of texts, without hashing each text again.
    /// </summary>
    private readonly Dictionary<string, bool> seen = new(ReferenceEqualityComparer.Instance);

    internal OpenFilterMatcher(OpenStates states, OpenFilter filter, DateTimeOffset now, FilterAnswers answers)
    {
        this.states = states;
        this.filter = filter;
        this.now = now;
        this.answers = answers;
    }

    public bool Matches(PlaceHours place, IReadOnlyCollection<int> scopeCategoryIds)
    {
        if (filter == OpenFilter.Any)
        {
            return true;
        }

        if (place.Notices.Count == 0)
        {
            return MatchesWithoutNotices(place, scopeCategoryIds);
        }

        foreach (var timeline in states.Relevant(place, scopeCategoryIds))
        {
            if (timeline.PlainExpression is { } expression ? Matches(expression, timeline) : timeline.HasNotices && Matches(timeline))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The relevant hours (<see cref="OpenStates.AnyRelevant"/>) read as their bare expressions: without notices, that
    /// is all a timeline is, and no timeline needs building.
    /// </summary>
    private bool MatchesWithoutNotices(PlaceHours place, IReadOnlyCollection<int> scopeCategoryIds) =>
        OpenStates.AnyRelevant(place, scopeCategoryIds, (Matcher: this, Place: place), static (state, service) =>
            state.Matcher.Matches(service is null ? state.Place.OpeningHours : service.OpeningHours ?? state.Place.OpeningHours));

    private bool Matches(string? expression)
    {
        if (expression is null)
        {
            return false;
        }

        if (seen.TryGetValue(expression, out var known))
        {
            return known;
        }

        if (!answers.TryGet(filter, expression, out known))
        {
            known = Matches(new OpenStates.Timeline(states.Hours, null, expression, ownHours: false, []));
            answers.Add(filter, expression, known);
        }

        seen[expression] = known;
        return known;
    }

    private bool Matches(string expression, OpenStates.Timeline timeline)
    {
        if (!answers.TryGet(filter, expression, out var known))
        {
            known = Matches(timeline);
            answers.Add(filter, expression, known);
        }

        return known;
    }

    private bool Matches(OpenStates.Timeline timeline) => filter switch
    {
        OpenFilter.Now => timeline.IsOpen(now),
        OpenFilter.Today => timeline.OpenToday(now),
        OpenFilter.Any => true,
        _ => throw new ArgumentOutOfRangeException(nameof(timeline), filter, null),
    };
}
