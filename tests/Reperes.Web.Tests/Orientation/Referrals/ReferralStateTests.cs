using Reperes.Web.Orientation.Referrals;

namespace Reperes.Web.Tests.Orientation.Referrals;

/// <summary>The request's state machine: each transition only from the states that allow it, and erasure leaves only what the counts need.</summary>
public sealed class ReferralStateTests
{
    private static readonly DateTimeOffset SentAt = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static Referral NewReferral(out string token)
    {
        var draft = new ReferralDraft([new("logement", "À la rue")], "M. D.", "Deux sacs", true, "Claire", new DateOnly(2026, 11, 24), "02 98 00 11 22", "claire@example.org", "Claire (CDAS)");
        (var referral, token) = Referral.Send(draft, 1, 2, "Bagagerie", "user-1", SentAt);
        return referral;
    }

    [Fact]
    public void Send_WithoutConsent_Refused()
    {
        var draft = new ReferralDraft([], null, null, false, "Claire", new DateOnly(2026, 11, 24), null, "claire@example.org", "Claire");
        Should.Throw<InvalidOperationException>(() => Referral.Send(draft, 1, 2, "Bagagerie", "user-1", SentAt));
    }

    [Fact]
    public void Send_Token_OnlyItsHashKept()
    {
        var referral = NewReferral(out var token);
        Referral.LooksLikeToken(token).ShouldBeTrue();
        referral.TokenHash.ShouldBe(Referral.HashOf(token));
        referral.TokenHash!.ShouldNotContain(token);
        referral.State.ShouldBe(ReferralState.Sent);
    }

    [Fact]
    public void Answer_Once_ThenOnlyAfterAContactRequest()
    {
        var accepted = NewReferral(out _);
        accepted.Accept(null, SentAt.AddDays(2), "Mardi 10 h");
        Should.Throw<InvalidOperationException>(() => accepted.Refuse("member", SentAt.AddDays(3), "Complet"));
        Should.Throw<InvalidOperationException>(() => accepted.AskContact(null, SentAt.AddDays(3)));
        accepted.State.ShouldBe(ReferralState.Accepted);

        var contact = NewReferral(out _);
        contact.AskContact(null, SentAt.AddDays(1));
        Should.Throw<InvalidOperationException>(() => contact.AskContact(null, SentAt.AddDays(2)));
        contact.Refuse("member", SentAt.AddDays(4), "Complet");
        contact.State.ShouldBe(ReferralState.Refused);
        contact.AnsweredAt.ShouldBe(SentAt.AddDays(1));
        contact.DecidedAt.ShouldBe(SentAt.AddDays(4));

        var blank = NewReferral(out _);
        Should.Throw<ArgumentException>(() => blank.Accept(null, SentAt, " "));
        Should.Throw<ArgumentException>(() => blank.Refuse(null, SentAt, ""));
        blank.State.ShouldBe(ReferralState.Sent);
    }

    [Fact]
    public void RemindAndExpire_OnlyWhenDueAndWaiting()
    {
        var referral = NewReferral(out _);
        Should.Throw<InvalidOperationException>(() => referral.Remind(SentAt.AddDays(9)));
        var reminder = referral.Remind(SentAt.AddDays(10));
        referral.ReminderTokenHash.ShouldBe(Referral.HashOf(reminder));
        Should.Throw<InvalidOperationException>(() => referral.Remind(SentAt.AddDays(11)));
        Should.Throw<InvalidOperationException>(() => referral.Expire(SentAt.AddDays(29)));
        referral.Expire(SentAt.AddDays(30));
        referral.State.ShouldBe(ReferralState.Expired);
        Should.Throw<InvalidOperationException>(() => referral.Expire(SentAt.AddDays(31)));
        Should.Throw<InvalidOperationException>(() => referral.Accept(null, SentAt.AddDays(31), "Trop tard"));

        var answered = NewReferral(out _);
        answered.Accept(null, SentAt.AddDays(1), "Mardi");
        Should.Throw<InvalidOperationException>(() => answered.Remind(SentAt.AddDays(10)));
        Should.Throw<InvalidOperationException>(() => answered.Expire(SentAt.AddDays(30)));
    }

    [Fact]
    public void Erase_ClosedOnly_KeepsWhatTheCountsNeed()
    {
        var referral = NewReferral(out _);
        Should.Throw<InvalidOperationException>(() => referral.Erase(SentAt.AddDays(1)));
        referral.AttachDocument("0123456789abcdef0123456789abcdef.pdf", "application/pdf");
        referral.Accept("member", SentAt.AddDays(3), "Mardi 10 h avec Yann");
        var version = referral.Version;
        referral.Erase(SentAt.AddMonths(13));
        (referral.Situation, referral.Initials, referral.Message, referral.ConsentBy, referral.ContactPhone, referral.ContactEmail).ShouldBe(("", null, "", "", null, ""));
        (referral.SenderLabel, referral.SenderId, referral.AnswerText, referral.AnsweredBy, referral.DocumentFile, referral.TokenHash).ShouldBe(("", null, null, null, null, null));
        (referral.ServiceName, referral.State, referral.SentAt, referral.AnsweredAt).ShouldBe(("Bagagerie", ReferralState.Accepted, SentAt, SentAt.AddDays(3)));
        referral.Version.ShouldBeGreaterThan(version);
        Should.Throw<InvalidOperationException>(() => referral.Erase(SentAt.AddMonths(14)));
    }
}
