using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Api;

[Collection(SharedAppsCollection.Name)]
public sealed class OpeningHoursEndpointTests(SharedApps apps)
{
    private async Task<JsonElement> EvaluateAsync(string value, string at)
    {
        var client = apps.For(Engines.Sqlite).CreateClient();
        var response = await client.GetAsync($"/api/v1/opening-hours/evaluate?value={Uri.EscapeDataString(value)}&at={Uri.EscapeDataString(at)}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Evaluate_OpenOnATuesday_GivesStateAndNextChange()
    {
        var result = await EvaluateAsync("Mo-Fr 09:00-12:00,14:00-17:30; PH off", "2026-11-24T10:00:00+01:00");

        result.GetProperty("valid").GetBoolean().ShouldBeTrue();
        result.GetProperty("error").ValueKind.ShouldBe(JsonValueKind.Null);
        result.GetProperty("state").GetString().ShouldBe("open");
        result.GetProperty("comment").ValueKind.ShouldBe(JsonValueKind.Null);
        result.GetProperty("nextChange").GetString().ShouldBe("2026-11-24T12:00:00+01:00");
    }

    [Theory]
    [InlineData("2027-07-14T10:00:00+02:00", "closed")] // Fête nationale
    [InlineData("2027-03-29T10:00:00+02:00", "closed")] // Easter Monday 2027
    [InlineData("2027-03-30T10:00:00+02:00", "open")]
    public async Task Evaluate_PublicHolidays_AreClosed(string at, string state) =>
        (await EvaluateAsync("Mo-Fr 09:00-12:00,14:00-17:30; PH off", at)).GetProperty("state").GetString().ShouldBe(state);

    [Fact]
    public async Task Evaluate_Comment_IsReturned()
    {
        var result = await EvaluateAsync("Tu 14:00-16:00 \"sur rendez-vous\"", "2026-11-24T15:00:00+01:00");

        result.GetProperty("comment").GetString().ShouldBe("sur rendez-vous");
    }

    [Fact]
    public async Task Evaluate_InvalidExpression_IsNotAnError()
    {
        var result = await EvaluateAsync("Mo-Fx 09:00", "2026-11-24T10:00:00+01:00");

        result.GetProperty("valid").GetBoolean().ShouldBeFalse();
        result.GetProperty("error").GetString().ShouldNotBeNullOrWhiteSpace();
        result.GetProperty("state").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Evaluate_EverydayFrench_ProposesTheExpression()
    {
        var result = await EvaluateAsync("lundi au vendredi 9h-12h / 14h-17h", "2026-11-24T10:00:00+01:00");

        result.GetProperty("valid").GetBoolean().ShouldBeFalse();
        result.GetProperty("proposal").GetString().ShouldBe("Mo-Fr 09:00-12:00,14:00-17:00");
    }

    /// <summary>The endpoint, not only the library, agrees with opening_hours.js: one reference pair in five, through HTTP.</summary>
    [Fact]
    public async Task Evaluate_ReferencePairs_AgreeWithOpeningHoursJs()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Reperes.sln")))
        {
            root = root.Parent!;
        }

        await using var file = File.OpenRead(Path.Combine(root.FullName, "tests", "Reperes.OpeningHours.Tests", "Vectors", "reference-vectors.json"));
        var vectors = (await JsonDocument.ParseAsync(file)).RootElement.GetProperty("vectors").EnumerateArray().Where((_, i) => i % 5 == 0).ToList();
        var disagreements = new List<string>();
        foreach (var vector in vectors)
        {
            var expression = vector.GetProperty("expression").GetString()!;
            var instant = vector.GetProperty("instant").GetString()!;
            var result = await EvaluateAsync(expression, instant);
            var expected = (vector.GetProperty("state").GetString(), vector.GetProperty("comment").GetString(), vector.GetProperty("next").GetString());
            var actual = (result.GetProperty("state").GetString(), result.GetProperty("comment").GetString(), result.GetProperty("nextChange").GetString());
            if (expected != actual)
            {
                disagreements.Add($"{expression} @ {instant}: expected {expected}, got {actual}");
            }
        }

        vectors.Count.ShouldBeGreaterThan(1900);
        disagreements.ShouldBeEmpty(string.Join(Environment.NewLine, disagreements.Take(20)));
    }

    [Fact]
    public async Task Api_BeyondTheRateLimit_Answers429WithProblemDetails()
    {
        await using var app = new ReperesApp(Engines.Sqlite, demoData: false) { RequestsPerMinute = 3 };
        var client = app.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/api/v1/opening-hours/evaluate?value=24/7")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var refused = await client.GetAsync("/api/v1/opening-hours/evaluate?value=24/7");
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        refused.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Theory]
    [InlineData("/api/v1/opening-hours/evaluate")]
    [InlineData("/api/v1/opening-hours/evaluate?value=24/7&at=yesterday")]
    [InlineData("/api/v1/opening-hours/evaluate?value=24/7&at=9999-12-31T23:59:59Z")]
    [InlineData("/api/v1/opening-hours/evaluate?value=Mo-Fr%2009:00-12:00&at=0001-01-01T00:00:00Z")]
    public async Task Evaluate_MissingOrBadParameters_AnswersProblem(string url)
    {
        var response = await apps.For(Engines.Sqlite).CreateClient().GetAsync(url);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }
}
