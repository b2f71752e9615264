using System.Globalization;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Shared.Sheet;

namespace Reperes.Web.Publishing.Sheet;

/// <summary>The public sheet as it would look with unsaved changes (<c>_SheetPreview.cshtml</c>); nothing of it is saved.</summary>
public sealed record SheetPreview(Structure Structure, HoursStatus Status, IReadOnlyList<WeekDay> Week, IReadOnlyList<NoticeInfo> Notices, IReadOnlyList<ServiceView> Services, DateOnly Today)
{
    /// <summary>The structure must come with its services (their category and need) and its notices.</summary>
    public static SheetPreview Build(Structure structure, HoursEvaluator hours, DateTimeOffset now, IStringLocalizer l)
    {
        var today = HoursEvaluator.LocalDate(now);
        var notices = structure.Notices.Where(n => !n.IsExpiredOn(today)).OrderBy(n => n.StartsOn).Select(NoticeInfo.Of).ToList();
        var place = PlaceHours.Of(structure, notices);
        var states = new OpenStates(hours);
        var open = states.Of(place, [], now);
        var services = structure.Services
            .OrderBy(v => v.Category.Need.Position).ThenBy(v => v.Category.Position).ThenBy(v => v.Name, Core.Text.FrenchOrder.Comparer)
            .Select(v => ServiceView(v, place, states, now, l))
            .ToList();
        return new SheetPreview(structure, OpenStateText.HeadlineStatus(open, now, l, CultureInfo.CurrentUICulture), states.Week(place, null, today), notices, services, today);
    }

    /// <summary>A service as the public sheet shows it, with the notices of its structure and its own.</summary>
    public static ServiceView ServiceView(Service service, IReadOnlyList<NoticeInfo> notices, HoursEvaluator hours, DateTimeOffset now, IStringLocalizer l)
    {
        var structure = service.Structure;
        var place = new PlaceHours(structure.OpeningHours, [ServiceHours.Of(service)], notices);
        return ServiceView(service, place, new OpenStates(hours), now, l);
    }

    private static ServiceView ServiceView(Service service, PlaceHours place, OpenStates states, DateTimeOffset now, IStringLocalizer l)
    {
        var today = HoursEvaluator.LocalDate(now);

        // A service not saved yet (id 0) has no notices of its own.
        var own = service.Id == 0 ? [] : place.Notices.Where(n => n.ServiceId == service.Id).ToList();
        var hours = ServiceHours.Of(service);
        var state = states.OfService(place, hours, now);
        var week = service.OpeningHours is not null || own.Any(n => n.Kind != NoticeKind.Message) ? states.Week(place, hours, today) : [];
        return new ServiceView(service, OpenStateText.Status(state, now, l, CultureInfo.CurrentUICulture), week, today, own);
    }
}
