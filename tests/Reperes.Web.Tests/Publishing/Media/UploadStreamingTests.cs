using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Publications;
using Reperes.Web.Publishing.Media;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;
using Xunit.Abstractions;

namespace Reperes.Web.Tests.Publishing.Media;

/// <summary>
/// Alone in their collection: they measure every allocation of the process, which other tests running at the same
/// time would add to.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class UploadMemoryCollection
{
    public const string Name = "Upload memory";
}

/// <summary>Large uploads go to disk by streams, never whole in memory; each structure's files have a quota.</summary>
[Collection(UploadMemoryCollection.Name)]
public sealed class UploadStreamingTests(ITestOutputHelper output)
{
    private const long Megabyte = 1024 * 1024;

    private static string Sample(string path)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Reperes.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "tests", "Reperes.Media.Tests", "Samples", path);
    }

    /// <summary>A real MP4 clip followed by zeros, up to <paramref name="length"/> bytes: what the video check accepts.</summary>
    private static async Task<string> PaddedVideoAsync(string folder, long length)
    {
        var path = Path.Combine(folder, "long-video.mp4");
        await using var file = File.Create(path);
        await file.WriteAsync(await File.ReadAllBytesAsync(Sample("video/clip.mp4")));
        file.SetLength(length);
        return path;
    }

    private static async Task<MultipartFormDataContent> FormAsync(HttpClient client, Stream content, string fileName, string contentType)
    {
        var (_, page) = await client.GetPageAsync("/mon-espace");
        var file = new StreamContent(content, 81920);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new StringContent("Une vidéo de l’atelier"), "Caption" },
            { file, "Upload", fileName },
        };
    }

    private static async Task<HttpResponseMessage> UploadDocumentAsync(HttpClient client, int publicationId, long length)
    {
        var bytes = new byte[length];
        "%PDF-1.4\n"u8.CopyTo(bytes);
        using var form = await FormAsync(client, new MemoryStream(bytes), "compte-rendu.pdf", "application/pdf");
        return await client.PostAsync($"/mon-espace/publications/{publicationId}/medias", form);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Upload_HundredMegabyteVideo_AllocatesUnderThirtyMegabytesAndStoresTheFileIntact(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        var id = await PublicationWorkflowTests.WriteAsync(manager, "save", []);
        var url = $"/mon-espace/publications/{id}/medias";
        var folder = Directory.CreateTempSubdirectory("reperes-upload-").FullName;
        try
        {
            // The same path once with a small clip, so that what is done once per process is not counted.
            await using (var clip = File.OpenRead(Sample("video/clip.mp4")))
            {
                using var warmUp = await FormAsync(manager, clip, "clip.mp4", "video/mp4");
                (await manager.PostAsync(url, warmUp)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
            }

            var path = await PaddedVideoAsync(folder, UploadChecker.MaxVideoBytes);
            byte[] expectedHash;
            await using (var source = File.OpenRead(path))
            {
                expectedHash = await SHA256.HashDataAsync(source);
            }

            HttpResponseMessage response;
            long allocated;
            await using (var video = File.OpenRead(path))
            {
                using var form = await FormAsync(manager, video, "atelier.mp4", "video/mp4");
                var before = GC.GetTotalAllocatedBytes(precise: true);
                response = await manager.PostAsync(url, form);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            }

            output.WriteLine($"{engine}: {allocated / (double)Megabyte:0.0} MB allocated by the process during a {UploadChecker.MaxVideoBytes / Megabyte} MB upload");
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
            allocated.ShouldBeLessThan(30 * Megabyte, $"{allocated / Megabyte} MB allocated for a {UploadChecker.MaxVideoBytes / Megabyte} MB upload");
            var attachment = await app.WithDbAsync(db => db.Attachments.OrderBy(a => a.Id).LastAsync());
            (attachment.Kind, attachment.ContentType, attachment.Size, attachment.OriginalName).ShouldBe((AttachmentKind.Video, "video/mp4", UploadChecker.MaxVideoBytes, "atelier.mp4"));
            await using var stored = File.OpenRead(Path.Combine(app.DataDirectory, "media", attachment.StoredName!));
            (await SHA256.HashDataAsync(stored)).ShouldBe(expectedHash);
            Directory.GetFiles(Path.Combine(app.DataDirectory, "media"), "*.part").ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Upload_PastTheStructuresQuota_RefusedWithTheSpaceUsedAndNothingStored(string engine)
    {
        await using var app = new ReperesApp(engine) { Settings = { ["Reperes:Media:QuotaMegabytes"] = "1" } };
        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        var first = await PublicationWorkflowTests.WriteAsync(manager, "save", []);
        var second = await PublicationWorkflowTests.WriteAsync(manager, "save", []);
        (await UploadDocumentAsync(manager, first, 600 * 1024)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var media = Path.Combine(app.DataDirectory, "media");
        var storedBefore = Directory.GetFiles(media);

        // Another publication of the same structure: the same space.
        var refused = await UploadDocumentAsync(manager, second, 600 * 1024);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await Html.ParseAsync(await refused.Content.ReadAsStringAsync());
        var message = page.QuerySelector(".errors")!.TextContent;
        message.ShouldContain($"Il ne reste pas assez de place pour ce fichier de {0.6.ToString(CultureInfo.GetCultureInfo("fr-FR"))} Mo");
        message.ShouldContain("sont déjà utilisés sur les 1 Mo permis");
        message.ShouldContain("retirez des fichiers dont vous n’avez plus besoin");
        (await app.WithDbAsync(db => db.Attachments.CountAsync())).ShouldBe(1);
        Directory.GetFiles(media).ShouldBe(storedBefore, ignoreOrder: true);

        // The page says how much is used; removing a file makes room again.
        var (_, files) = await manager.GetPageAsync($"/mon-espace/publications/{first}/medias");
        files.QuerySelector("meter")!.ParentElement!.TextContent.ShouldContain("utilisés sur 1 Mo");
        var attachmentId = await app.WithDbAsync(db => db.Attachments.Select(a => a.Id).SingleAsync());
        var removed = await manager.PostFormAsync($"/mon-espace/publications/{first}/medias", new() { ["attachmentId"] = attachmentId.ToString(CultureInfo.InvariantCulture) }, $"/mon-espace/publications/{first}/medias?handler=Remove");
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await UploadDocumentAsync(manager, second, 600 * 1024)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Attachments.Select(a => a.PublicationId).SingleAsync())).ShouldBe(second);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Upload_OtherStructuresFiles_DoNotCountInItsQuota(string engine)
    {
        await using var app = new ReperesApp(engine) { Settings = { ["Reperes:Media:QuotaMegabytes"] = "1" } };
        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        var id = await PublicationWorkflowTests.WriteAsync(manager, "save", []);
        (await UploadDocumentAsync(manager, id, 900 * 1024)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var other = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.OtherManager);
        var otherId = await PublicationWorkflowTests.WriteAsync(other, "save", new() { ["Input.Structure"] = "restos-du-coeur-brest" }, "?type=article&structure=restos-du-coeur-brest");

        (await UploadDocumentAsync(other, otherId, 900 * 1024)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Attachments.CountAsync())).ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Upload_NetworkPublicationOfAContributor_CountsInTheNetworksSpace(string engine)
    {
        await using var app = new ReperesApp(engine) { Settings = { ["Reperes:Media:QuotaMegabytes"] = "1" } };
        var contributor = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Contributor);
        var first = await PublicationWorkflowTests.WriteAsync(contributor, "save", new() { ["Input.Structure"] = "", ["Input.Title"] = "Mon quartier la nuit" }, "?type=article");
        var second = await PublicationWorkflowTests.WriteAsync(contributor, "save", new() { ["Input.Structure"] = "", ["Input.Title"] = "Mon quartier le jour" }, "?type=article");
        (await UploadDocumentAsync(contributor, first, 700 * 1024)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (_, files) = await contributor.GetPageAsync($"/mon-espace/publications/{second}/medias");
        files.QuerySelector("meter")!.ParentElement!.TextContent.ShouldContain($"Espace des publications du réseau : {0.7.ToString(CultureInfo.GetCultureInfo("fr-FR"))} Mo utilisés sur 1 Mo.");
        (await UploadDocumentAsync(contributor, second, 700 * 1024)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.Attachments.CountAsync())).ShouldBe(1);
    }
}
