using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;
using Reperes.Web.Orientation.Professionals;

namespace Reperes.Web.Coordination.Pages;

public sealed record ProfessionalRow(int Id, string Name, string Email, bool EmailConfirmed, string Workplace, PartnerBodyKind Kind, string JobTitle, DateTimeOffset RequestedAt, int? BodyId, string? BodyName, int? SuggestedBodyId);

public sealed record BodyRow(int Id, string Name, PartnerBodyKind Kind, string Domains, int Members);

/// <summary>
/// The coordination validates professional accounts (attaching each to its body, an existing one or one created from
/// what the person typed), refuses them with a reason the person is told, and keeps the partner bodies and the e-mail
/// domains that validate their staff at once.
/// </summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed partial class ProfessionalsModel(
    ReperesDbContext db,
    UserManager<ReperesUser> users,
    ProfessionalRegistration registration,
    IOptions<ReperesOptions> options,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock) : PageModel
{
    /// <summary>Public webmail: anybody can have an address there, so it never validates an account.</summary>
    private static readonly string[] PublicMailDomains =
        ["gmail.com", "hotmail.com", "hotmail.fr", "outlook.com", "outlook.fr", "live.fr", "yahoo.com", "yahoo.fr", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr", "laposte.net", "icloud.com", "proton.me", "protonmail.com", "gmx.fr", "aol.com"];

    public const string NewBody = "nouveau";

    public IReadOnlyList<ProfessionalRow> Pending { get; private set; } = [];

    public IReadOnlyList<ProfessionalRow> Validated { get; private set; } = [];

    public IReadOnlyList<BodyRow> Bodies { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostValidateAsync(int profileId, string? body)
    {
        var profile = await db.ProfessionalProfiles.FirstOrDefaultAsync(p => p.Id == profileId, HttpContext.RequestAborted);
        if (profile is null)
        {
            return NotFound();
        }

        if (!await db.Users.AnyAsync(u => u.Id == profile.UserId && u.EmailConfirmed, HttpContext.RequestAborted))
        {
            return await ErrorAsync(localizer["Cette personne n’a pas encore confirmé son adresse électronique : attendez qu’elle le fasse."]);
        }

        PartnerBody? target;
        if (body == NewBody)
        {
            target = await db.PartnerBodies.FirstOrDefaultAsync(b => b.Name == profile.Workplace, HttpContext.RequestAborted);
            if (target is null)
            {
                target = new PartnerBody(profile.Workplace, profile.Kind, clock.GetUtcNow());
                db.PartnerBodies.Add(target);
                await db.SaveChangesAsync(HttpContext.RequestAborted);
            }
        }
        else
        {
            target = int.TryParse(body, out var bodyId) ? await db.PartnerBodies.FirstOrDefaultAsync(b => b.Id == bodyId, HttpContext.RequestAborted) : null;
        }

        if (target is null)
        {
            return await ErrorAsync(localizer["Choisissez l’organisme dans la liste."]);
        }

        profile.Validate(target, users.GetUserId(User), clock.GetUtcNow());
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await TellAsync(profile);
        return RedirectToPage(new { fait = "valide" });
    }

    public async Task<IActionResult> OnPostRefuseAsync(int profileId, string? reason)
    {
        var profile = await db.ProfessionalProfiles.Include(p => p.Body).FirstOrDefaultAsync(p => p.Id == profileId, HttpContext.RequestAborted);
        if (profile is null)
        {
            return NotFound();
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > 500)
        {
            return await ErrorAsync(localizer["Dites en une phrase pourquoi (500 caractères au plus) : la personne le lira."]);
        }

        if (profile.Status == ProfessionalStatus.Refused)
        {
            return await ErrorAsync(localizer["Ce compte est déjà refusé."]);
        }

        profile.Refuse(users.GetUserId(User)!, reason, clock.GetUtcNow());
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await TellAsync(profile);
        return RedirectToPage(new { fait = "refuse" });
    }

    /// <summary>Creates a body (no id) or changes its name, kind and domains.</summary>
    public async Task<IActionResult> OnPostBodyAsync(int? bodyId, string? name, string? kind, string? domains)
    {
        var body = bodyId is { } id ? await db.PartnerBodies.FirstOrDefaultAsync(b => b.Id == id, HttpContext.RequestAborted) : null;
        if (bodyId is not null && body is null)
        {
            return NotFound();
        }

        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > PartnerBody.NameMaxLength)
        {
            return await ErrorAsync(localizer["Indiquez le nom de l’organisme (200 caractères au plus)."]);
        }

        if (!Enum.TryParse<PartnerBodyKind>(kind, out var parsedKind) || !Enum.IsDefined(parsedKind) || int.TryParse(kind, out _))
        {
            return await ErrorAsync(localizer["Une valeur proposée dans la liste est attendue."]);
        }

        var list = (domains ?? "").Split([' ', ',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(ProfessionalDomains.Normalize).Distinct().ToList();
        if (list.FirstOrDefault(d => !DomainPattern().IsMatch(d)) is { } wrong)
        {
            return await ErrorAsync(localizer["« {0} » n’est pas un nom de domaine (exemple : cd29.fr).", wrong]);
        }

        if (list.FirstOrDefault(PublicMailDomains.Contains) is { } webmail)
        {
            return await ErrorAsync(localizer["« {0} » est une messagerie ouverte à tous : elle ne peut pas valider les comptes d’un organisme.", webmail]);
        }

        if (string.Join(' ', list).Length + 2 > PartnerBody.DomainsMaxLength)
        {
            return await ErrorAsync(localizer["Trop de domaines : 500 caractères au plus."]);
        }

        if (await db.PartnerBodies.AnyAsync(b => b.Name == name && b.Id != (bodyId ?? 0), HttpContext.RequestAborted))
        {
            return await ErrorAsync(localizer["Un organisme porte déjà ce nom."]);
        }

        var others = await db.PartnerBodies.Where(b => b.Id != (bodyId ?? 0) && b.EmailDomains != "").Select(b => new { b.Name, b.EmailDomains }).ToListAsync(HttpContext.RequestAborted);
        if (others.FirstOrDefault(o => list.Any(d => o.EmailDomains.Contains(" " + d + " ", StringComparison.Ordinal))) is { } taken)
        {
            return await ErrorAsync(localizer["Un de ces domaines valide déjà les comptes de « {0} ».", taken.Name]);
        }

        if (body is null)
        {
            body = new PartnerBody(name, parsedKind, clock.GetUtcNow());
            db.PartnerBodies.Add(body);
        }
        else
        {
            body.Rename(name, parsedKind);
        }

        body.SetEmailDomains(list);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage(new { fait = "organisme" });
    }

    private async Task TellAsync(ProfessionalProfile profile)
    {
        if (await users.FindByIdAsync(profile.UserId) is { } user)
        {
            // The professional claim is given or taken away in open sessions when the stamp is checked again.
            await users.UpdateSecurityStampAsync(user);
            await registration.TellDecisionAsync(user, profile, options.Value.LinkBaseUrl, HttpContext.RequestAborted);
        }
    }

    private async Task<IActionResult> ErrorAsync(string message)
    {
        ModelState.AddModelError("", message);
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync()
    {
        var bodies = await db.PartnerBodies.AsNoTracking().OrderBy(b => b.Name)
            .Select(b => new BodyRow(b.Id, b.Name, b.Kind, b.EmailDomains, db.ProfessionalProfiles.Count(p => p.BodyId == b.Id && p.Status == ProfessionalStatus.Validated)))
            .ToListAsync(HttpContext.RequestAborted);
        Bodies = bodies.Select(b => b with { Domains = b.Domains.Trim() }).ToList();
        var rows = await db.ProfessionalProfiles.AsNoTracking()
            .Where(p => p.Status != ProfessionalStatus.Refused)
            .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new { p, u })
            .OrderBy(x => x.p.RequestedAt)
            .Take(1000)
            .Select(x => new { x.p.Id, x.u.DisplayName, x.u.Email, x.u.EmailConfirmed, x.p.Workplace, x.p.Kind, x.p.JobTitle, x.p.RequestedAt, x.p.BodyId, BodyName = x.p.Body != null ? x.p.Body.Name : null, x.p.Status })
            .ToListAsync(HttpContext.RequestAborted);
        Pending = rows.Where(r => r.Status == ProfessionalStatus.Pending)
            .Select(r => new ProfessionalRow(r.Id, r.DisplayName, r.Email ?? "", r.EmailConfirmed, r.Workplace, r.Kind, r.JobTitle, r.RequestedAt, r.BodyId, r.BodyName,
                Bodies.FirstOrDefault(b => string.Equals(b.Name, r.Workplace, StringComparison.OrdinalIgnoreCase)
                    || (ProfessionalDomains.DomainOf(r.Email ?? "") is { } d && (" " + b.Domains + " ").Contains(" " + d + " ", StringComparison.Ordinal)))?.Id))
            .ToList();
        Validated = rows.Where(r => r.Status == ProfessionalStatus.Validated)
            .OrderBy(r => r.BodyName).ThenBy(r => r.DisplayName)
            .Select(r => new ProfessionalRow(r.Id, r.DisplayName, r.Email ?? "", r.EmailConfirmed, r.Workplace, r.Kind, r.JobTitle, r.RequestedAt, r.BodyId, r.BodyName, null))
            .ToList();
    }

    [GeneratedRegex(@"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();
}
