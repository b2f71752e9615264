using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Text;

namespace Reperes.Web.Core;

/// <summary>
/// schema.org descriptions (JSON-LD) of a structure and of an event, so that search engines and assistants show
/// the address, phone and date people look for. Written safely inside a script element.
/// </summary>
public static class StructuredData
{
    private static readonly JsonSerializerOptions Options = new()
    {
        // Escapes <, > and & so that no text of a sheet can close the script element.
        Encoder = JavaScriptEncoder.Default,
        WriteIndented = false,
    };

    public static string ForStructure(Structure structure, string url)
    {
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Organization",
            ["@id"] = url,
            ["url"] = url,
            ["name"] = structure.Name,
            ["description"] = structure.Summary,
        };
        if (structure.Address is { } address)
        {
            json["address"] = new JsonObject
            {
                ["@type"] = "PostalAddress",
                ["streetAddress"] = structure.Street,
                ["postalCode"] = structure.PostalCode,
                ["addressLocality"] = structure.City,
                ["addressCountry"] = "FR",
            };
            json["location"] = new JsonObject
            {
                ["@type"] = "Place",
                ["geo"] = new JsonObject { ["@type"] = "GeoCoordinates", ["latitude"] = address.Latitude, ["longitude"] = address.Longitude },
            };
        }

        if (structure.PhoneList.Count > 0)
        {
            json["telephone"] = structure.PhoneList[0];
        }

        if (structure.Email is { Length: > 0 } email)
        {
            json["email"] = email;
        }

        if (structure.Website is { Length: > 0 } website && SafeMarkdown.IsSafeUrl(website))
        {
            json["sameAs"] = website;
        }

        json["knowsLanguage"] = new JsonArray(structure.LanguageList.Select(l => (JsonNode)JsonValue.Create(l)!).ToArray());
        return json.ToJsonString(Options);
    }

    public static string ForEvent(Publication publication, string url, string? organizerUrl)
    {
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Event",
            ["@id"] = url,
            ["url"] = url,
            ["name"] = publication.Title,
            ["description"] = publication.Summary,
            ["startDate"] = publication.StartsAt is { } starts ? Paris(starts) : null,
            ["eventStatus"] = "https://schema.org/EventScheduled",
            ["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode",
            ["isAccessibleForFree"] = true,
        };
        if (publication.EndsAt is { } ends)
        {
            json["endDate"] = Paris(ends);
        }

        if (publication.Place is { } place)
        {
            json["location"] = new JsonObject { ["@type"] = "Place", ["name"] = place, ["address"] = place };
        }

        if (publication.Capacity is { } capacity)
        {
            json["maximumAttendeeCapacity"] = capacity;
        }

        if (publication.Structure is { } structure)
        {
            json["organizer"] = new JsonObject { ["@type"] = "Organization", ["name"] = structure.Name, ["url"] = organizerUrl };
        }

        return json.ToJsonString(Options);
    }

    /// <summary>The instant as people of the territory read it, with its offset.</summary>
    private static string Paris(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, HoursEvaluator.Zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
}
