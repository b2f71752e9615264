using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Reperes.OpeningHours;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Tests.Guide.Hours;

/// <summary>The one open state of a place for a question, on the demo's hardest cases and on every kind of notice.</summary>
public sealed class OpenStatesTests
{
    private const int Office = 1;
    private const int StreetRound = 2;
    private const int Clothes = 3;
    private const int HygieneKits = 4;
    private const int Meals = 5;
    private const int Shelter = 6;

    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);

    private static readonly IStringLocalizer Strings = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    private readonly OpenStates states = new(new HoursEvaluator());

    /// <summary>Saturday 5 December 2026, 18:50 in Brest.</summary>
    private static readonly DateTimeOffset SaturdayEvening = new(2026, 12, 5, 18, 50, 0, Winter);

    private static readonly ServiceHours Round = new(11, "Maraude du samu social", StreetRound, "Mo-Su 20:00-23:30");
    private static readonly ServiceHours Shop = new(12, "Vestiboutique", Clothes, "Tu-Fr 10:00-12:30,14:00-18:00; Sa 10:00-12:30");
    private static readonly ServiceHours Kits = new(13, "Kits d'hygiène", HygieneKits, null);

    private static PlaceHours CroixRouge(params NoticeInfo[] notices) =>
        new("Mo-Fr 09:00-12:00,14:00-17:00; PH off", [Round, Shop, Kits], notices);

    private static readonly ServiceHours Night = new(21, "Mise à l'abri de nuit", Shelter, null);
    private static readonly ServiceHours Dinner = new(22, "Dîner et petit-déjeuner", Meals, "Mo-Su 07:00-08:30,19:00-20:30");

    private static PlaceHours KerDigemer(params NoticeInfo[] notices) => new("Mo-Su 18:00-24:00,00:00-09:00", [Night, Dinner], notices);

    private static DateTimeOffset At(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, Winter);

    private static NoticeInfo Closure(DateOnly from, DateOnly to, int? serviceId = null) => new(1, serviceId, NoticeKind.Closure, from, to, "Fermeture", null);

    private static NoticeInfo Exceptional(DateOnly from, DateOnly to, string hours, int? serviceId = null) => new(1, serviceId, NoticeKind.ExceptionalHours, from, to, "Horaires réduits", hours);

    private string Headline(PlaceHours place, IReadOnlyCollection<int> scope, DateTimeOffset now) =>
        OpenStateText.Headline(states.Of(place, scope, now), now, Strings, French);

    [Fact]
    public void AnswersAt_RequestOfTheMinuteBeforeMeanwhile_CurrentMinutesAnswersKept()
    {
        var current = states.AnswersAt(SaturdayEvening);

        var behind = states.AnswersAt(SaturdayEvening.AddSeconds(-1));

        behind.Minute.ShouldBe(current.Minute - 1);
        states.AnswersAt(SaturdayEvening.AddSeconds(30)).ShouldBeSameAs(current);
        states.AnswersAt(SaturdayEvening.AddMinutes(1)).Minute.ShouldBe(current.Minute + 1);
    }

    [Fact]
    public void Of_WholePlaceOnSaturdayEvening_IsAboutTheStreetRoundThatOpensTonight()
    {
        using var _ = new UiCulture("fr");
        var state = states.Of(CroixRouge(), [], SaturdayEvening);

        state.About.ShouldBe(Round);
        state.Headline.Status.ShouldBe(OpeningStatus.Closed);
        state.Headline.OpensAt.ShouldBe(At(12, 5, 20));
        state.OpenToday.ShouldBeTrue();
        state.Services.Select(s => s.Service).ShouldBe([Round, Shop, Kits]);
        OpenStateText.Headline(state, SaturdayEvening, Strings, French).ShouldBe("Maraude du samu social : fermé · ouvre à 20:00");
        OpenStateText.Describe(states.OfStructure(CroixRouge(), SaturdayEvening), SaturdayEvening, Strings, French).ShouldBe("Fermé · ouvre lundi à 9:00");
    }

    [Fact]
    public void Of_QuestionOfHygiene_IsAboutTheServiceThatOpensFirstAmongThoseAsked()
    {
        using var _ = new UiCulture("fr");

        Headline(CroixRouge(), [Clothes, HygieneKits], SaturdayEvening).ShouldBe("Kits d'hygiène : fermé · ouvre lundi à 9:00");
        Headline(CroixRouge(), [Clothes], SaturdayEvening).ShouldBe("Vestiboutique : fermé · ouvre mardi à 10:00");
        Headline(CroixRouge(), [Clothes], At(12, 5, 11)).ShouldBe("Vestiboutique : ouvert · ferme à 12:30");
        states.Of(CroixRouge(), [Clothes, HygieneKits], SaturdayEvening).Services.Select(s => s.Service).ShouldBe([Shop, Kits]);
    }

    [Fact]
    public void Of_CategoryThePlaceDoesNotOffer_AnswersForTheWholePlace()
    {
        using var _ = new UiCulture("fr");
        var state = states.Of(CroixRouge(), [Meals], At(12, 7, 10));

        state.About.ShouldBeNull();
        state.Headline.ClosesAt.ShouldBe(At(12, 7, 12));
        state.Services.Count.ShouldBe(3);
    }

    [Fact]
    public void Of_OpenPlaces_TheOneStayingOpenLongestIsTheHeadlineAndTheStructureWinsTies()
    {
        using var _ = new UiCulture("fr");

        // Monday 10:00: the office and the kits close at 12:00, the shop is closed on Mondays.
        var monday = states.Of(CroixRouge(), [], At(12, 7, 10));
        monday.About.ShouldBeNull();
        OpenStateText.Headline(monday, At(12, 7, 10), Strings, French).ShouldBe("Ouvert · ferme à 12:00");

        // Tuesday 10:30: the shop stays open until 12:30.
        Headline(CroixRouge(), [], At(12, 8, 10, 30)).ShouldBe("Vestiboutique : ouvert · ferme à 12:30");
        Headline(CroixRouge(), [], At(12, 5, 21)).ShouldBe("Maraude du samu social : ouvert · ferme à 23:30");
    }

    [Fact]
    public void Of_OvernightShelter_ClosesTomorrowMorningAndItsDinnerOpensAcrossMidnight()
    {
        using var _ = new UiCulture("fr");

        Headline(KerDigemer(), [Shelter], SaturdayEvening).ShouldBe("Mise à l'abri de nuit : ouvert · ferme demain à 9:00");
        Headline(KerDigemer(), [], SaturdayEvening).ShouldBe("Ouvert · ferme demain à 9:00");
        Headline(KerDigemer(), [Meals], SaturdayEvening).ShouldBe("Dîner et petit-déjeuner : fermé · ouvre à 19:00");
        Headline(KerDigemer(), [Meals], At(12, 5, 23)).ShouldBe("Dîner et petit-déjeuner : fermé · ouvre demain à 7:00");
        Headline(KerDigemer(), [Meals], At(12, 6, 0, 30)).ShouldBe("Dîner et petit-déjeuner : fermé · ouvre à 7:00");
        Headline(KerDigemer(), [Shelter], At(12, 6, 2)).ShouldBe("Mise à l'abri de nuit : ouvert · ferme à 9:00");
        Headline(KerDigemer(), [Shelter], At(12, 6, 9)).ShouldBe("Mise à l'abri de nuit : fermé · ouvre à 18:00");
        states.Of(KerDigemer(), [Meals], At(12, 5, 23)).OpenToday.ShouldBeFalse();
        states.Of(KerDigemer(), [Shelter], At(12, 5, 23)).OpenToday.ShouldBeTrue();
    }

    [Fact]
    public void Of_NightAcrossTheEndOfSummerTime_ClosesAtNineLocalTime()
    {
        var state = states.Of(KerDigemer(), [Shelter], new DateTimeOffset(2026, 10, 24, 23, 0, 0, TimeSpan.FromHours(2)));

        state.Headline.ClosesAt.ShouldBe(new DateTimeOffset(2026, 10, 25, 9, 0, 0, Winter));
    }

    [Fact]
    public void Of_StructureClosure_ClosesEveryServiceAndReopensAtTheFirstOpeningAfterIt()
    {
        using var _ = new UiCulture("fr");
        var closed = CroixRouge(Closure(new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 9)));

        // Before: the round still opens tonight; Monday's office does not open.
        Headline(closed, [], SaturdayEvening).ShouldBe("Maraude du samu social : fermé · ouvre à 20:00");
        OpenStateText.Describe(states.OfStructure(closed, SaturdayEvening), SaturdayEvening, Strings, French).ShouldBe("Fermé · ouvre jeudi à 9:00");

        // Sunday 23:00: the round closes at 23:30 as usual.
        states.Of(closed, [StreetRound], At(12, 6, 23)).Headline.ClosesAt.ShouldBe(At(12, 6, 23, 30));

        // During: everything closed, the round too; it reopens on the evening of the 10th, the office in the morning.
        var during = states.Of(closed, [], At(12, 8, 21));
        during.IsOpen.ShouldBeFalse();
        during.OpenToday.ShouldBeFalse();
        during.Services.ShouldAllBe(s => s.State.Closure != null);
        during.About.ShouldBeNull();
        OpenStateText.Headline(during, At(12, 8, 21), Strings, French).ShouldBe("Fermé jusqu’au 9 décembre inclus · rouvre jeudi à 9:00");
        Headline(closed, [StreetRound], At(12, 8, 21)).ShouldBe("Maraude du samu social : fermé jusqu’au 9 décembre inclus · rouvre jeudi à 20:00");
    }

    [Fact]
    public void Of_ClosureOfOneService_ClosesItAloneAndItReopensTheNextEvening()
    {
        using var _ = new UiCulture("fr");
        var place = CroixRouge(Closure(new DateOnly(2026, 12, 5), new DateOnly(2026, 12, 5), Round.Id));

        var state = states.Of(place, [], SaturdayEvening);
        state.About.ShouldBe(Round);
        state.Headline.Closure.ShouldNotBeNull();
        state.Headline.OpensAt.ShouldBe(At(12, 6, 20));
        state.OpenToday.ShouldBeFalse();
        OpenStateText.Headline(state, SaturdayEvening, Strings, French).ShouldBe("Maraude du samu social : fermé jusqu’au 5 décembre inclus · rouvre demain à 20:00");
        states.OfService(place, Shop, At(12, 5, 11)).IsOpen.ShouldBeTrue();
        states.OfStructure(place, At(12, 4, 10)).IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void Of_OpenAllDayAndNightBeforeAClosure_ClosesAtMidnight()
    {
        using var _ = new UiCulture("fr");
        var place = new PlaceHours("24/7", [], [Closure(new DateOnly(2026, 12, 20), new DateOnly(2026, 12, 31))]);

        var state = states.Of(place, [], SaturdayEvening);
        state.Headline.ClosesAt.ShouldBe(At(12, 20, 0));
        OpenStateText.Headline(state, SaturdayEvening, Strings, French).ShouldBe("Ouvert · ferme le 20 décembre à 0:00");
        OpenStateText.Headline(states.Of(place, [], At(12, 25, 12)), At(12, 25, 12), Strings, French)
            .ShouldBe("Fermé jusqu’au 31 décembre inclus · rouvre le 1er janvier à 0:00");
        OpenStateText.Headline(states.Of(new PlaceHours("24/7", [], []), [], SaturdayEvening), SaturdayEvening, Strings, French).ShouldBe("Ouvert 24h/24");
    }

    [Fact]
    public void Of_ExceptionalHoursOfTheStructure_ReplaceItsHoursAndLimitServicesWithTheirOwn()
    {
        using var _ = new UiCulture("fr");
        var lending = new ServiceHours(31, "Prêt", Office, null);
        var digital = new ServiceHours(32, "Permanences numériques", Clothes, "Sa 10:00-12:00");
        var conversation = new ServiceHours(33, "Café conversation", Meals, "We 14:00-16:00");
        var library = new PlaceHours(
            "Tu-Fr 12:00-19:00; Sa 10:00-18:00; Su 14:00-18:00; PH off",
            [lending, digital, conversation],
            [Exceptional(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 5), "Tu-Sa 13:00-18:00")]);

        var saturdayMorning = At(12, 5, 10, 30);
        var lent = states.Of(library, [Office], saturdayMorning);
        lent.Headline.ExceptionalHours.ShouldNotBeNull();
        lent.Headline.OpensAt.ShouldBe(At(12, 5, 13));

        // The building opens at 13:00 these days: the Saturday morning sessions do not take place; the café does.
        states.Of(library, [Clothes], saturdayMorning).IsOpen.ShouldBeFalse();
        states.Of(library, [Clothes], saturdayMorning).OpenToday.ShouldBeFalse();
        Headline(library, [Clothes], saturdayMorning).ShouldBe("Permanences numériques : fermé · ouvre le 12 décembre à 10:00");
        states.OfService(library, conversation, At(12, 2, 14, 30)).ClosesAt.ShouldBe(At(12, 2, 16));
        var week = states.Week(library, digital, new DateOnly(2026, 11, 30));
        week.Single(d => d.Date == new DateOnly(2026, 12, 5)).Ranges.ShouldBeEmpty();
        week.Single(d => d.Date == new DateOnly(2026, 12, 5)).Notice.ShouldNotBeNull();

        // The last day of the exceptional hours ends; Sunday is a regular day again.
        Headline(library, [Office], At(12, 5, 18, 30)).ShouldBe("Prêt : fermé · ouvre demain à 14:00");
        states.Of(library, [Office], At(12, 6, 15)).Headline.ExceptionalHours.ShouldBeNull();
        Headline(library, [Office], At(11, 30, 9)).ShouldBe("Prêt : fermé · ouvre demain à 13:00");
    }

    [Fact]
    public void Week_ServiceLimitedByTheStructuresExceptionalHours_ShowsOnlyTheTimesBothOpen()
    {
        var place = KerDigemer(Exceptional(new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 5), "Mo-Su 20:00-24:00"));

        var friday = states.Week(place, Dinner, new DateOnly(2026, 12, 4))[0];
        friday.Ranges!.Select(r => (r.Start, r.End)).ShouldBe([(new TimeOnly(20, 0), (TimeOnly?)new TimeOnly(20, 30))]);
        states.OfService(place, Dinner, At(12, 4, 19, 30)).OpensAt.ShouldBe(At(12, 4, 20));
        states.OfService(place, Dinner, At(12, 4, 20, 10)).ClosesAt.ShouldBe(At(12, 4, 20, 30));
        states.OfService(place, Dinner, At(12, 4, 21)).OpensAt.ShouldBe(At(12, 5, 20));
        states.OfService(place, Dinner, At(12, 5, 21)).OpensAt.ShouldBe(At(12, 6, 7));
    }

    [Fact]
    public void Of_ExceptionalHoursOfAServiceAndOfTheStructure_TheServiceOnesWin()
    {
        var place = new PlaceHours("Mo-Fr 09:00-17:00", [Kits], [
            Exceptional(new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 7), "Mo 14:00-15:00"),
            Exceptional(new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 7), "Mo 10:00-11:00", Kits.Id)]);

        states.OfService(place, Kits, At(12, 7, 10, 30)).IsOpen.ShouldBeTrue();
        states.OfService(place, Kits, At(12, 7, 14, 30)).IsOpen.ShouldBeFalse();
        states.OfStructure(place, At(12, 7, 14, 30)).IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void Of_ExceptionalHoursEndingBeforeANightOpening_OpensAtMidnight()
    {
        using var _ = new UiCulture("fr");
        var place = new PlaceHours("24/7", [], [Exceptional(new DateOnly(2026, 12, 5), new DateOnly(2026, 12, 5), "Mo-Su 09:00-17:00")]);

        Headline(place, [], At(12, 5, 16)).ShouldBe("Ouvert · ferme à 17:00");
        Headline(place, [], At(12, 5, 18)).ShouldBe("Fermé · ouvre demain à 0:00");
        states.Of(place, [], At(12, 5, 18)).Headline.OpensAt.ShouldBe(At(12, 6, 0));
    }

    [Fact]
    public void Of_NoHoursAnywhere_SaysSoAndAServiceWithHoursAnswersForThePlace()
    {
        using var _ = new UiCulture("fr");

        Headline(new PlaceHours(null, [], []), [], SaturdayEvening).ShouldBe("Horaires non renseignés");
        Headline(new PlaceHours(null, [Kits], []), [HygieneKits], SaturdayEvening).ShouldBe("Kits d'hygiène : horaires non renseignés");
        Headline(new PlaceHours(null, [Kits, Round], []), [], SaturdayEvening).ShouldBe("Maraude du samu social : fermé · ouvre à 20:00");
        Headline(new PlaceHours("invalid hours", [], []), [], SaturdayEvening).ShouldBe("Horaires non renseignés");
    }

    [Fact]
    public void Of_SeasonalHours_OpensMonthsLaterOnTheFirstOfTheMonth()
    {
        using var _ = new UiCulture("fr");
        var truck = new PlaceHours(null, [new ServiceHours(41, "Camion du cœur", StreetRound, "Nov-Mar Mo,We,Fr 19:30-21:00; Apr-Oct off")], []);

        Headline(truck, [], new DateTimeOffset(2027, 4, 12, 19, 45, 0, TimeSpan.FromHours(2))).ShouldBe("Camion du cœur : fermé · ouvre le 1er novembre à 19:30");
    }

    [Fact]
    public void Describe_English_SaysTheSameInEnglish()
    {
        using var _ = new UiCulture("en");
        var english = CultureInfo.GetCultureInfo("en");

        OpenStateText.Describe(states.OfStructure(CroixRouge(), SaturdayEvening), SaturdayEvening, Strings, english).ShouldBe("Closed · opens Monday at 9:00");
        OpenStateText.Headline(states.Of(CroixRouge(), [], SaturdayEvening), SaturdayEvening, Strings, english).ShouldBe("Maraude du samu social: closed · opens at 20:00");
        OpenStateText.Headline(states.Of(KerDigemer(), [], SaturdayEvening), SaturdayEvening, Strings, english).ShouldBe("Open · closes tomorrow at 9:00");
    }

    [Fact]
    public void Matcher_EveryPlaceQuestionAndMinuteOfAWeek_AgreesWithTheStateShown()
    {
        var places = new[]
        {
            CroixRouge(),
            CroixRouge(Closure(new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 3)), Closure(new DateOnly(2026, 12, 5), new DateOnly(2026, 12, 5), Round.Id)),
            KerDigemer(),
            KerDigemer(Exceptional(new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 5), "Mo-Su 20:00-24:00")),
            new PlaceHours(null, [Kits], []),
        };
        var scopes = new IReadOnlyCollection<int>[] { [], [StreetRound], [Clothes, HygieneKits], [Meals], [Shelter] };
        var checkedStates = 0;
        for (var at = At(11, 30, 0); at < At(12, 7, 0); at = at.AddMinutes(10))
        {
            var now = states.Matcher(OpenFilter.Now, at);
            var today = states.Matcher(OpenFilter.Today, at);
            foreach (var place in places)
            {
                foreach (var scope in scopes)
                {
                    var state = states.Of(place, scope, at);
                    now.Matches(place, scope).ShouldBe(state.IsOpen, $"{at:O} {place.OpeningHours} {string.Join(',', scope)}");
                    today.Matches(place, scope).ShouldBe(state.OpenToday, $"{at:O} {place.OpeningHours} {string.Join(',', scope)}");
                    checkedStates++;
                }
            }
        }

        checkedStates.ShouldBe(7 * 24 * 6 * 25);
    }

    [Fact]
    public void OfAndMatcher_EverySeventeenSecondsAcrossChanges_StatesOfTheMinuteHold()
    {
        // States and answers per expression are shared by the pages of one minute: each page here meets those the
        // previous ones left, at any second of the minute, and none from the minute before a change.
        var places = new[] { CroixRouge(), KerDigemer(), new PlaceHours(null, [Kits], []) };
        var scopes = new IReadOnlyCollection<int>[] { [], [StreetRound], [Meals] };
        var checkedStates = 0;
        foreach (var change in new[] { At(12, 2, 8, 50), At(12, 2, 11, 50), At(12, 2, 16, 50), At(12, 2, 19, 50) })
        {
            for (var at = change; at < change.AddMinutes(20); at = at.AddSeconds(17))
            {
                foreach (var place in places)
                {
                    foreach (var scope in scopes)
                    {
                        // Computed afresh, nothing remembered: what the shared states and answers must equal.
                        var state = new OpenStates(new HoursEvaluator()).Of(place, scope, at);
                        var because = $"{at:O} {place.OpeningHours} {string.Join(',', scope)}";
                        var shared = states.Of(place, scope, at);
                        shared.Headline.ShouldBe(state.Headline, because);
                        shared.Services.Select(s => s.State).ShouldBe(state.Services.Select(s => s.State), because);
                        shared.OpenToday.ShouldBe(state.OpenToday, because);
                        states.Matcher(OpenFilter.Now, at).Matches(place, scope).ShouldBe(state.IsOpen, because);
                        states.Matcher(OpenFilter.Today, at).Matches(place, scope).ShouldBe(state.OpenToday, because);
                        checkedStates++;
                    }
                }
            }
        }

        checkedStates.ShouldBe(4 * 71 * 9);
    }

    [Fact]
    public void Of_NextChangeOfEveryMinute_IsTheFirstMinuteTheStateDiffers()
    {
        // Walks a week minute by minute: "opens at" and "closes at" must name exactly the first minute that differs.
        var place = CroixRouge(Closure(new DateOnly(2026, 12, 2), new DateOnly(2026, 12, 2), Round.Id), Exceptional(new DateOnly(2026, 12, 4), new DateOnly(2026, 12, 4), "Fr 18:00-19:00", Round.Id));
        var from = At(11, 30, 0);
        var minutes = 7 * 24 * 60;
        var open = new bool[minutes + 3 * 24 * 60];
        for (var i = 0; i < open.Length; i++)
        {
            open[i] = states.OfService(place, Round, from.AddMinutes(i)).IsOpen;
        }

        for (var i = 0; i < minutes; i += 7)
        {
            var state = states.OfService(place, Round, from.AddMinutes(i));
            var next = Array.FindIndex(open, i, o => o != open[i]);
            state.NextChange.ShouldBe(from.AddMinutes(next), $"at {from.AddMinutes(i):O}");
        }
    }

    /// <summary>Sets the culture of the interface for one test, as a request would.</summary>
    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo previous = CultureInfo.CurrentUICulture;

        public UiCulture(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentUICulture = previous;
    }
}
