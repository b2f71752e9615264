using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Publications;
using Reperes.Web.Publishing.Media;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.Publishing.Media;

public sealed class AttachmentTests
{
    private static string Sample(string path)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Reperes.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "tests", "Reperes.Media.Tests", "Samples", path);
    }

    /// <summary>Posts the upload form as a browser does: multipart, with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int publicationId, byte[] content, string fileName, string? altText = "Une photo")
    {
        var url = $"/mon-espace/publications/{publicationId}/medias";
        var (_, page) = await client.GetPageAsync("/mon-espace");
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent(altText ?? ""), "AltText" },
            { new StringContent("Légende"), "Caption" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "Upload", fileName);
        return await client.PostAsync(url, form);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Upload_PhoneJpegWithGps_StoredUprightWithoutMetadataAndServedOnceVisible(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        var id = await PublicationWorkflowTests.WriteAsync(manager, "save", []);
        var original = await File.ReadAllBytesAsync(Sample("jpeg/phone-rotated-gps.jpg"));
        Encoding.ASCII.GetString(original).ShouldContain("Exif"); // with a GPS position and a "rotate 90°" orientation

        var response = await UploadAsync(manager, id, original, "IMG_2031.JPG", "Des bénévoles servent la soupe");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var attachment = await app.WithDbAsync(db => db.Attachments.SingleAsync());
        attachment.Kind.ShouldBe(AttachmentKind.Image);
        attachment.ContentType.ShouldBe("image/jpeg");
        (attachment.Width, attachment.Height).ShouldBe((48, 64)); // stored 64 × 48 with "rotate 90°": now upright
        attachment.AltText.ShouldBe("Des bénévoles servent la soupe");

        // Not public while the publication is a draft; its author sees it.
        var visitor = app.CreateBrowserLikeClient();
        (await visitor.GetAsync($"/medias/{attachment.StoredName}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await manager.GetAsync($"/medias/{attachment.StoredName}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await PublicationWorkflowTests.DecideAsync(manager, id, "Publish")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var served = await visitor.GetAsync($"/medias/{attachment.StoredName}");
        served.StatusCode.ShouldBe(HttpStatusCode.OK);
        served.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        served.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(bytes).ShouldNotContain("Exif");
        var page = await visitor.GetStringAsync($"/publications/{id}");
        page.ShouldContain("alt=\"Des bénévoles servent la soupe\"");
    }

    public static TheoryData<string, string, string, string> Refusals => new()
    {
        { "renamed executable", "MZ", "photo.jpg", "n’est pas accepté" },
        { "SVG with script", "svg", "dessin.svg", "n’est pas accepté" },
        { "SVG named as PNG", "svg", "dessin.png", "n’est pas accepté" },
        { "PNG named as JPEG", "png", "photo.jpg", "ne correspond pas à son contenu" },
        { "oversized document", "big-pdf", "rapport.pdf", "trop lourd" },
        { "oversized photo", "big-png", "photo.png", "trop lourd" },
        { "unknown content", "text", "notes.bin", "n’est pas reconnu" },
        { "empty file", "empty", "vide.jpg", "Choisissez un fichier" },
        { "iPhone HEIC photo", "heic", "IMG_0001.HEIC", "« Le plus compatible »" },
        { "HEIC named as JPEG", "heic", "IMG_0001.jpg", "format HEIC" },
        { "damaged JPEG", "cut-jpeg", "photo.jpg", "ne peut pas être lue" },
        { "decompression bomb", "bomb", "photo.png", "ne peut pas être lue" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Upload_RefusedContent_ClearMessageAndNothingStored(string label, string content, string fileName, string message)
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        var id = await PublicationWorkflowTests.WriteAsync(manager, "save", []);
        byte[] bytes = content switch
        {
            "MZ" => [.. "MZ"u8, .. new byte[2046]],
            "svg" => "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>"u8.ToArray(),
            "png" => await File.ReadAllBytesAsync(Sample("png/rgb8.png")),
            "big-pdf" => [.. "%PDF-1.4\n"u8, .. new byte[(int)UploadChecker.MaxDocumentBytes + 10]],
            "big-png" => [.. (await File.ReadAllBytesAsync(Sample("png/rgb8.png"))), .. new byte[(int)UploadChecker.MaxImageBytes]],
            "text" => [0x00, 0x13, 0x37, 0x42, 0x99, 0xFE, 0x01, 0x02],
            "empty" => [],
            "heic" => await File.ReadAllBytesAsync(Sample("heic/iphone.heic")),
            "cut-jpeg" => (await File.ReadAllBytesAsync(Sample("jpeg/phone-rotated-gps.jpg")))[..^200],
            "bomb" => await File.ReadAllBytesAsync(Sample("png/bomb-100000x100000.png")),
            _ => throw new ArgumentOutOfRangeException(nameof(content)),
        };

        var response = await UploadAsync(manager, id, bytes, fileName);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, label);
        var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        page.QuerySelector(".errors")!.TextContent.ShouldContain(message, Case.Sensitive, label);
        (await app.WithDbAsync(db => db.Attachments.CountAsync())).ShouldBe(0, label);
        var media = Path.Combine(app.DataDirectory, "media");
        (Directory.Exists(media) ? Directory.GetFiles(media) : []).ShouldBeEmpty(label);
    }

    [Fact]
    public async Task Upload_WebPWithOrientationAndGps_StoredAsUprightJpegWithoutMetadata()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        var id = await PublicationWorkflowTests.WriteAsync(manager, "save", []);

        var response = await UploadAsync(manager, id, await File.ReadAllBytesAsync(Sample("webp/exif-rotated-gps.webp")), "photo.webp");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var attachment = await app.WithDbAsync(db => db.Attachments.SingleAsync());
        (attachment.ContentType, attachment.Width, attachment.Height).ShouldBe(("image/jpeg", 20, 30)); // stored 30 × 20, turned
        attachment.StoredName.ShouldEndWith(".jpg");
        var stored = await File.ReadAllBytesAsync(Path.Combine(app.DataDirectory, "media", attachment.StoredName));
        Encoding.ASCII.GetString(stored).ShouldNotContain("Exif");
        Encoding.ASCII.GetString(stored).ShouldNotContain("GPS");
    }

    [Fact]
    public async Task Upload_ImageWithoutDescription_Refused()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        var id = await PublicationWorkflowTests.WriteAsync(manager, "save", []);

        var response = await UploadAsync(manager, id, await File.ReadAllBytesAsync(Sample("png/rgb8.png")), "photo.png", altText: " ");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Décrivez l’image");
        (await app.WithDbAsync(db => db.Attachments.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Attachments_OfAnotherStructuresPublication_RefusedAndUnchanged(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        var id = await PublicationWorkflowTests.WriteAsync(manager, "save", []);
        (await UploadAsync(manager, id, await File.ReadAllBytesAsync(Sample("png/rgb8.png")), "photo.png")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var attachmentId = await app.WithDbAsync(db => db.Attachments.Select(a => a.Id).SingleAsync());

        var other = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.OtherManager);
        (await other.GetAsync($"/mon-espace/publications/{id}/medias")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await UploadAsync(other, id, await File.ReadAllBytesAsync(Sample("png/rgb8.png")), "photo.png")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var remove = await other.PostFormAsync("/mon-espace", new() { ["attachmentId"] = attachmentId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, $"/mon-espace/publications/{id}/medias?handler=Remove");
        remove.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await app.WithDbAsync(db => db.Attachments.CountAsync())).ShouldBe(1);
    }
}
