using System.Net;
using Reperes.OpeningHours;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Hours;

[Collection(SharedAppsCollection.Name)]
public sealed class HoursEditorTests(SharedApps apps)
{
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string handler, Dictionary<string, string> fields) =>
        client.PostFormAsync("/outils/horaires", fields, "/outils/horaires?handler=" + handler);

    [Fact]
    public async Task Grid_WeekdaysWithWednesdayAfternoonAndHolidaysOff_WritesExactlyThatWeek()
    {
        var client = apps.For(Engines.Sqlite).CreateBrowserLikeClient();
        var fields = new Dictionary<string, string> { ["Grid.ClosedOnPublicHolidays"] = "true" };
        for (var day = 0; day < 5; day++)
        {
            fields[$"Grid.Days[{day}].Starts[0]"] = "09:00";
            fields[$"Grid.Days[{day}].Ends[0]"] = "12:00";
        }

        fields["Grid.Days[2].Starts[1]"] = "14:00";
        fields["Grid.Days[2].Ends[1]"] = "17:00";

        var response = await PostAsync(client, "Grid", fields);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var value = Uri.UnescapeDataString(response.Headers.Location!.OriginalString.Split("value=")[1].Replace('+', ' '));
        var schedule = OpeningHoursSchedule.Parse(value);
        OpeningStatus At(int day, int hour) => schedule.GetState(new DateTimeOffset(2026, 11, 23 + day, hour, 0, 0, Winter)).Status;
        for (var day = 0; day < 5; day++)
        {
            At(day, 10).ShouldBe(OpeningStatus.Open, $"day {day} 10:00 in {value}");
            At(day, 15).ShouldBe(day == 2 ? OpeningStatus.Open : OpeningStatus.Closed, $"day {day} 15:00 in {value}");
            At(day, 8).ShouldBe(OpeningStatus.Closed);
        }

        At(5, 10).ShouldBe(OpeningStatus.Closed);
        At(6, 10).ShouldBe(OpeningStatus.Closed);
        schedule.GetState(new DateTimeOffset(2026, 12, 25, 10, 0, 0, Winter)).Status.ShouldBe(OpeningStatus.Closed);

        var (page, result) = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        result.QuerySelector("#result")!.GetAttribute("value").ShouldBe(value);
        result.QuerySelectorAll("#result-title ~ table.hours tr").Length.ShouldBe(7);
        result.QuerySelector("input[name='Grid.Days[2].Starts[1]']")!.GetAttribute("value").ShouldBe("14:00");
    }

    [Fact]
    public async Task Grid_EndBeforeStart_IsRefusedWithAClearMessage()
    {
        var client = apps.For(Engines.Sqlite).CreateBrowserLikeClient();

        var response = await PostAsync(client, "Grid", new() { ["Grid.Days[0].Starts[0]"] = "14:00", ["Grid.Days[0].Ends[0]"] = "09:00" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("l’heure de fin doit être après l’heure de début");
    }

    [Fact]
    public async Task Expert_InvalidString_ShowsTheMistakeAndItsPosition()
    {
        var client = apps.For(Engines.Sqlite).CreateBrowserLikeClient();

        var response = await PostAsync(client, "Expert", new() { ["Expert"] = "Mo-Fr 09:00-12:00; Xx 10:00-11:00" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("position");
        page.QuerySelector("textarea#Expert")!.TextContent.ShouldBe("Mo-Fr 09:00-12:00; Xx 10:00-11:00");
    }

    [Fact]
    public async Task Expert_RichString_StaysInExpertModeWithAPreview()
    {
        var client = apps.For(Engines.Sqlite).CreateBrowserLikeClient();

        var response = await PostAsync(client, "Expert", new() { ["Expert"] = "Mo-Fr 09:00-17:00; We[1] off; Dec 24-Jan 02 off" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, page) = await client.GetPageAsync(response.Headers.Location!.OriginalString);
        page.QuerySelector("form.hours-grid").ShouldBeNull();
        page.QuerySelectorAll("table.hours tr").Length.ShouldBe(7);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRejected()
    {
        var client = apps.For(Engines.Sqlite).CreateBrowserLikeClient();

        var response = await client.PostAsync("/outils/horaires?handler=Expert", new FormUrlEncodedContent(new Dictionary<string, string> { ["Expert"] = "24/7" }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
