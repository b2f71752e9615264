using Microsoft.EntityFrameworkCore;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Core.Structures;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Admin.Demo;

/// <summary>The demo's digital places carry the national standard's mediation fields, contrasted enough for filters to choose.</summary>
public sealed class DemoMediationTests
{
    [Fact]
    public void DemoFile_EveryDigitalService_DescribesItsMediationWithKnownCodes()
    {
        var digital = DemoFiles.Demo().Structures
            .SelectMany(s => s.Services.Select(v => (s.Slug, Service: v)))
            .Where(x => DigitalMediation.IsDigitalCategory(x.Service.Category))
            .ToList();

        digital.Count.ShouldBeGreaterThanOrEqualTo(10);
        foreach (var (slug, service) in digital)
        {
            service.Mediation.ShouldNotBeNull($"{slug} « {service.Name} » has no mediation fields");
            var offer = service.Mediation.ToOffer(slug);
            offer.Services.ShouldNotBeEmpty($"{slug} « {service.Name} »");
            offer.Support.ShouldNotBeEmpty($"{slug} « {service.Name} »");
            offer.Fees.ShouldNotBeEmpty($"{slug} « {service.Name} »");
            offer.Access.ShouldNotBeEmpty($"{slug} « {service.Name} »");
        }

        DemoFiles.Demo().Structures.SelectMany(s => s.Services).Where(v => !DigitalMediation.IsDigitalCategory(v.Category))
            .ShouldAllBe(v => v.Mediation == null, "only digital services describe mediation");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task LoadDemo_DigitalPlaces_CarryContrastedMediationFields(string engine)
    {
        await using var app = new ReperesApp(engine);
        var services = await app.WithDbAsync(db => db.Services
            .Where(v => v.Category.Code == DigitalMediation.InternetAccessCategory || v.Category.Code == DigitalMediation.WorkshopsCategory)
            .Select(v => new { v.Structure.Slug, v.Name, Service = v })
            .ToListAsync());
        var offers = services.Select(x => (x.Slug, x.Name, Offer: x.Service.Mediation)).ToList();

        offers.ShouldAllBe(o => !o.Offer.IsEmpty);
        var franceServices = offers.Single(o => o.Offer.Programmes.Contains("france-services"));
        franceServices.Slug.ShouldBe("mairie-quartier-europe");
        franceServices.Offer.Programmes.ShouldContain("aidants-connect");
        franceServices.Offer.Services.ShouldBe(["acces-internet", "demarches"]);
        franceServices.Offer.Equipment.ShouldBe(["ordinateurs", "imprimante", "scanner"]);

        offers.Count(o => o.Offer.Equipment.Contains("imprimante") && o.Offer.Equipment.Contains("scanner")).ShouldBeGreaterThanOrEqualTo(2);
        offers.Count(o => o.Offer.Support.SequenceEqual(["atelier"])).ShouldBeGreaterThanOrEqualTo(3, "workshops only");
        offers.Count(o => o.Offer.Support.Contains("individuel")).ShouldBeGreaterThanOrEqualTo(3);
        offers.ShouldContain(o => o.Offer.Support.Contains("distance"));
        offers.ShouldContain(o => o.Offer.Publics.Contains("seniors") && o.Slug == "foyer-laique-saint-marc");
        var restos = offers.Single(o => o.Offer.Fees.Contains("gratuit-sous-condition"));
        restos.Slug.ShouldBe("restos-du-coeur-brest");
        offers.Single(o => o.Offer.OtherLabels is not null).Offer.OtherLabels.ShouldBe("Accepte les Pass numériques (chèques APTIC)");
        offers.ShouldContain(o => o.Offer.Access.Count == 1 && o.Offer.Access[0] == "prescription");
        offers.ShouldContain(o => o.Offer.Services.Contains("materiel-solidaire"));
    }
}
