using Microsoft.Extensions.Localization;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Entry;

/// <summary>A new testimony as the form sends it (the recording comes beside it, as a file).</summary>
public sealed class TestimonyInput
{
    public const int MaxRetentionYears = 10;

    public string? Pseudonym { get; set; }

    public string? Text { get; set; }

    /// <summary>Internal, Network or Public: no default, the person chooses.</summary>
    public string? Consent { get; set; }

    public string? RetainUntil { get; set; }

    public string? CollectedOn { get; set; }

    public string? CollectedBy { get; set; }

    /// <summary>A consent as a form sends it (its name), or null for anything else.</summary>
    public static TestimonyConsent? ConsentOf(string? typed) => typed switch
    {
        nameof(TestimonyConsent.Internal) => TestimonyConsent.Internal,
        nameof(TestimonyConsent.Network) => TestimonyConsent.Network,
        nameof(TestimonyConsent.Public) => TestimonyConsent.Public,
        _ => null,
    };

    /// <summary>What each scope means, in plain words (French keys), for the person to choose.</summary>
    public static string Explanation(TestimonyConsent consent) => consent switch
    {
        TestimonyConsent.Internal => "Lu seulement par l’équipe de la structure et la coordination du réseau. Il n’apparaît dans aucun résultat partagé.",
        TestimonyConsent.Network => "Peut aussi être compté et cité, sous ce prénom ou pseudonyme, dans les résultats partagés avec les autres structures du réseau.",
        TestimonyConsent.Public => "Peut aussi être cité, sous ce prénom ou pseudonyme, sur la page publique des résultats du territoire, que tout le monde peut lire.",
        _ => throw new ArgumentOutOfRangeException(nameof(consent), consent, null),
    };

    /// <summary>The checked values, or null with the errors by field (translated French messages).</summary>
    public (string Pseudonym, string? Text, TestimonyConsent Consent, DateOnly RetainUntil, DateOnly CollectedOn, string CollectedBy)? Read(
        PeriodEntry entry, bool hasRecording, int defaultRetentionMonths, Dictionary<string, string> errors, IStringLocalizer localizer)
    {
        var pseudonym = Pseudonym?.Trim() ?? "";
        if (pseudonym.Length == 0)
        {
            errors[nameof(Pseudonym)] = localizer["Indiquez le prénom ou le pseudonyme choisi avec la personne (jamais son nom complet)."];
        }
        else if (pseudonym.Length > 60)
        {
            errors[nameof(Pseudonym)] = localizer["Le prénom ou pseudonyme est trop long : 60 caractères au plus."];
        }

        var text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim();
        if (text is null && !hasRecording)
        {
            errors[nameof(Text)] = localizer["Écrivez ce que la personne a dit, ou joignez son enregistrement."];
        }
        else if (text?.Length > 10_000)
        {
            errors[nameof(Text)] = localizer["Le témoignage est trop long : 10 000 caractères au plus."];
        }

        var consent = ConsentOf(Consent);
        if (consent is null)
        {
            errors[nameof(Consent)] = localizer["Choisissez ce que la personne a accepté : interne, réseau ou public."];
        }

        var collectedOn = entry.CollectionDate(CollectedOn, nameof(CollectedOn), errors, localizer);
        var collectedBy = CollectedBy?.Trim() ?? "";
        if (collectedBy.Length == 0)
        {
            errors[nameof(CollectedBy)] = localizer["Indiquez qui a recueilli ce témoignage (un prénom suffit)."];
        }
        else if (collectedBy.Length > 120)
        {
            errors[nameof(CollectedBy)] = localizer["Le nom est trop long : 120 caractères au plus."];
        }

        DateOnly? retainUntil = null;
        if (string.IsNullOrWhiteSpace(RetainUntil))
        {
            retainUntil = collectedOn?.AddMonths(defaultRetentionMonths);
        }
        else if (!PeriodEntry.TryParseDate(RetainUntil, out var until))
        {
            errors[nameof(RetainUntil)] = localizer["Indiquez la date sous la forme jj/mm/aaaa (par exemple {0}).", entry.DefaultCollection.AddMonths(defaultRetentionMonths).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)];
        }
        else if (collectedOn is { } on && (until <= on || until > on.AddYears(MaxRetentionYears)))
        {
            errors[nameof(RetainUntil)] = localizer["Le témoignage se garde après le jour où il a été recueilli ({0}) et {1} ans au plus : indiquez un jour jusqu’au {2}.",
                PeriodEntry.InWords(on), MaxRetentionYears, PeriodEntry.InWords(on.AddYears(MaxRetentionYears))];
        }
        else
        {
            retainUntil = until;
        }

        return errors.Count == 0 && consent is { } c && retainUntil is { } keep && collectedOn is { } day
            ? (pseudonym, text, c, keep, day, collectedBy)
            : null;
    }
}

/// <summary>A coding of a testimony as the form sends it.</summary>
public sealed class CodingInput
{
    public int TestimonyId { get; set; }

    public int? CriterionId { get; set; }

    /// <summary>Positive or Negative.</summary>
    public string? Polarity { get; set; }

    public string? Excerpt { get; set; }
}
