using System.Globalization;
using Microsoft.Extensions.Localization;
using Reperes.Web.Guide.Communes;
using Reperes.Web.Guide.Search;
using AddressValue = Reperes.Web.Core.Structures.Address;

namespace Reperes.Web.Publishing.Addresses;

/// <summary>
/// An address as the staff's forms ask for it: the commune found in the national list (by its name or postal code),
/// the street typed, the position set by a pin on the map — never coordinates typed by hand.
/// </summary>
public interface IAddressInput
{
    /// <summary>The commune as typed or picked from the suggestions: "Plouzané", "29280", "Plouzané (29280)".</summary>
    string? Commune { get; }

    /// <summary>The commune chosen among several that the text may mean (its code in the national list).</summary>
    string? CommuneCode { get; }

    /// <summary>Among the commune's postal codes, when it has several.</summary>
    string? PostalCode { get; }

    string? Street { get; }

    /// <summary>Set by the map's script only, with <see cref="PinMoved"/> when the person placed the pin.</summary>
    string? Latitude { get; }

    string? Longitude { get; }

    string? PinMoved { get; }
}

public enum PositionSource
{
    None,

    /// <summary>The person placed the pin on the map.</summary>
    Pin,

    /// <summary>Street and commune unchanged: the position stays where it was.</summary>
    Kept,

    /// <summary>From the street, by the configured geocoder.</summary>
    Geocoder,

    /// <summary>The commune's centre, until someone places the pin.</summary>
    CommuneCentre,
}

/// <summary>What the form's address fields give: the commune (or those to choose from), and the address when complete.</summary>
public sealed record AddressChoice(
    FrenchCommune? Commune,
    IReadOnlyList<FrenchCommune> Choices,
    string? PostalCode,
    AddressValue? Address,
    PositionSource Source,
    IReadOnlyList<string> Errors)
{
    /// <summary>Nothing typed: a service only at a distance (where the form allows it).</summary>
    public bool Empty => Commune is null && Choices.Count == 0 && Errors.Count == 0;

    /// <summary>Where the map opens: the address, else the commune's centre.</summary>
    public (double Latitude, double Longitude)? MapCentre =>
        Address is { } a ? (a.Latitude, a.Longitude) : Commune is { HasCentre: true } c ? (c.Latitude!.Value, c.Longitude!.Value) : null;
}

public sealed class AddressPicker(CommuneDirectory directory, AddressGeocoder geocoder, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>A pin this far from the commune's centre is a slip of the finger (communes span up to about 20 km).</summary>
    public const double MaxPinDistanceKm = 30;

    public bool GeocoderEnabled => geocoder.Enabled;

    /// <summary>
    /// Reads the address fields. <paramref name="current"/> is the address saved before (its position is kept while
    /// street and commune do not change); <paramref name="streetRequired"/>: a sheet's address needs its street.
    /// </summary>
    public async Task<AddressChoice> ResolveAsync(IAddressInput input, AddressValue? current, bool streetRequired, CancellationToken cancellationToken)
    {
        var typed = input.Commune?.Trim() ?? "";
        var street = input.Street?.Trim() ?? "";
        if (typed.Length == 0)
        {
            return street.Length == 0
                ? new AddressChoice(null, [], null, null, PositionSource.None, [])
                : Failed([], localizer["Indiquez la commune de l’adresse (son nom ou son code postal)."]);
        }

        var lookup = directory.Resolve(typed).Lookup;
        var candidates = lookup.Commune is null ? lookup.Others : [lookup.Commune, .. lookup.Others];
        var chosen = string.IsNullOrWhiteSpace(input.CommuneCode)
            ? null
            : candidates.FirstOrDefault(c => c.Code == input.CommuneCode.Trim()) ?? candidates.FirstOrDefault(c => c.AddressCode == input.CommuneCode.Trim() && SameName(c, typed));
        if (chosen is null && lookup.Kind == CommuneMatchKind.Found && lookup.Others.Count == 0)
        {
            chosen = lookup.Commune;
        }

        if (chosen is null)
        {
            return candidates.Count switch
            {
                0 => Failed([], localizer["Nous ne connaissons pas la commune « {0} ». Vérifiez l’orthographe ou indiquez le code postal.", typed]),
                1 => Failed(candidates, localizer["Vouliez-vous dire {0} ? Confirmez la commune.", candidates[0].Label]),
                _ => Failed(candidates, localizer["Plusieurs communes correspondent à « {0} » : choisissez la bonne.", typed]),
            };
        }

        var postalCode = PostalCodeOf(chosen, typed, input.PostalCode, current);
        if (street.Length == 0)
        {
            return streetRequired
                ? new AddressChoice(chosen, [], postalCode, null, PositionSource.None, [localizer["Indiquez la rue, ou videz la commune pour un service seulement à distance."]])
                : new AddressChoice(chosen, [], postalCode, null, PositionSource.None, []);
        }

        var (position, source, error) = await PositionAsync(input, chosen, street, postalCode, current, cancellationToken);
        if (error is not null || position is not { } point)
        {
            return new AddressChoice(chosen, [], postalCode, null, PositionSource.None, [error ?? localizer["Placez le repère sur la carte : nous ne connaissons pas la position de cette commune."]]);
        }

        var address = new AddressValue(street, postalCode ?? "", chosen.Name, chosen.AddressCode, Math.Round(point.Latitude, 6), Math.Round(point.Longitude, 6));
        return new AddressChoice(chosen, [], postalCode, address, source, []);

        AddressChoice Failed(IReadOnlyList<FrenchCommune> choices, string message) => new(null, choices, null, null, PositionSource.None, [message]);
    }

    private async Task<((double Latitude, double Longitude)? Position, PositionSource Source, string? Error)> PositionAsync(
        IAddressInput input, FrenchCommune commune, string street, string? postalCode, AddressValue? current, CancellationToken cancellationToken)
    {
        if (input.PinMoved == "1" && Coordinate(input.Latitude, 90) is { } latitude && Coordinate(input.Longitude, 180) is { } longitude)
        {
            if (commune.HasCentre && Geo.DistanceKm(latitude, longitude, commune.Latitude!.Value, commune.Longitude!.Value) > MaxPinDistanceKm * (commune.IsApproximate ? 2 : 1))
            {
                return (null, PositionSource.None, localizer["Le repère est loin de {0} : placez-le à l’adresse, dans la commune.", commune.Name]);
            }

            return ((latitude, longitude), PositionSource.Pin, null);
        }

        if (current is not null && current.CommuneCode == commune.AddressCode && string.Equals(current.Street, street, StringComparison.Ordinal)
            && string.Equals(current.City, commune.Name, StringComparison.Ordinal))
        {
            return ((current.Latitude, current.Longitude), PositionSource.Kept, null);
        }

        if (await geocoder.LocateAsync(street, commune, postalCode, cancellationToken) is { } found)
        {
            return ((found.Latitude, found.Longitude), PositionSource.Geocoder, null);
        }

        if (directory.OriginOf(commune) is { } centre)
        {
            return ((centre.Latitude, centre.Longitude), PositionSource.CommuneCentre, null);
        }

        return (null, PositionSource.None, null);
    }

    /// <summary>The postal code typed with the name, else the one chosen, else the one saved, else the commune's first.</summary>
    private static string? PostalCodeOf(FrenchCommune commune, string typed, string? chosen, AddressValue? current)
    {
        var inText = typed.Split([' ', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(commune.PostalCodes.Contains);
        return inText
            ?? (chosen?.Trim() is { } c && commune.PostalCodes.Contains(c) ? c : null)
            ?? (current?.PostalCode is { } saved && commune.PostalCodes.Contains(saved) ? saved : null)
            ?? commune.MainPostalCode;
    }

    private static bool SameName(FrenchCommune commune, string typed) =>
        CommuneNames.Key(typed).StartsWith(CommuneNames.Key(commune.Name), StringComparison.Ordinal);

    private static double? Coordinate(string? text, double limit) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && Math.Abs(value) <= limit ? value : null;

    /// <summary>What the form shows of a saved address: "Plouzané (29280)".</summary>
    public static string? CommuneText(string? city, string? postalCode) =>
        string.IsNullOrWhiteSpace(city) ? null : string.IsNullOrWhiteSpace(postalCode) ? city : $"{city} ({postalCode})";
}
