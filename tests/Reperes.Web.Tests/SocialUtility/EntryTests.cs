using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.SocialUtility;
using Reperes.Web.SocialUtility.Model;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.SocialUtility;

/// <summary>The evaluation's entry pages of a structure: observations, testimonies and self-assessments of a period.</summary>
public sealed class EntryTests
{
    private const string Ozanam = PublicationWorkflowTests.Ozanam;

    /// <summary>A's framework with one indicator of each kind of value under one criterion, a second criterion, an action with its open period (2026).</summary>
    public sealed record Seed(int ActionId, int PeriodId, int CriterionId, int OtherCriterionId, int Count, int Percentage, int Scale, int YesNo, int Text, int Testimony)
    {
        public string Url => $"/mon-espace/structure/{Ozanam}/utilite-sociale/actions/{ActionId}/periodes/{PeriodId}";
    }

    /// <summary>A file of the media library's samples (real recordings, and files that only pretend to be).</summary>
    public static string Sample(string path)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Reperes.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "tests", "Reperes.Media.Tests", "Samples", path);
    }

    /// <summary>A tiny valid WAV: a tenth of a second of silence, 8 kHz, 8 bits, mono.</summary>
    public static byte[] Wav()
    {
        const int samples = 800;
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.ASCII, leaveOpen: true))
        {
            writer.Write("RIFF"u8);
            writer.Write(36 + samples);
            writer.Write("WAVEfmt "u8);
            writer.Write(16);
            writer.Write((short)1); // PCM
            writer.Write((short)1); // mono
            writer.Write(8000);
            writer.Write(8000); // bytes per second
            writer.Write((short)1);
            writer.Write((short)8);
            writer.Write("data"u8);
            writer.Write(samples);
            writer.Write(Enumerable.Repeat((byte)128, samples).ToArray());
        }

        return stream.ToArray();
    }

    public static Task<Seed> ArrangeAsync(ReperesApp app) => app.WithDbAsync(async db =>
    {
        var at = app.Clock.GetUtcNow();
        var structureId = await db.Structures.Where(s => s.Slug == Ozanam).Select(s => s.Id).SingleAsync();
        var framework = new Framework(structureId, "Référentiel des ateliers", null, null, at);
        var confidence = framework.AddDimension("Estime de soi", null, at).AddCriterion("Confiance", "Les participants osent-ils davantage ?", null);
        var ties = framework.AddDimension("Lien social", null, at).AddCriterion("Liens", "Des liens se créent-ils entre participants ?", null);
        Indicator Add(string name, IndicatorValueType type, string? labels = null, string? unit = null) =>
            confidence.AddIndicator(new(name, IndicatorLevel.Result, type, unit, IndicatorAggregation.Sum, labels, CollectionTool.Questionnaire, null, TemplateMapping.None, null));
        var count = Add("Participants", IndicatorValueType.Count, unit: "personnes");
        var percentage = Add("Part qui ose demander de l’aide", IndicatorValueType.Percentage);
        var scale = Add("Confiance en soi", IndicatorValueType.Scale, "Pas du tout|Un peu|Assez|Tout à fait");
        var yesNo = Add("Une sortie collective a eu lieu", IndicatorValueType.YesNo);
        var text = Add("Ce que l’animatrice a remarqué", IndicatorValueType.Text);
        var testimony = Add("Paroles des participants", IndicatorValueType.Testimony);
        db.Frameworks.Add(framework);
        await db.SaveChangesAsync();
        var action = new EvaluatedAction(structureId, framework.Id, "Atelier numérique des aînés", null, at);
        var period = action.OpenPeriod("2026", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        db.EvaluatedActions.Add(action);
        await db.SaveChangesAsync();
        return new Seed(action.Id, period.Id, confidence.Id, ties.Id, count.Id, percentage.Id, scale.Id, yesNo.Id, text.Id, testimony.Id);
    });

    public static Dictionary<string, string> Observation(int indicatorId, params (string Field, string Value)[] values)
    {
        var fields = new Dictionary<string, string> { ["Input.IndicatorId"] = indicatorId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.CollectedBy"] = "Gaëlle", ["Input.CollectedOn"] = "2026-11-20" };
        foreach (var (field, value) in values)
        {
            fields["Input." + field] = value;
        }

        return fields;
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RecordObservation_EachValueType_LandsAsTheRightObservationAndIsListed(string engine)
    {
        await using var app = new ReperesApp(engine);
        var seed = await ArrangeAsync(app);
        var editor = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Editor);

        var (page, document) = await editor.GetPageAsync(seed.Url);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.QuerySelector($"#count-{seed.Count}")!.GetAttribute("inputmode").ShouldBe("numeric");
        document.QuerySelector($"#by-{seed.Count}")!.GetAttribute("value").ShouldBe("Léa (Halte Accueil Ozanam)");
        document.QuerySelector($"#on-{seed.Count}")!.GetAttribute("value").ShouldBe("2026-11-24");
        document.QuerySelectorAll($"#indicateur-{seed.Scale} label").Select(l => l.TextContent.Trim()).ShouldContain("2. Un peu");
        document.QuerySelector($"#indicateur-{seed.Testimony} a")!.GetAttribute("href").ShouldBe(seed.Url + "/temoignages");
        document.QuerySelector($"#indicateur-{seed.Testimony} form").ShouldBeNull();

        foreach (var fields in new[]
        {
            Observation(seed.Count, ("Count", "12"), ("Note", "Atelier du jeudi")),
            Observation(seed.Percentage, ("Percentage", "62,5"), ("SampleSize", "24")),
            Observation(seed.Scale, ("Scale[0]", "1"), ("Scale[1]", ""), ("Scale[2]", "5"), ("Scale[3]", "3")),
            Observation(seed.YesNo, ("Answer", "oui")),
            Observation(seed.Text, ("Text", "Marie a aidé son voisin à envoyer une photo.")),
        })
        {
            var response = await editor.PostFormAsync(seed.Url, fields);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
            response.Headers.Location!.OriginalString.ShouldBe($"{seed.Url}?enregistre={fields["Input.IndicatorId"]}#indicateur-{fields["Input.IndicatorId"]}");
        }

        var saved = await app.WithDbAsync(db => db.Observations.Where(o => o.PeriodId == seed.PeriodId).ToDictionaryAsync(o => o.IndicatorId));
        saved.Count.ShouldBe(5);
        saved[seed.Count].Value.ShouldBe(12m);
        saved[seed.Count].Text.ShouldBe("Atelier du jeudi");
        saved[seed.Count].CollectedOn.ShouldBe(new DateOnly(2026, 11, 20));
        saved[seed.Count].CollectedBy.ShouldBe("Gaëlle");
        (saved[seed.Percentage].Value, saved[seed.Percentage].SampleSize).ShouldBe((62.5m, 24));
        saved[seed.Scale].ScaleAnswers.ShouldBe([1, 0, 5, 3]);
        saved[seed.Scale].SampleSize.ShouldBe(9);
        saved[seed.Scale].Value.ShouldBe(Math.Round(((1m * 1) + (5m * 3) + (3m * 4)) / 9m, 4)); // 28 / 9 = 3,1111
        saved[seed.YesNo].Value.ShouldBe(1m);
        saved[seed.Text].Text.ShouldBe("Marie a aidé son voisin à envoyer une photo.");
        saved[seed.Text].Value.ShouldBeNull();

        var listed = (await editor.GetPageAsync(seed.Url)).Document;
        listed.QuerySelector($"#indicateur-{seed.Count} .entry-lines")!.TextContent.ShouldContain("12 personnes");
        listed.QuerySelector($"#indicateur-{seed.Percentage} .entry-lines")!.TextContent.ShouldContain("62,5 % de 24 personnes");
        listed.QuerySelector($"#indicateur-{seed.Scale} .entry-lines")!.TextContent.ShouldContain("Moyenne 3,11 sur 4 (9 réponses : Pas du tout 1, Un peu 0, Assez 5, Tout à fait 3)");
        listed.QuerySelector($"#indicateur-{seed.Count} .entry-lines")!.TextContent.ShouldContain("Recueilli le 20 novembre 2026 par Gaëlle");

        // Deleted while the period is open.
        var deleted = await editor.PostFormAsync(seed.Url, [], $"{seed.Url}?handler=Delete&observationId={saved[seed.Count].Id}");
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Observations.AnyAsync(o => o.Id == saved[seed.Count].Id))).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RecordObservation_BadValues_400WithTheMessageByItsFieldAndNothingSaved(string engine)
    {
        await using var app = new ReperesApp(engine);
        var seed = await ArrangeAsync(app);
        var foreignIndicator = await app.WithDbAsync(async db =>
        {
            // An indicator of another framework of the same structure: not this action's.
            var other = new Framework(await db.Structures.Where(s => s.Slug == Ozanam).Select(s => s.Id).SingleAsync(), "Autre", null, null, app.Clock.GetUtcNow());
            var indicator = other.AddDimension("Autre", null, app.Clock.GetUtcNow()).AddCriterion("Autre", "Autre ?", null)
                .AddIndicator(new("Autre", IndicatorLevel.Output, IndicatorValueType.Count, null, IndicatorAggregation.Sum, null, CollectionTool.Count, null, TemplateMapping.None, null));
            db.Frameworks.Add(other);
            await db.SaveChangesAsync();
            return indicator.Id;
        });
        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);

        var cases = new (Dictionary<string, string> Fields, string ErrorId, string Message)[]
        {
            (Observation(seed.Count, ("Count", "-3")), $"count-{seed.Count}-error", "Indiquez un nombre entier, 0 ou plus"),
            (Observation(seed.Count, ("Count", "douze")), $"count-{seed.Count}-error", "Indiquez un nombre entier, 0 ou plus"),
            (Observation(seed.Count, ("Count", "2,5")), $"count-{seed.Count}-error", "Indiquez un nombre entier, 0 ou plus"),
            (Observation(seed.Percentage, ("Percentage", "120"), ("SampleSize", "10")), $"percentage-{seed.Percentage}-error", "entre 0 et 100"),
            (Observation(seed.Percentage, ("Percentage", "50"), ("SampleSize", "0")), $"sample-{seed.Percentage}-error", "combien de personnes ont répondu"),
            (Observation(seed.Scale, ("Scale[0]", ""), ("Scale[1]", "0")), $"scale-{seed.Scale}-error", "au moins une réponse"),
            (Observation(seed.Scale, ("Scale[0]", "3"), ("Scale[1]", "-1")), $"scale-{seed.Scale}-1-error", "nombre entier de réponses"),
            (Observation(seed.YesNo, ("Answer", "peut-être")), $"answer-{seed.YesNo}-error", "Choisissez oui ou non"),
            (Observation(seed.Text, ("Text", "   ")), $"text-{seed.Text}-error", "Écrivez ce que vous avez observé"),
            (Observation(seed.Count, ("Count", "4"), ("CollectedOn", "2025-06-01")), $"on-{seed.Count}-error", "Le 1 juin 2025 est hors de la période : indiquez un jour entre le 1 décembre 2025 et le 24 novembre 2026."),
            (Observation(seed.Count, ("Count", "4"), ("CollectedOn", "2026-11-30")), $"on-{seed.Count}-error", "Le 30 novembre 2026 n’est pas encore arrivé"),
            (Observation(seed.Count, ("Count", "4"), ("CollectedOn", "hier")), $"on-{seed.Count}-error", "jj/mm/aaaa"),
            (Observation(seed.Count, ("Count", "4"), ("CollectedBy", " ")), $"by-{seed.Count}-error", "qui a recueilli"),
        };
        foreach (var (fields, errorId, message) in cases)
        {
            var response = await manager.PostFormAsync(seed.Url, fields);
            var html = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, string.Join(", ", fields));
            var document = await Html.ParseAsync(html);
            document.GetElementById(errorId).ShouldNotBeNull(errorId).TextContent.ShouldContain(message);

            // The form keeps what was typed.
            foreach (var (field, value) in fields.Where(f => f.Key is "Input.Count" or "Input.Percentage" or "Input.CollectedOn"))
            {
                document.QuerySelector($"#indicateur-{fields["Input.IndicatorId"]} input[name='{field}']")!.GetAttribute("value").ShouldBe(value);
            }
        }

        var foreign = await manager.PostFormAsync(seed.Url, Observation(foreignIndicator, ("Count", "4")));
        foreign.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await foreign.Content.ReadAsStringAsync()).ShouldContain("n’est pas (ou plus) dans le référentiel de cette action");
        var testimonyType = await manager.PostFormAsync(seed.Url, Observation(seed.Testimony, ("Text", "Un témoignage")));
        testimonyType.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await app.WithDbAsync(db => db.Observations.CountAsync(o => o.PeriodId == seed.PeriodId))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task RecordObservation_ClosedPeriod_RefusedInWordsAndThePageReadsOnly(string engine)
    {
        await using var app = new ReperesApp(engine);
        var seed = await ArrangeAsync(app);
        var editor = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Editor);
        (await editor.PostFormAsync(seed.Url, Observation(seed.Count, ("Count", "7")))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var observationId = await app.WithDbAsync(db => db.Observations.Where(o => o.PeriodId == seed.PeriodId).Select(o => o.Id).SingleAsync());
        var token = (await editor.GetPageAsync(seed.Url)).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        await app.WithDbAsync(async db =>
        {
            (await db.ActionPeriods.SingleAsync(p => p.Id == seed.PeriodId)).Close(app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });

        var fields = Observation(seed.Count, ("Count", "9"));
        fields["__RequestVerificationToken"] = token;
        var refused = await editor.PostAsync(seed.Url, new FormUrlEncodedContent(fields));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Cette période est close");
        var deletion = await editor.PostAsync($"{seed.Url}?handler=Delete&observationId={observationId}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        deletion.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var (page, document) = await editor.GetPageAsync(seed.Url);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        document.QuerySelectorAll("main form").Length.ShouldBe(0);
        document.QuerySelector(".notice-info")!.TextContent.ShouldContain("Cette période est close");
        document.QuerySelector($"#indicateur-{seed.Count} .entry-lines")!.TextContent.ShouldContain("7 personnes");
        (await app.WithDbAsync(db => db.Observations.Where(o => o.PeriodId == seed.PeriodId).Select(o => o.Value).ToListAsync())).ShouldBe([7m]);
    }

    /// <summary>Posts the new-testimony form as a phone does: multipart, with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostTestimonyAsync(HttpClient client, Seed seed, Dictionary<string, string> fields, byte[]? recording = null, string fileName = "")
    {
        var url = seed.Url + "/temoignages";
        var (_, page) = await client.GetPageAsync(url);
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        fields.TryAdd("Input.CollectedBy", "Gaëlle");
        fields.TryAdd("Input.CollectedOn", "2026-11-20");
        fields.TryAdd("Input.Consent", "Network");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        if (recording is not null)
        {
            var file = new ByteArrayContent(recording);
            file.Headers.ContentType = new MediaTypeHeaderValue("audio/mpeg");
            form.Add(file, "Recording", fileName);
        }

        return await client.PostAsync(url, form);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Testimony_WithARecording_StoredAndServedToMembersOnlyThenErasedWithItsFile(string engine)
    {
        await using var app = new ReperesApp(engine);
        var seed = await ArrangeAsync(app);
        var editor = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Editor);
        var ogg = await File.ReadAllBytesAsync(Sample("audio/vorbis.ogg"));

        var response = await PostTestimonyAsync(editor, seed, new() { ["Input.Pseudonym"] = "Mireille", ["Input.Text"] = "Avant je n’osais pas aller à la mairie." }, ogg, "mireille.ogg");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var testimony = await app.WithDbAsync(db => db.Testimonies.SingleAsync(t => t.PeriodId == seed.PeriodId));
        testimony.Pseudonym.ShouldBe("Mireille");
        testimony.Consent.ShouldBe(TestimonyConsent.Network);
        testimony.CollectedOn.ShouldBe(new DateOnly(2026, 11, 20));
        testimony.RetainUntil.ShouldBe(new DateOnly(2028, 11, 20)); // 24 months by default
        testimony.RecordingType.ShouldBe("audio/ogg");
        var recordings = app.Services.GetRequiredService<TestimonyRecordings>();
        var path = recordings.PathOf(testimony.RecordingName).ShouldNotBeNull();
        (await File.ReadAllBytesAsync(path)).ShouldBe(ogg);

        // Listed with a player that points to the recording route.
        var recordingUrl = $"/mon-espace/structure/{Ozanam}/utilite-sociale/temoignages/{testimony.Id}/enregistrement";
        var listed = (await editor.GetPageAsync(seed.Url + "/temoignages")).Document;
        listed.QuerySelector($"#temoignage-{testimony.Id} audio")!.GetAttribute("src").ShouldBe(recordingUrl);
        listed.QuerySelector($"#temoignage-{testimony.Id}")!.TextContent.ShouldContain("gardé jusqu’au 20 novembre 2028");

        var served = await editor.GetAsync(recordingUrl);
        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.ShouldBe("audio/ogg");
        served.Headers.CacheControl!.ToString().ShouldBe("no-store, private");
        (await served.Content.ReadAsByteArrayAsync()).ShouldBe(ogg);
        var range = new HttpRequestMessage(HttpMethod.Get, recordingUrl);
        range.Headers.Range = new RangeHeaderValue(0, 9);
        var partial = await editor.SendAsync(range);
        partial.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await partial.Content.ReadAsByteArrayAsync()).ShouldBe(ogg[..10]);

        // Structure B's manager: refused on A, not found through B; anonymous: sent to the sign-in page.
        var managerB = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.OtherManager);
        (await managerB.GetAsync(recordingUrl)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await managerB.GetAsync($"/mon-espace/structure/restos-du-coeur-brest/utilite-sociale/temoignages/{testimony.Id}/enregistrement")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var anonymous = await app.CreateBrowserLikeClient().GetAsync(recordingUrl);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.OriginalString.ShouldContain("/connexion");

        // Erased at the person's request: the row, its codings and the file.
        (await editor.PostFormAsync(seed.Url + "/temoignages", new() { ["Coding.TestimonyId"] = testimony.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Coding.CriterionId"] = seed.CriterionId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Coding.Polarity"] = "Positive" }, seed.Url + "/temoignages?handler=Code"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var confirm = (await editor.GetPageAsync($"{seed.Url}/temoignages?effacer={testimony.Id}")).Document;
        confirm.QuerySelector(".confirm")!.TextContent.ShouldContain("Effacer le témoignage de Mireille ?");
        var erased = await editor.PostFormAsync(seed.Url + "/temoignages", [], $"{seed.Url}/temoignages?handler=Erase&testimonyId={testimony.Id}");
        erased.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Testimonies.AnyAsync(t => t.Id == testimony.Id))).ShouldBeFalse();
        (await app.WithDbAsync(db => db.TestimonyCodings.AnyAsync(c => c.TestimonyId == testimony.Id))).ShouldBeFalse();
        File.Exists(path).ShouldBeFalse();
        (await editor.GetAsync(recordingUrl)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Testimony_BadInput_400InWordsNothingStored(string engine)
    {
        await using var app = new ReperesApp(engine);
        var seed = await ArrangeAsync(app);
        var editor = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Editor);
        var photo = await File.ReadAllBytesAsync(Sample("refused/photo.jpg"));

        var cases = new (Dictionary<string, string> Fields, byte[]? File, string Name, string ErrorId, string Message)[]
        {
            (new() { ["Input.Pseudonym"] = "Paul" }, photo, "voix.mp3", "recording-error", "n’est pas un enregistrement sonore"),
            (new() { ["Input.Pseudonym"] = "Paul" }, null, "", "testimony-text-error", "ou joignez son enregistrement"),
            (new() { ["Input.Pseudonym"] = " ", ["Input.Text"] = "Je viens tous les jeudis." }, null, "", "pseudonym-error", "jamais son nom complet"),
            (new() { ["Input.Pseudonym"] = "Paul", ["Input.Text"] = "Je viens.", ["Input.Consent"] = "Everyone" }, null, "", "consent-error", "interne, réseau ou public"),
            (new() { ["Input.Pseudonym"] = "Paul", ["Input.Text"] = "Je viens.", ["Input.RetainUntil"] = "2026-11-19" }, null, "", "retain-until-error", "indiquez un jour jusqu’au 20 novembre 2036"),
            (new() { ["Input.Pseudonym"] = "Paul", ["Input.Text"] = "Je viens.", ["Input.RetainUntil"] = "2037-01-01" }, null, "", "retain-until-error", "10 ans au plus"),
        };
        foreach (var (fields, file, name, errorId, message) in cases)
        {
            var response = await PostTestimonyAsync(editor, seed, fields, file, name);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, errorId);
            var document = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
            document.GetElementById(errorId).ShouldNotBeNull(errorId).TextContent.ShouldContain(message);
            if (fields.TryGetValue("Input.Text", out var text))
            {
                document.GetElementById("testimony-text")!.TextContent.ShouldBe(text);
            }
        }

        (await app.WithDbAsync(db => db.Testimonies.CountAsync(t => t.PeriodId == seed.PeriodId))).ShouldBe(0);
        var folder = app.Services.GetRequiredService<TestimonyRecordings>().Folder;
        (Directory.Exists(folder) ? Directory.GetFiles(folder) : []).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Coding_ExcerptInOrOutOfTheText_KeptOnlyWhenTheTextSaysIt(string engine)
    {
        await using var app = new ReperesApp(engine);
        var seed = await ArrangeAsync(app);
        var editor = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Editor);
        (await PostTestimonyAsync(editor, seed, new() { ["Input.Pseudonym"] = "Mireille", ["Input.Text"] = "Avant je n’osais pas aller à la mairie.\nMaintenant j’y vais seule." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = await app.WithDbAsync(db => db.Testimonies.Where(t => t.PeriodId == seed.PeriodId).Select(t => t.Id).SingleAsync());
        var url = seed.Url + "/temoignages";
        Dictionary<string, string> Coding(int criterionId, string polarity, string excerpt) => new()
        {
            ["Coding.TestimonyId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Coding.CriterionId"] = criterionId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Coding.Polarity"] = polarity,
            ["Coding.Excerpt"] = excerpt,
        };

        var outside = await editor.PostFormAsync(url, Coding(seed.CriterionId, "Positive", "Je me sens mieux"), url + "?handler=Code");
        outside.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var document = await Html.ParseAsync(await outside.Content.ReadAsStringAsync());
        document.GetElementById($"excerpt-{id}-error")!.TextContent.ShouldContain("Cet extrait ne se trouve pas dans le témoignage");
        document.GetElementById($"excerpt-{id}")!.TextContent.ShouldBe("Je me sens mieux");
        var foreignCriterion = await editor.PostFormAsync(url, Coding(999_999, "Positive", ""), url + "?handler=Code");
        foreignCriterion.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.TestimonyCodings.CountAsync(c => c.TestimonyId == id))).ShouldBe(0);

        // Typed on a phone: straight apostrophe, the line break as a space, another case.
        (await editor.PostFormAsync(url, Coding(seed.CriterionId, "Positive", "je n'osais pas aller à la mairie. maintenant j'y vais seule"), url + "?handler=Code"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await editor.PostFormAsync(url, Coding(seed.OtherCriterionId, "Negative", ""), url + "?handler=Code")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var codings = await app.WithDbAsync(db => db.TestimonyCodings.Where(c => c.TestimonyId == id).OrderBy(c => c.Id).ToListAsync());
        codings.Select(c => (c.CriterionId, c.Polarity)).ShouldBe([(seed.CriterionId, CodingPolarity.Positive), (seed.OtherCriterionId, CodingPolarity.Negative)]);
        codings[1].Excerpt.ShouldBeNull();
        var page = (await editor.GetPageAsync(url)).Document.QuerySelector($"#temoignage-{id}")!.TextContent;
        page.ShouldContain("Confiance");
        page.ShouldContain("Montre le critère atteint");

        (await editor.PostFormAsync(url, [], $"{url}?handler=Uncode&testimonyId={id}&codingId={codings[1].Id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.TestimonyCodings.CountAsync(c => c.TestimonyId == id))).ShouldBe(1);

        // Once the period is closed: no new coding, but the person may still narrow their consent.
        await app.WithDbAsync(async db =>
        {
            (await db.ActionPeriods.SingleAsync(p => p.Id == seed.PeriodId)).Close(app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        (await editor.PostFormAsync(url, Coding(seed.CriterionId, "Positive", ""), url + "?handler=Code")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await editor.PostFormAsync(url, new() { ["consent"] = "Internal" }, $"{url}?handler=Consent&testimonyId={id}")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await editor.PostFormAsync(url, new() { ["consent"] = "2" }, $"{url}?handler=Consent&testimonyId={id}")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.Testimonies.Where(t => t.Id == id).Select(t => t.Consent).SingleAsync())).ShouldBe(TestimonyConsent.Internal);
        (await app.WithDbAsync(db => db.TestimonyCodings.CountAsync(c => c.TestimonyId == id))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SelfAssessment_RatedCriteria_SavedAndShownBadRatingsRefused(string engine)
    {
        await using var app = new ReperesApp(engine);
        var seed = await ArrangeAsync(app);
        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        var url = seed.Url + "/auto-evaluation";
        var form = (await manager.GetPageAsync(url)).Document;
        form.QuerySelectorAll("fieldset.rating legend").Select(l => l.TextContent).ShouldContain(t => t.Contains("Confiance") && t.Contains("Les participants osent-ils davantage ?"));
        form.QuerySelectorAll($"input[name='Input.Ratings[{seed.CriterionId}]']").Length.ShouldBe(4);

        var criterion = seed.CriterionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var other = seed.OtherCriterionId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bad = await manager.PostFormAsync(url, new() { ["Input.HeldOn"] = "2026-11-18", [$"Input.Ratings[{criterion}]"] = "5", [$"Input.Comments[{other}]"] = "Sans note" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refused = await Html.ParseAsync(await bad.Content.ReadAsStringAsync());
        refused.GetElementById($"rating-{criterion}-error")!.TextContent.ShouldContain("de 1 à 4");
        refused.GetElementById($"rating-{other}-error")!.TextContent.ShouldContain("Choisissez une note pour ce critère");
        refused.GetElementById($"comment-{other}")!.TextContent.ShouldBe("Sans note");
        (await manager.PostFormAsync(url, new() { ["Input.HeldOn"] = "2026-11-18", ["Input.Ratings[999999]"] = "2" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await manager.PostFormAsync(url, new() { ["Input.HeldOn"] = "2026-11-18" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.SelfAssessments.CountAsync(s => s.PeriodId == seed.PeriodId))).ShouldBe(0);

        var saved = await manager.PostFormAsync(url, new()
        {
            ["Input.HeldOn"] = "2026-11-18",
            ["Input.Participants"] = "Gaëlle, Yann, deux bénévoles",
            [$"Input.Ratings[{criterion}]"] = "3",
            [$"Input.Comments[{criterion}]"] = "Les prises de parole se multiplient.",
            [$"Input.Ratings[{other}]"] = "2",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var session = await app.WithDbAsync(db => db.SelfAssessments.Include(s => s.Ratings).SingleAsync(s => s.PeriodId == seed.PeriodId));
        session.HeldOn.ShouldBe(new DateOnly(2026, 11, 18));
        session.Participants.ShouldBe("Gaëlle, Yann, deux bénévoles");
        session.Ratings.OrderBy(r => r.CriterionId == seed.CriterionId ? 0 : 1).Select(r => (r.CriterionId, r.Rating, r.Comment))
            .ShouldBe([(seed.CriterionId, 3, "Les prises de parole se multiplient."), (seed.OtherCriterionId, 2, null)]);

        var shown = (await manager.GetPageAsync(url)).Document.GetElementById("seances")!.ParentElement!.TextContent;
        shown.ShouldContain("Séance du 18 novembre 2026");
        shown.ShouldContain("3 / 4 : En bonne partie");
        shown.ShouldContain("Les prises de parole se multiplient.");
    }
}
