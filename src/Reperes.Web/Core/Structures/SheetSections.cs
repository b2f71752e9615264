namespace Reperes.Web.Core.Structures;

/// <summary>The parts of a sheet that can be confirmed one by one (stored as a bit set).</summary>
[Flags]
public enum SheetSections
{
    None = 0,
    Contact = 1,
    Address = 2,
    Hours = 4,
    Services = 8,
    Notices = 16,
    All = Contact | Address | Hours | Services | Notices,
}

/// <summary>How a confirmation of the information was obtained.</summary>
public enum VerificationMethod
{
    /// <summary>The structure clicked "Rien n'a changé" in a link it received by e-mail.</summary>
    Link,

    /// <summary>The coordinator called the structure.</summary>
    Phone,

    /// <summary>The coordinator (or a partner) visited the structure.</summary>
    Visit,

    /// <summary>The structure's staff reviewed and saved the sheet themselves.</summary>
    Edit,
}

public static class SheetSectionsExtensions
{
    /// <summary>The single sections of a set, in the order of the sheet.</summary>
    public static IReadOnlyList<SheetSections> Each(this SheetSections sections) =>
        new[] { SheetSections.Contact, SheetSections.Address, SheetSections.Hours, SheetSections.Services, SheetSections.Notices }
            .Where(s => (sections & s) == s)
            .ToList();
}
