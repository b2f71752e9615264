using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Reading;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Guide.Search;
using Reperes.Web.Shared.Reading;

namespace Reperes.Web.Guide.Pages;

public sealed class NeedModel(SearchService search, GuideCatalog catalog, IStringLocalizer<SharedResource> localizer, TimeProvider clock, PublicationFeed feed, SearchUsage usage)
    : SearchPageModel(search, catalog, localizer, clock)
{
    public NeedInfo? Need { get; private set; }

    /// <summary>The network's latest publications and next events about this need.</summary>
    public IReadOnlyList<PublicationCard> Publications { get; private set; } = [];

    /// <summary>
    /// "Écouter": the need and the places of this page of results (name, open now and until when, address), as text
    /// for the browser's voice or as audio. Not counted as a search.
    /// </summary>
    public async Task<IActionResult> OnGetListenAsync(string code, string? format, [FromServices] SpeechAudio speech)
    {
        Need = Catalog.Need(code);
        if (Need is null)
        {
            return NotFound();
        }

        Search.Need = Need.Code;
        if (!await RunSearchAsync())
        {
            return BadRequest();
        }

        var culture = CultureInfo.CurrentUICulture;
        var script = new ReadAloudScript(culture);
        if (ReaderPreferences.Read(HttpContext).EasyRead(culture) && EasyRead.Need(Need.Code) is { } easy)
        {
            script.SayFrench(easy.Name);
            foreach (var sentence in easy.Sentences)
            {
                script.SayFrench(sentence);
            }
        }
        else
        {
            script.Say(Need.Name(culture)).Say(Need.Description(culture));
        }

        script.Say(Localizer["{0} résultats", Result!.Total]);
        foreach (var hit in Result.Hits)
        {
            script.SayFrench(hit.Name).Say(hit.Hours.Text);
            script.SayFrench(hit.Street is null ? null : $"{hit.Street}, {hit.City}");
        }

        return await ListenAnswer.ForAsync(script, format, speech, HttpContext);
    }

    public async Task<IActionResult> OnGetAsync(string code)
    {
        Need = Catalog.Need(code);
        if (Need is null)
        {
            return NotFound();
        }

        Search.Need = Need.Code;
        if (Search.Category is { Length: > 0 } category && Catalog.Category(category)?.NeedCode != Need.Code)
        {
            Search.Category = null;
        }

        if (await RunSearchAsync())
        {
            usage.Count(HttpContext, Search, Result!);
        }

        var events = await feed.UpcomingEventsAsync(3, needId: Need.Id, cancellationToken: HttpContext.RequestAborted);
        var latest = await feed.LatestAsync(3, needId: Need.Id, cancellationToken: HttpContext.RequestAborted);
        Publications = [.. events, .. latest];
        return Page();
    }
}
