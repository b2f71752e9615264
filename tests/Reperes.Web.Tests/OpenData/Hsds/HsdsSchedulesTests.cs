using System.Globalization;
using Microsoft.Extensions.Localization;
using Reperes.Web.OpenData.Hsds;

namespace Reperes.Web.Tests.OpenData.Hsds;

public sealed class HsdsSchedulesTests
{
    /// <summary>The French texts themselves, as the application writes them for a French request.</summary>
    private sealed class FrenchTexts : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.InvariantCulture, name, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }

    private static HoursDescription Describe(string value, string? details = null) =>
        HsdsSchedules.Describe(value, details, new FrenchTexts()).ShouldNotBeNull();

    private static IEnumerable<string> Rules(HoursDescription hours) => hours.Openings.Select(o => $"{o.Freq} {o.Byday} {o.OpensAt}-{o.ClosesAt}");

    [Fact]
    public void Describe_WeekdaysWithLunchBreakClosedOnHolidays_GivesWeeklyRulesAndSaysHolidays()
    {
        var hours = Describe("Mo-Fr 09:00-12:00,14:00-17:00; PH off");

        Rules(hours).ShouldBe(["WEEKLY MO,TU,WE,TH,FR 09:00-12:00", "WEEKLY MO,TU,WE,TH,FR 14:00-17:00"]);
        hours.Notes.ShouldBe("Heures locales (Europe/Paris). Fermé les jours fériés.");
        hours.Description.ShouldBeNull();
    }

    [Fact]
    public void Describe_LaterRuleReplacesADay_GivesTheRulesOfEachDay()
    {
        var hours = Describe("Mo-Fr 09:00-17:00; We 09:00-12:00; Sa 10:00-12:00");

        Rules(hours).ShouldBe(["WEEKLY MO,TU,TH,FR 09:00-17:00", "WEEKLY WE 09:00-12:00", "WEEKLY SA 10:00-12:00"], ignoreOrder: true);
    }

    [Fact]
    public void Describe_NthWeekdaysOfTheMonth_GivesMonthlyRules()
    {
        Rules(Describe("We[2,4] 09:30-13:30")).ShouldBe(["MONTHLY 2WE,4WE 09:30-13:30"]);
        Rules(Describe("Fr[-1] 14:00-16:00; PH off")).ShouldBe(["MONTHLY -1FR 14:00-16:00"]);
    }

    [Fact]
    public void Describe_WeeklyAndMonthlyOnOtherDays_GivesBoth()
    {
        Rules(Describe("Mo,Tu 09:00-12:00; Th[1] 14:00-16:00")).ShouldBe(["MONTHLY 1TH 14:00-16:00", "WEEKLY MO,TU 09:00-12:00"]);
    }

    [Fact]
    public void Describe_AllTheTime_GivesEveryDayAllDay()
    {
        Rules(Describe("24/7")).ShouldBe(["WEEKLY MO,TU,WE,TH,FR,SA,SU 00:00-24:00"]);
        Rules(Describe("Mo-Su 00:00-24:00")).ShouldBe(["WEEKLY MO,TU,WE,TH,FR,SA,SU 00:00-24:00"]);
    }

    [Fact]
    public void Describe_ByAppointment_SaysSoInTheNotes()
    {
        var hours = Describe("Mo-Fr 09:00-12:00 \"sur rendez-vous\"");

        Rules(hours).ShouldBe(["WEEKLY MO,TU,WE,TH,FR 09:00-12:00"]);
        hours.Notes.ShouldBe("Heures locales (Europe/Paris). Sur rendez-vous uniquement.");
    }

    [Fact]
    public void Describe_OpenWithAComment_KeepsTheCommentAndTheDetails()
    {
        var hours = Describe("Tu,Th 14:00-17:00 open \"accueil des familles\"", "Entrée par la cour");

        Rules(hours).ShouldBe(["WEEKLY TU,TH 14:00-17:00"]);
        hours.Notes.ShouldBe("Heures locales (Europe/Paris). accueil des familles. Entrée par la cour.");
    }

    [Theory]
    [InlineData("Nov-Mar Tu,Th 13:30-16:30; Apr-Oct Th 13:30-16:30")] // seasons
    [InlineData("Mo-Su 22:00-02:00")] // past midnight
    [InlineData("Mo-Fr 09:00-17:00; We[1] 14:00-16:00")] // the first Wednesday replaces the weekly Wednesday
    [InlineData("Mo-Fr 09:00-12:00; PH 10:00-11:00")] // open differently on holidays
    [InlineData("Mo-Fr 09:00-12:00; Dec 25 off")] // a date
    [InlineData("Mo 09:00-12:00 \"matin\"; Tu 14:00-17:00 \"après-midi\"")] // two comments
    [InlineData("week 2-52/2 Mo 09:00-12:00")] // every other week
    public void Describe_NotExactlyWeeklyOrMonthly_GivesTheExpressionAsText(string value)
    {
        var hours = Describe(value);

        hours.Openings.ShouldBeEmpty();
        hours.Description.ShouldBe($"Horaires : {value}");
        hours.Notes!.ShouldStartWith("Ces horaires ne se résument pas à des règles hebdomadaires ou mensuelles");
    }

    [Fact]
    public void Describe_UnknownOrInvalidOrClosed_SaysWhatIsKnown()
    {
        HsdsSchedules.Describe(null, null, new FrenchTexts()).ShouldBeNull();
        HsdsSchedules.Describe("  ", "Horaires affichés sur la porte", new FrenchTexts())!.Description.ShouldBe("Horaires affichés sur la porte");
        Describe("n'importe quoi").Openings.ShouldBeEmpty();
        var closed = Describe("off \"travaux\"");
        closed.Openings.ShouldBeEmpty();
        closed.Description.ShouldBe("Fermé");
        closed.Notes.ShouldBe("travaux.");
    }

    [Fact]
    public void Schedules_CarryTheirOwnerAndStableDistinctIds()
    {
        var service = Guid.NewGuid();
        var location = HsdsIds.Location(Guid.NewGuid());
        var hours = Describe("Mo-Fr 09:00-12:00,14:00-17:00; Sa[1] 10:00-12:00");

        var schedules = HsdsSchedules.Schedules(hours, service, serviceId: service)!;
        var again = HsdsSchedules.Schedules(Describe("Mo-Fr 09:00-12:00,14:00-17:00; Sa[1] 10:00-12:00"), service, serviceId: service)!;
        var atLocation = HsdsSchedules.Schedules(hours, location, locationId: location)!;

        schedules.Count.ShouldBe(3);
        schedules.Select(s => s.Id).ShouldBeUnique();
        again.Select(s => s.Id).ShouldBe(schedules.Select(s => s.Id));
        atLocation.Select(s => s.Id).ShouldNotContain(id => schedules.Any(s => s.Id == id));
        schedules.ShouldAllBe(s => s.ServiceId == service && s.LocationId == null && s.Wkst == "MO");
        atLocation.ShouldAllBe(s => s.LocationId == location && s.ServiceId == null);
    }

    [Fact]
    public void Ids_AreRfc9562Version5()
    {
        // RFC 9562 appendix A.4: the DNS namespace and "www.example.com".
        HsdsIds.Of(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com").ShouldBe(new Guid("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
        HsdsIds.Term("se-nourrir").ShouldBe(HsdsIds.Term("se-nourrir"));
        HsdsIds.Term("se-nourrir").ShouldNotBe(HsdsIds.Term("se-soigner"));
    }
}
