using System.Text;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.OpenData.Imports;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.OpenData.Imports.ImportFixtures;

namespace Reperes.Web.Tests.OpenData.Imports;

/// <summary>Imports of the three formats: plan, apply, re-import, broken rows, hand edits.</summary>
public sealed class ImportTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Mediation_ValidExampleImportedTwice_CreatesThePlaceThenChangesNothing(string engine)
    {
        await using var app = new ReperesApp(engine);
        var before = await FingerprintAsync(app);

        var dryRun = await ImportAsync(app, MediationExample, apply: false);
        dryRun.Format.ShouldBe(ImportFormat.MediationNumerique);
        dryRun.Lines.Select(l => (l.Line, l.Action)).ShouldBe([(2, PlanAction.Create)]);
        dryRun.Lines[0].Changes.ShouldContain(c => c.Field == "Horaires" && c.After == "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00");
        (await FingerprintAsync(app)).ShouldBe(before, "a dry run writes nothing");

        var applied = await ImportAsync(app, MediationExample, apply: true);
        applied.Lines.Single().Action.ShouldBe(PlanAction.Create);
        var place = await app.WithDbAsync(db => db.Structures.Include(s => s.Services).ThenInclude(v => v.Category).SingleAsync(s => s.Name == "Anonymal"));
        place.Status.ShouldBe(StructureStatus.Online);
        place.Kind.ShouldBe(StructureKind.Association);
        (place.Street, place.PostalCode, place.City, place.CommuneCode).ShouldBe(("12 BIS RUE DE LECLERCQ", "51100", "Reims", "51454"));
        (place.Latitude, place.Longitude).ShouldBe((43.52609, 5.41423));
        place.OpeningHours.ShouldBe("Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00");
        place.PhoneList.ShouldBe(["01 80 05 98 80"], "the phone written the site's one way");
        place.Email.ShouldBe("contact@laquincaillerie.tl");
        place.Website.ShouldBe("https://www.laquincaillerie.tl/");
        place.Summary.ShouldBe("Notre association propose des formations aux outils numériques à destination des personnes âgées.");
        place.Description.ShouldEndWith("Accès : Le patio du bois de l'Aulne");
        place.NetworkList.ShouldBe(["aidants-connect", "conseillers-numeriques", "croix-rouge"]);
        var workshops = place.Services.ShouldHaveSingleItem("the three kinds of help are all of the workshops category: one service carries them");
        (workshops.Category.Code, workshops.Name, workshops.IsFree).ShouldBe(("mediation-numerique", "Ateliers numériques", true));
        workshops.PublicList.ShouldBe(["jeunes", "femmes"]);
        workshops.ModeList.ShouldBe(["en-presentiel", "a-distance"]);
        workshops.RemoteWebsite.ShouldBe("https://www.rdv-solidarites.fr/");
        System.Text.Json.JsonSerializer.Serialize(workshops.Mediation).ShouldBe(System.Text.Json.JsonSerializer.Serialize(new MediationOffer(
            ["outils-quotidien", "insertion-professionnelle", "loisirs-creations"],
            ["autonomie", "individuel", "atelier", "distance"],
            ["jeunes", "femmes"],
            ["surdite", "illettrisme", "anglais"],
            ["gratuit-sous-condition", "payant"],
            ["aidants-connect", "conseillers-numeriques", "croix-rouge"],
            ["mon-espace-sante", "arnia"],
            "Label et la bête",
            ["se-presenter", "telephoner"],
            [])));
        var revision = await app.WithDbAsync(db => db.SheetRevisions.SingleAsync(r => r.StructureId == place.Id));
        revision.AuthorName.ShouldContain("Import mediation-numerique");
        revision.ChangeList.ShouldContain(c => c.Field == "Service ajouté" && c.After == "Ateliers numériques");

        // Search finds it at once.
        var search = await app.CreateClient().GetStringAsync("/recherche?q=anonymal");
        search.ShouldContain("Anonymal");

        var afterFirst = await FingerprintAsync(app);
        var again = await ImportAsync(app, MediationExample, apply: true);
        again.Lines.ShouldAllBe(l => l.Action == PlanAction.Unchanged);
        (await FingerprintAsync(app)).ShouldBe(afterFirst, "importing again writes nothing");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task DataInclusion_ReimportOfADigitalService_LeavesTheMediationDescribedInReperes(string engine)
    {
        await using var app = new ReperesApp(engine, demoData: false);
        await ImportAsync(app, DataInclusionFile, apply: true);
        var offer = new MediationOffer(["acces-internet", "demarches"], ["autonomie"], [], [], ["gratuit"], ["france-services"], [], null, ["se-presenter"], ["ordinateurs", "imprimante"]);
        await app.WithDbAsync(async db =>
        {
            (await db.Services.SingleAsync(v => v.Name == "Ordinateurs en libre accès")).SetMediation(offer);
            return await db.SaveChangesAsync();
        });

        // data·inclusion has no such fields: the same file is still unchanged, and a changed service keeps them.
        (await ImportAsync(app, DataInclusionFile, apply: true)).Lines.ShouldAllBe(l => l.Action == PlanAction.Unchanged);
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(DataInclusionFile).Replace("avec une aide si besoin", "avec une aide le matin", StringComparison.Ordinal));
        var plan = await ImportAsync(app, changed, apply: true);

        plan.Lines.Select(l => l.Action).ShouldBe([PlanAction.Update, PlanAction.Unchanged]);
        var internet = await app.WithDbAsync(db => db.Services.SingleAsync(v => v.Name == "Ordinateurs en libre accès"));
        internet.Description.ShouldContain("avec une aide le matin");
        System.Text.Json.JsonSerializer.Serialize(internet.Mediation).ShouldBe(System.Text.Json.JsonSerializer.Serialize(offer.Normalised()));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task DataInclusion_StructuresWithServices_CreatesThemInTheirCategoriesThenChangesNothing(string engine)
    {
        await using var app = new ReperesApp(engine);
        var plan = await ImportAsync(app, DataInclusionFile, apply: true);

        plan.Format.ShouldBe(ImportFormat.DataInclusion);
        plan.Lines.Select(l => (l.ExternalId, l.Action)).ShouldBe([("pimms--brest-centre", PlanAction.Create), ("pimms--epicerie-bellevue", PlanAction.Create)]);
        var pimms = await app.WithDbAsync(db => db.Structures.Include(s => s.Services).ThenInclude(v => v.Category).SingleAsync(s => s.Name == "PIMMS de Brest centre"));
        (pimms.Street, pimms.PostalCode, pimms.City, pimms.CommuneCode).ShouldBe(("5 rue Jean Jaurès", "29200", "Brest", "29019"));
        pimms.OpeningHours.ShouldBe("Mo-Fr 09:00-12:30,13:30-17:00");
        pimms.NetworkList.ShouldBe(["france-service"]);
        pimms.Summary.ShouldBe("Point d’information et de médiation multi services.");
        var internet = pimms.Services.Single(v => v.Name == "Ordinateurs en libre accès");
        internet.Category.Code.ShouldBe("acces-internet");
        internet.IsFree.ShouldBeTrue();
        var workshop = pimms.Services.Single(v => v.Name == "Ateliers smartphone");
        workshop.Category.Code.ShouldBe("mediation-numerique");
        (workshop.Access, workshop.AccessDetails, workshop.IsFree, workshop.CostDetails).ShouldBe((AccessCondition.Registration, "au 02 98 00 00 01", false, "2 € la séance"));
        workshop.PublicList.ShouldBe(["seniors"]);
        workshop.TypeList.ShouldBe(["atelier"]);
        var grocery = await app.WithDbAsync(db => db.Services.Include(v => v.Category).SingleAsync(v => v.Name == "Épicerie solidaire" && v.Structure.Name == "Épicerie solidaire de Bellevue"));
        grocery.Category.Code.ShouldBe("epicerie-sociale");
        var references = await app.WithDbAsync(db => db.ExternalReferences.OrderBy(r => r.ExternalId).Select(r => r.Source + " " + r.ExternalId).ToListAsync());
        references.ShouldBe(["pimms pimms--brest-centre", "pimms pimms--epicerie-bellevue"]);

        var before = await FingerprintAsync(app);
        (await ImportAsync(app, DataInclusionFile, apply: true)).Lines.ShouldAllBe(l => l.Action == PlanAction.Unchanged);
        (await FingerprintAsync(app)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task DataInclusion_DemoExportAsCsv_ImportsIntoAnEmptyGuideThenChangesNothing(string engine)
    {
        await using var demo = new ReperesApp(engine);
        var client = demo.CreateClient();
        var structuresCsv = await client.GetByteArrayAsync("/api/v1/export/data-inclusion/structures.csv");
        var servicesCsv = await client.GetByteArrayAsync("/api/v1/export/data-inclusion/services.csv");
        var online = await demo.WithDbAsync(db => db.Structures.CountAsync(s => s.Status == StructureStatus.Online));

        await using var empty = new ReperesApp(engine, demoData: false);
        var plan = await ImportAsync(empty, structuresCsv, apply: true, services: servicesCsv);

        plan.Format.ShouldBe(ImportFormat.DataInclusion);
        plan.Lines.Where(l => l.Action == PlanAction.Rejected).Select(l => $"{l.Part} {l.Line} {l.Label}: {string.Join(", ", l.Reasons.Select(r => r.ToFrench()))}").ShouldBeEmpty();
        plan.Count(PlanAction.Create).ShouldBe(online);
        var ozanam = await empty.WithDbAsync(db => db.Structures.Include(s => s.Services).SingleAsync(s => s.Name == "Halte Accueil Frédéric Ozanam"));
        var original = await demo.WithDbAsync(db => db.Structures.Include(s => s.Services).SingleAsync(s => s.Name == "Halte Accueil Frédéric Ozanam"));
        (ozanam.Street, ozanam.PostalCode, ozanam.OpeningHours).ShouldBe((original.Street, original.PostalCode, original.OpeningHours));
        ozanam.Services.Select(v => v.Name).Order().ShouldBe(original.Services.Where(v => v.Name.Length >= 3).Select(v => v.Name).Order());

        var before = await FingerprintAsync(empty);
        (await ImportAsync(empty, structuresCsv, apply: true, services: servicesCsv)).Lines.ShouldAllBe(l => l.Action == PlanAction.Unchanged);
        (await FingerprintAsync(empty)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task BrokenRows_ReportedWithLineAndReason_NothingOfThemWrittenAndValidRowsApplied(string engine)
    {
        await using var app = new ReperesApp(engine);
        var example = Encoding.UTF8.GetString(MediationExample).Split('\n')[1].TrimEnd('\r');
        var csv = string.Join("\n",
            MediationHeader,
            example,
            example.Replace("\"structure-1\",\"43493312300029\",\"Anonymal\"", "\"structure-2\",\"43493312300029\",\"\"", StringComparison.Ordinal),
            example.Replace("\"structure-1\"", "\"structure-3\"", StringComparison.Ordinal).Replace("\"51100\"", "\"5110\"", StringComparison.Ordinal),
            example.Replace("\"structure-1\"", "\"structure-4\"", StringComparison.Ordinal).Replace("\"2024-04-02\"", "\"2030-01-01\"", StringComparison.Ordinal),
            example.Replace("\"structure-1\"", "\"structure-5\"", StringComparison.Ordinal).Replace("Loisirs et créations numériques", "Jeux vidéo", StringComparison.Ordinal),
            example);
        var structures = await app.WithDbAsync(db => db.Structures.CountAsync());

        var plan = await ImportAsync(app, Encoding.UTF8.GetBytes(csv), apply: true);

        plan.Lines.Select(l => (l.Line, l.Action)).ShouldBe(
        [
            (2, PlanAction.Create), (3, PlanAction.Rejected), (4, PlanAction.Rejected), (5, PlanAction.Rejected), (6, PlanAction.Rejected), (7, PlanAction.Rejected),
        ]);
        plan.Lines[1].Reasons.Select(r => r.ToFrench()).ShouldBe(["« nom » est obligatoire."]);
        plan.Lines[2].Reasons.Select(r => r.ToFrench()).ShouldBe(["« code_postal » : valeur « 5110 » mal formée."]);
        plan.Lines[3].Reasons.Single().ToFrench().ShouldContain("la date doit être entre le 1er janvier 2000 et aujourd’hui");
        plan.Lines[4].Reasons.Single().ToFrench().ShouldStartWith("« services » : valeur « ");
        plan.Lines[5].Reasons.Select(r => r.ToFrench()).ShouldBe(["Identifiant « structure-1 » déjà vu ligne 2."]);
        (await app.WithDbAsync(db => db.Structures.CountAsync())).ShouldBe(structures + 1);
        (await app.WithDbAsync(db => db.ExternalReferences.Select(r => r.ExternalId).ToListAsync())).ShouldBe(["structure-1"]);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task DataInclusion_ItemsBreakingTheSchemaRules_AreRejectedWithTheirLine(string engine)
    {
        await using var app = new ReperesApp(engine);
        var json = """
            [
              {"source": "cd29", "id": "cd29--1", "nom": "Maison de quartier des Essais", "date_maj": "2026-01-10", "code_postal": "29200", "commune": "Brest"},
              {"source": "cd29", "id": "cd29--2", "nom": "Mauvais courriel", "date_maj": "2026-01-10", "courriel": "pas-un-courriel"},
              {"source": "cd29", "id": "cd29--3", "nom": "Futur", "date_maj": "2099-01-01"},
              {"source": "cd29", "id": "cd29--4", "nom": "Réseau inconnu", "date_maj": "2026-01-10", "reseaux_porteurs": ["pas-un-reseau"]},
              {"source": "cd29", "nom": "Sans identifiant", "date_maj": "2026-01-10"},
              {"source": "cd29", "id": "cd29--5", "structure_id": "cd29--1", "nom": "Accueil", "description": "Un accueil pour toutes et tous.", "publics": ["tous-publics", "femmes"], "thematiques": ["remobilisation--lien-social"], "date_maj": "2026-01-10"},
              {"source": "cd29", "id": "cd29--6", "structure_id": "cd29--1", "nom": "Café", "description": "Un café pour se poser.", "thematiques": ["remobilisation--lien-social"], "courriel": 12, "date_maj": "2026-01-10"}
            ]
            """;
        var plan = await ImportAsync(app, Encoding.UTF8.GetBytes(json), apply: true);

        string Reason(int line) => string.Join(" / ", plan.Lines.Single(l => l.Line == line).Reasons.Select(r => r.ToFrench()));
        plan.Lines.Single(l => l.Line == 2).Action.ShouldBe(PlanAction.Create);
        Reason(3).ShouldBe("« courriel » : adresse électronique invalide (« pas-un-courriel »).");
        Reason(4).ShouldContain("« date_maj » : la date doit être entre le 1er janvier 2000 et aujourd’hui");
        Reason(5).ShouldBe("« reseaux_porteurs » : valeur « pas-un-reseau » hors de la liste de data·inclusion.");
        Reason(6).ShouldBe("« id » est obligatoire.");
        Reason(7).ShouldBe("« publics » : « tous-publics » doit être seul.");
        Reason(8).ShouldBe("« courriel » : un texte est attendu.");
        plan.Lines.Single(l => l.Line == 7).Part.ShouldBe("services");
        (await app.WithDbAsync(db => db.Structures.Where(s => s.Name == "Maison de quartier des Essais").Select(s => s.Services.Count).SingleAsync())).ShouldBe(0);
        (await app.WithDbAsync(db => db.Structures.CountAsync(s => s.Name == "Mauvais courriel" || s.Name == "Futur"))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Reimport_FieldEditedByHand_IsKeptUnlessOverwrite(string engine)
    {
        await using var app = new ReperesApp(engine);
        var header = "nom;code postal;commune;téléphone;horaires;catégories";
        var first = Encoding.UTF8.GetBytes($"{header}\nAccueil Le Phare;29200;Brest;02 98 11 11 11;Mo-Fr 09:00-12:00;accueil-de-jour");
        await ImportAsync(app, first, apply: true);
        await app.WithDbAsync(async db =>
        {
            var phare = await db.Structures.SingleAsync(s => s.Name == "Accueil Le Phare");
            phare.SetContact(["02 98 22 22 22"], null, null);
            return await db.SaveChangesAsync();
        });

        var second = Encoding.UTF8.GetBytes($"{header}\nAccueil Le Phare;29200;Brest;02 98 33 33 33;Mo-Sa 09:00-12:00;accueil-de-jour");
        var plan = await ImportAsync(app, second, apply: true);
        plan.Lines.Single().Action.ShouldBe(PlanAction.Update);
        plan.Lines.Single().Changes.Select(c => c.Field).ShouldBe(["Horaires"]);
        plan.Lines.Single().KeptFields.ShouldBe(["Téléphones"]);
        var kept = await app.WithDbAsync(db => db.Structures.SingleAsync(s => s.Name == "Accueil Le Phare"));
        (kept.Phones, kept.OpeningHours).ShouldBe(("02 98 22 22 22", "Mo-Sa 09:00-12:00"));

        var overwritten = await ImportAsync(app, second, apply: true, new ImportOptions(Overwrite: true));
        overwritten.Lines.Single().Changes.Select(c => c.Field).ShouldBe(["Téléphones"]);
        (await app.WithDbAsync(db => db.Structures.Where(s => s.Name == "Accueil Le Phare").Select(s => s.Phones).SingleAsync())).ShouldBe("02 98 33 33 33");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Template_XlsxFilledIn_ImportsAsItsCsvDoes(string engine)
    {
        await using var app = new ReperesApp(engine);
        var template = SpreadsheetFile.Read(ImportTemplate.Xlsx());
        template.Header.ShouldBe(ImportTemplate.Header);
        template.Rows.ShouldBeEmpty();

        var row = new[] { "LP-1", "Laverie du Pilier Rouge", "association", "", "Machines à laver à prix doux.", "3 rue de Lyon", "29200", "Brest", "29019", "48,39", "-4,49", "02 98 44 44 44|06 00 00 00 00", "laverie@example.org", "https://laverie.example.org", "Tu,Th 14:00-18:00", "laverie|Douches", "non", "rendez-vous" };
        var xlsx = SpreadsheetFile.Write([("Structures", ImportTemplate.Header, [row])]);
        var plan = await ImportAsync(app, xlsx, apply: true);

        plan.Format.ShouldBe(ImportFormat.Template);
        plan.Lines.Single().Action.ShouldBe(PlanAction.Create, string.Join(", ", plan.Lines.Single().Reasons.Select(r => r.ToFrench())));
        var laverie = await app.WithDbAsync(db => db.Structures.Include(s => s.Services).ThenInclude(v => v.Category).SingleAsync(s => s.Name == "Laverie du Pilier Rouge"));
        (laverie.Street, laverie.Latitude, laverie.Longitude, laverie.OpeningHours).ShouldBe(("3 rue de Lyon", 48.39, -4.49, "Tu,Th 14:00-18:00"));
        laverie.PhoneList.ShouldBe(["02 98 44 44 44", "06 00 00 00 00"]);
        laverie.Services.Select(v => v.Category.Code).Order().ShouldBe(["douche", "laverie"]);
        laverie.Services.ShouldAllBe(v => !v.IsFree && v.Access == AccessCondition.Appointment);

        // The same row as CSV (semicolons, as French spreadsheets save it): the same structure, so unchanged.
        var csv = string.Join(';', ImportTemplate.Header) + "\r\n" + string.Join(';', row);
        (await ImportAsync(app, Encoding.UTF8.GetBytes(csv), apply: true)).Lines.Single().Action.ShouldBe(PlanAction.Unchanged);
    }

    [Fact]
    public void Detect_ByContent_NotByName()
    {
        ImportFile.Detect(MediationExample).ShouldBe(FileContent.Csv);
        ImportFile.Detect(DataInclusionFile).ShouldBe(FileContent.Json);
        ImportFile.Detect("\uFEFF  [ ]"u8).ShouldBe(FileContent.Json);
        ImportFile.Detect(ImportTemplate.Xlsx()).ShouldBe(FileContent.Xlsx);
        Should.Throw<UnreadableFileException>(() => ImportFile.Detect([])).Reason.Key.ShouldBe("Le fichier est vide.");
        Should.Throw<UnreadableFileException>(() => ImportFile.Detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]))
            .Reason.Key.ShouldBe("Ce fichier n’est ni un tableur (XLSX), ni un CSV, ni du JSON.");
    }

    [Theory]
    [InlineData("nom,prenom\nDupont,Jean", "Colonnes non reconnues : ni data·inclusion, ni le standard de la médiation numérique, ni le modèle de Repères.")]
    [InlineData("[{\"nom\": \"x\",}", "Le fichier JSON est mal formé (ligne 1).")]
    [InlineData("\"id\",\"nom\"\n\"1\",\"sans fin", "Le CSV a un guillemet ouvert à la ligne 2 qui n’est jamais fermé.")]
    [InlineData("{\"a\": 1}", "Le JSON doit être une liste de structures data·inclusion (ou un objet avec « structures » et « services »).")]
    public async Task Parse_UnreadableFile_SaysWhyAndWritesNothing(string content, string message)
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var before = await FingerprintAsync(app);
        var error = await Should.ThrowAsync<UnreadableFileException>(() => ImportAsync(app, Encoding.UTF8.GetBytes(content), apply: true));
        error.Reason.ToFrench().ShouldBe(message);
        (await FingerprintAsync(app)).ShouldBe(before);
    }

    [Fact]
    public async Task Parse_ZipThatIsNotAWorkbook_IsUnreadable()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = zip.CreateEntry("notes.txt").Open();
            await entry.WriteAsync("bonjour"u8.ToArray());
        }

        Should.Throw<UnreadableFileException>(() => SpreadsheetFile.Read(stream.ToArray())).Reason.Key.ShouldBe("Ce fichier compressé n’est pas un classeur XLSX.");
    }
}
