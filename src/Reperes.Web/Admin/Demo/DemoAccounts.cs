using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Admin.Demo;

/// <summary>One demonstration account per role, created with the demo data (listed in the README).</summary>
public static class DemoAccounts
{
    public const string Password = "Reperes-demo-2026";

    public static readonly IReadOnlyList<(string Email, string Name, string? NetworkRole, string? StructureSlug, MembershipRole? Role)> All =
    [
        ("coordination@demo.reperes.example", "Camille (coordination)", NetworkRoles.Coordinator, null, null),
        ("moderation@demo.reperes.example", "Morgane (modération)", NetworkRoles.Moderator, null, null),
        ("gestion.ozanam@demo.reperes.example", "Yann (Halte Accueil Ozanam)", null, "halte-accueil-ozanam", MembershipRole.Manager),
        ("redaction.ozanam@demo.reperes.example", "Léa (Halte Accueil Ozanam)", null, "halte-accueil-ozanam", MembershipRole.Editor),
        ("gestion.restos@demo.reperes.example", "Soizic (Restos du Cœur)", null, "restos-du-coeur-brest", MembershipRole.Manager),
        ("contribution@demo.reperes.example", "Malo (contributeur)", NetworkRoles.Contributor, null, null),
        ("traduction@demo.reperes.example", "Nour (traduction)", NetworkRoles.Translator, null, null),
    ];
}
