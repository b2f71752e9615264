namespace Reperes.Web.Core.Taxonomy;

/// <summary>One of the nine needs of the guide (Se nourrir, Avoir un toit…). Taxonomy is data, loaded from taxonomy.json.</summary>
public sealed class Need
{
    private Need() { }

    public Need(string code, string nameFr, string nameEn, string descriptionFr, string descriptionEn, string pictogram, string color, int position)
    {
        Code = code;
        Update(nameFr, nameEn, descriptionFr, descriptionEn, pictogram, color, position);
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string NameFr { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public string DescriptionFr { get; private set; } = "";
    public string DescriptionEn { get; private set; } = "";
    public string Pictogram { get; private set; } = "";
    public string Color { get; private set; } = "";
    public int Position { get; private set; }
    public List<Category> Categories { get; private set; } = [];

    public void Update(string nameFr, string nameEn, string descriptionFr, string descriptionEn, string pictogram, string color, int position)
    {
        NameFr = nameFr;
        NameEn = nameEn;
        DescriptionFr = descriptionFr;
        DescriptionEn = descriptionEn;
        Pictogram = pictogram;
        Color = color;
        Position = position;
    }
}

/// <summary>A finer category of a need (meals, showers, domiciliation…), mapped to data·inclusion thematiques.</summary>
public sealed class Category
{
    /// <summary>The room the synonyms have in the database.</summary>
    public const int MaxSynonymsLength = 2000;

    private Category() { }

    public Category(Need need, string code, string nameFr, string nameEn, string thematiques, string synonyms, int position)
    {
        Need = need;
        Code = code;
        Update(nameFr, nameEn, thematiques, synonyms, position);
    }

    public int Id { get; private set; }
    public int NeedId { get; private set; }
    public Need Need { get; private set; } = null!;
    public string Code { get; private set; } = "";
    public string NameFr { get; private set; } = "";
    public string NameEn { get; private set; } = "";

    /// <summary>data·inclusion thematiques, separated by '|'.</summary>
    public string Thematiques { get; private set; } = "";

    /// <summary>Everyday words that lead to this category, separated by '|'.</summary>
    public string Synonyms { get; private set; } = "";

    public int Position { get; private set; }

    public void Update(string nameFr, string nameEn, string thematiques, string synonyms, int position)
    {
        NameFr = nameFr;
        NameEn = nameEn;
        Thematiques = thematiques;
        Synonyms = synonyms;
        Position = position;
    }
}
