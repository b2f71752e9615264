using Reperes.Web.Core;
using Reperes.Web.Guide.Communes;
using AddressValue = Reperes.Web.Core.Structures.Address;

namespace Reperes.Web.Publishing.Addresses;

/// <summary>What the address fields show: the values, the commune found (or those to choose from), where the map opens.</summary>
public sealed record AddressFieldsView(
    IAddressInput Input,
    FrenchCommune? Commune,
    IReadOnlyList<FrenchCommune> Choices,
    string? PostalCode,
    (double Latitude, double Longitude) MapCentre,
    bool HasPosition,
    PositionSource Source,
    string Legend,
    bool StreetRequired,
    bool GeocoderEnabled,
    MapOptions Map)
{
    /// <summary>
    /// The fields as the page shows them: after a post, from what it gave (<paramref name="choice"/>); on arrival, from
    /// the saved address (<paramref name="saved"/>, or the commune alone of a structure created by the coordination).
    /// </summary>
    public static AddressFieldsView For(IAddressInput input, AddressChoice? choice, AddressValue? saved, FrenchCommune? savedCommune, string legend, bool streetRequired, bool geocoderEnabled, MapOptions map)
    {
        var commune = choice is null ? savedCommune : choice.Commune;
        var position = choice?.Address is { } a ? (a.Latitude, a.Longitude) : saved is { } s ? (s.Latitude, s.Longitude) : ((double, double)?)null;
        var centre = position ?? (commune is { HasCentre: true } c ? (c.Latitude!.Value, c.Longitude!.Value) : (map.DefaultLatitude, map.DefaultLongitude));
        var source = choice?.Source ?? (saved is null ? PositionSource.None : PositionSource.Kept);
        return new AddressFieldsView(input, commune, choice?.Choices ?? [], choice?.PostalCode ?? saved?.PostalCode ?? commune?.MainPostalCode,
            centre, position is not null, source, legend, streetRequired, geocoderEnabled, map);
    }
}
