using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Reading;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Core.Reading;

/// <summary>
/// "Écouter": a sheet's server audio in French and in Arabic (espeak-ng then opusenc), made once and then served from
/// the cache, lasting as long as its words take to say; without espeak-ng, no button.
/// </summary>
public sealed class ReadAloudTests
{
    private const string Sheet = "/structure/halte-accueil-ozanam";

    [SpeechTheory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SheetAudio_FrenchAndArabic_MadeOnceCachedAndAsLongAsItsWords(string engine)
    {
        SpeechTheoryAttribute.RequireTools();
        await using var app = new ReperesApp(engine);
        var client = app.CreateClient();
        var speech = app.Services.GetRequiredService<SpeechAudio>();

        foreach (var lang in new[] { "fr", "ar" })
        {
            var (_, page) = await client.GetPageAsync($"{Sheet}?lang={lang}");
            var button = page.QuerySelector("a[data-listen]").ShouldNotBeNull(lang);
            var audioUrl = button.GetAttribute("href")!;
            audioUrl.ShouldContain("handler=Listen");
            var script = JsonDocument.Parse(await client.GetStringAsync(button.GetAttribute("data-text-url"))).RootElement;
            script.GetProperty("language").GetString().ShouldBe(lang);
            var parts = script.GetProperty("parts").EnumerateArray().Select(p => (Lang: p.GetProperty("lang").GetString()!, Text: p.GetProperty("text").GetString()!)).ToList();
            parts[0].Lang.ShouldBe("fr", "the name, as written, in a French voice");
            parts[0].Text.ShouldStartWith("Halte Accueil Frédéric Ozanam.");
            if (lang == "ar")
            {
                parts.ShouldContain(p => p.Lang == "ar" && p.Text.Contains("مفتوح", StringComparison.Ordinal), "open now, said in Arabic");
            }

            var before = speech.Syntheses;
            var first = await client.GetAsync(audioUrl);
            var made = speech.Syntheses;
            var second = await client.GetAsync(audioUrl);

            first.StatusCode.ShouldBe(HttpStatusCode.OK, lang);
            first.Content.Headers.ContentType!.MediaType.ShouldBe("audio/ogg");
            made.ShouldBe(before + 1, $"{lang}: one synthesis");
            speech.Syntheses.ShouldBe(made, $"{lang}: the second answer comes from the cache, no new process");
            var audio = await first.Content.ReadAsByteArrayAsync();
            (await second.Content.ReadAsByteArrayAsync()).ShouldBe(audio);
            Directory.GetFiles(speech.CacheDirectory, "*.opus").Length.ShouldBe(lang == "fr" ? 1 : 2);

            // espeak-ng says about 150 words a minute here: between 1.2 and 4 words a second is speech, not silence nor noise.
            var duration = OggOpus.Duration(audio);
            var words = parts.Sum(p => p.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            var rate = words / duration.TotalSeconds;
            rate.ShouldBeInRange(1.2, 4.0, $"{lang}: {words} words in {duration.TotalSeconds:0.0} s, {audio.Length} bytes");
            (audio.Length / duration.TotalSeconds).ShouldBeLessThan(4000, "compressed: under 32 kbit/s");
        }
    }

    [SpeechTheory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ListenButton_SheetNeedAndSlip_ShownAndAnswered(string engine)
    {
        SpeechTheoryAttribute.RequireTools();
        await using var app = new ReperesApp(engine);
        var client = app.CreateClient();

        var (_, need) = await client.GetPageAsync("/besoin/se-nourrir?category=repas");
        var needButton = need.QuerySelector("a[data-listen]").ShouldNotBeNull();
        needButton.GetAttribute("href").ShouldBe("/besoin/se-nourrir?category=repas&handler=Listen", "the same results as the page");
        var needScript = await client.GetStringAsync(needButton.GetAttribute("data-text-url"));
        var (_, sheet) = await client.GetPageAsync(Sheet);
        var id = sheet.QuerySelector("form.slip-add input[name=id]").ShouldNotBeNull().GetAttribute("value")!;
        (await client.PostFormAsync(Sheet, new() { ["id"] = id }, "/fiche-orientation/ajouter")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (_, slip) = await client.GetPageAsync("/fiche-orientation");
        var slipScript = await client.GetStringAsync(slip.QuerySelector("a[data-listen]").ShouldNotBeNull().GetAttribute("data-text-url"));
        var (_, pashto) = await client.GetPageAsync(Sheet + "?lang=ps");

        needScript.ShouldContain("Se nourrir");
        slipScript.ShouldContain("Halte Accueil Frédéric Ozanam");
        pashto.QuerySelector("a[data-listen]").ShouldBeNull("espeak-ng has no Pashto voice");
        (await client.GetAsync(Sheet + "?handler=Listen&lang=ps")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ListenButton_WithoutEspeak_NotShownAndNoAudio(string engine)
    {
        await using var app = new ReperesApp(engine) { Settings = { ["Reperes:Speech:EspeakPath"] = "/nowhere/espeak-ng" } };
        var client = app.CreateClient();

        var (_, sheet) = await client.GetPageAsync(Sheet);
        var (_, need) = await client.GetPageAsync("/besoin/se-nourrir");
        var audio = await client.GetAsync(Sheet + "?handler=Listen");

        sheet.QuerySelector("h1")!.TextContent.ShouldBe("Halte Accueil Frédéric Ozanam");
        sheet.QuerySelector("a[data-listen]").ShouldBeNull();
        need.QuerySelector("a[data-listen]").ShouldBeNull();
        sheet.QuerySelector("script[src^='/js/read-aloud.js']").ShouldBeNull();
        audio.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        app.Services.GetRequiredService<SpeechAudio>().Syntheses.ShouldBe(0);
    }

    [Theory]
    [InlineData("Ouvert · ferme à 12:00", "fr", "Ouvert, ferme à 12 heures")]
    [InlineData("lun–ven 8:30–12:00, sam 9:00–12:00", "fr", "lundi à vendredi 8 heures 30 à 12 heures, samedi 9 heures à 12 heures")]
    [InlineData("Mon–Fri 9:00–17:30", "en", "Monday to Friday 9 o’clock to 17:30")]
    [InlineData("rendez-vous au 2-4 rue", "fr", "rendez-vous au 2 à 4 rue")]
    public void Spoken_HoursOfTheInterface_SaidInFull(string text, string language, string expected)
    {
        ReadAloudScript.Spoken(text, language).ShouldBe(expected);
    }

    [Fact]
    public void Script_FrenchWordsInAnArabicPage_ReadByAFrenchVoiceAndCapped()
    {
        var script = new ReadAloudScript(System.Globalization.CultureInfo.GetCultureInfo("ar"))
            .SayFrench("Halte Accueil")
            .Say("مفتوح")
            .Say("الآن")
            .SayLabelled("العنوان", "27 rue Yves Collet");

        script.Parts.ShouldBe([new SpokenPart("fr", "Halte Accueil."), new SpokenPart("ar", "مفتوح. الآن. العنوان."), new SpokenPart("fr", "27 rue Yves Collet.")]);
        SpeechAudio.Ssml(script).ShouldStartWith("<speak xml:lang=\"ar\"><voice xml:lang=\"fr\">Halte Accueil.</voice>");
        script.Key.ShouldNotBe(new ReadAloudScript(System.Globalization.CultureInfo.GetCultureInfo("fr")).SayFrench("Halte Accueil").Key);

        var long_ = new ReadAloudScript(System.Globalization.CultureInfo.GetCultureInfo("fr"));
        for (var i = 0; i < 500; i++)
        {
            long_.SayFrench("Une phrase assez longue pour remplir le texte lu.");
        }

        long_.PlainText.Length.ShouldBeLessThanOrEqualTo(ReadAloudScript.MaxCharacters + 1);
    }
}

/// <summary>
/// A test that needs espeak-ng and opusenc (.ci/run installs them). Never skipped: without them it fails, saying what
/// to install, since a read-aloud test that cannot fail proves nothing.
/// </summary>
public sealed class SpeechTheoryAttribute : TheoryAttribute
{
    public static void RequireTools() =>
        (File.Exists("/usr/bin/espeak-ng") && File.Exists("/usr/bin/opusenc")).ShouldBeTrue("espeak-ng or opusenc is missing: apt-get install espeak-ng opus-tools");
}
