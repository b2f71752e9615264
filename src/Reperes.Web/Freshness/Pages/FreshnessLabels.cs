using Microsoft.AspNetCore.Mvc.Localization;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Freshness.Pages;

/// <summary>The sections of a sheet and the ways of answering, as the coordination's pages name them.</summary>
public static class FreshnessLabels
{
    public static string Section(SheetSections section, IHtmlLocalizer l) => section switch
    {
        SheetSections.Contact => l["Coordonnées"].Value,
        SheetSections.Address => l["Adresse"].Value,
        SheetSections.Hours => l["Horaires"].Value,
        SheetSections.Services => l["Services proposés"].Value,
        SheetSections.Notices => l["Fermetures et informations temporaires"].Value,
        _ => section.ToString(),
    };

    public static string Sections(SheetSections sections, IHtmlLocalizer l) => string.Join(", ", sections.Each().Select(s => Section(s, l)));

    public static string Progress(CampaignProgress progress, IHtmlLocalizer l) => progress switch
    {
        CampaignProgress.ToDo => l["À faire"].Value,
        CampaignProgress.Started => l["Commencé"].Value,
        CampaignProgress.Done => l["Fait"].Value,
        _ => progress.ToString(),
    };

    public static string Method(VerificationMethod method, IHtmlLocalizer l) => method switch
    {
        VerificationMethod.Link => l["par le lien envoyé"].Value,
        VerificationMethod.Phone => l["au téléphone"].Value,
        VerificationMethod.Visit => l["lors d’une visite sur place"].Value,
        VerificationMethod.Edit => l["en modifiant la fiche"].Value,
        _ => method.ToString(),
    };

    public static string StateKey(FreshnessState state) => state switch
    {
        FreshnessState.Fresh => "À jour",
        FreshnessState.Due => "À vérifier",
        FreshnessState.Overdue => "En retard",
        FreshnessState.Unverified => "Marquée non vérifiée",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };
}
