using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.SocialUtility.Territory;

/// <summary>
/// A year's stored territory figures as CSV: for anyone once published; before that, for the coordinator only.
/// Suppressed figures stay empty, as on the pages; quotes are those of the pages (public consent only).
/// </summary>
public sealed class TerritoryCsvModel(ReperesDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int year)
    {
        var stored = await db.TerritoryResults.AsNoTracking().FirstOrDefaultAsync(r => r.Year == year, HttpContext.RequestAborted);
        if (stored is null || (stored.PublishedAt is null && !User.IsInRole(NetworkRoles.Coordinator)))
        {
            return NotFound();
        }

        var figures = TerritoryFigures.FromJson(stored.Content);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"utilite-sociale-{year.ToString(CultureInfo.InvariantCulture)}.csv\"";
        await using var csv = CsvWriter.Create(Response.Body, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteHeader([l["Valeur"].Value, l["Critère"].Value, l["Indicateur"].Value, l["Type de valeur"].Value, l["Unité"].Value, l["Résultat"].Value, l["Échantillon"].Value,
            l["Structures"].Value, l["atteint"].Value, l["non atteint"].Value, l["Citations"].Value]);
        foreach (var i in figures.Indicators)
        {
            foreach (var field in new[] { i.Dimension, i.Criterion, i.Name, l[EvaluationLabels.ValueType(i.ValueType)].Value, i.Unit ?? "",
                Invariant(i.Value), Invariant(i.Sample), i.Suppressed ? l["moins de {0} structures : non montré", figures.MinimumStructures].Value : Invariant(i.Structures), "", "", "" })
            {
                csv.WriteField(field);
            }

            await csv.EndRecordAsync(HttpContext.RequestAborted);
        }

        foreach (var c in figures.Criteria)
        {
            foreach (var field in new[] { c.Dimension, c.Name, l["Témoignages codés"].Value, "", "", "", "",
                c.Suppressed ? l["moins de {0} structures : non montré", figures.MinimumStructures].Value : Invariant(c.Structures), Invariant(c.Positive), Invariant(c.Negative), string.Join(" | ", c.Quotes) })
            {
                csv.WriteField(field);
            }

            await csv.EndRecordAsync(HttpContext.RequestAborted);
        }

        await csv.FlushAsync(HttpContext.RequestAborted);
        return new EmptyResult();
    }

    private static string Invariant(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Invariant(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
