using System.Globalization;
using Microsoft.Extensions.Localization;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Entry;

/// <summary>One observation as the form sends it: every value as typed, checked by <see cref="Read"/>.</summary>
public sealed class ObservationInput
{
    public const int MaxWhole = 1_000_000;

    public int IndicatorId { get; set; }

    public string? Count { get; set; }

    public string? Percentage { get; set; }

    public string? SampleSize { get; set; }

    /// <summary>How many answers each point of the scale got, from the lowest.</summary>
    public List<string?> Scale { get; set; } = [];

    /// <summary>"oui" or "non".</summary>
    public string? Answer { get; set; }

    public string? Text { get; set; }

    public string? Note { get; set; }

    public string? CollectedOn { get; set; }

    public string? CollectedBy { get; set; }

    /// <summary>
    /// The observation the form describes for this indicator, or null with the errors by field (French messages,
    /// translated): the values the form's fields keep when the page comes back.
    /// </summary>
    public Observation? Read(PeriodEntry entry, Indicator indicator, string recordedById, DateTimeOffset at, Dictionary<string, string> errors, IStringLocalizer localizer)
    {
        var collectedOn = entry.CollectionDate(CollectedOn, nameof(CollectedOn), errors, localizer);
        var collectedBy = CollectedBy?.Trim() ?? "";
        if (collectedBy.Length == 0)
        {
            errors[nameof(CollectedBy)] = localizer["Indiquez qui a recueilli ces données (un prénom suffit)."];
        }
        else if (collectedBy.Length > 120)
        {
            errors[nameof(CollectedBy)] = localizer["Le nom est trop long : 120 caractères au plus."];
        }

        if (Note?.Trim().Length > 4000)
        {
            errors[nameof(Note)] = localizer["La remarque est trop longue : 4 000 caractères au plus."];
        }

        var periodId = entry.Period.Id;
        Func<DateOnly, Observation>? make = null;
        switch (indicator.ValueType)
        {
            case IndicatorValueType.Count:
                if (Whole(Count, nameof(Count), "Indiquez un nombre entier, 0 ou plus (par exemple 12).", errors, localizer) is { } count)
                {
                    make = on => Observation.Count(periodId, indicator.Id, count, Note, on, collectedBy, recordedById, at);
                }

                break;
            case IndicatorValueType.Percentage:
                var share = Share(errors, localizer);
                var sample = Whole(SampleSize, nameof(SampleSize), "Indiquez combien de personnes ont répondu (un nombre entier, 1 ou plus).", errors, localizer);
                if (sample == 0)
                {
                    errors[nameof(SampleSize)] = localizer["Indiquez combien de personnes ont répondu (un nombre entier, 1 ou plus)."];
                }
                else if (share is { } percentage && sample is { } size)
                {
                    make = on => Observation.Percentage(periodId, indicator.Id, percentage, size, Note, on, collectedBy, recordedById, at);
                }

                break;
            case IndicatorValueType.Scale:
                var points = indicator.Definition.ScalePoints;
                var answers = new List<int>();
                for (var i = 0; i < points.Count; i++)
                {
                    var typed = i < Scale.Count ? Scale[i] : null;
                    if (string.IsNullOrWhiteSpace(typed))
                    {
                        answers.Add(0);
                    }
                    else if (Whole(typed, $"Scale[{i}]", "Indiquez un nombre entier de réponses, 0 ou plus.", errors, localizer) is { } answered)
                    {
                        answers.Add(answered);
                    }
                }

                if (points.Count < 2)
                {
                    errors[nameof(Scale)] = localizer["Cette échelle n’a pas encore ses points : faites-les définir dans le référentiel."];
                }
                else if (answers.Count == points.Count && answers.Sum() == 0)
                {
                    errors[nameof(Scale)] = localizer["Indiquez combien de personnes ont choisi chaque réponse (au moins une réponse en tout)."];
                }
                else if (answers.Count == points.Count)
                {
                    make = on => Observation.Scale(periodId, indicator.Id, answers, Note, on, collectedBy, recordedById, at);
                }

                break;
            case IndicatorValueType.YesNo:
                if (Answer is "oui" or "non")
                {
                    var yes = Answer == "oui";
                    make = on => Observation.YesNo(periodId, indicator.Id, yes, Note, on, collectedBy, recordedById, at);
                }
                else
                {
                    errors[nameof(Answer)] = localizer["Choisissez oui ou non."];
                }

                break;
            case IndicatorValueType.Text:
                var text = Text?.Trim() ?? "";
                if (text.Length == 0)
                {
                    errors[nameof(Text)] = localizer["Écrivez ce que vous avez observé."];
                }
                else if (text.Length > 4000)
                {
                    errors[nameof(Text)] = localizer["Le texte est trop long : 4 000 caractères au plus."];
                }
                else
                {
                    make = on => Observation.Written(periodId, indicator.Id, text, on, collectedBy, recordedById, at);
                }

                break;
            case IndicatorValueType.Testimony:
                errors[""] = localizer["Cet indicateur se recueille par des témoignages : saisissez-les sur la page des témoignages."];
                break;
            default:
                throw new InvalidOperationException($"Unknown value type {indicator.ValueType}.");
        }

        return errors.Count == 0 && make is not null && collectedOn is { } day ? make(day) : null;
    }

    private decimal? Share(Dictionary<string, string> errors, IStringLocalizer localizer)
    {
        var typed = Percentage?.Trim().TrimEnd('%').Trim().Replace(',', '.');
        if (decimal.TryParse(typed, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var share) && share <= 100 && decimal.Round(share, 2) == share)
        {
            return share;
        }

        errors[nameof(Percentage)] = localizer["Indiquez un pourcentage entre 0 et 100 (par exemple 62 ou 62,5)."];
        return null;
    }

    private static int? Whole(string? typed, string field, string error, Dictionary<string, string> errors, IStringLocalizer localizer)
    {
        var digits = typed?.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u202F", "", StringComparison.Ordinal).Replace("\u00A0", "", StringComparison.Ordinal);
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= MaxWhole)
        {
            return value;
        }

        errors[field] = localizer[error];
        return null;
    }
}
