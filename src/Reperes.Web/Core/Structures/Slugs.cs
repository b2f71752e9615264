using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Text;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Structures;

/// <summary>A structure's address in the guide (/structure/{slug}): its name in plain lower-case words.</summary>
public static class Slugs
{
    public const int MaxLength = 120;

    /// <summary>"Restos du Cœur – Brest" → "restos-du-coeur-brest".</summary>
    public static string Slugify(string text)
    {
        var folded = TextFolding.Fold(text);
        var slug = string.Join('-', folded.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length > MaxLength ? slug[..MaxLength].TrimEnd('-') : slug;
    }

    /// <summary>The name as an address; with the commune, then a number, when already taken.</summary>
    public static async Task<string> FreeAsync(ReperesDbContext db, string name, string city, CancellationToken cancellationToken)
    {
        var baseSlug = Slugify(name) is { Length: > 0 } slug ? slug : "structure";
        var withCity = Slugify(name + " " + city);
        foreach (var candidate in new[] { baseSlug, withCity })
        {
            if (candidate.Length > 0 && !await db.Structures.AnyAsync(s => s.Slug == candidate, cancellationToken))
            {
                return candidate;
            }
        }

        var prefix = withCity.Length > 0 ? withCity : baseSlug;
        for (var n = 2; ; n++)
        {
            var candidate = $"{prefix}-{n}";
            if (!await db.Structures.AnyAsync(s => s.Slug == candidate, cancellationToken))
            {
                return candidate;
            }
        }
    }
}
