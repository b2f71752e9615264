using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Reperes.Web.Core;

namespace Reperes.Web.Orientation.Referrals;

public enum ReferralState
{
    /// <summary>Sent, waiting for the structure's answer.</summary>
    Sent = 0,

    /// <summary>Accepted, with an appointment or a next step.</summary>
    Accepted = 1,

    /// <summary>Refused, with a reason.</summary>
    Refused = 2,

    /// <summary>The structure will call the professional.</summary>
    ContactRequested = 3,

    /// <summary>No answer within <see cref="Referral.ExpiresAfter"/>.</summary>
    Expired = 4,
}

/// <summary>
/// A referral request ("adressage"): a professional asks a service that accepts referrals to receive a person. It
/// carries only what the service asked (<see cref="Situation"/>), a short message, the person's consent, the
/// professional's own contact and an optional document; nothing names the person (initials at most). The structure
/// answers once, by the single-use link of its e-mail (only the SHA-256 of the link's 128 random bits is kept) or in
/// its space. Personal data of closed requests is erased after a retention period; what remains are the anonymous
/// facts the counts need: the service, the state, when it was sent and answered.
/// </summary>
public sealed class Referral
{
    public const int TokenBytes = 16;
    public const int SituationValueMaxLength = 200;
    public const int MessageMaxLength = 500;
    public const int InitialsMaxLength = 5;
    public const int NameMaxLength = 100;
    public const int PhoneMaxLength = 30;
    public const int EmailMaxLength = 254;
    public const int AnswerMaxLength = 500;

    public static readonly TimeSpan RemindAfter = TimeSpan.FromDays(10);
    public static readonly TimeSpan ExpiresAfter = TimeSpan.FromDays(30);

    private Referral() { }

    public int Id { get; private set; }

    public int StructureId { get; private set; }

    /// <summary>The service asked; null once the service is removed (its name stays for the counts).</summary>
    public int? ServiceId { get; private set; }

    public string ServiceName { get; private set; } = "";

    /// <summary>The sending professional's account; null once erased (nobody sees the request any more, only the counts).</summary>
    public string? SenderId { get; private set; }

    public ReferralState State { get; private set; }

    /// <summary>
    /// SHA-256 of the answer link's token. The link answers only a request in <see cref="ReferralState.Sent"/>: once
    /// answered or expired, it still finds the request to say so (nothing of the request is shown); erased: null.
    /// </summary>
    public string? TokenHash { get; private set; }

    /// <summary>SHA-256 of the reminder's link (the first e-mail's link keeps working too).</summary>
    public string? ReminderTokenHash { get; private set; }

    /// <summary>The situation facts the service asked, one "key=value" a line (<see cref="SituationValues"/>).</summary>
    public string Situation { get; private set; } = "";

    public string? Initials { get; private set; }

    public string Message { get; private set; } = "";

    public bool ConsentGiven { get; private set; }

    /// <summary>Who obtained the person's consent (the professional's name by default).</summary>
    public string ConsentBy { get; private set; } = "";

    public DateOnly ConsentOn { get; private set; }

    public string? ContactPhone { get; private set; }

    public string ContactEmail { get; private set; } = "";

    /// <summary>The professional's name and workplace as shown to the structure.</summary>
    public string SenderLabel { get; private set; } = "";

    /// <summary>The stored document's file name (random, chosen by the application), or null.</summary>
    public string? DocumentFile { get; private set; }

    public string? DocumentType { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    public DateTimeOffset? RemindedAt { get; private set; }

    /// <summary>The first answer (its delay is what the counts keep).</summary>
    public DateTimeOffset? AnsweredAt { get; private set; }

    /// <summary>When the current answer was given (a "contact me" may be followed by a decision).</summary>
    public DateTimeOffset? DecidedAt { get; private set; }

    /// <summary>The member who answered in their space, or null when the e-mail's link was used.</summary>
    public string? AnsweredBy { get; private set; }

    /// <summary>The appointment or next step of an acceptance, the reason of a refusal.</summary>
    public string? AnswerText { get; private set; }

    public DateTimeOffset? ExpiredAt { get; private set; }

    public DateTimeOffset? ErasedAt { get; private set; }

    /// <summary>Changed by every transition: two answers at once, or two instances of the job, cannot both win.</summary>
    public int Version { get; private set; }

    public bool IsErased => ErasedAt is not null;

    /// <summary>Accepted, refused, contact requested or expired: nothing more is expected of the e-mail's link.</summary>
    public bool IsClosed => State != ReferralState.Sent;

    /// <summary>Whether the structure may still answer (a "contact me" may be followed by a decision, until erased).</summary>
    public bool IsAnswerable => !IsErased && State is ReferralState.Sent or ReferralState.ContactRequested;

    /// <summary>When the request last moved: its latest answer or its expiry (the retention counts from there).</summary>
    public DateTimeOffset? ClosedAt => DecidedAt ?? ExpiredAt;

    public IReadOnlyList<KeyValuePair<string, string>> SituationValues =>
        Situation.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .Select(parts => new KeyValuePair<string, string>(parts[0], parts[1]))
            .ToList();

    /// <summary>A new request and the token of its answer link (given once, in the e-mail to the structure).</summary>
    public static (Referral Referral, string Token) Send(ReferralDraft draft, int structureId, int serviceId, string serviceName, string senderId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!draft.ConsentGiven || string.IsNullOrWhiteSpace(draft.ConsentBy))
        {
            throw new InvalidOperationException("A referral is sent only with the person's consent.");
        }

        var token = NewToken();
        var referral = new Referral
        {
            StructureId = structureId,
            ServiceId = serviceId,
            ServiceName = serviceName,
            SenderId = senderId,
            State = ReferralState.Sent,
            TokenHash = SecretCode.Hash(token),
            Situation = string.Concat(draft.Situation.Select(p => p.Key + "=" + p.Value.Replace('\n', ' ').Replace('\r', ' ') + "\n")),
            Initials = string.IsNullOrWhiteSpace(draft.Initials) ? null : draft.Initials.Trim(),
            Message = draft.Message?.Trim() ?? "",
            ConsentGiven = true,
            ConsentBy = draft.ConsentBy.Trim(),
            ConsentOn = draft.ConsentOn,
            ContactPhone = string.IsNullOrWhiteSpace(draft.ContactPhone) ? null : draft.ContactPhone.Trim(),
            ContactEmail = draft.ContactEmail.Trim(),
            SenderLabel = draft.SenderLabel.Trim(),
            SentAt = at,
        };
        return (referral, token);
    }

    /// <summary>Attaches the stored document (before the request is saved).</summary>
    public void AttachDocument(string file, string contentType)
    {
        if (Id != 0 || DocumentFile is not null)
        {
            throw new InvalidOperationException("The document is attached once, when the request is sent.");
        }

        DocumentFile = file;
        DocumentType = contentType;
    }

    public void Accept(string? by, DateTimeOffset at, string nextStep)
    {
        if (string.IsNullOrWhiteSpace(nextStep))
        {
            throw new ArgumentException("An acceptance says the appointment or the next step.", nameof(nextStep));
        }

        Answer(ReferralState.Accepted, by, at, nextStep.Trim());
    }

    public void Refuse(string? by, DateTimeOffset at, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A refusal says why.", nameof(reason));
        }

        Answer(ReferralState.Refused, by, at, reason.Trim());
    }

    public void AskContact(string? by, DateTimeOffset at)
    {
        if (State != ReferralState.Sent)
        {
            throw new InvalidOperationException($"A request {State} cannot ask to be contacted.");
        }

        Answer(ReferralState.ContactRequested, by, at, null);
    }

    /// <summary>The reminder after <see cref="RemindAfter"/> without an answer, once; returns its link's token.</summary>
    public string Remind(DateTimeOffset at)
    {
        if (State != ReferralState.Sent || RemindedAt is not null || IsErased)
        {
            throw new InvalidOperationException("Only a request waiting for its answer is reminded, once.");
        }

        if (at < SentAt + RemindAfter)
        {
            throw new InvalidOperationException("A request is reminded only after ten days without an answer.");
        }

        var token = NewToken();
        ReminderTokenHash = SecretCode.Hash(token);
        RemindedAt = at;
        Version++;
        return token;
    }

    public void Expire(DateTimeOffset at)
    {
        if (State != ReferralState.Sent || IsErased)
        {
            throw new InvalidOperationException("Only a request waiting for its answer expires.");
        }

        if (at < SentAt + ExpiresAfter)
        {
            throw new InvalidOperationException("A request expires only after thirty days without an answer.");
        }

        State = ReferralState.Expired;
        ExpiredAt = at;
        Version++;
    }

    /// <summary>
    /// Erases what could tell about the person or the professional, keeping the service, the state and the dates of
    /// the counts. The caller deletes the document's file once this is saved.
    /// </summary>
    public void Erase(DateTimeOffset at)
    {
        if (!IsClosed || IsErased)
        {
            throw new InvalidOperationException("Only a closed request is erased, once.");
        }

        Situation = "";
        Initials = null;
        Message = "";
        ConsentBy = "";
        ContactPhone = null;
        ContactEmail = "";
        SenderLabel = "";
        SenderId = null;
        AnswerText = null;
        AnsweredBy = null;
        DocumentFile = null;
        DocumentType = null;
        TokenHash = null;
        ReminderTokenHash = null;
        ErasedAt = at;
        Version++;
    }

    /// <summary>What is stored of a link's token.</summary>
    public static string HashOf(string token) => SecretCode.Hash(token);

    /// <summary>Whether a text may be a token (checked before any hashing or query).</summary>
    public static bool LooksLikeToken(string? token) =>
        token is { Length: 22 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private void Answer(ReferralState state, string? by, DateTimeOffset at, string? text)
    {
        if (!IsAnswerable)
        {
            throw new InvalidOperationException($"A request {State} cannot be answered.");
        }

        State = state;
        AnsweredAt ??= at;
        DecidedAt = at;
        AnsweredBy = by;
        AnswerText = text;
        Version++;
    }

    private static string NewToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(TokenBytes));
}

/// <summary>What the professional's form gives, checked already (see <see cref="ReferralInput"/>).</summary>
public sealed record ReferralDraft(
    IReadOnlyList<KeyValuePair<string, string>> Situation,
    string? Initials,
    string? Message,
    bool ConsentGiven,
    string ConsentBy,
    DateOnly ConsentOn,
    string? ContactPhone,
    string ContactEmail,
    string SenderLabel);
