using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Reperes.Web.Api;

/// <summary>
/// A JSON answer that supports conditional requests: its strong ETag is a hash of the exact bytes sent, so it changes
/// whenever anything in the answer changes (including what is computed at request time, such as "open now"), and an
/// <c>If-None-Match</c> that matches gets a 304 without the body. <c>Last-Modified</c> is sent only when the caller
/// knows it truthfully, i.e. when the answer derives from stored data alone.
/// </summary>
public sealed class CachedJson<T> : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    /// <summary>Public data, but answers may change any minute (opening states): caches must revalidate.</summary>
    private const string CacheControl = "public, max-age=60, must-revalidate";

    private readonly JsonSerializerOptions? serializerOptions;

    internal CachedJson(T value, DateTimeOffset? lastModified, JsonSerializerOptions? serializerOptions = null)
    {
        Value = value;
        LastModified = lastModified;
        this.serializerOptions = serializerOptions;
    }

    public T Value { get; }

    object? IValueHttpResult.Value => Value;

    public DateTimeOffset? LastModified { get; }

    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var options = serializerOptions ?? httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var body = JsonSerializer.SerializeToUtf8Bytes(Value, options);
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16))}\"");

        var response = httpContext.Response;
        var headers = response.GetTypedHeaders();
        headers.ETag = etag;
        headers.CacheControl = CacheControlHeaderValue.Parse(CacheControl);
        if (LastModified is { } modified)
        {
            // HTTP dates have whole seconds.
            headers.LastModified = modified.ToUniversalTime().AddTicks(-(modified.Ticks % TimeSpan.TicksPerSecond));
        }

        if (NotModified(httpContext.Request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(httpContext.Request.Method))
        {
            await response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
    }

    /// <summary>RFC 9110 §13.2.2: If-None-Match wins; If-Modified-Since only counts without it.</summary>
    private bool NotModified(HttpRequest request, EntityTagHeaderValue etag)
    {
        var conditions = request.GetTypedHeaders();
        if (conditions.IfNoneMatch is { Count: > 0 } candidates)
        {
            return candidates.Any(c => c.Equals(EntityTagHeaderValue.Any) || c.Compare(etag, useStrongComparison: false));
        }

        return LastModified is { } modified && conditions.IfModifiedSince is { } since
            && modified.ToUniversalTime().AddTicks(-(modified.Ticks % TimeSpan.TicksPerSecond)) <= since;
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
    }
}

public static class CachedJson
{
    public static CachedJson<T> Ok<T>(T value, DateTimeOffset? lastModified = null) => new(value, lastModified);

    /// <summary>An answer with its own serializer options (a standard's field names, omitted nulls…).</summary>
    public static CachedJson<T> Ok<T>(T value, JsonSerializerOptions serializerOptions, DateTimeOffset? lastModified = null) => new(value, lastModified, serializerOptions);
}
