using System.Collections.Concurrent;
using Reperes.Web.Core.Hours;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// The opening filters' answers per structure of the read model, kept for the minute: "open now" for the meals across
/// the country asks the same thousands of places whatever the commune, the page or the other filters asked with it.
/// One answer per structure for a snapshot, a filter and a question's scope (the categories asked); hours change
/// state on whole minutes, so an answer holds all minute long. Only for a place without notices at the moment it is
/// asked: a notice is read with its place at every search.
/// </summary>
internal sealed class ReadModelOpenAnswers
{
    /// <summary>Scopes remembered per minute (each an answer per structure: 100 KB at 100,000 structures).</summary>
    private const int MaxScopes = 64;

    public const byte Unknown = 0;
    public const byte Open = 1;
    public const byte NotOpen = 2;

    private volatile Minute current = new(null, long.MinValue);

    /// <summary>
    /// The answers known for this snapshot, minute, filter and scope (<see cref="Unknown"/>, <see cref="Open"/> or
    /// <see cref="NotOpen"/> per structure of the snapshot), which the caller fills as it reads the places; null when
    /// they cannot be kept (a search begun in the minute before, an older snapshot, too many scopes this minute).
    /// </summary>
    public byte[]? For(ReadModelSnapshot snapshot, DateTimeOffset now, OpenFilter filter, IReadOnlyList<int> scope)
    {
        var number = now.UtcTicks / TimeSpan.TicksPerMinute;
        var minute = current;
        if (minute.Number != number || !ReferenceEquals(minute.Snapshot, snapshot))
        {
            if (number < minute.Number || (minute.Snapshot is { } held && snapshot.Version < held.Version))
            {
                return null;
            }

            minute = new Minute(snapshot, number);
            current = minute;
        }

        var key = (filter, string.Join(',', scope));
        if (minute.Answers.TryGetValue(key, out var known))
        {
            return known;
        }

        return minute.Answers.Count >= MaxScopes ? null : minute.Answers.GetOrAdd(key, _ => new byte[snapshot.Docs.Length]);
    }

    private sealed class Minute(ReadModelSnapshot? snapshot, long number)
    {
        public ReadModelSnapshot? Snapshot => snapshot;

        public long Number => number;

        /// <summary>Written by concurrent searches without a lock: each writes the one answer a structure has this minute.</summary>
        public ConcurrentDictionary<(OpenFilter Filter, string Scope), byte[]> Answers { get; } = new();
    }
}
