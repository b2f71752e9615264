using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;
using Reperes.Web.Core;
using Reperes.Web.Core.Orientation;

namespace Reperes.Web.Orientation;

/// <summary>
/// A slip shared by its link: the place ids, the chosen services and the note, nothing about the person. The link
/// holds 128 random bits (22 characters, short enough for an SMS); only their SHA-256 is stored. The page shows the
/// places as they are when it is opened, until <see cref="ExpiresAt"/>.
/// </summary>
public sealed class SharedSlip
{
    public const int TokenBytes = 16;

    /// <summary>Expired slips are kept this long to say "this link has expired", then deleted.</summary>
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(365);

    private SharedSlip() { }

    private SharedSlip(string tokenHash, string places, string note, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        TokenHash = tokenHash;
        Places = places;
        Note = note;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public int Id { get; private set; }

    public string TokenHash { get; private set; } = "";

    /// <summary>The places and their services (<see cref="SlipSelection.PlacesText"/>).</summary>
    public string Places { get; private set; } = "";

    public string Note { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public SlipSelection Selection => new(SlipSelection.ParsePlaces(Places), Note);

    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>A new shared slip and its token (given once, in the link).</summary>
    public static (SharedSlip Slip, string Token) Create(SlipSelection selection, DateTimeOffset now, TimeSpan lifetime)
    {
        if (selection.Places.Count == 0)
        {
            throw new InvalidOperationException("An empty slip is not shared.");
        }

        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(TokenBytes));
        return (new SharedSlip(SecretCode.Hash(token), selection.PlacesText(), selection.Note, now, now + lifetime), token);
    }

    /// <summary>Whether a text may be a token (checked before any hashing or query).</summary>
    public static bool LooksLikeToken(string? token) =>
        token is { Length: 22 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
