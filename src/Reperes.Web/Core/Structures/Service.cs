using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Text;

namespace Reperes.Web.Core.Structures;

/// <summary>What a structure offers for one category of need, to whom and on what conditions.</summary>
public sealed class Service
{
    private Service() { }

    public Service(Structure structure, Category category, string name, Guid? uid = null)
    {
        Uid = uid ?? Guid.NewGuid();
        Structure = structure;
        Category = category;
        Name = name;
    }

    public int Id { get; private set; }
    public Guid Uid { get; private set; }
    public int StructureId { get; private set; }
    public Structure Structure { get; private set; } = null!;
    public int CategoryId { get; private set; }
    public Category Category { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public string Description { get; private set; } = "";

    /// <summary>data·inclusion types-de-services, separated by '|'.</summary>
    public string Types { get; private set; } = "";

    /// <summary>data·inclusion publics, separated by '|'.</summary>
    public string Publics { get; private set; } = "tous-publics";

    public Gender Gender { get; private set; }
    public int? AgeMin { get; private set; }
    public int? AgeMax { get; private set; }
    public string? AdministrativeSituation { get; private set; }
    public AccessCondition Access { get; private set; }
    public string? AccessDetails { get; private set; }
    public bool IsFree { get; private set; } = true;
    public string? CostDetails { get; private set; }

    /// <summary>The service's own opening_hours; null when the structure's hours apply.</summary>
    public string? OpeningHours { get; private set; }

    /// <summary>data·inclusion modes-accueil (en-presentiel, a-distance), separated by '|'.</summary>
    public string ModesAccueil { get; private set; } = "en-presentiel";

    public string? RemotePhone { get; private set; }
    public string? RemoteWebsite { get; private set; }

    /// <summary>The service's own update frequency in months (1, 3, 6 or 12); null when the structure's applies.</summary>
    public int? UpdateFrequencyMonths { get; private set; }

    public int EffectiveFrequencyMonths => UpdateFrequencyMonths ?? Structure.UpdateFrequencyMonths;

    public IReadOnlyList<string> TypeList => Structure.Split(Types);
    public IReadOnlyList<string> PublicList => Structure.Split(Publics);
    public IReadOnlyList<string> ModeList => Structure.Split(ModesAccueil);
    public bool IsRemoteOnly => !ModeList.Contains("en-presentiel");

    public void Describe(Category category, string name, string description, IEnumerable<string> types)
    {
        Category = category;
        CategoryId = category.Id;
        Name = name;
        Description = description;
        Types = Structure.Join(types);
    }

    public void SetAudience(IEnumerable<string> publics, Gender gender, int? ageMin, int? ageMax, string? administrativeSituation)
    {
        var list = publics.ToList();
        // data·inclusion: "tous-publics" must stand alone.
        if (list.Contains("tous-publics") || list.Count == 0)
        {
            list = ["tous-publics"];
        }

        Publics = Structure.Join(list);
        Gender = gender;
        AgeMin = ageMin;
        AgeMax = ageMax;
        AdministrativeSituation = administrativeSituation;
    }

    public void SetConditions(AccessCondition access, string? accessDetails, bool isFree, string? costDetails)
    {
        Access = access;
        AccessDetails = accessDetails;
        IsFree = isFree;
        CostDetails = costDetails;
    }

    public void SetReception(string? openingHours, IEnumerable<string> modesAccueil, string? remotePhone, string? remoteWebsite)
    {
        OpeningHours = string.IsNullOrWhiteSpace(openingHours) ? null : openingHours.Trim();
        var modes = modesAccueil.ToList();
        ModesAccueil = Structure.Join(modes.Count == 0 ? ["en-presentiel"] : modes);
        RemotePhone = remotePhone is null ? null : PhoneNumbers.Normalize(remotePhone) ?? remotePhone;
        RemoteWebsite = remoteWebsite;
    }

    /// <summary>The service receives referral requests from professionals (adressage).</summary>
    public bool AcceptsReferrals { get; private set; }

    /// <summary>Who the service accepts on referral, shown to professionals.</summary>
    public string? ReferralConditions { get; private set; }

    /// <summary>The documents a referral needs, shown to professionals.</summary>
    public string? ReferralDocuments { get; private set; }

    /// <summary>The keys of <see cref="ReferralFields"/> a referral request asks, separated by |.</summary>
    public string ReferralFieldKeys { get; private set; } = "";

    public IReadOnlyList<string> ReferralFieldList => Structure.Split(ReferralFieldKeys);

    /// <summary>Whether the service takes referrals, on what conditions, with which documents and which facts about the person.</summary>
    public void SetReferrals(bool accepts, string? conditions, string? documents, IEnumerable<string> fieldKeys)
    {
        var keys = fieldKeys.Where(ReferralFields.Keys.Contains).Distinct(StringComparer.Ordinal).ToList();
        AcceptsReferrals = accepts;
        ReferralConditions = string.IsNullOrWhiteSpace(conditions) ? null : conditions.Trim();
        ReferralDocuments = string.IsNullOrWhiteSpace(documents) ? null : documents.Trim();
        ReferralFieldKeys = Structure.Join(keys);
    }

    // The national standard of digital-mediation places' fields (see DigitalMediation), for services of the digital
    // categories; codes separated by '|'.
    public string MediationServices { get; private set; } = "";
    public string MediationSupport { get; private set; } = "";
    public string MediationPublics { get; private set; } = "";
    public string MediationSpecificSupport { get; private set; } = "";
    public string MediationFees { get; private set; } = "";
    public string MediationProgrammes { get; private set; } = "";
    public string MediationLabels { get; private set; } = "";
    public string? MediationOtherLabels { get; private set; }
    public string MediationAccess { get; private set; } = "";
    public string MediationEquipment { get; private set; } = "";

    public MediationOffer Mediation => new(
        Structure.Split(MediationServices), Structure.Split(MediationSupport), Structure.Split(MediationPublics), Structure.Split(MediationSpecificSupport),
        Structure.Split(MediationFees), Structure.Split(MediationProgrammes), Structure.Split(MediationLabels), MediationOtherLabels,
        Structure.Split(MediationAccess), Structure.Split(MediationEquipment));

    /// <summary>Describes the service as a digital-mediation place; unknown codes are dropped, each list keeps its own order.</summary>
    public void SetMediation(MediationOffer offer)
    {
        MediationServices = Structure.Join(DigitalMediation.Known(DigitalMediation.Services, offer.Services));
        MediationSupport = Structure.Join(DigitalMediation.Known(DigitalMediation.Support, offer.Support));
        MediationPublics = Structure.Join(DigitalMediation.Known(DigitalMediation.Publics, offer.Publics));
        MediationSpecificSupport = Structure.Join(DigitalMediation.Known(DigitalMediation.SpecificSupport, offer.SpecificSupport));
        MediationFees = Structure.Join(DigitalMediation.Known(DigitalMediation.Fees, offer.Fees));
        MediationProgrammes = Structure.Join(DigitalMediation.Known(DigitalMediation.Programmes, offer.Programmes));
        MediationLabels = Structure.Join(DigitalMediation.Known(DigitalMediation.Labels, offer.Labels));
        MediationOtherLabels = string.IsNullOrWhiteSpace(offer.OtherLabels) ? null : offer.OtherLabels.Trim();
        MediationAccess = Structure.Join(DigitalMediation.Known(DigitalMediation.Access, offer.Access));
        MediationEquipment = Structure.Join(DigitalMediation.Known(DigitalMediation.Equipment, offer.Equipment));
    }

    public void SetUpdateFrequency(int? months)
    {
        if (months is { } value && !FreshnessRules.IsFrequency(value))
        {
            throw new ArgumentOutOfRangeException(nameof(months), months, "The update frequency is 1, 3, 6 or 12 months.");
        }

        UpdateFrequencyMonths = months;
    }
}
