using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Mail;
using Reperes.Web.Data;

namespace Reperes.Web.Freshness.Reports;

/// <summary>Registration of the public reports: the rate limit of the form and the notifier.</summary>
public static class SheetReportsSetup
{
    /// <summary>Configuration key: reports a client address may send per hour (5 by default).</summary>
    public const string PerHourKey = "Reperes:Reports:PerHour";

    public static IServiceCollection AddSheetReports(this IServiceCollection services, IConfiguration configuration)
    {
        var perHour = configuration.GetValue(PerHourKey, 5);
        // Made by the container, which disposes it: an instance given to it would never be, and its limiter's timer
        // would keep the stopped application alive.
        services.AddSingleton(_ => new ReportRateLimiter(perHour));
        services.AddScoped<SheetReportNotifier>();
        return services;
    }
}

/// <summary>
/// At most a few reports an hour from one client address: the form needs no account, so this keeps a robot or a
/// quarrel from flooding a structure's managers. Only sent reports count, not the form's display.
/// </summary>
public sealed class ReportRateLimiter(int perHour) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perHour),
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    public int PerHour { get; } = Math.Max(1, perHour);

    /// <summary>Takes one permit for this client; false when its hour is used up.</summary>
    public bool TryAcquire(HttpContext context)
    {
        using var lease = limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}

/// <summary>
/// Mails of the reports: a new report reaches the structure's managers and the coordination; a closed report
/// reaches the person who sent it, when they left an address.
/// </summary>
public sealed class SheetReportNotifier(ReperesDbContext db, IMailer mailer, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The managers of the structure and every coordinator, each once.</summary>
    public async Task<IReadOnlyList<string>> RecipientsAsync(int structureId, CancellationToken cancellationToken)
    {
        var managers = await db.Memberships.AsNoTracking()
            .Where(m => m.StructureId == structureId && m.Role == MembershipRole.Manager)
            .Select(m => m.User.Email!)
            .ToListAsync(cancellationToken);
        var coordinators = await (
            from userRole in db.UserRoles
            join role in db.Roles on userRole.RoleId equals role.Id
            join user in db.Users on userRole.UserId equals user.Id
            where role.Name == NetworkRoles.Coordinator
            select user.Email!).ToListAsync(cancellationToken);
        return managers.Concat(coordinators).Where(e => !string.IsNullOrWhiteSpace(e)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task ReceivedAsync(SheetReport report, string structureName, string baseUrl, CancellationToken cancellationToken)
    {
        var link = $"{baseUrl}/mon-espace/signalements/{report.Id}";
        var section = localizer[ReportLabels.SectionKey(report.Section)];
        foreach (var email in await RecipientsAsync(report.StructureId, cancellationToken))
        {
            _ = await mailer.TrySendAsync(email,
                localizer["Repères : une erreur est signalée sur la fiche « {0} »", structureName],
                localizer["Bonjour,\n\nUne personne signale une information inexacte sur la fiche « {0} ».\n\nPartie concernée : {1}\nMessage :\n{2}\n\nPour suivre ce signalement et dire ce qui a été fait :\n{3}\n\nL’équipe Repères", structureName, section, report.Text, link],
                cancellationToken);
        }
    }

    public async Task ClosedAsync(SheetReport report, string structureName, CancellationToken cancellationToken)
    {
        if (report.ContactEmail is not { Length: > 0 } contact)
        {
            return;
        }

        var outcome = report.Status switch
        {
            ReportStatus.Resolved => localizer["La fiche a été vérifiée et corrigée si besoin."],
            ReportStatus.Rejected => localizer["Après vérification, la fiche n’a pas été modifiée."],
            ReportStatus.Open or ReportStatus.InProgress => null,
            _ => throw new InvalidOperationException($"Unknown status {report.Status}."),
        };
        if (outcome is null)
        {
            return;
        }

        _ = await mailer.TrySendAsync(contact,
            localizer["Repères : votre signalement sur « {0} »", structureName],
            localizer["Bonjour,\n\nMerci pour votre signalement sur la fiche « {0} ». {1}\n\n{2}\n\nL’équipe Repères", structureName, outcome, report.ResolutionNote ?? ""],
            cancellationToken);
    }
}

/// <summary>The French keys (translated by the shared resource) of sections and statuses.</summary>
public static class ReportLabels
{
    public static string SectionKey(ReportSection section) => section switch
    {
        ReportSection.Contact => "Téléphone, courriel ou site",
        ReportSection.Address => "Adresse ou plan",
        ReportSection.Hours => "Horaires",
        ReportSection.Services => "Services proposés",
        ReportSection.Description => "Présentation",
        ReportSection.Closed => "La structure a fermé ou déménagé",
        ReportSection.Other => "Autre chose",
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };

    public static string StatusKey(ReportStatus status) => status switch
    {
        ReportStatus.Open => "Nouveau",
        ReportStatus.InProgress => "En cours",
        ReportStatus.Resolved => "Résolu",
        ReportStatus.Rejected => "Rejeté",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Addresses of the statuses (the list's filter).</summary>
    public static readonly IReadOnlyDictionary<string, ReportStatus> StatusCodes = new Dictionary<string, ReportStatus>
    {
        ["nouveau"] = ReportStatus.Open,
        ["en-cours"] = ReportStatus.InProgress,
        ["resolu"] = ReportStatus.Resolved,
        ["rejete"] = ReportStatus.Rejected,
    };
}
