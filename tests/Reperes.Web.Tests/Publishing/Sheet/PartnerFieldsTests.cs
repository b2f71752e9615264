using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;
using static Reperes.Web.Tests.Publishing.Sheet.SheetForms;

namespace Reperes.Web.Tests.Publishing.Sheet;

/// <summary>What the staff write for professionals only: the sheet's direct contact and notes, a service's referral settings.</summary>
public sealed class PartnerFieldsTests
{
    private const string Restos = "restos-du-coeur-brest";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EditSheet_PartnerInformation_SavedWithItsRevisionShownToProfessionalsOnly(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await LoggedInAsync(app, "gestion.restos@demo.reperes.example");

        var response = await SubmitAsync(manager, Area("modifier", Restos), "form.sheet-form",
            [("Input.ProfessionalContact", "Anne, coordinatrice — 06 12 34 56 78"), ("Input.PartnerNotes", "Appeler avant 10 h pour une inscription d’urgence.")]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var stored = await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == Restos).Select(s => new { s.ProfessionalContact, s.PartnerNotes }).SingleAsync());
        stored.ProfessionalContact.ShouldBe("Anne, coordinatrice — 06 12 34 56 78");
        stored.PartnerNotes.ShouldBe("Appeler avant 10 h pour une inscription d’urgence.");
        var fields = await app.WithDbAsync(db => db.SheetRevisions.Where(r => db.Structures.Any(s => s.Slug == Restos && s.Id == r.StructureId)).OrderByDescending(r => r.Id).Select(r => r.Changes).FirstAsync());
        System.Text.Json.JsonSerializer.Deserialize<List<FieldChange>>(fields)!.Select(c => c.Field).ShouldBe([SheetFields.ProfessionalContact, SheetFields.PartnerNotes], ignoreOrder: true);

        var professional = await PublicationWorkflowTests.AsAsync(app, "assistante.sociale@cdas.demo.reperes.example");
        (await professional.GetStringAsync("/structure/" + Restos)).ShouldContain("06 12 34 56 78");
        (await app.CreateBrowserLikeClient().GetStringAsync("/structure/" + Restos)).ShouldNotContain("06 12 34 56 78");
        (await (await PublicationWorkflowTests.AsAsync(app, "benevole@association.demo.reperes.example")).GetStringAsync("/structure/" + Restos))
            .ShouldNotContain("06 12 34 56 78", customMessage: "an account awaiting validation is not a professional yet");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EditService_ReferralSettings_SavedWithTheChosenFieldsOnly(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await LoggedInAsync(app, "gestion.restos@demo.reperes.example");
        var serviceId = await app.WithDbAsync(db => db.Services.Where(v => v.Structure.Slug == Restos && v.Name == "Camion du cœur").Select(v => v.Id).SingleAsync());
        var url = Area($"services/{serviceId}", Restos);

        var response = await SubmitAsync(manager, url, "form.service-form",
        [
            ("Input.AcceptsReferrals", "oui"),
            ("Input.ReferralConditions", "Personnes à la rue repérées par une équipe mobile."),
            ("Input.ReferralDocuments", "Aucune"),
            ("Input.ReferralFieldKeys", ReferralFields.Housing),
            ("Input.ReferralFieldKeys", ReferralFields.ContactWay),
        ]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var stored = await app.WithDbAsync(db => db.Services.SingleAsync(v => v.Id == serviceId));
        stored.AcceptsReferrals.ShouldBeTrue();
        stored.ReferralConditions.ShouldBe("Personnes à la rue repérées par une équipe mobile.");
        stored.ReferralFieldList.ShouldBe([ReferralFields.Housing, ReferralFields.ContactWay]);

        var forged = await SubmitAsync(manager, url, "form.service-form", [("Input.ReferralFieldKeys", "origine-ethnique")]);
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync()).ShouldContain("Une valeur proposée dans la liste est attendue.");
        (await app.WithDbAsync(db => db.Services.SingleAsync(v => v.Id == serviceId))).ReferralFieldList.ShouldBe([ReferralFields.Housing, ReferralFields.ContactWay]);

        var off = await SubmitAsync(manager, url, "form.service-form", [("Input.AcceptsReferrals", "")]);
        off.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Services.SingleAsync(v => v.Id == serviceId))).AcceptsReferrals.ShouldBeFalse();
    }
}
