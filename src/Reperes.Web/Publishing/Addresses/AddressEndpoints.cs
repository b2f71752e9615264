using Microsoft.AspNetCore.Http.HttpResults;
using Reperes.Web.Guide.Communes;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Publishing.Addresses;

public sealed record CommuneSuggestionDto(string Code, string AddressCode, string Name, string PostalCode, string Department, string Label, double? Latitude, double? Longitude);

public sealed record AddressPositionDto(double Latitude, double Longitude, string Label);

/// <summary>What the address fields' script asks while a person types (signed-in staff only): communes, and a street's position.</summary>
public static class AddressEndpoints
{
    public static IEndpointRouteBuilder MapAddressEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/mon-espace").RequireAuthorization();
        group.MapGet("/communes", Suggest).ExcludeFromDescription();
        group.MapGet("/adresse/position", LocateAsync).ExcludeFromDescription();
        return app;
    }

    private static Ok<List<CommuneSuggestionDto>> Suggest(string? q, FrenchCommunes communes, CommuneDirectory directory)
    {
        var centre = directory.All() is [var busiest, ..] ? (busiest.Latitude, busiest.Longitude) : ((double, double)?)null;
        return TypedResults.Ok(communes.Suggest(q, centre).Select(s => new CommuneSuggestionDto(
            s.Commune.Code,
            s.Commune.AddressCode,
            s.Commune.Name,
            s.PostalCode,
            s.Commune.Department,
            s.PostalCode.Length > 0 ? $"{s.Commune.Name} ({s.PostalCode})" : s.Commune.Label,
            directory.OriginOf(s.Commune)?.Latitude,
            directory.OriginOf(s.Commune)?.Longitude)).ToList());
    }

    private static async Task<Results<Ok<AddressPositionDto>, NotFound>> LocateAsync(string? rue, string? commune, string? cp, FrenchCommunes communes, AddressGeocoder geocoder, CancellationToken cancellationToken)
    {
        var found = communes.All.FirstOrDefault(c => c.Code == commune?.Trim());
        if (found is null || string.IsNullOrWhiteSpace(rue) || rue.Length > 300)
        {
            return TypedResults.NotFound();
        }

        return await geocoder.LocateAsync(rue, found, cp, cancellationToken) is { } position
            ? TypedResults.Ok(new AddressPositionDto(position.Latitude, position.Longitude, position.Label))
            : TypedResults.NotFound();
    }
}
