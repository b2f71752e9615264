using System.Security.Cryptography;
using System.Text;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Core.Translations;

/// <summary>The free texts that carry translations, by subject: their codes and their names in the back office (French, the resources' keys).</summary>
public static class TranslatableFields
{
    public const string Summary = "summary";
    public const string Description = "description";
    public const string HoursDetails = "hours-details";
    public const string Situation = "situation";
    public const string AccessDetails = "access-details";
    public const string CostDetails = "cost-details";
    public const string Text = "text";
    public const string Title = "title";
    public const string Body = "body";

    /// <summary>The field's name as the translation pages show it (a resource key).</summary>
    public static string Label(TranslationSubject subject, string field) => (subject, field) switch
    {
        (TranslationSubject.Structure, Summary) => "Résumé",
        (TranslationSubject.Structure, Description) => "Présentation",
        (TranslationSubject.Structure, HoursDetails) => "Précisions sur les horaires",
        (TranslationSubject.Service, Description) => "Description du service",
        (TranslationSubject.Service, Situation) => "Situation administrative demandée",
        (TranslationSubject.Service, AccessDetails) => "Conditions d’accès, ce qu’il faut apporter",
        (TranslationSubject.Service, CostDetails) => "Précisions sur le coût",
        (TranslationSubject.Notice, Text) => "Texte de l’avis",
        (TranslationSubject.Publication, Title) => "Titre",
        (TranslationSubject.Publication, Summary) => "Résumé",
        (TranslationSubject.Publication, Body) => "Texte",
        _ => field,
    };
}

/// <summary>One French free text as it is now, with what owns it: what a translation is made from and follows.</summary>
public sealed record TranslatableText(int? StructureId, TranslationSubject Subject, int SubjectId, string Field, string French)
{
    /// <summary>The hash a translation keeps of the French it was made from (line ends and outer spaces aside).</summary>
    public string Hash => HashOf(French);

    public (TranslationSubject, int, string) Key => (Subject, SubjectId, Field);

    public static string HashOf(string french) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(french.Replace("\r\n", "\n", StringComparison.Ordinal).Trim())));

    /// <summary>
    /// The sheet's texts, its services' and its notices' (those not expired on <paramref name="today"/>, when given),
    /// empty ones left out; the structure needs its services and notices loaded.
    /// </summary>
    public static IReadOnlyList<TranslatableText> Of(Structure structure, DateOnly? today = null)
    {
        var texts = new List<TranslatableText>();
        void Add(TranslationSubject subject, int id, string field, string? french)
        {
            if (!string.IsNullOrWhiteSpace(french))
            {
                texts.Add(new TranslatableText(structure.Id, subject, id, field, french));
            }
        }

        Add(TranslationSubject.Structure, structure.Id, TranslatableFields.Summary, structure.Summary);
        Add(TranslationSubject.Structure, structure.Id, TranslatableFields.Description, structure.Description);
        Add(TranslationSubject.Structure, structure.Id, TranslatableFields.HoursDetails, structure.OpeningHoursDetails);
        foreach (var service in structure.Services.OrderBy(s => s.Name, Text.FrenchOrder.Comparer))
        {
            Add(TranslationSubject.Service, service.Id, TranslatableFields.Description, service.Description);
            Add(TranslationSubject.Service, service.Id, TranslatableFields.Situation, service.AdministrativeSituation);
            Add(TranslationSubject.Service, service.Id, TranslatableFields.AccessDetails, service.AccessDetails);
            Add(TranslationSubject.Service, service.Id, TranslatableFields.CostDetails, service.CostDetails);
        }

        foreach (var notice in structure.Notices.Where(n => today is null || !n.IsExpiredOn(today.Value)).OrderBy(n => n.StartsOn))
        {
            Add(TranslationSubject.Notice, notice.Id, TranslatableFields.Text, notice.Text);
        }

        return texts;
    }

    /// <summary>A publication's title, summary and text.</summary>
    public static IReadOnlyList<TranslatableText> Of(Publication publication) =>
        new (string Field, string French)[] { (TranslatableFields.Title, publication.Title), (TranslatableFields.Summary, publication.Summary), (TranslatableFields.Body, publication.Body) }
            .Where(f => !string.IsNullOrWhiteSpace(f.French))
            .Select(f => new TranslatableText(publication.StructureId, TranslationSubject.Publication, publication.Id, f.Field, f.French))
            .ToList();
}
