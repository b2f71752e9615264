using System.Text;

namespace Reperes.Media.Tests.Sniffing;

public sealed class MediaSnifferTests
{
    [Theory]
    [InlineData("jpeg/baseline-420.jpg", MediaKind.Image, "jpeg", "image/jpeg", ".jpg")]
    [InlineData("jpeg/progressive-420.jpg", MediaKind.Image, "jpeg", "image/jpeg", ".jpg")]
    [InlineData("png/rgba8.png", MediaKind.Image, "png", "image/png", ".png")]
    [InlineData("gif/gif87a.gif", MediaKind.Image, "gif", "image/gif", ".gif")]
    [InlineData("gif/animated-offset.gif", MediaKind.Image, "gif", "image/gif", ".gif")]
    [InlineData("webp/lossy.webp", MediaKind.Image, "webp", "image/webp", ".webp")]
    [InlineData("webp/lossless.webp", MediaKind.Image, "webp", "image/webp", ".webp")]
    [InlineData("webp/lossy-alpha.webp", MediaKind.Image, "webp", "image/webp", ".webp")]
    [InlineData("documents/sample.pdf", MediaKind.Document, "pdf", "application/pdf", ".pdf")]
    [InlineData("documents/sample.docx", MediaKind.Document, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")]
    [InlineData("documents/sample.xlsx", MediaKind.Document, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")]
    [InlineData("documents/sample.odt", MediaKind.Document, "odt", "application/vnd.oasis.opendocument.text", ".odt")]
    [InlineData("audio/id3-tagged.mp3", MediaKind.Audio, "mp3", "audio/mpeg", ".mp3")]
    [InlineData("audio/frames-only.mp3", MediaKind.Audio, "mp3", "audio/mpeg", ".mp3")]
    [InlineData("audio/vorbis.ogg", MediaKind.Audio, "ogg-vorbis", "audio/ogg", ".ogg")]
    [InlineData("audio/voice.opus", MediaKind.Audio, "ogg-opus", "audio/ogg", ".opus")]
    [InlineData("audio/tone.wav", MediaKind.Audio, "wav", "audio/wav", ".wav")]
    [InlineData("audio/tone.flac", MediaKind.Audio, "flac", "audio/flac", ".flac")]
    [InlineData("audio/tone.aac", MediaKind.Audio, "aac", "audio/aac", ".aac")]
    [InlineData("audio/tone.m4a", MediaKind.Audio, "m4a", "audio/mp4", ".m4a")]
    [InlineData("audio/mediarecorder.webm", MediaKind.Audio, "webm-audio", "audio/webm", ".webm")]
    [InlineData("audio/safari-recorder.mp4", MediaKind.Audio, "m4a", "audio/mp4", ".m4a")]
    [InlineData("video/clip.webm", MediaKind.Video, "webm", "video/webm", ".webm")]
    [InlineData("video/clip.mp4", MediaKind.Video, "mp4", "video/mp4", ".mp4")]
    [InlineData("video/clip-moov-at-end.mp4", MediaKind.Video, "mp4", "video/mp4", ".mp4")]
    [InlineData("video/clip.mov", MediaKind.Video, "mov", "video/quicktime", ".mov")]
    [InlineData("video/clip.mkv", MediaKind.Video, "matroska", "video/x-matroska", ".mkv")]
    public void Identify_Sample_RecognisesFormat(string sample, MediaKind kind, string format, string mime, string extension)
    {
        var type = MediaSniffer.Identify(Head(sample));

        type.Kind.ShouldBe(kind, type.RefusalReason);
        type.Format.ShouldBe(format);
        type.MimeType.ShouldBe(mime);
        type.Extension.ShouldBe(extension);
        type.IsAccepted.ShouldBeTrue();
        type.RefusalReason.ShouldBeNull();
        MediaSniffer.ExtensionContradicts(Path.GetFileName(sample), type).ShouldBeFalse();
    }

    [Theory]
    [InlineData("refused/photo.jpg", "windows-executable", "executable")]
    [InlineData("refused/program-head.elf", "elf", "ELF")]
    [InlineData("refused/macho-head.bin", "mach-o", "Mach-O")]
    [InlineData("refused/install.sh", "script", "#!")]
    [InlineData("refused/script.svg", "svg", "script")]
    [InlineData("refused/bare.svg", "svg", "SVG")]
    [InlineData("refused/utf16.svg", "svg", "SVG")]
    [InlineData("refused/page.html", "html", "HTML")]
    [InlineData("refused/fragment.htm", "markup", "markup")]
    [InlineData("refused/archive.zip", "zip", "ZIP")]
    [InlineData("refused/macros.docm", "office-macros", "macros")]
    [InlineData("jpeg/../refused/notes.txt", "unknown", "text")]
    public void Identify_DangerousOrUnknownContent_IsRefusedWithReason(string sample, string format, string reasonPart)
    {
        var type = MediaSniffer.Identify(Head(sample));

        type.IsAccepted.ShouldBeFalse();
        type.Kind.ShouldBeOneOf(MediaKind.Refused, MediaKind.Unknown);
        type.Format.ShouldBe(format);
        type.MimeType.ShouldBeNull();
        type.RefusalReason.ShouldNotBeNull().ShouldContain(reasonPart, Case.Insensitive);
    }

    [Fact]
    public void Identify_ExecutableRenamedPhotoJpg_IsRefusedWhateverItsName()
    {
        var type = MediaSniffer.Identify(SampleFiles.Read("refused/photo.jpg"));

        type.Kind.ShouldBe(MediaKind.Refused);
        MediaSniffer.ExtensionContradicts("photo.jpg", type).ShouldBeTrue();
    }

    [Theory]
    [InlineData("png/rgb8.png", "photo.jpg", true)]
    [InlineData("png/rgb8.png", "photo.PNG", false)]
    [InlineData("png/rgb8.png", "photo.png.exe", true)]
    [InlineData("png/rgb8.png", "photo", false)]
    [InlineData("png/rgb8.png", @"C:\Users\Ana\Images\photo.png", false)]
    [InlineData("jpeg/gray.jpg", "photo.jpeg", false)]
    [InlineData("jpeg/gray.jpg", "photo.JPG ", false)]
    [InlineData("jpeg/gray.jpg", "photo.gif", true)]
    [InlineData("audio/mediarecorder.webm", "note-vocale.webm", false)]
    [InlineData("audio/voice.opus", "voice.ogg", false)]
    [InlineData("documents/sample.docx", "compte-rendu.pdf", true)]
    public void ExtensionContradicts_ComparesNameWithContent(string sample, string fileName, bool contradicts)
    {
        MediaSniffer.ExtensionContradicts(fileName, MediaSniffer.Identify(Head(sample))).ShouldBe(contradicts);
    }

    [Fact]
    public void Identify_OnlyTheHead_IsEnoughForEveryAcceptedSample()
    {
        foreach (var sample in SampleFiles.All("audio", "*").Concat(SampleFiles.All("video", "*")).Concat(SampleFiles.All("documents", "*")))
        {
            var whole = MediaSniffer.Identify(SampleFiles.Read(sample));
            var fromHead = MediaSniffer.Identify(Head(sample));
            (fromHead.Format, fromHead.MimeType).ShouldBe((whole.Format, whole.MimeType), sample);
            whole.IsAccepted.ShouldBeTrue(sample);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\uFEFF<svg onload=alert(1)>")]
    [InlineData("  <?xml version=\"1.0\"?><root/>")]
    [InlineData("<!-- c --><SVG xmlns=\"http://www.w3.org/2000/svg\">")]
    [InlineData("GIF8")]
    [InlineData("%PDF")]
    [InlineData("RIFF\0\0\0\0WEBPVP8")]
    public void Identify_ShortOrHostileText_IsNeverAccepted(string text)
    {
        MediaSniffer.Identify(Encoding.UTF8.GetBytes(text)).IsAccepted.ShouldBeFalse();
    }

    [Fact]
    public void Identify_HeifPhoto_IsRefusedWithAdvice()
    {
        // An iPhone's HEIC: an ISO media file whose main brand is "heic".
        byte[] heic = [0, 0, 0, 24, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8];

        var type = MediaSniffer.Identify(heic);

        type.Kind.ShouldBe(MediaKind.Refused);
        type.RefusalReason.ShouldNotBeNull().ShouldContain("JPEG");
    }

    [Fact]
    public void Identify_RandomBytes_NeverThrows()
    {
        var random = new Random(1234);
        var buffer = new byte[300];
        for (var i = 0; i < 20_000; i++)
        {
            random.NextBytes(buffer);
            var length = random.Next(buffer.Length);

            // Start with a real signature half of the time, so that the probes behind it get garbage.
            if (i % 2 == 0)
            {
                var signatures = new[] { "PK\x03\x04", "OggS\0", "ID3\x03\0\0", "RIFF\0\0\0\0WAVE", "\x1A\x45\xDF\xA3", "\0\0\0\x18" + "ftypisom", "\xFF\xFB" };
                var signature = Encoding.Latin1.GetBytes(signatures[i / 2 % signatures.Length]);
                signature.CopyTo(buffer, 0);
                length = Math.Max(length, signature.Length);
            }

            Should.NotThrow(() => MediaSniffer.Identify(buffer.AsSpan(0, length)));
        }
    }

    private static byte[] Head(string sample)
    {
        var bytes = SampleFiles.Read(sample);
        return bytes.AsSpan(0, Math.Min(bytes.Length, MediaSniffer.RecommendedHeadLength)).ToArray();
    }
}
