using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.Publishing.Sheet.SheetForms;

namespace Reperes.Web.Tests.Publishing.Sheet;

/// <summary>The structure's own hours in its sheet form: the weekly grid, the expert syntax behind a toggle, the week they give.</summary>
public sealed class SheetHoursTests
{
    private const string SheetForm = "form.sheet-form";
    private const string OzanamHours = "Mo-Fr 08:30-12:00,13:30-16:30; Sa 08:30-12:00; PH off";

    private static Task<string?> HoursAsync(ReperesApp app, string slug = Ozanam) =>
        app.WithDbAsync(db => db.Structures.Where(s => s.Slug == slug).Select(s => s.OpeningHours).SingleAsync());

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Form_HoursTheGridCanShow_AreInTheGridWithTheirWeekAndNoOtherTab(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);

        var (response, page) = await client.GetPageAsync(Area("modifier"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var form = page.QuerySelector(SheetForm)!;
        form.QuerySelector("input[name='Input.Hours.Mode'][value=grid]")!.HasAttribute("checked").ShouldBeTrue();
        form.QuerySelector("input[name='Input.Hours.Grid.Days[0].Starts[0]']")!.GetAttribute("value").ShouldBe("08:30");
        form.QuerySelector("input[name='Input.Hours.Grid.Days[0].Ends[1]']")!.GetAttribute("value").ShouldBe("16:30");
        form.QuerySelector("input[name='Input.Hours.Grid.Days[5].Starts[0]']")!.GetAttribute("value").ShouldBe("08:30");
        form.QuerySelector("input[name='Input.Hours.Grid.Days[6].Starts[0]']")!.GetAttribute("value").ShouldBeNullOrEmpty();
        form.QuerySelector("input[name='Input.Hours.Grid.ClosedOnPublicHolidays'][type=checkbox]")!.HasAttribute("checked").ShouldBeTrue();
        // The syntax is behind a closed toggle; the week these hours give is shown under the grid.
        form.QuerySelector("details.hours-expert")!.HasAttribute("open").ShouldBeFalse();
        form.QuerySelector("details.hours-expert textarea")!.TextContent.ShouldBe(OzanamHours);
        form.QuerySelectorAll(".hours-fields table.hours tbody tr").Length.ShouldBe(7);
        form.QuerySelector(".hours-fields table.hours tr.today td")!.TextContent.ShouldContain("08:30–12:00");
        page.QuerySelectorAll("a[href^='/outils/horaires']").Where(a => a.Closest("main") is not null).ShouldBeEmpty();
        page.QuerySelectorAll("a[target=_blank]").Where(a => a.Closest("main") is not null).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Form_HoursRicherThanTheGrid_OpenInExpertModeAndAreKeptWhenSaved(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, "coordination@demo.reperes.example");
        const string restos = "restos-du-coeur-brest";
        var before = await HoursAsync(app, restos);

        var (_, page) = await client.GetPageAsync(Area("modifier", restos));
        var form = page.QuerySelector(SheetForm)!;
        form.QuerySelector("input[name='Input.Hours.Mode'][value=expert]")!.HasAttribute("checked").ShouldBeTrue();
        form.QuerySelector("details.hours-expert")!.HasAttribute("open").ShouldBeTrue();
        form.QuerySelector("details.hours-expert")!.TextContent.ShouldContain("remplissez la grille pour les remplacer");
        form.QuerySelector("details.hours-expert textarea")!.TextContent.ShouldBe(before!);

        var response = await SubmitAsync(client, Area("modifier", restos), SheetForm, [("Input.Email", "brest@restos.example.org")]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await HoursAsync(app, restos)).ShouldBe(before);
        var fields = await app.WithDbAsync(db => db.SheetRevisions.ToListAsync());
        fields.ShouldHaveSingleItem().ChangeList.Select(c => c.Field).ShouldBe(["Courriel"]);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Save_WithTheGrid_WritesTheHoursAndRecordsOnlyThat(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);

        // Closed on Saturdays from now on, and a Wednesday evening slot.
        var response = await SubmitAsync(client, Area("modifier"), SheetForm,
        [
            ("Input.Hours.Grid.Days[5].Starts[0]", ""), ("Input.Hours.Grid.Days[5].Ends[0]", ""),
            ("Input.Hours.Grid.Days[2].Starts[2]", "18:00"), ("Input.Hours.Grid.Days[2].Ends[2]", "20:00"),
        ]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        (await HoursAsync(app)).ShouldBe("Mo,Tu,Th,Fr 08:30-12:00,13:30-16:30; We 08:30-12:00,13:30-16:30,18:00-20:00; PH off");
        var changes = await app.WithDbAsync(db => db.SheetRevisions.ToListAsync());
        changes.ShouldHaveSingleItem().ChangeList.Select(c => c.Field).ShouldBe(["Horaires"]);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Save_WithoutTouchingTheGrid_KeepsTheHoursAsWritten(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);

        var response = await SubmitAsync(client, Area("modifier"), SheetForm, []);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/structure/halte-accueil-ozanam?enregistre=0");
        (await HoursAsync(app)).ShouldBe(OzanamHours);
        (await app.WithDbAsync(db => db.SheetRevisions.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Save_AnEmptyGrid_LeavesTheSheetWithoutHours(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);
        var empty = Enumerable.Range(0, 7).SelectMany(d => Enumerable.Range(0, 3).SelectMany(s => new[]
        {
            ($"Input.Hours.Grid.Days[{d}].Starts[{s}]", ""), ($"Input.Hours.Grid.Days[{d}].Ends[{s}]", ""),
        }));

        var response = await SubmitAsync(client, Area("modifier"), SheetForm, empty);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await HoursAsync(app)).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task HoursPreview_ShowsTheWeekOfTheGridAndSavesNothing(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);

        // 24 November 2026, the day of the test clock, is a Tuesday.
        var response = await SubmitAsync(client, Area("modifier"), SheetForm,
            [("Input.Hours.Grid.Days[1].Starts[0]", "10:00"), ("Input.Hours.Grid.Days[1].Ends[0]", "11:00"), ("Input.Hours.Grid.Days[1].Starts[1]", ""), ("Input.Hours.Grid.Days[1].Ends[1]", "")],
            action: "hours");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await DocumentAsync(response);
        page.QuerySelector(".hours-fields table.hours tr.today td")!.TextContent.Trim().ShouldBe("10:00–11:00");
        page.QuerySelector(".hours-fields #Input_Hours_week").ShouldNotBeNull();
        page.QuerySelector("input[name='Input.Hours.Grid.Days[1].Starts[0]']")!.GetAttribute("value").ShouldBe("10:00");
        page.QuerySelector("details.hours-expert textarea")!.TextContent.ShouldContain("Tu 10:00-11:00");
        page.QuerySelector("section.preview").ShouldBeNull();
        (await HoursAsync(app)).ShouldBe(OzanamHours);
        (await app.WithDbAsync(db => db.SheetRevisions.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Service_HoursPreview_ShowsTheWeekOfTheServiceAndSavesNothing(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);
        var showers = await app.WithDbAsync(db => db.Services.Where(v => v.Structure.Slug == Ozanam && v.Name == "Douches").Select(v => new { v.Id, v.OpeningHours }).SingleAsync());

        var (_, page) = await client.GetPageAsync(Area($"services/{showers.Id}"));
        page.QuerySelector("form.service-form details.hours-expert").ShouldNotBeNull();
        var response = await SubmitAsync(client, Area($"services/{showers.Id}"), "form.service-form",
            [("Input.Hours.Mode", "grid"), ("Input.Hours.Grid.Days[1].Starts[0]", "17:00"), ("Input.Hours.Grid.Days[1].Ends[0]", "19:00")],
            action: "hours");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DocumentAsync(response)).QuerySelector(".hours-fields table.hours tr.today td")!.TextContent.ShouldContain("17:00–19:00");
        (await app.WithDbAsync(db => db.Services.Where(v => v.Id == showers.Id).Select(v => v.OpeningHours).SingleAsync())).ShouldBe(showers.OpeningHours);
    }
}
