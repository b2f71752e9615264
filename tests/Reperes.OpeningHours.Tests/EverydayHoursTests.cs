namespace Reperes.OpeningHours.Tests;

/// <summary>Hours as people type them in French, read into the exact expression (or no proposal at all).</summary>
public sealed class EverydayHoursTests
{
    [Theory]
    [InlineData("9h-12h", "09:00-12:00")]
    [InlineData("9h30-12h / 14h-17h", "09:30-12:00,14:00-17:00")]
    [InlineData("lundi au vendredi 9h-17h", "Mo-Fr 09:00-17:00")]
    [InlineData("09:00–12:00", "09:00-12:00")]
    [InlineData("Mo-Fr 09:00–12:00", "Mo-Fr 09:00-12:00")]
    [InlineData("Du lundi au vendredi de 8h30 à 12h et de 13h30 à 17h", "Mo-Fr 08:30-12:00,13:30-17:00")]
    [InlineData("du lundi au vendredi de 9h à 12h, samedi de 10h à 12h", "Mo-Fr 09:00-12:00; Sa 10:00-12:00")]
    [InlineData("Lundi, mercredi et vendredi de 9h à 12h", "Mo,We,Fr 09:00-12:00")]
    [InlineData("lun. au ven. 9h-17h", "Mo-Fr 09:00-17:00")]
    [InlineData("Lu-Ve 9h00-12h00 14h00-17h00", "Mo-Fr 09:00-12:00,14:00-17:00")]
    [InlineData("mardi et jeudi 14h-18h", "Tu,Th 14:00-18:00")]
    [InlineData("Ouvert du mardi au samedi, 10h-18h", "Tu-Sa 10:00-18:00")]
    [InlineData("tous les jours de 9h à 19h", "Mo-Su 09:00-19:00")]
    [InlineData("7j/7 de 8h à 20h", "Mo-Su 08:00-20:00")]
    [InlineData("24h/24 7j/7", "24/7")]
    [InlineData("24h/24", "24/7")]
    [InlineData("du lundi au vendredi 9h-17h, fermé le week-end", "Mo-Fr 09:00-17:00; Sa,Su off")]
    [InlineData("lundi au samedi 9h-12h ; fermé le dimanche et les jours fériés", "Mo-Sa 09:00-12:00; PH,Su off")]
    [InlineData("Lundi au vendredi : 9h-12h / 14h-17h. Fermé les jours fériés.", "Mo-Fr 09:00-12:00,14:00-17:00; PH off")]
    [InlineData("tous les jours sauf le dimanche 9h-19h", "Mo-Sa 09:00-19:00")]
    [InlineData("du lundi au vendredi sauf le mercredi 9h-12h", "Mo,Tu,Th,Fr 09:00-12:00")]
    [InlineData("le 1er et 3e mercredi du mois 14h-16h", "We[1,3] 14:00-16:00")]
    [InlineData("le dernier vendredi du mois de 14h à 17h", "Fr[-1] 14:00-17:00")]
    [InlineData("le mardi de 9h à midi", "Tu 09:00-12:00")]
    [InlineData("samedi après-midi 14h-17h30", "Sa 14:00-17:30")]
    [InlineData("9-12h et 14-17h", "09:00-12:00,14:00-17:00")]
    [InlineData("de 20h à 8h", "20:00-08:00")]
    [InlineData("lundi 9h-12h, mardi 14h-17h, jeudi 9h-12h", "Mo 09:00-12:00; Tu 14:00-17:00; Th 09:00-12:00")]
    [InlineData("9h-17h du lundi au vendredi", "Mo-Fr 09:00-17:00")]
    [InlineData("en semaine 8h-18h", "Mo-Fr 08:00-18:00")]
    [InlineData("le week-end 10h-13h", "Sa,Su 10:00-13:00")]
    [InlineData("Mercredi 14h-17h sur rendez-vous", "We 14:00-17:00 \"sur rendez-vous\"")]
    [InlineData("LUNDI AU VENDREDI 9H-17H", "Mo-Fr 09:00-17:00")]
    [InlineData("lundi—vendredi 9:00–12:30", "Mo-Fr 09:00-12:30")]
    [InlineData("du lundi au vendredi de 9h à 12h30 et de 13h30 à 16h30 sauf jours fériés", "Mo-Fr 09:00-12:30,13:30-16:30; PH off")]
    [InlineData("vendredi au lundi 10h-16h", "Mo,Fr-Su 10:00-16:00")]
    [InlineData("de 18h à minuit", "18:00-24:00")]
    public void Propose_EverydayFrench_GivesTheExactExpression(string typed, string expected)
    {
        var proposal = EverydayHours.Propose(typed);

        proposal.ShouldBe(expected);
        OpeningHoursSchedule.TryParse(proposal!, out _, out _).ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("appelez-nous")]
    [InlineData("le matin")]
    [InlineData("9h")]
    [InlineData("lundi au vendredi 25h-26h")]
    [InlineData("ça dépend des jours")]
    [InlineData("1er lundi")]
    [InlineData("02 98 00 00 00")]
    public void Propose_UnreadableText_ProposesNothing(string typed) =>
        EverydayHours.Propose(typed).ShouldBeNull();

    [Fact]
    public void Propose_Proposal_OpensWhenThePersonMeantIt()
    {
        var schedule = OpeningHoursSchedule.Parse(EverydayHours.Propose("du lundi au vendredi de 9h à 12h et de 14h à 17h, fermé les jours fériés")!);

        schedule.GetState(TestTime.At("2026-11-24T10:00:00+01:00")).Status.ShouldBe(OpeningStatus.Open);
        schedule.GetState(TestTime.At("2026-11-24T13:00:00+01:00")).Status.ShouldBe(OpeningStatus.Closed);
        schedule.GetState(TestTime.At("2026-11-28T10:00:00+01:00")).Status.ShouldBe(OpeningStatus.Closed);
        schedule.GetState(TestTime.At("2026-12-25T10:00:00+01:00")).Status.ShouldBe(OpeningStatus.Closed);
    }
}
