namespace Reperes.Web.Shared.Orientation;

/// <summary>
/// "Ajouter à ma fiche d'orientation" under a result or on a sheet (<c>_AddToSlip.cshtml</c>): the place, the services
/// chosen by default (those that answer the question), and the page to come back to.
/// </summary>
public sealed record SlipAddButton(int StructureId, string Name, IReadOnlyList<int> ServiceIds, string ReturnUrl);
