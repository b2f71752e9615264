using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Frameworks;

/// <summary>
/// What the framework editor (the partial _FrameworkEditor) shows, shared by a structure's builder and the network
/// template's: the framework, whether the person may change it, its figures per indicator, the template's options, and
/// after a refused edit the form that was refused with what was typed and why.
/// </summary>
public abstract class FrameworkEditorPage(FrameworkEditing editing) : PageModel
{
    /// <summary>What was just done (after a redirect): referentiel, valeur, critere, indicateur, version, retrait, inchange.</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    /// <summary>The version just made, for the message that says so.</summary>
    [BindProperty(SupportsGet = true, Name = "version")]
    public int? NewVersion { get; set; }

    /// <summary>The indicator whose form is shown (the forms of indicators are heavy: one at a time, on demand).</summary>
    [BindProperty(SupportsGet = true, Name = "modifier")]
    public int? EditedIndicator { get; set; }

    /// <summary>The criterion whose new-indicator form is shown.</summary>
    [BindProperty(SupportsGet = true, Name = "ajouter")]
    public int? CriterionAddedTo { get; set; }

    public Framework Framework { get; protected set; } = null!;

    public bool MayEdit { get; protected set; }

    /// <summary>The page's address, where every form posts (with its handler) and redirects.</summary>
    public string EditUrl { get; protected set; } = "";

    public IReadOnlyList<TemplateCriterionOption> TemplateCriteria { get; private set; } = [];

    public IReadOnlyList<TemplateIndicatorOption> TemplateIndicators { get; private set; } = [];

    public IReadOnlyDictionary<int, int> ObservationCounts { get; private set; } = new Dictionary<int, int>();

    public IReadOnlyDictionary<int, int> MappedCounts { get; private set; } = new Dictionary<int, int>();

    /// <summary>The form refused (its id in the page), what was typed in it, and why.</summary>
    public string? FailedForm { get; private set; }

    public object? FailedInput { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>The values a form shows: what was typed when it was the one refused, else the framework's.</summary>
    public T InputFor<T>(string form, Func<T> current)
        where T : class => FailedForm == form && FailedInput is T typed ? typed : current();

    protected async Task LoadEditorAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        TemplateCriteria = await editing.TemplateCriteriaAsync(Framework, cancellationToken);
        TemplateIndicators = await editing.TemplateIndicatorsAsync(Framework, cancellationToken);
        ObservationCounts = await editing.ObservationCountsAsync(Framework, cancellationToken);
        MappedCounts = await editing.MappedCountsAsync(Framework, cancellationToken);
    }

    /// <summary>Runs one edit: 404 for a part of another framework, the page again with 400 and the reasons, or a redirect.</summary>
    protected async Task<IActionResult> EditAsync(string form, object input, Func<CancellationToken, Task<EditResult>> edit)
    {
        var result = await edit(HttpContext.RequestAborted);
        if (result.Missing)
        {
            return NotFound();
        }

        if (result.Errors.Count > 0)
        {
            FailedForm = form;
            FailedInput = input;
            Errors = result.Errors;
            await LoadEditorAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var version = result.Version is { } v ? $"&version={v}" : "";
        return Redirect($"{EditUrl}?fait={result.Done}{version}#{result.Anchor}");
    }
}
