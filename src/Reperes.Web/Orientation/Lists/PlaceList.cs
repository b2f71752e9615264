namespace Reperes.Web.Orientation.Lists;

/// <summary>Who besides its owner sees a list (read-only: only the owner changes it).</summary>
public enum ListSharing
{
    /// <summary>The owner alone.</summary>
    Private = 0,

    /// <summary>The validated professionals of the owner's partner body (<see cref="PlaceList.SharedBodyId"/>).</summary>
    Body = 1,

    /// <summary>The team of a structure the owner belongs to (<see cref="PlaceList.SharedStructureId"/>), for members without a body.</summary>
    Structure = 2,
}

/// <summary>
/// A professional's named list of places ("urgence hiver"): kept for orienting people, printed as a small guide,
/// shared read-only with colleagues, and watched for changes (hours, closures, verification).
/// </summary>
public sealed class PlaceList
{
    public const int NameMaxLength = 80;
    public const int MaxPlaces = 100;
    public const int MaxListsPerOwner = 20;

    private PlaceList() { }

    public PlaceList(string ownerId, string name, DateTimeOffset createdAt)
    {
        OwnerId = ownerId;
        Name = name.Trim();
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public int Id { get; private set; }
    public string OwnerId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public ListSharing Sharing { get; private set; }
    public int? SharedBodyId { get; private set; }
    public int? SharedStructureId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public List<PlaceListItem> Items { get; private set; } = [];

    public void Rename(string name, DateTimeOffset at)
    {
        Name = name.Trim();
        UpdatedAt = at;
    }

    public void ShareWithBody(int bodyId, DateTimeOffset at) => Share(ListSharing.Body, bodyId, null, at);

    public void ShareWithStructure(int structureId, DateTimeOffset at) => Share(ListSharing.Structure, null, structureId, at);

    public void StopSharing(DateTimeOffset at) => Share(ListSharing.Private, null, null, at);

    /// <summary>Adds the place at the end (false when it is already there).</summary>
    public bool Add(int structureId, DateTimeOffset at)
    {
        if (Items.Any(i => i.StructureId == structureId))
        {
            return false;
        }

        if (Items.Count >= MaxPlaces)
        {
            throw new InvalidOperationException($"A list holds at most {MaxPlaces} places.");
        }

        Items.Add(new PlaceListItem(structureId, Items.Count == 0 ? 1 : Items.Max(i => i.Position) + 1, at));
        UpdatedAt = at;
        return true;
    }

    public bool Remove(int structureId, DateTimeOffset at)
    {
        var removed = Items.RemoveAll(i => i.StructureId == structureId) > 0;
        if (removed)
        {
            UpdatedAt = at;
        }

        return removed;
    }

    private void Share(ListSharing sharing, int? bodyId, int? structureId, DateTimeOffset at)
    {
        (Sharing, SharedBodyId, SharedStructureId) = sharing switch
        {
            ListSharing.Private => (sharing, (int?)null, (int?)null),
            ListSharing.Body when bodyId is not null => (sharing, bodyId, null),
            ListSharing.Structure when structureId is not null => (sharing, null, structureId),
            ListSharing.Body or ListSharing.Structure => throw new ArgumentException("A shared list says with whom."),
            _ => throw new ArgumentOutOfRangeException(nameof(sharing), sharing, null),
        };
        UpdatedAt = at;
    }
}

/// <summary>A place on a list, with the owner's short note ("demander Anne").</summary>
public sealed class PlaceListItem
{
    public const int NoteMaxLength = 300;

    private PlaceListItem() { }

    public PlaceListItem(int structureId, int position, DateTimeOffset addedAt)
    {
        StructureId = structureId;
        Position = position;
        AddedAt = addedAt;
    }

    public int Id { get; private set; }
    public int ListId { get; private set; }
    public int StructureId { get; private set; }
    public int Position { get; private set; }
    public string Note { get; private set; } = "";
    public DateTimeOffset AddedAt { get; private set; }

    public void Annotate(string? note) => Note = (note ?? "").Trim();
}

/// <summary>A professional's settings for the changes in their lists: the weekly digest (off by default) and when they last looked.</summary>
public sealed class ListWatch
{
    private ListWatch() { }

    public ListWatch(string userId) => UserId = userId;

    public int Id { get; private set; }
    public string UserId { get; private set; } = "";
    public bool Digest { get; private set; }
    public DateTimeOffset? DigestSince { get; private set; }

    /// <summary>When the changes page was last opened: what came after is new.</summary>
    public DateTimeOffset? SeenAt { get; private set; }

    public void SubscribeToDigest(DateTimeOffset at)
    {
        if (!Digest)
        {
            Digest = true;
            DigestSince = at;
        }
    }

    public void UnsubscribeFromDigest() => Digest = false;

    public void Seen(DateTimeOffset at) => SeenAt = at;
}

/// <summary>One weekly digest of a user: unique per user and week (written before the mail), so never two.</summary>
public sealed class ListDigest
{
    private ListDigest() { }

    public ListDigest(string userId, DateOnly week, DateTimeOffset sentAt, int changes)
    {
        UserId = userId;
        Week = week;
        SentAt = sentAt;
        Changes = changes;
    }

    public int Id { get; private set; }
    public string UserId { get; private set; } = "";

    /// <summary>The Monday (Paris) of the week.</summary>
    public DateOnly Week { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    /// <summary>How many changes it told (0: nothing changed, no mail).</summary>
    public int Changes { get; private set; }
}
