using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.DigitalScreening.Pages;

/// <summary>
/// "Le numérique et moi": one question per page, without JavaScript nor account. Each step is a GET form carrying the
/// answers given so far (codes only) in hidden fields; the last one is posted, to count the answers anonymously when
/// the person agreed, then redirected to the result (Post/Redirect/Get).
/// </summary>
public sealed class ScreeningModel(ScreeningRules rules, ReperesDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string Path = "/numerique-et-moi";

    /// <summary>The question shown, from 1 to <see cref="ScreeningQuestions.Count"/>.</summary>
    public int Step { get; private set; } = 1;

    public ScreeningQuestion Question => ScreeningQuestions.All[Step - 1];

    public ScreeningAnswers Answers { get; private set; } = ScreeningAnswers.Empty;

    public bool IsLast => Step == ScreeningQuestions.Count;

    public List<string> Errors { get; } = [];

    /// <summary>The link back to the previous question, with the answers given (null on the first).</summary>
    public string? BackUrl => Step == 1 ? null : StepUrl(Step - 1, Answers);

    public static string StepUrl(int step, ScreeningAnswers answers)
    {
        var query = answers.QueryString([new("etape", ScreeningAnswers.StepNumber(step))]);
        return Path + "?" + query;
    }

    public void OnGet()
    {
        Answers = ScreeningAnswers.Read(key => Request.Query[key], out var conflicts);
        Step = int.TryParse(Request.Query["etape"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var step)
            ? Math.Clamp(step, 1, ScreeningQuestions.Count)
            : 1;
        if (conflicts.Count > 0)
        {
            // "None" ticked with something else: that question again, said in words.
            Step = ScreeningQuestions.All.ToList().IndexOf(conflicts[0]) + 1;
            Errors.Add(Conflict(conflicts[0]));
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    /// <summary>The last step: counted when agreed (nothing else kept), then the result.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        Answers = ScreeningAnswers.Read(key => Request.Form[key], out var conflicts);
        if (conflicts.Count > 0)
        {
            Step = ScreeningQuestions.All.ToList().IndexOf(conflicts[0]) + 1;
            Errors.Add(Conflict(conflicts[0]));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (Request.Form["accord"] == "oui")
        {
            await ScreeningCount.RecordAsync(db, ScreeningCount.PairsOf(Answers, rules.For(Answers)), clock.GetUtcNow(), HttpContext.RequestAborted);
        }

        return Redirect(ScreeningResultModel.ResultUrl(Answers));
    }

    private string Conflict(ScreeningQuestion question) =>
        localizer["« {0} » ne va pas avec les autres réponses cochées : cochez l’un ou l’autre.", localizer[question.Options.First(o => o.Exclusive).LabelFr]];
}
