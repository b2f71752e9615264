using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.OpeningHours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Print;

/// <summary>
/// The printed guide against the data: for every need of the demo, every notice in force or starting within 30 days
/// and every relevant service's hours are printed with its place (and nothing beyond 30 days); each place's QR code
/// decodes, with a real decoder, to its sheet; a printed sheet has no empty heading.
/// </summary>
public sealed partial class PrintedGuideTests
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    /// <summary>The print date of <see cref="ReperesApp.DefaultNow"/>: Tuesday 24 November 2026.</summary>
    private static readonly DateOnly Today = DateOnly.FromDateTime(ReperesApp.DefaultNow.DateTime);

    /// <summary>The notices the test adds, with where they must (or must not) be printed.</summary>
    private sealed record AddedNotice(string Slug, string? Service, NoticeKind Kind, int StartInDays, int EndInDays, string Text, string? Hours, bool Printed, string? PrintedHours = null);

    private static readonly AddedNotice[] Added =
    [
        new("restos-du-coeur-brest", null, NoticeKind.Closure, -1, 3, "Fermeture pour inventaire du stock.", null, true),
        new("croix-rouge-brest", "Maraude du samu social", NoticeKind.Closure, 7, 8, "Pas de maraude : formation des bénévoles.", null, true),
        new("ker-digemer", "Dîner et petit-déjeuner", NoticeKind.ExceptionalHours, 26, 40, "Horaires des fêtes.", "Mo-Su 07:30-09:00,18:30-20:30", true, "tous les jours 7:30–9:00, 18:30–20:30"),
        new("ccas-brest", null, NoticeKind.ExceptionalHours, 30, 37, "Horaires réduits pendant les fêtes.", "Mo-Fr 09:00-12:00", true, "lun–ven 9:00–12:00 ; fermé les autres jours"),
        new("banque-alimentaire-finistere", null, NoticeKind.Message, 6, 26, "Collecte nationale : dépôts possibles à l'accueil.", null, true),
        new("centre-social-kerourien", null, NoticeKind.Closure, 30, 32, "Fermeture de fin d'année du centre social.", null, true),
        new("fjt-kerelie", null, NoticeKind.Closure, 31, 37, "Fermeture du foyer pour congés d'hiver.", null, false),
        new("croix-rouge-brest", "Maraude du samu social", NoticeKind.Closure, 47, 48, "Maraude suspendue pour la collecte de janvier.", null, false),
        new("ccas-brest", null, NoticeKind.Closure, -24, -4, "Ancienne fermeture déjà passée.", null, false),
    ];

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PrintedGuide_EveryNeed_PrintsEveryNoticeAndEveryServiceHoursOfItsPlaces(string engine)
    {
        await using var app = new ReperesApp(engine);
        await AddNoticesAsync(app);
        var client = app.CreateClient();
        var catalog = app.Services.GetRequiredService<GuideCatalog>();
        var structures = await app.WithDbAsync(db => db.Structures.AsNoTracking()
            .Where(s => s.Status == StructureStatus.Online)
            .Include(s => s.Services).Include(s => s.Notices)
            .AsSplitQuery().ToListAsync());
        var printedNotices = new HashSet<int>();
        var checkedServices = 0;

        foreach (var need in catalog.Needs)
        {
            var (response, page) = await client.GetPageAsync($"/guide-imprimable?need={need.Code}");
            response.StatusCode.ShouldBe(HttpStatusCode.OK, need.Code);
            var scope = need.Categories.Select(c => c.Id).ToHashSet();
            var expected = structures.Where(s => s.Services.Any(v => scope.Contains(v.CategoryId))).Select(s => s.Slug).ToList();
            var printed = page.QuerySelectorAll("article.print-entry").ToDictionary(a => a.Id!["fiche-".Length..]);
            printed.Keys.ShouldBeSubsetOf(structures.Select(s => s.Slug), need.Code);
            expected.ShouldBeSubsetOf(printed.Keys, need.Code);

            foreach (var (slug, article) in printed)
            {
                var structure = structures.Single(s => s.Slug == slug);
                var relevant = structure.Services.Where(v => scope.Contains(v.CategoryId)).ToList();
                var wholePlace = relevant.Count == 0;
                if (wholePlace)
                {
                    relevant = structure.Services;
                    ShouldPrintTheHours(PlaceHoursLine(article), structure.OpeningHours, $"{need.Code} {slug}");
                }

                foreach (var service in relevant)
                {
                    var item = article.QuerySelector($"li.print-service[data-service='{service.Id}']");
                    item.ShouldNotBeNull($"{need.Code} {slug}: {service.Name}");
                    var hoursLine = item.QuerySelector(".print-hours")!.TextContent;
                    if (wholePlace && service.OpeningHours is null)
                    {
                        hoursLine.ShouldContain("ceux de l’accueil");
                    }
                    else
                    {
                        ShouldPrintTheHours(hoursLine, service.OpeningHours ?? structure.OpeningHours, $"{need.Code} {slug}: {service.Name}");
                    }

                    item.QuerySelector(".print-for").ShouldNotBeNull().TextContent.Trim().Length.ShouldBeGreaterThan("Pour qui :".Length);
                    checkedServices++;
                }

                foreach (var notice in structure.Notices)
                {
                    var due = notice.EndsOn >= Today && notice.StartsOn.DayNumber - Today.DayNumber <= 30;
                    var container = notice.ServiceId is { } serviceId ? article.QuerySelector($"li.print-service[data-service='{serviceId}']") : article;
                    if (notice.ServiceId is not null && container is null)
                    {
                        // A notice of a service that does not answer this need.
                        continue;
                    }

                    var texts = container!.QuerySelectorAll(".print-notice").Select(p => p.TextContent).ToList();
                    var match = texts.FirstOrDefault(t => t.Contains(notice.Text, StringComparison.Ordinal));
                    if (!due)
                    {
                        article.TextContent.ShouldNotContain(notice.Text, Case.Sensitive, $"{need.Code} {slug}");
                        continue;
                    }

                    match.ShouldNotBeNull($"{need.Code} {slug}: {notice.Text}");
                    match.ShouldContain(notice.EndsOn.ToString("d MMMM yyyy", French));
                    if (notice.ServiceId is null)
                    {
                        // A place's notice is printed once, with the place, not with one of its services.
                        article.QuerySelectorAll("li.print-service .print-notice").ShouldNotContain(p => p.TextContent.Contains(notice.Text, StringComparison.Ordinal));
                    }

                    printedNotices.Add(notice.Id);
                }
            }
        }

        checkedServices.ShouldBeGreaterThan(50);
        var notices = await app.WithDbAsync(db => db.Notices.AsNoTracking().Include(n => n.Structure).ToListAsync());
        foreach (var added in Added)
        {
            var notice = notices.Single(n => n.Text == added.Text);
            printedNotices.Contains(notice.Id).ShouldBe(added.Printed, added.Text);
        }

        // Every notice of the demo and of the test that is due is printed in at least one need's guide.
        notices.Where(n => n.EndsOn >= Today && n.StartsOn.DayNumber - Today.DayNumber <= 30 && n.Structure.Status == StructureStatus.Online)
            .Select(n => n.Text).ShouldBeSubsetOf(notices.Where(n => printedNotices.Contains(n.Id)).Select(n => n.Text));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PrintedGuide_ExceptionalHours_AreGroupedInTheirNotice(string engine)
    {
        await using var app = new ReperesApp(engine);
        await AddNoticesAsync(app);
        var client = app.CreateClient();

        foreach (var added in Added.Where(a => a.PrintedHours is not null))
        {
            var (_, page) = await client.GetPageAsync("/guide-imprimable?q=" + Uri.EscapeDataString(added.Slug.Replace('-', ' ')));
            var notice = page.QuerySelectorAll(".print-notice.exceptional").Select(p => p.TextContent).FirstOrDefault(t => t.Contains(added.Text, StringComparison.Ordinal));

            notice.ShouldNotBeNull(added.Slug);
            notice.ShouldContain(added.PrintedHours!);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PrintedGuide_QrCodeOfEachPlace_DecodesToItsSheet(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.WithWebHostBuilder(b => b.UseSetting("Reperes:PublicBaseUrl", "https://guide.reperes.example/")).CreateClient();
        var (_, page) = await client.GetPageAsync("/guide-imprimable?need=se-nourrir&free=true");

        var entries = page.QuerySelectorAll("article.print-entry").ToList();
        entries.Count.ShouldBeGreaterThan(3);
        var decoded = await DecodeAsync(entries.Select(e => e.QuerySelector(".print-qr svg")!.OuterHtml).ToList());
        for (var i = 0; i < entries.Count; i++)
        {
            var slug = entries[i].Id!["fiche-".Length..];
            var url = $"https://guide.reperes.example/structure/{slug}";
            decoded[i].ShouldBe(url);
            entries[i].QuerySelector(".print-qr figcaption")!.TextContent.Trim().ShouldBe(url);
            var (sheetResponse, sheet) = await client.GetPageAsync(new Uri(url).AbsolutePath);
            sheetResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
            sheet.QuerySelector("h1")!.TextContent.Trim().ShouldBe(entries[i].QuerySelector("h2")!.TextContent.Trim());
        }

        page.QuerySelector(".print-about")!.TextContent.ShouldContain("https://guide.reperes.example");
        page.QuerySelector(".print-about")!.TextContent.ShouldContain("Gratuit");
        page.QuerySelector(".print-about")!.TextContent.ShouldContain("Imprimé le mardi 24 novembre 2026 à 10:00");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PrintedGuide_ASearchWithFilters_SaysThemAndItsDate(string engine)
    {
        await using var app = new ReperesApp(engine);
        var (response, page) = await app.CreateClient().GetPageAsync("/guide-imprimable?q=douche&open=today&walkin=true&commune=Brest&radius=5");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var about = page.QuerySelector(".print-about")!.TextContent;
        about.ShouldContain("Recherche : « douche »");
        about.ShouldContain("Ouvert le jour de l’impression");
        about.ShouldContain("Sans rendez-vous");
        about.ShouldContain("À 5 km au plus de Brest");
        page.QuerySelectorAll("article.print-entry").Length.ShouldBeGreaterThan(0);
        NoEmptyHeadings(page).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task StructureSheet_Printed_HasNoEmptyHeadingAndItsQrCode(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateClient();
        var sheets = await app.WithDbAsync(db => db.Structures.AsNoTracking()
            .Where(s => s.Status == StructureStatus.Online)
            .Select(s => new { s.Slug, Located = s.Latitude != null }).ToListAsync());
        sheets.ShouldContain(s => !s.Located);
        var qrCodes = new List<(string Slug, string Svg)>();

        foreach (var sheet in sheets)
        {
            var (_, page) = await client.GetPageAsync($"/structure/{sheet.Slug}");

            NoEmptyHeadings(page).ShouldBeEmpty(sheet.Slug);
            Printed(page).Where(h => h.TagName is "H2").Select(h => h.TextContent.Trim()).ShouldNotContain("Plan", sheet.Slug);
            var footer = page.QuerySelector(".print-only.sheet-print-footer").ShouldNotBeNull(sheet.Slug);
            footer.TextContent.ShouldContain("Imprimé le mardi 24 novembre 2026 à 10:00");
            qrCodes.Add((sheet.Slug, footer.QuerySelector("svg")!.OuterHtml));

            // A service's own hours (or its own notice) are on paper, not only in a folded table.
            foreach (var details in page.QuerySelectorAll(".services details"))
            {
                (details.ParentElement!.QuerySelector(".regular-hours") ?? details.ParentElement.QuerySelector(".alert")).ShouldNotBeNull(sheet.Slug);
            }
        }

        var decoded = await DecodeAsync(qrCodes.Select(q => q.Svg).ToList());
        decoded.ShouldBe(qrCodes.Select(q => $"http://localhost/structure/{q.Slug}").ToList());
    }

    private static async Task AddNoticesAsync(ReperesApp app)
    {
        await app.WithDbAsync(async db =>
        {
            foreach (var added in Added)
            {
                var structure = await db.Structures.Include(s => s.Services).SingleAsync(s => s.Slug == added.Slug);
                var service = added.Service is null ? null : structure.Services.Single(v => v.Name == added.Service);
                db.Notices.Add(new Notice(structure, service, added.Kind, Today.AddDays(added.StartInDays), Today.AddDays(added.EndInDays), added.Text, added.Hours));
            }

            return await db.SaveChangesAsync();
        });
    }

    /// <summary>The QR codes decoded by jsQR from their SVG rasterised by resvg, in order; null when one does not decode.</summary>
    private static async Task<IReadOnlyList<string?>> DecodeAsync(IReadOnlyList<string> svgs)
    {
        var output = await NodeScript.RunAsync("Guide/Print/decode-qr.mjs", [.. svgs]);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text"))
            .Select(text => text.ValueKind == JsonValueKind.Null ? null : text.GetString())
            .ToList();
    }

    /// <summary>The place's own hours line (not a service's).</summary>
    private static string PlaceHoursLine(IElement article) =>
        article.Children.Where(c => c.ClassList.Contains("print-hours")).Select(c => c.TextContent).Single();

    /// <summary>The elements printed: those not inside an element hidden on paper.</summary>
    private static IEnumerable<IElement> Printed(IDocument page) =>
        page.QuerySelectorAll("main *").Where(e => e.Closest(".no-print") is null);

    /// <summary>Headings that paper would print with nothing after them before the next heading of the same level or higher.</summary>
    private static List<string> NoEmptyHeadings(IDocument page)
    {
        var empty = new List<string>();
        var printed = Printed(page).ToList();
        for (var i = 0; i < printed.Count; i++)
        {
            if (printed[i].TagName is not ("H1" or "H2" or "H3"))
            {
                continue;
            }

            var level = printed[i].TagName[1];
            var content = printed.Skip(i + 1)
                .TakeWhile(e => e.TagName is not ("H1" or "H2" or "H3") || e.TagName[1] > level)
                .Where(e => !printed[i].Contains(e))
                .Any(e => e.TagName is not ("H1" or "H2" or "H3") && (e.TextContent.Trim().Length > 0 || e.TagName == "svg"));
            if (!content)
            {
                empty.Add(printed[i].TextContent.Trim());
            }
        }

        return empty;
    }

    /// <summary>
    /// The printed line says, for each day of the next five weeks (public holidays aside), exactly the ranges the
    /// reference evaluator gives for the regular hours: read back from the words ("lun–ven 9:00–12:00 · sam 10:00–
    /// 12:30", "lun 7 déc., lun 21 déc. 14:00–17:00"), not compared with the code that wrote them.
    /// </summary>
    private static void ShouldPrintTheHours(string line, string? expression, string where)
    {
        if (expression is null || !OpeningHoursSchedule.TryParse(expression, out var schedule, out _))
        {
            line.ShouldContain("Horaires non renseignés", customMessage: where);
            return;
        }

        // "Horaires : <first period> ; <second period or holidays>": the first period rules the next five weeks here.
        var text = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        var first = text.Split(" ; ")[0];
        if (first.StartsWith("jusqu’au ", StringComparison.Ordinal))
        {
            first = first[(first.IndexOf(" : ", StringComparison.Ordinal) + 3)..];
        }

        var (weekly, dated) = ParsePeriod(first);
        var days = Enumerable.Range(0, 5).SelectMany(w => OpeningHoursText.Week(schedule!, Today.AddDays(w * 7))).ToList();
        var dayBefore = OpeningHoursText.Week(schedule!, Today.AddDays(-1))[0];
        var previous = dayBefore.Ranges;
        foreach (var day in days)
        {
            var ranges = day.Ranges.ToList();

            // A night that started the evening before is printed with that evening ("20:00–2:00").
            if (previous.Count > 0 && previous[^1].End is null && ranges.Count > 0 && ranges[0].Start == TimeOnly.MinValue && ranges[0].End is not null && !(previous[^1].Start == TimeOnly.MinValue))
            {
                ranges.RemoveAt(0);
            }

            previous = day.Ranges;
            if (day.IsPublicHoliday)
            {
                continue;
            }

            var weekday = ((int)day.Date.DayOfWeek + 6) % 7;
            var printed = dated.TryGetValue(day.Date, out var onDate) ? onDate : weekly.TryGetValue(weekday, out var onWeekday) ? onWeekday : [];
            var expected = ranges.Select(r => r.Start.ToString("H:mm", CultureInfo.InvariantCulture)).ToList();
            printed.Select(p => p.Start).ShouldBe(expected, $"{where} on {day.Date}: «{line}»");
            foreach (var (range, printedRange) in ranges.Zip(printed))
            {
                if (range.End is { } end && range.End != TimeOnly.MinValue)
                {
                    printedRange.End.ShouldBe(end.ToString("H:mm", CultureInfo.InvariantCulture), $"{where} on {day.Date}: «{line}»");
                }

                if (range.Comment is { Length: > 0 } comment)
                {
                    printedRange.Comment.ShouldBe(comment, $"{where} on {day.Date}: «{line}»");
                }
            }
        }
    }

    private sealed record ReadRange(string Start, string End, string? Comment);

    /// <summary>Reads "lun–ven 9:00–12:00, 14:00–17:00 · sam 10:00–12:30" or "lun 7 déc., lun 21 déc. 14:00–17:00".</summary>
    private static (Dictionary<int, List<ReadRange>> Weekly, Dictionary<DateOnly, List<ReadRange>> Dated) ParsePeriod(string text)
    {
        var weekly = new Dictionary<int, List<ReadRange>>();
        var dated = new Dictionary<DateOnly, List<ReadRange>>();
        if (text == "fermé")
        {
            return (weekly, dated);
        }

        string[] dayNames = ["lun", "mar", "mer", "jeu", "ven", "sam", "dim"];
        foreach (var group in text.Split(" · "))
        {
            var firstTime = TimeOrWholeDay().Match(group);
            firstTime.Success.ShouldBeTrue(group);
            var days = group[..firstTime.Index].Trim();
            var ranges = group.Contains("24 h/24", StringComparison.Ordinal)
                ? [new ReadRange("0:00", "24:00", null)]
                : Range().Matches(group).Select(m => new ReadRange(m.Groups["start"].Value, m.Groups["end"].Value, m.Groups["comment"].Success ? m.Groups["comment"].Value : null)).ToList();
            if (days == "tous les jours")
            {
                Enumerable.Range(0, 7).ToList().ForEach(d => weekly[d] = ranges);
                continue;
            }

            foreach (var part in days.Split(", "))
            {
                if (DatePart().Match(part) is { Success: true } date)
                {
                    var month = Array.FindIndex(French.DateTimeFormat.AbbreviatedMonthNames, m => m == date.Groups["month"].Value) + 1;
                    var day = int.Parse(date.Groups["day"].Value, CultureInfo.InvariantCulture);
                    var candidate = new DateOnly(Today.Year, month, day);
                    dated[candidate < Today ? candidate.AddYears(1) : candidate] = ranges;
                }
                else if (part.Split('–') is [var from, var to])
                {
                    for (var d = Array.IndexOf(dayNames, from); d <= Array.IndexOf(dayNames, to); d++)
                    {
                        weekly[d] = ranges;
                    }
                }
                else
                {
                    Array.IndexOf(dayNames, part).ShouldBeGreaterThanOrEqualTo(0, part);
                    weekly[Array.IndexOf(dayNames, part)] = ranges;
                }
            }
        }

        return (weekly, dated);
    }

    [GeneratedRegex(@"\d{1,2}:\d{2}–|24 h/24")]
    private static partial Regex TimeOrWholeDay();

    [GeneratedRegex(@"(?<start>\d{1,2}:\d{2})–(?<end>\d{1,2}:\d{2})(?: \((?<comment>[^)]*)\))?")]
    private static partial Regex Range();

    [GeneratedRegex(@"^\w+ (?:(?<day>\d{1,2})|(?<day>1)er) (?<month>\S+)$")]
    private static partial Regex DatePart();
}
