using System.Collections.Concurrent;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// Values kept for the current minute within a budget, in two generations: when the young one has used half the
/// budget it becomes the old one (the previous old one is dropped), and a value found in the old one moves back to
/// the young one. What is asked often stays all minute long, what was asked once goes, and a full cache keeps taking
/// new values instead of refusing them until the next minute. A new minute, or <see cref="Clear"/>, starts empty; a
/// minute before the current one (a clock behind) finds and keeps nothing.
/// </summary>
internal sealed class MinuteGenerations<T>(long budget)
    where T : class
{
    private volatile Generation current = new(long.MinValue);

    public void Clear() => current = new Generation(current.Minute);

    /// <summary>The value kept for <paramref name="key"/> in <paramref name="minute"/>, or null.</summary>
    public T? Find(long minute, string key)
    {
        if (At(minute) is not { } young)
        {
            return null;
        }

        if (young.Values.TryGetValue(key, out var kept))
        {
            return kept.Value;
        }

        if (young.Older is { } old && old.Values.TryGetValue(key, out kept))
        {
            // Still asked: kept in the young generation, which outlives the old one.
            return Add(minute, key, kept.Value, kept.Size);
        }

        return null;
    }

    /// <summary>
    /// Keeps <paramref name="value"/> (of <paramref name="size"/> in the budget's unit) unless a value is kept for
    /// <paramref name="key"/> already: then that one. Nothing is kept for a minute before the current one.
    /// </summary>
    public T Add(long minute, string key, T value, long size)
    {
        return Room(minute, size) is { } young ? young.Values.GetOrAdd(key, new Entry(value, size)).Value : value;
    }

    /// <summary>Keeps <paramref name="value"/> for <paramref name="key"/>, in place of what was kept.</summary>
    public void Set(long minute, string key, T value, long size)
    {
        if (Room(minute, size) is { } young)
        {
            young.Values[key] = new Entry(value, size);
        }
    }

    /// <summary>
    /// Forgets <paramref name="value"/> if it is what is kept for <paramref name="key"/>, in either generation (a
    /// rotation may have moved it to the old one since it was added, and a failed answer must not come back from there).
    /// </summary>
    public void Remove(long minute, string key, T value)
    {
        if (At(minute) is { } young)
        {
            var entry = new KeyValuePair<string, Entry>(key, new Entry(value, 0));
            young.Values.TryRemove(entry);
            young.Older?.Values.TryRemove(entry);
        }
    }

    /// <summary>The young generation of <paramref name="minute"/> with room for <paramref name="size"/> (made by a rotation).</summary>
    private Generation? Room(long minute, long size)
    {
        if (At(minute) is not { } young)
        {
            return null;
        }

        if (young.Reserve(size, budget / 2))
        {
            return young;
        }

        var fresh = new Generation(minute) { Older = young };
        if (Interlocked.CompareExchange(ref current, fresh, young) == young)
        {
            // The old one's own old one goes now.
            young.Older = null;
        }
        else
        {
            fresh = current;
        }

        if (fresh.Minute != minute)
        {
            return null;
        }

        fresh.Reserve(size, long.MaxValue);
        return fresh;
    }

    private Generation? At(long minute)
    {
        var generation = current;
        if (generation.Minute == minute)
        {
            return generation;
        }

        if (minute < generation.Minute)
        {
            return null;
        }

        var fresh = new Generation(minute);
        generation = Interlocked.CompareExchange(ref current, fresh, generation) == generation ? fresh : current;
        return generation.Minute == minute ? generation : null;
    }

    /// <summary>A value and its size (the size is not compared: <see cref="Remove"/> finds a value by itself).</summary>
    private readonly record struct Entry(T Value, long Size)
    {
        public bool Equals(Entry other) => ReferenceEquals(Value, other.Value);

        public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Value);
    }

    private sealed class Generation(long minute)
    {
        private long used;

        public long Minute { get; } = minute;

        public ConcurrentDictionary<string, Entry> Values { get; } = new(StringComparer.Ordinal);

        public volatile Generation? Older;

        public bool Reserve(long size, long limit)
        {
            if (Interlocked.Add(ref used, size) <= limit)
            {
                return true;
            }

            Interlocked.Add(ref used, -size);
            return false;
        }
    }
}
