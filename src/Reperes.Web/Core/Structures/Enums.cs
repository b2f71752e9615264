namespace Reperes.Web.Core.Structures;

public enum StructureStatus
{
    Draft = 0,
    Online = 1,
    Offline = 2,
    PermanentlyClosed = 3,
}

public enum StructureKind
{
    Association = 0,
    Public = 1,
    Ccas = 2,
    Health = 3,
    CharityNetwork = 4,
    Library = 5,
    SocialCentre = 6,
}

public enum Gender
{
    All = 0,
    Women = 1,
    Men = 2,
}

public enum AccessCondition
{
    Unconditional = 0,
    Appointment = 1,
    Registration = 2,
    ProfessionalOrientation = 3,
}

public enum NoticeKind
{
    Closure = 0,
    Message = 1,
    ExceptionalHours = 2,
}
