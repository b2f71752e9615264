using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Guide.Communes;

namespace Reperes.Web.Publishing.Addresses;

/// <summary>
/// Places a street of a commune with the configured geocoder (the national address API's format). Any failure, a
/// weak score or an answer in another commune gives nothing: the form then keeps the commune's centre.
/// </summary>
public sealed class AddressGeocoder(HttpClient http, IOptions<ReperesOptions> options, ILogger<AddressGeocoder> logger)
{
    /// <summary>Below this score (0–1) the national address API's answer is a guess, not the street typed.</summary>
    public const double MinimumScore = 0.5;

    public bool Enabled => options.Value.Geocoder.Enabled;

    public async Task<(double Latitude, double Longitude, string Label)?> LocateAsync(string street, FrenchCommune commune, string? postalCode, CancellationToken cancellationToken)
    {
        var geocoder = options.Value.Geocoder;
        if (!geocoder.Enabled || string.IsNullOrWhiteSpace(street))
        {
            return null;
        }

        var query = QueryString.Create(new Dictionary<string, string?>
        {
            ["q"] = $"{street.Trim()} {postalCode} {commune.Name}".Trim(),
            ["citycode"] = commune.AddressCode,
            ["limit"] = "1",
        });
        var url = geocoder.Url!.TrimEnd('?') + (geocoder.Url!.Contains('?', StringComparison.Ordinal) ? "&" + query.Value![1..] : query.Value);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Clamp(geocoder.TimeoutSeconds, 1, 30)));
            using var response = await http.GetAsync(url, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("The geocoder answered {Status} for {Url}", (int)response.StatusCode, url);
                return null;
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: timeout.Token);
            if (!json.RootElement.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array || features.GetArrayLength() == 0)
            {
                return null;
            }

            var feature = features[0];
            var properties = feature.GetProperty("properties");
            var score = properties.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetDouble() : 0;
            var cityCode = properties.TryGetProperty("citycode", out var c) ? c.GetString() : null;
            var coordinates = feature.GetProperty("geometry").GetProperty("coordinates");
            var longitude = coordinates[0].GetDouble();
            var latitude = coordinates[1].GetDouble();
            if (score < MinimumScore || (cityCode is not null && cityCode != commune.AddressCode && cityCode != commune.Code)
                || latitude is < -90 or > 90 || longitude is < -180 or > 180)
            {
                return null;
            }

            var label = properties.TryGetProperty("label", out var l) ? l.GetString() : null;
            return (latitude, longitude, label ?? string.Create(CultureInfo.InvariantCulture, $"{latitude:0.#####}, {longitude:0.#####}"));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            logger.LogWarning(e, "The geocoder did not answer usefully for {Url}", url);
            return null;
        }
    }
}
