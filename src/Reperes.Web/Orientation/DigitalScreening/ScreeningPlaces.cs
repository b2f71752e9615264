using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Text;
using Reperes.Web.Data;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Orientation.DigitalScreening;

/// <summary>A service of a place that fits a help, and its state now.</summary>
public sealed record FittingService(int Id, string Name, OpenState State);

/// <summary>
/// A place for a help: the services of it that fit, when the first of them is next open (<see cref="NextOpen"/>: now
/// when one is open) and in words, and how far it is from the position given (null: no position, or no pin).
/// </summary>
public sealed record ScreeningPlace(
    int Id,
    string Slug,
    string Name,
    string? Street,
    string? City,
    string? Phone,
    double? DistanceKm,
    DateTimeOffset NextOpen,
    bool OpenNow,
    string OpenText,
    IReadOnlyList<FittingService> Services);

/// <summary>A help that fits the answers, and the places offering it that open in the coming days (nearest first).</summary>
public sealed record ScreeningHelp(ScreeningRule Rule, IReadOnlyList<ScreeningPlace> Places, int More);

/// <summary>A service of the guide given at a distance (phone, website) that fits the answers.</summary>
public sealed record RemoteService(int StructureId, string StructureSlug, string StructureName, string ServiceName, string? Phone, string? Website);

/// <summary>
/// Finds, for each help the rules give, the places whose services offer it by the national standard's fields (the
/// services' mediation codes), with an opening in the coming <see cref="Days"/> days by the guide's one open state
/// (hours, services' own hours, closures and exceptional hours), nearest first from a position, else the soonest open
/// first. Places that receive no public, and services given only at a distance, are not places to go to.
/// </summary>
public sealed class ScreeningPlaces(ReperesDbContext db, OpenStates openStates, NoticeBoard notices, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>"Open in the coming days": an opening within this many days from now.</summary>
    public const int Days = 7;

    /// <summary>Places shown per help; the others are counted.</summary>
    public const int PerHelp = 5;

    public async Task<IReadOnlyList<ScreeningHelp>> FindAsync(IReadOnlyList<ScreeningRule> rules, SearchOrigin? origin, DateTimeOffset now, CultureInfo culture, CancellationToken cancellationToken)
    {
        if (rules.Count == 0)
        {
            return [];
        }

        var services = await MediationServicesAsync(cancellationToken);
        var inPerson = services.Where(s => s.InPerson).ToList();
        var fitting = rules.ToDictionary(r => r.Code, r => inPerson.Where(s => r.Fits(s.Offer)).ToList());
        var structureIds = fitting.Values.SelectMany(l => l.Select(s => s.StructureId)).Distinct().ToList();
        var structures = structureIds.Count == 0
            ? []
            : await PublicData.Structures(db)
                .Where(s => structureIds.Contains(s.Id))
                .Select(s => new { s.Id, s.Slug, s.Name, s.Street, s.City, s.Latitude, s.Longitude, s.OpeningHours, s.Phones })
                .ToDictionaryAsync(s => s.Id, cancellationToken);

        var horizon = now.AddDays(Days);
        var helps = new List<ScreeningHelp>(rules.Count);
        foreach (var rule in rules)
        {
            var places = new List<ScreeningPlace>();
            foreach (var group in fitting[rule.Code].GroupBy(s => s.StructureId))
            {
                if (!structures.TryGetValue(group.Key, out var structure))
                {
                    continue;
                }

                var hours = group.Select(s => s.Hours).ToList();
                var place = new PlaceHours(structure.OpeningHours, hours, notices.For(structure.Id));
                var states = hours
                    .Select(h => new FittingService(h.Id, h.Name, openStates.OfService(place, h, now)))
                    .Where(s => s.State.IsOpen || (s.State.OpensAt is { } opens && opens <= horizon))
                    .ToList();
                if (states.Count == 0)
                {
                    continue;
                }

                // The service open now (the one staying open longest), else the one opening first.
                var first = states
                    .OrderByDescending(s => s.State.IsOpen)
                    .ThenBy(s => s.State.IsOpen ? DateTimeOffset.MaxValue - (s.State.ClosesAt ?? DateTimeOffset.MaxValue) : s.State.OpensAt!.Value - DateTimeOffset.MinValue)
                    .ThenBy(s => s.Id)
                    .First();
                var nextOpen = first.State.IsOpen ? now : first.State.OpensAt!.Value;
                var text = OpenStateText.Describe(first.State, now, localizer, culture);
                double? distance = origin is not null && structure.Latitude is { } lat && structure.Longitude is { } lon
                    ? Geo.DistanceKm(origin.Latitude, origin.Longitude, lat, lon)
                    : null;
                places.Add(new ScreeningPlace(
                    structure.Id, structure.Slug, structure.Name, structure.Street, structure.City, Structure.Split(structure.Phones).FirstOrDefault(),
                    distance, nextOpen, first.State.IsOpen, states.Count > 1 || hours.Count > 1 ? localizer["{0} : {1}", first.Name, text] : text,
                    states.OrderBy(s => s.Id).ToList()));
            }

            var ordered = Order(places, origin is not null).ToList();
            helps.Add(new ScreeningHelp(rule, ordered.Take(PerHelp).ToList(), Math.Max(0, ordered.Count - PerHelp)));
        }

        return helps;
    }

    /// <summary>Nearest first from a position (places without a pin last), then the soonest open; without a position, the soonest open first.</summary>
    public static IEnumerable<ScreeningPlace> Order(IEnumerable<ScreeningPlace> places, bool byDistance) =>
        byDistance
            ? places.OrderBy(p => p.DistanceKm is null).ThenBy(p => p.DistanceKm).ThenBy(p => p.NextOpen).ThenBy(p => p.Name, FrenchOrder.Comparer)
            : places.OrderBy(p => p.NextOpen).ThenBy(p => p.Name, FrenchOrder.Comparer);

    /// <summary>
    /// The guide's services given at a distance (by phone or online) that offer one of the kinds of help of
    /// <paramref name="rules"/> (any digital help when the rules name none).
    /// </summary>
    public async Task<IReadOnlyList<RemoteService>> RemoteAsync(IReadOnlyList<ScreeningRule> rules, CancellationToken cancellationToken)
    {
        var wanted = rules.SelectMany(r => r.Services ?? []).ToHashSet(StringComparer.Ordinal);
        var remote = (await MediationServicesAsync(cancellationToken))
            .Where(s => s.Remote && (wanted.Count == 0 || s.Offer.Services.Any(wanted.Contains)))
            .ToList();
        if (remote.Count == 0)
        {
            return [];
        }

        var ids = remote.Select(s => s.Hours.Id).ToList();
        return (await PublicData.Services(db)
                .Where(v => ids.Contains(v.Id) && (v.RemotePhone != null || v.RemoteWebsite != null || v.Structure.Phones != ""))
                .Select(v => new { v.StructureId, v.Structure.Slug, StructureName = v.Structure.Name, v.Name, v.RemotePhone, v.RemoteWebsite, v.Structure.Phones })
                .ToListAsync(cancellationToken))
            .Select(v => new RemoteService(v.StructureId, v.Slug, v.StructureName, v.Name, v.RemotePhone ?? Structure.Split(v.Phones).FirstOrDefault(), v.RemoteWebsite))
            .OrderBy(v => v.StructureName, FrenchOrder.Comparer)
            .ThenBy(v => v.ServiceName, FrenchOrder.Comparer)
            .Take(PerHelp)
            .ToList();
    }

    /// <summary>The public services that describe themselves by the standard's fields (few: the digital categories').</summary>
    private async Task<List<MediationRow>> MediationServicesAsync(CancellationToken cancellationToken) =>
        (await PublicData.Services(db)
            .Where(v => v.MediationServices != "" || v.MediationEquipment != "" || v.MediationSupport != "" || v.MediationPublics != "")
            .Select(v => new
            {
                v.Id,
                v.StructureId,
                v.Name,
                v.CategoryId,
                v.OpeningHours,
                v.ModesAccueil,
                v.MediationServices,
                v.MediationSupport,
                v.MediationEquipment,
                v.MediationPublics,
                v.MediationAccess,
            })
            .ToListAsync(cancellationToken))
        .Select(v =>
        {
            var modes = Structure.Split(v.ModesAccueil);
            var access = Structure.Split(v.MediationAccess);
            var offer = MediationOffer.None with
            {
                Services = Structure.Split(v.MediationServices),
                Support = Structure.Split(v.MediationSupport),
                Equipment = Structure.Split(v.MediationEquipment),
                Publics = Structure.Split(v.MediationPublics),
                Access = access,
            };
            return new MediationRow(
                v.StructureId,
                new ServiceHours(v.Id, v.Name, v.CategoryId, v.OpeningHours),
                offer,
                InPerson: modes.Contains("en-presentiel") && !access.Contains("pas-de-public"),
                Remote: modes.Contains("a-distance") || offer.Support.Contains("distance"));
        })
        .ToList();

    private sealed record MediationRow(int StructureId, ServiceHours Hours, MediationOffer Offer, bool InPerson, bool Remote);
}
