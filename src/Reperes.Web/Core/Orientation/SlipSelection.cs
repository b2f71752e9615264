using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Reperes.Web.Core.Orientation;

/// <summary>A place on an orientation slip and the services chosen for it (none: the whole place).</summary>
public sealed record SlipPlace(int StructureId, IReadOnlyList<int> ServiceIds);

/// <summary>
/// An orientation slip as chosen: places in order, their services and a short note. Nothing about the person: it is
/// what the browser keeps (<see cref="SlipCookie"/>) and what a shared slip stores. In the core because the guide's
/// pages show whether a place is on it and the layout shows how many places it holds.
/// </summary>
public sealed record SlipSelection(IReadOnlyList<SlipPlace> Places, string Note)
{
    public const int MaxPlaces = 20;
    public const int MaxServicesPerPlace = 12;
    public const int NoteMaxLength = 300;

    public static readonly SlipSelection Empty = new([], "");

    public bool Contains(int structureId) => Places.Any(p => p.StructureId == structureId);

    /// <summary>With the place added at the end (its services replaced when it is already there).</summary>
    public SlipSelection With(SlipPlace place)
    {
        var services = place.ServiceIds.Distinct().Take(MaxServicesPerPlace).ToList();
        var index = Places.ToList().FindIndex(p => p.StructureId == place.StructureId);
        var places = Places.ToList();
        if (index >= 0)
        {
            places[index] = place with { ServiceIds = services };
        }
        else
        {
            places.Add(place with { ServiceIds = services });
        }

        return this with { Places = places };
    }

    public SlipSelection Without(int structureId) => this with { Places = Places.Where(p => p.StructureId != structureId).ToList() };

    /// <summary>The place moved one step up (<paramref name="step"/> -1) or down (+1); unchanged at either end.</summary>
    public SlipSelection Moved(int structureId, int step)
    {
        var places = Places.ToList();
        var index = places.FindIndex(p => p.StructureId == structureId);
        var target = index + Math.Sign(step);
        if (index < 0 || target < 0 || target >= places.Count)
        {
            return this;
        }

        (places[index], places[target]) = (places[target], places[index]);
        return this with { Places = places };
    }

    /// <summary>The places as one line of text: "12:3,4;15:;…" (structure id, then its chosen services).</summary>
    public string PlacesText() =>
        string.Join(';', Places.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.StructureId}:{string.Join(',', p.ServiceIds)}")));

    /// <summary>Reads <see cref="PlacesText"/>; anything malformed is dropped, never an exception.</summary>
    public static IReadOnlyList<SlipPlace> ParsePlaces(string? text)
    {
        var places = new List<SlipPlace>();
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var idText = colon < 0 ? part : part[..colon];
            if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0 || places.Any(p => p.StructureId == id))
            {
                continue;
            }

            var services = colon < 0 ? [] : part[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .Where(v => v > 0)
                .Distinct()
                .Take(MaxServicesPerPlace)
                .ToList();
            places.Add(new SlipPlace(id, services));
            if (places.Count == MaxPlaces)
            {
                break;
            }
        }

        return places;
    }
}

/// <summary>
/// The slip held by the browser: a session cookie (gone when the browser closes), protected against tampering, that
/// only this site reads. No account and nothing stored on the server until the slip is shared.
/// </summary>
public static class SlipCookie
{
    public const string Name = "reperes-fiche";
    private const string Purpose = "Reperes.Orientation.Slip";

    public static SlipSelection Read(HttpContext context)
    {
        if (context.Items[Name] is SlipSelection cached)
        {
            return cached;
        }

        var selection = SlipSelection.Empty;
        if (context.Request.Cookies[Name] is { Length: > 0 and < 4096 } value)
        {
            try
            {
                var text = Protector(context).Unprotect(value);
                var newline = text.IndexOf('\n', StringComparison.Ordinal);
                selection = newline < 0
                    ? new SlipSelection(SlipSelection.ParsePlaces(text), "")
                    : new SlipSelection(SlipSelection.ParsePlaces(text[..newline]), Truncate(text[(newline + 1)..]));
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // A cookie from older keys or altered: an empty slip, as a new visitor has.
            }
        }

        context.Items[Name] = selection;
        return selection;
    }

    public static void Write(HttpContext context, SlipSelection selection)
    {
        context.Items[Name] = selection;
        if (selection.Places.Count == 0 && selection.Note.Length == 0)
        {
            context.Response.Cookies.Delete(Name);
            return;
        }

        var text = selection.PlacesText() + "\n" + selection.Note;
        context.Response.Cookies.Append(Name, Protector(context).Protect(text), new CookieOptions
        {
            // A session cookie: no expiry date.
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
        });
    }

    private static string Truncate(string note) => note.Length > SlipSelection.NoteMaxLength ? note[..SlipSelection.NoteMaxLength] : note;

    private static IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
}
