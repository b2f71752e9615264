using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Spreadsheets;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.SocialUtility.Results;

/// <summary>
/// An action's results as CSV (the indicators' figures) or as a workbook (figures, self-assessment, coded testimonies
/// on three sheets): the same objects the page lays out, headings in the interface's language, numbers as numbers.
/// </summary>
[Authorize]
public sealed class ActionExportModel(EvaluationAccess access, ActionResults results, IStringLocalizer<SharedResource> l) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string slug, int actionId, string format)
    {
        if (format is not ("csv" or "xlsx"))
        {
            return NotFound();
        }

        var cancellationToken = HttpContext.RequestAborted;
        var scope = await access.OpenAsync(User, slug, StructureOperations.ReadEvaluation, cancellationToken);
        if (!scope.Allowed)
        {
            return StatusCode(scope.RefusalStatus!.Value);
        }

        var action = await access.ActionAsync(scope.Structure!.Id, actionId, cancellationToken);
        if (action is null)
        {
            return NotFound();
        }

        var view = await results.ReadAsync(action, cancellationToken);
        var name = $"utilite-sociale-{Slugs.Slugify(action.Title)}";
        var figures = FigureRows(view);
        if (format == "xlsx")
        {
            var workbook = WorkbookWriter.Write(
            [
                new(l["Indicateurs"].Value, FigureHeader(), figures),
                new(l["Auto-évaluation"].Value, [l["Valeur"].Value, l["Critère"].Value, l["Période"].Value, l["Note moyenne (1 à 4)"].Value, l["Séances"].Value],
                    view.Criteria.SelectMany(c => c.Periods.Where(p => p.Sessions > 0).Select(p => (IReadOnlyList<object?>)[c.Dimension, c.Name, p.Period, p.Rating, p.Sessions])).ToList()),
                new(l["Témoignages codés"].Value, [l["Valeur"].Value, l["Critère"].Value, l["Période"].Value, l["atteint"].Value, l["non atteint"].Value],
                    view.Criteria.SelectMany(c => c.Periods.Where(p => p.Positive + p.Negative > 0).Select(p => (IReadOnlyList<object?>)[c.Dimension, c.Name, p.Period, p.Positive, p.Negative])).ToList()),
            ]);
            return File(workbook, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
        await using var csv = CsvWriter.Create(Response.Body, new CsvWriterOptions { Injection = CsvInjection.Escape, WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteHeader(FigureHeader());
        foreach (var row in figures)
        {
            foreach (var field in row)
            {
                csv.WriteField(Convert.ToString(field, CultureInfo.InvariantCulture) ?? "");
            }

            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
        return new EmptyResult();
    }

    private string[] FigureHeader() =>
    [
        l["Valeur"].Value, l["Critère"].Value, l["Indicateur"].Value, l["Version"].Value, l["Niveau"].Value, l["Type de valeur"].Value,
        l["Unité"].Value, l["Période"].Value, l["Résultat"].Value, l["Observations"].Value, l["Échantillon"].Value, l["Réponses par point de l’échelle"].Value,
    ];

    private List<IReadOnlyList<object?>> FigureRows(ActionResultsView view) =>
        view.Indicators.SelectMany(i => i.Periods.Select(p => (IReadOnlyList<object?>)
        [
            i.Dimension, i.Criterion, i.Name, i.Version, l[EvaluationLabels.Level(i.Definition.Level)].Value, l[EvaluationLabels.ValueType(i.Definition.ValueType)].Value,
            i.Definition.Unit ?? "", p.Period, p.Figure.Value, p.Figure.Observations, p.Figure.Sample,
            string.Join(" / ", p.Figure.Scale.Select(n => n.ToString(CultureInfo.InvariantCulture))),
        ])).ToList();
}
