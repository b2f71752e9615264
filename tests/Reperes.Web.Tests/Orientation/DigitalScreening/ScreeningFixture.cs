using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Orientation.DigitalScreening;

/// <summary>
/// A digital-mediation place of the tests: where it is (<see cref="Km"/> north of <see cref="ScreeningFixture.Origin"/>,
/// null: no pin), its one service's standard fields and hours, and what the test expects of it at
/// <see cref="ReperesApp.DefaultNow"/> (Tuesday 24 November 2026, 10:00): <see cref="NextOpen"/> within the coming
/// seven days, or null when it must never be listed (closed for works, open next month, a draft, no public…).
/// </summary>
public sealed record FixturePlace(
    string Name,
    double? Km,
    string Category,
    MediationOffer Offer,
    string? ServiceHours,
    string? StructureHours = null,
    bool Online = true,
    bool RemoteOnly = false,
    bool ClosedForWorks = false)
{
    public DateTimeOffset? NextOpen { get; init; }

    public string Slug => Slugs.Slugify(Name);
}

/// <summary>The places of the screening tests, written through the one write path (StructureWriter), with their hours and notices.</summary>
public static class ScreeningFixture
{
    /// <summary>Brest, place de la Liberté: where distances are measured from.</summary>
    public const double OriginLatitude = 48.3904;
    public const double OriginLongitude = -4.4861;

    private static readonly DateTimeOffset Now = ReperesApp.DefaultNow;

    private static MediationOffer Offer(string[] services, string[]? support = null, string[]? equipment = null, string[]? publics = null, string[]? access = null) =>
        MediationOffer.None with { Services = services, Support = support ?? [], Equipment = equipment ?? [], Publics = publics ?? [], Access = access ?? [] };

    public static readonly IReadOnlyList<FixturePlace> Places =
    [
        new("Cyber Bellevue", 0.5, "acces-internet",
            Offer(["acces-internet"], ["autonomie"], ["ordinateurs", "wifi", "imprimante"]), "Mo-Fr 09:00-17:00") { NextOpen = Now },
        new("Médiathèque du Centre", 1, "mediation-numerique",
            Offer(["demarches", "acces-internet"], ["individuel"], ["ordinateurs", "scanner"]), "Tu,Th 14:00-17:00") { NextOpen = Now.AddHours(4) },
        new("Atelier seniors de Recouvrance", 2, "mediation-numerique",
            Offer(["outils-quotidien"], ["atelier"], publics: ["seniors"]), "We 10:00-12:00") { NextOpen = Now.AddDays(1) },
        new("Espace emploi numérique", 3, "mediation-numerique",
            Offer(["insertion-professionnelle", "outils-quotidien"], ["individuel", "atelier"], ["ordinateurs", "imprimante", "scanner"]), null, StructureHours: "Mo-Fr 08:30-12:00") { NextOpen = Now },
        new("Point jeunes connecté", 4, "mediation-numerique",
            Offer(["outils-quotidien"], ["individuel"], publics: ["jeunes"]), "Sa 14:00-18:00") { NextOpen = Now.AddDays(4).AddHours(4) },
        new("Borne sans adresse précise", null, "acces-internet",
            Offer(["acces-internet"], ["autonomie"], ["ordinateurs", "imprimante"]), "Mo-Su 00:00-24:00") { NextOpen = Now },

        // Never listed: every help fits them, but none opens in the coming days, or they are no place to go to.
        new("Maison du numérique en travaux", 0.2, "mediation-numerique",
            Offer(["acces-internet", "demarches", "outils-quotidien", "insertion-professionnelle"], ["autonomie", "individuel", "atelier"], ["ordinateurs", "wifi", "imprimante", "scanner"], ["seniors", "jeunes"]),
            "Mo-Sa 09:00-18:00", ClosedForWorks: true),
        new("Permanence du premier lundi", 1.5, "acces-internet",
            Offer(["acces-internet", "outils-quotidien"], ["autonomie", "atelier"], ["ordinateurs", "wifi", "imprimante", "scanner"]), "Mo[1] 10:00-12:00"),
        new("Cyber en préparation", 0.3, "acces-internet",
            Offer(["acces-internet", "demarches", "outils-quotidien"], ["autonomie", "individuel", "atelier"], ["ordinateurs", "imprimante", "scanner"]), "Mo-Su 00:00-24:00", Online: false),
        new("Bureau sans accueil", 0.4, "mediation-numerique",
            Offer(["acces-internet", "demarches"], ["autonomie", "individuel"], ["ordinateurs", "imprimante"], access: ["pas-de-public"]), "Mo-Su 00:00-24:00"),
        new("Ligne d’aide numérique du Finistère", 0.6, "mediation-numerique",
            Offer(["demarches", "outils-quotidien"], ["distance"]), "Mo-Fr 09:00-17:00", RemoteOnly: true),
    ];

    public const string RemotePhone = "02 98 00 00 01";

    public static async Task CreateAsync(ReperesApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<StructureWriter>();
        var categories = await db.Categories.ToDictionaryAsync(c => c.Code);
        var author = new StructureAuthor("tests", "Tests");
        var today = HoursEvaluator.LocalDate(app.Clock.GetUtcNow());
        foreach (var place in Places)
        {
            var structure = new Structure(place.Slug, place.Name, StructureKind.Association, app.Clock.GetUtcNow());
            double? latitude = place.Km is { } km ? OriginLatitude + (km / 111.2) : null;
            structure.PlaceAt(place.Km is null ? null : "1 rue de Siam", "29200", "Brest", "29019", latitude, place.Km is null ? null : OriginLongitude);
            structure.SetContact(["02 98 00 00 00"], null, null);
            structure.SetReception(null, [], place.StructureHours, null);
            await writer.CreateAsync(author, structure, place.Online, s =>
            {
                var service = new Service(s, categories[place.Category], place.Name + " — accompagnement");
                service.SetReception(place.ServiceHours, place.RemoteOnly ? ["a-distance"] : ["en-presentiel"], place.RemoteOnly ? RemotePhone : null, null);
                service.SetMediation(place.Offer);
                s.Services.Add(service);
                if (place.ClosedForWorks)
                {
                    s.Notices.Add(new Notice(s, null, NoticeKind.Closure, today, today.AddDays(9), "Fermé pour travaux", null));
                }

                return Task.FromResult<IReadOnlyList<FieldChange>>([]);
            }, CancellationToken.None);
        }
    }
}
