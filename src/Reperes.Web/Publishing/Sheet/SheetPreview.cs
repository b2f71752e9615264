using System.Globalization;
using Reperes.Web.Guide.Domain;
using Reperes.Web.Guide.Hours;
using Reperes.Web.Guide.Pages;

namespace Reperes.Web.Publishing.Sheet;

/// <summary>The public sheet as it would look with unsaved changes (<c>_SheetPreview.cshtml</c>); nothing of it is saved.</summary>
public sealed record SheetPreview(Structure Structure, HoursStatus Status, IReadOnlyList<WeekDay> Week, IReadOnlyList<NoticeInfo> Notices, IReadOnlyList<ServiceView> Services, DateOnly Today)
{
    /// <summary>The structure must come with its services (their category and need) and its notices.</summary>
    public static SheetPreview Build(Structure structure, HoursEvaluator hours, DateTimeOffset now)
    {
        var today = HoursEvaluator.LocalDate(now);
        var notices = structure.Notices.Where(n => !n.IsExpiredOn(today)).OrderBy(n => n.StartsOn).Select(Info).ToList();
        var own = notices.Where(n => n.ServiceId is null).ToList();
        var services = structure.Services
            .OrderBy(v => v.Category.Need.Position).ThenBy(v => v.Category.Position)
            .Select(v => ServiceView(v, notices, hours, now))
            .ToList();
        return new SheetPreview(structure, hours.Describe(structure.OpeningHours, own, now, CultureInfo.CurrentUICulture), hours.Week(structure.OpeningHours, own, today), notices, services, today);
    }

    /// <summary>A service as the public sheet shows it, with the notices of its structure and its own.</summary>
    public static ServiceView ServiceView(Service service, IReadOnlyList<NoticeInfo> notices, HoursEvaluator hours, DateTimeOffset now)
    {
        var today = HoursEvaluator.LocalDate(now);
        // A service not saved yet (id 0) has no notices of its own.
        var own = service.Id == 0 ? [] : notices.Where(n => n.ServiceId == service.Id).ToList();
        if (service.OpeningHours is null)
        {
            return new ServiceView(service, null, [], today, own);
        }

        var applicable = notices.Where(n => n.ServiceId is null || (service.Id != 0 && n.ServiceId == service.Id)).ToList();
        return new ServiceView(service, hours.Describe(service.OpeningHours, applicable, now, CultureInfo.CurrentUICulture), hours.Week(service.OpeningHours, applicable, today), today, own);
    }

    public static NoticeInfo Info(Notice n) => new(n.StructureId, n.ServiceId, n.Kind, n.StartsOn, n.EndsOn, n.Text, n.OpeningHours);
}
