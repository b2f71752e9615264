using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.OpenData.Imports;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.OpenData.Imports;

/// <summary>Uploaded files wait for "Appliquer" one hour at most, under a token that names nothing else.</summary>
public sealed class ImportUploadsTests
{
    [Fact]
    public async Task Find_AfterAnHour_FileIsDeletedAndTokenUnknown()
    {
        await using var app = new ReperesApp(Engines.Sqlite, demoData: false);
        var uploads = app.Services.GetRequiredService<ImportUploads>();
        var token = await uploads.KeepAsync("nom;code postal;commune\n"u8.ToArray(), null, CancellationToken.None);
        token.Length.ShouldBe(32);
        (await uploads.FindAsync(token, CancellationToken.None)).ShouldNotBeNull();
        (await uploads.FindAsync("../" + token[3..], CancellationToken.None)).ShouldBeNull();

        var file = Directory.GetFiles(uploads.Folder).ShouldHaveSingleItem();
        File.SetLastWriteTimeUtc(file, app.Clock.GetUtcNow().UtcDateTime - ImportUploads.Lifetime - TimeSpan.FromMinutes(1));
        (await uploads.FindAsync(token, CancellationToken.None)).ShouldBeNull();
        File.Exists(file).ShouldBeFalse();
    }
}
