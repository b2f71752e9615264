using System.Buffers.Binary;

namespace Reperes.Web.Tests.Core.Reading;

/// <summary>What an Ogg Opus file says of itself: its first packet is OpusHead, and its last page's granule position, less the pre-skip, counts 48 kHz samples.</summary>
public static class OggOpus
{
    public static TimeSpan Duration(byte[] file)
    {
        file.AsSpan(0, 4).SequenceEqual("OggS"u8).ShouldBeTrue("an Ogg file starts with OggS");
        var segments = file[26];
        var head = 27 + segments;
        file.AsSpan(head, 8).SequenceEqual("OpusHead"u8).ShouldBeTrue("the first packet is the Opus header");
        var preSkip = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(head + 10, 2));

        // Every page starts with "OggS" and carries the granule position of its last packet: the last page's is the total.
        long granule = 0;
        for (var at = 0; at + 27 <= file.Length;)
        {
            file.AsSpan(at, 4).SequenceEqual("OggS"u8).ShouldBeTrue($"an Ogg page at {at}");
            var position = BinaryPrimitives.ReadInt64LittleEndian(file.AsSpan(at + 6, 8));
            if (position > 0)
            {
                granule = position;
            }

            var count = file[at + 26];
            var body = 0;
            for (var i = 0; i < count; i++)
            {
                body += file[at + 27 + i];
            }

            at += 27 + count + body;
        }

        return TimeSpan.FromSeconds((granule - preSkip) / 48_000.0);
    }
}
