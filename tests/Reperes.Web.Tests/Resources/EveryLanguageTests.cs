using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Orientation;

namespace Reperes.Web.Tests.Resources;

/// <summary>
/// Every public page in every language of the interface: <c>lang</c> and <c>dir</c> set right, no resource key
/// missing for that language, and no French left outside what is marked as French (<c>lang="fr"</c>: a structure's
/// own texts not translated) or as a name not to translate (<c>translate="no"</c>: names of places, addresses).
/// </summary>
public sealed partial class EveryLanguageTests
{
    private static readonly string[] PublicPages =
    [
        "/", "/besoin/se-nourrir", "/besoin/avoir-un-toit", "/recherche?q=manger", "/recherche?q=manger&ouvert=maintenant", "/recherche?q=zzzzqqq",
        "/recherche?q=douche&commune=Brest", "/carte", "/pres-de-moi", "/internet", "/structure/halte-accueil-ozanam",
        "/structure/halte-accueil-ozanam/signaler", "/agenda", "/publications", "/guide-imprimable?q=manger",
        "/fiche-orientation", "/fiche-orientation/imprimer", "/fiche-orientation/imprimer?format=a6", "/numerique-et-moi",
        "/confidentialite", "/langues", "/erreur", "/structure/nulle-part", "/widget?besoin=se-nourrir",
    ];

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PublicPages_EveryLanguage_LangAndDirSetNoMissingKeyNoFrenchLeft(string engine)
    {
        var misses = new MissingResources();
        await using var app = new ReperesApp(engine) { TestServices = services => misses.Record(services) };
        var publication = await app.WithDbAsync(db => db.Publications.Where(p => p.Status == Reperes.Web.Core.Publications.PublicationStatus.Published).Select(p => p.Id).FirstAsync());
        var names = await ProperNamesAsync(app);
        var failures = new List<string>();
        foreach (var language in Cultures.Languages.Where(l => l.Code != "fr"))
        {
            var client = app.CreateBrowserLikeClient();
            client.DefaultRequestHeaders.Add("Cookie", $".AspNetCore.Culture=c={language.Code}|uic={language.Code}");
            await AddAPlaceToTheSlipAsync(client);
            foreach (var url in PublicPages.Append($"/publications/{publication}"))
            {
                misses.Clear();
                var response = await client.GetAsync(url);
                var html = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.InternalServerError)
                {
                    failures.Add($"{language.Code} {url}: 500");
                    continue;
                }

                var document = await Html.ParseAsync(html);
                var root = document.DocumentElement;
                if (root.GetAttribute("lang") != language.Code || root.GetAttribute("dir") != (language.RightToLeft ? "rtl" : "ltr"))
                {
                    failures.Add($"{language.Code} {url}: lang=\"{root.GetAttribute("lang")}\" dir=\"{root.GetAttribute("dir")}\"");
                }

                failures.AddRange(misses.Drain(language.Culture).Select(key => $"{language.Code} {url}: no translation for \"{key}\""));
                failures.AddRange(FrenchLeft(document, names).Select(text => $"{language.Code} {url}: French left: \"{text}\""));
            }
        }

        failures.Distinct().ShouldBeEmpty();
    }

    /// <summary>The names of places and services and the addresses: proper names, French in every language.</summary>
    private static async Task<IReadOnlyList<string>> ProperNamesAsync(ReperesApp app)
    {
        var structures = await app.WithDbAsync(db => db.Structures.Select(s => new { s.Name, s.Street, s.City }).ToListAsync());
        var services = await app.WithDbAsync(db => db.Services.Select(v => v.Name).ToListAsync());
        return structures.SelectMany(s => new[] { s.Name, s.Street, s.City }).Concat(services)
            .OfType<string>().Where(n => n.Length > 0).Distinct().OrderByDescending(n => n.Length).ToList();
    }

    /// <summary>
    /// Visible texts and the attributes read to people (labels, placeholders, titles, alternatives) that hold French
    /// words, outside elements marked French or not to translate, once the proper names are taken out.
    /// </summary>
    public static IEnumerable<string> FrenchLeft(IDocument document, IReadOnlyList<string> properNames)
    {
        bool French(string text) => LooksFrench(properNames.Aggregate(text, (t, name) => t.Replace(name, " ", StringComparison.Ordinal)));

        foreach (var node in document.Body!.Descendants())
        {
            if (node is IText text && text.ParentElement is { } parent && Readable(parent) && French(text.Data))
            {
                yield return Shorten(text.Data);
            }
            else if (node is IElement element && Readable(element))
            {
                foreach (var attribute in new[] { "aria-label", "placeholder", "title", "alt" })
                {
                    if (element.GetAttribute(attribute) is { } value && French(value))
                    {
                        yield return $"{attribute}={Shorten(value)}";
                    }
                }
            }
        }
    }

    private static bool Readable(IElement element)
    {
        for (var e = element; e is not null; e = e.ParentElement)
        {
            if (e.LocalName is "script" or "style" or "template" or "noscript" or "code"
                || (e.GetAttribute("lang") is { } lang && lang.StartsWith("fr", StringComparison.Ordinal))
                || e.GetAttribute("translate") == "no")
            {
                return false;
            }

            if (e.HasAttribute("lang"))
            {
                return true;
            }
        }

        return true;
    }

    /// <summary>Two French words that no other language of the interface writes (or one weekday or month name).</summary>
    public static bool LooksFrench(string text)
    {
        var words = Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToList();
        return words.Count(w => FrenchWords.Contains(w)) >= 2 || words.Any(w => FrenchDays.Contains(w));
    }

    private static readonly HashSet<string> FrenchWords =
    [
        "le", "les", "des", "du", "au", "aux", "et", "est", "pour", "avec", "vous", "votre", "vos", "dans", "une", "sont", "cette",
        "ces", "nous", "à", "ouvert", "fermé", "ouverte", "fermée", "aujourd’hui", "demain", "heures", "rendez-vous", "gratuit",
        "chercher", "fiche", "lieu", "lieux", "besoin", "horaires", "adresse", "accueil", "être", "pas", "plus", "où", "ici",
    ];

    private static readonly HashSet<string> FrenchDays =
        ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier", "février", "avril", "juillet", "août", "décembre"];

    private static string Shorten(string text)
    {
        var collapsed = Regex.Replace(text, @"\s+", " ").Trim();
        return collapsed.Length > 100 ? collapsed[..100] + "…" : collapsed;
    }

    private static async Task AddAPlaceToTheSlipAsync(HttpClient client)
    {
        var (_, results) = await client.GetPageAsync("/recherche?q=manger");
        var form = results.QuerySelector("form[action='/fiche-orientation/ajouter']")!;
        (await client.SubmitAsync(form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [GeneratedRegex(@"[\p{L}’'-]+")]
    private static partial Regex Word();

    /// <summary>The resource keys asked for in a language other than French and not found in it (the French key shown instead).</summary>
    private sealed class MissingResources
    {
        private readonly ConcurrentQueue<(string Culture, string Key)> misses = new();

        public void Record(IServiceCollection services)
        {
            var inner = services.Last(d => d.ServiceType == typeof(IStringLocalizerFactory));
            services.AddSingleton<IStringLocalizerFactory>(provider => new Factory((IStringLocalizerFactory)(inner.ImplementationInstance
                ?? inner.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, inner.ImplementationType!)), this));
        }

        public void Clear() => misses.Clear();

        public IEnumerable<string> Drain(CultureInfo culture)
        {
            var found = new List<string>();
            while (misses.TryDequeue(out var miss))
            {
                if (miss.Culture == culture.Name)
                {
                    found.Add(miss.Key);
                }
            }

            return found.Distinct();
        }

        private void Add(LocalizedString text)
        {
            var culture = CultureInfo.CurrentUICulture;
            if (text.ResourceNotFound && culture.TwoLetterISOLanguageName != "fr")
            {
                misses.Enqueue((culture.Name, text.Name));
            }
        }

        private sealed class Factory(IStringLocalizerFactory inner, MissingResources misses) : IStringLocalizerFactory
        {
            public IStringLocalizer Create(Type resourceSource) => new Localizer(inner.Create(resourceSource), misses);

            public IStringLocalizer Create(string baseName, string location) => new Localizer(inner.Create(baseName, location), misses);
        }

        private sealed class Localizer(IStringLocalizer inner, MissingResources misses) : IStringLocalizer
        {
            public LocalizedString this[string name] => Seen(inner[name]);

            public LocalizedString this[string name, params object[] arguments] => Seen(inner[name, arguments]);

            public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);

            private LocalizedString Seen(LocalizedString text)
            {
                misses.Add(text);
                return text;
            }
        }
    }
}
