using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.OpenData.Imports;

namespace Reperes.Web.Coordination.Pages;

/// <summary>
/// "Importer des structures": a file is uploaded and kept server-side under a random token, the page shows what the
/// import would do line by line (nothing written), then "Appliquer" writes it and shows what was done.
/// </summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
[RequestSizeLimit((2 * ImportFile.MaxBytes) + (1024 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = (2 * ImportFile.MaxBytes) + (1024 * 1024))]
public sealed class ImportsModel(
    Importer importer,
    ImportUploads uploads,
    UserManager<ReperesUser> users,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string Path = "/mon-espace/coordination/imports";

    /// <summary>The plan table shows at most this many lines (the totals count them all).</summary>
    public const int ShownLines = 2000;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public IFormFile? ServicesUpload { get; set; }

    [BindProperty(SupportsGet = true, Name = "format")]
    public string? Format { get; set; }

    [BindProperty(SupportsGet = true, Name = "source")]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true, Name = "enligne")]
    public bool Online { get; set; }

    [BindProperty(SupportsGet = true, Name = "ecraser")]
    public bool Overwrite { get; set; }

    [BindProperty(SupportsGet = true, Name = "jeton")]
    public string? Token { get; set; }

    [BindProperty(SupportsGet = true, Name = "resultat")]
    public bool ShowResult { get; set; }

    public ImportPlan? Plan { get; private set; }

    public bool Applied { get; private set; }

    public string? Error { get; private set; }

    private ImportOptions Options => new(Importer.ParseFormat(Format), Source, Online, Overwrite);

    public async Task<IActionResult> OnGetAsync()
    {
        if (Token is null)
        {
            return Page();
        }

        if (ShowResult)
        {
            Plan = await uploads.ResultAsync(Token, HttpContext.RequestAborted);
            Applied = Plan is not null;
            Error = Plan is null ? localizer["Ce résultat n’est plus disponible (une heure au plus)."].Value : null;
            return Page();
        }

        var files = await uploads.FindAsync(Token, HttpContext.RequestAborted);
        if (files is not { } found)
        {
            Error = localizer["Ce fichier n’est plus disponible (une heure au plus) : déposez-le à nouveau."];
            return Page();
        }

        try
        {
            Plan = await importer.PlanAsync(importer.Parse(found.File, found.Services, Options), Options, HttpContext.RequestAborted);
        }
        catch (UnreadableFileException e)
        {
            Error = e.Reason.In(localizer);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Upload is null || Upload.Length == 0)
        {
            return Invalid(localizer["Choisissez un fichier à importer."]);
        }

        if (Upload.Length > ImportFile.MaxBytes || ServicesUpload?.Length > ImportFile.MaxBytes)
        {
            return Invalid(localizer["Le fichier dépasse {0} Mo.", ImportFile.MaxBytes / 1024 / 1024]);
        }

        // Copied from ASP.NET's buffer on disk to the pending folder by streams, then read once from there: the readers
        // need the whole document (20 MB at most).
        string token;
        await using (var file = Upload.OpenReadStream())
        await using (var services = ServicesUpload is { Length: > 0 } ? ServicesUpload.OpenReadStream() : null)
        {
            token = await uploads.KeepAsync(file, services, HttpContext.RequestAborted);
        }

        try
        {
            // Read once now, so that an unreadable file is said at once and never kept.
            var kept = await uploads.FindAsync(token, HttpContext.RequestAborted)
                ?? throw new InvalidOperationException("The file kept a moment ago is gone.");
            importer.Parse(kept.File, kept.Services, Options);
        }
        catch (UnreadableFileException e)
        {
            uploads.Discard(token);
            return Invalid(e.Reason.In(localizer));
        }

        return Redirect(PageUrl(token, result: false));
    }

    public async Task<IActionResult> OnPostApplyAsync()
    {
        var files = await uploads.FindAsync(Token, HttpContext.RequestAborted);
        if (files is not { } found)
        {
            return Invalid(localizer["Ce fichier n’est plus disponible (une heure au plus) : déposez-le à nouveau."]);
        }

        ImportPlan result;
        try
        {
            var me = (await users.GetUserAsync(User))!;
            result = await importer.ApplyAsync(importer.Parse(found.File, found.Services, Options), Options, new ImportAuthor(me.Id, me.DisplayName), HttpContext.RequestAborted);
        }
        catch (UnreadableFileException e)
        {
            return Invalid(e.Reason.In(localizer));
        }

        await uploads.FinishAsync(Token!, result, HttpContext.RequestAborted);
        return Redirect(PageUrl(Token!, result: true));
    }

    public IActionResult OnGetTemplate(string? type) => type == "xlsx"
        ? File(ImportTemplate.Xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "modele-import-reperes.xlsx")
        : File(ImportTemplate.Csv(), "text/csv; charset=utf-8", "modele-import-reperes.csv");

    private IActionResult Invalid(string message)
    {
        Error = message;
        Token = null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private string PageUrl(string token, bool result)
    {
        var query = new List<string> { "jeton=" + token };
        if (result)
        {
            query.Add("resultat=true");
        }
        else
        {
            if (Importer.ParseFormat(Format) is { } format)
            {
                query.Add("format=" + Importer.FormatName(format));
            }

            if (!string.IsNullOrWhiteSpace(Source))
            {
                query.Add("source=" + Uri.EscapeDataString(Source.Trim()));
            }

            if (Online)
            {
                query.Add("enligne=true");
            }

            if (Overwrite)
            {
                query.Add("ecraser=true");
            }
        }

        return Path + "?" + string.Join('&', query);
    }
}
