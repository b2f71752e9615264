using Reperes.Web.Guide.Domain;
using Reperes.Web.Guide.Hours;

namespace Reperes.Web.Guide.Pages;

/// <summary>
/// A service as a sheet shows it (<c>_ServiceItem.cshtml</c>): on the public sheet and in the preview of its editors.
/// <paramref name="Service"/> needs its category and need; <paramref name="Status"/> is its state now (<see cref="OpenStates"/>);
/// <paramref name="Week"/> is empty unless its hours or notices are its own;
/// <paramref name="Notices"/> are the service's own current and coming notices; <paramref name="StaleMonths"/>, when set,
/// the service's own update frequency, exceeded.
/// </summary>
public sealed record ServiceView(Service Service, HoursStatus? Status, IReadOnlyList<WeekDay> Week, DateOnly Today, IReadOnlyList<NoticeInfo> Notices, int? StaleMonths = null);
