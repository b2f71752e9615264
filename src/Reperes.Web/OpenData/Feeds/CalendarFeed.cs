// Hand-written rather than with Ical.Net: the RFC 5545 subset used (events, one time zone, folding, escaping) is short, and the tests parse every feed with Mozilla's ical.js.
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Text;

namespace Reperes.Web.OpenData.Feeds;

/// <summary>
/// iCalendar feeds (RFC 5545) of the events to come and of the last month: of the network, of a structure, of a
/// need. Times are written in Europe/Paris with its time zone definition, so calendar apps show them as announced;
/// each event keeps the same UID across updates.
/// </summary>
public static class CalendarFeed
{
    public const int MaxEvents = 500;

    public static void MapCalendarFeeds(this IEndpointRouteBuilder app) => app.MapFeed("agenda.ics", "ical", WriteAsync);

    private static async Task<IResult> WriteAsync(HttpContext context, FeedScope scope, string baseUrl)
    {
        var cancellationToken = context.RequestAborted;
        var feed = context.RequestServices.GetRequiredService<PublicationFeed>();

        // Past events stay a month, so that a calendar does not lose what just happened.
        var since = feed.Now.AddDays(-31);
        var events = await PublicationFeed.Filter(feed.Visible(), scope.StructureId, scope.NeedId)
            .Where(p => p.Kind == PublicationKind.Event && p.StartsAt != null && (p.EndsAt ?? p.StartsAt) >= since)
            .OrderBy(p => p.StartsAt).ThenBy(p => p.Id)
            .Take(MaxEvents)
            .Select(p => new CalendarEvent(p.Id, p.Title, p.Summary, p.Body, p.StartsAt!.Value, p.EndsAt, p.Place, p.Audience, p.Registration, p.UpdatedAt, p.Structure != null ? p.Structure.Name : null))
            .ToListAsync(cancellationToken);

        var host = new Uri(baseUrl).Host;
        context.Response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Text(Write(scope.Title + " : agenda", baseUrl, host, events), "text/calendar; charset=utf-8", Encoding.UTF8);
    }

    public sealed record CalendarEvent(int Id, string Title, string Summary, string Body, DateTimeOffset StartsAt, DateTimeOffset? EndsAt, string? Place, string? Audience, string? Registration, DateTimeOffset UpdatedAt, string? StructureName);

    public static string Write(string name, string baseUrl, string host, IEnumerable<CalendarEvent> events)
    {
        var ics = new StringBuilder();
        void Line(string content) => ics.Append(Fold(content)).Append("\r\n");
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Repères//Agenda//FR");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:" + Escape(name));
        Line("X-WR-TIMEZONE:Europe/Paris");

        // The rules of Europe/Paris since 1996 (last Sunday of March and of October, at 01:00 UTC).
        Line("BEGIN:VTIMEZONE");
        Line("TZID:Europe/Paris");
        Line("BEGIN:DAYLIGHT");
        Line("TZOFFSETFROM:+0100");
        Line("TZOFFSETTO:+0200");
        Line("TZNAME:CEST");
        Line("DTSTART:19700329T020000");
        Line("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
        Line("END:DAYLIGHT");
        Line("BEGIN:STANDARD");
        Line("TZOFFSETFROM:+0200");
        Line("TZOFFSETTO:+0100");
        Line("TZNAME:CET");
        Line("DTSTART:19701025T030000");
        Line("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU");
        Line("END:STANDARD");
        Line("END:VTIMEZONE");
        foreach (var e in events)
        {
            var url = $"{baseUrl}/publications/{e.Id}";
            Line("BEGIN:VEVENT");
            Line($"UID:publication-{e.Id}@{host}");
            Line("DTSTAMP:" + Utc(e.UpdatedAt));
            Line("LAST-MODIFIED:" + Utc(e.UpdatedAt));
            Line("DTSTART;TZID=Europe/Paris:" + Local(e.StartsAt));
            Line("DTEND;TZID=Europe/Paris:" + Local(e.EndsAt is { } end && end > e.StartsAt ? end : e.StartsAt.AddHours(1)));
            Line("SUMMARY:" + Escape(e.Title));
            var description = new StringBuilder(e.Summary.Length > 0 ? e.Summary : SafeMarkdown.ToPlainText(e.Body, 1000));
            if (e.StructureName is not null)
            {
                description.Append("\nOrganisé par : ").Append(e.StructureName);
            }

            if (e.Audience is not null)
            {
                description.Append("\nPour qui : ").Append(e.Audience);
            }

            if (e.Registration is not null)
            {
                description.Append("\nInscription : ").Append(e.Registration);
            }

            description.Append('\n').Append(url);
            Line("DESCRIPTION:" + Escape(description.ToString()));
            if (e.Place is not null)
            {
                Line("LOCATION:" + Escape(e.Place));
            }

            Line("URL:" + url);
            Line("END:VEVENT");
        }

        Line("END:VCALENDAR");
        return ics.ToString();
    }

    private static string Utc(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset instant) => ParisTime.Local(instant).ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    /// <summary>TEXT values: backslash, semicolon, comma and new lines escaped (RFC 5545 §3.3.11).</summary>
    public static string Escape(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\n", StringComparison.Ordinal)
        .Replace("\r", "\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Lines of at most 75 octets, continued with a space (RFC 5545 §3.1), never cutting a UTF-8 character.</summary>
    public static string Fold(string line)
    {
        if (Encoding.UTF8.GetByteCount(line) <= 75)
        {
            return line;
        }

        var folded = new StringBuilder();
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                folded.Append("\r\n ");
                octets = 0;
                limit = 74; // the leading space counts
            }

            folded.Append(rune.ToString());
            octets += size;
        }

        return folded.ToString();
    }
}
