using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Data;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Admin.Demo;

/// <summary>Loads the Brest demonstration data (structures, accounts, publications) into a database that has no structure.</summary>
public sealed class DemoData(
    ReperesDbContext db,
    SearchIndex index,
    GuideCatalog catalog,
    ReferenceData reference,
    UserManager<ReperesUser> users,
    TimeProvider clock,
    IOptions<ReperesOptions> options,
    ILogger<DemoData> logger)
{
    /// <summary>Loads the demo structures into a database that has none; returns how many were created.</summary>
    public async Task<int> LoadDemoAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Structures.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var categories = await db.Categories.ToDictionaryAsync(c => c.Code, cancellationToken);
        var now = clock.GetUtcNow();
        var today = HoursEvaluator.LocalDate(now);
        var structures = new List<Structure>();
        foreach (var seed in DemoFiles.Demo().Structures)
        {
            var structure = new Structure(seed.Slug, seed.Name, SeedValues.Kind(seed.Kind), now.AddDays(-40));
            structure.Describe(seed.Name, SeedValues.Kind(seed.Kind), seed.Summary, seed.Description, seed.Networks ?? []);
            structure.LocateAt(seed.Address is { } a ? new Address(a.Street, a.PostalCode, a.City, a.CommuneCode, a.Latitude, a.Longitude) : null);
            structure.SetContact(seed.Phones ?? [], seed.Email, seed.Website);
            structure.SetReception(seed.WheelchairAccessible, seed.Languages ?? ["fr"], seed.OpeningHours, seed.OpeningHoursDetails);
            structure.MarkAsDemo();
            foreach (var s in seed.Services)
            {
                if (!categories.TryGetValue(s.Category, out var category))
                {
                    throw new InvalidDataException($"Demo structure {seed.Slug}: unknown category '{s.Category}'.");
                }

                var service = new Service(structure, category, s.Name);
                service.Describe(category, s.Name, s.Description ?? "", s.Types ?? []);
                service.SetAudience(s.Publics ?? ["tous-publics"], SeedValues.Gender(s.Gender), s.AgeMin, s.AgeMax, s.AdministrativeSituation);
                service.SetConditions(SeedValues.Access(s.Access), s.AccessDetails, s.Free, s.CostDetails);
                service.SetReception(s.OpeningHours, s.ModesAccueil ?? ["en-presentiel"], s.RemotePhone, s.RemoteWebsite);
                if (s.Mediation is { } mediation)
                {
                    service.SetMediation(mediation.ToOffer($"Demo structure {seed.Slug}, service '{s.Name}'"));
                }

                structure.Services.Add(service);
            }

            foreach (var n in seed.Notices ?? [])
            {
                var start = today.AddDays(n.StartInDays);
                structure.Notices.Add(new Notice(structure, null, SeedValues.NoticeKind(n.Kind), start, start.AddDays(Math.Max(0, n.DurationDays - 1)), n.Text, n.OpeningHours));
            }

            // Demo sheets were "verified" at various dates, so that freshness shows.
            structure.Verify(now.AddDays(-(seed.Slug.Sum(c => c) % 200)));
            ShowFreshness(structure, now);
            DemoPartners.Apply(structure);
            switch (SeedValues.Status(seed.Status))
            {
                case StructureStatus.Online:
                    structure.PutOnline(now.AddDays(-(Math.Abs(seed.Name.Length * 7) % 90)));
                    break;
                case StructureStatus.Offline:
                    structure.TakeOffline(now.AddDays(-10));
                    break;
                case StructureStatus.PermanentlyClosed:
                    structure.CloseForGood(now.AddDays(-100));
                    break;
                case StructureStatus.Draft:
                    break;
                default:
                    throw new InvalidDataException($"Unknown status {seed.Status}.");
            }

            structures.Add(structure);
        }

        db.Structures.AddRange(structures);
        await db.SaveChangesAsync(cancellationToken);
        await index.IndexAsync(db, structures.Select(s => s.Id).ToList(), cancellationToken);
        catalog.Invalidate();
        await CreateDemoAccountsAsync(now);
        await CreateDemoPublicationsAsync(now, cancellationToken);
        if (options.Value.DemoUsage)
        {
            await CreateDemoUsageAsync(now, cancellationToken);
        }

        if (options.Value.DemoEvaluation)
        {
            await CreateDemoEvaluationAsync(now, cancellationToken);
        }

        logger.LogInformation("Demo data loaded: {Count} structures", structures.Count);
        return structures.Count;
    }

    /// <summary>A year of invented use (<see cref="DemoUsage"/>), written in batches.</summary>
    private async Task CreateDemoUsageAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var offers = await db.Services.AsNoTracking()
            .Select(s => new { s.StructureId, Commune = s.Structure.CommuneCode ?? "", Need = s.Category.Need.Code, Category = s.Category.Code })
            .ToListAsync(cancellationToken);
        var places = offers.GroupBy(o => (o.StructureId, o.Commune))
            .Select(g => new DemoPlace(g.Key.StructureId, g.Key.Commune, g.Select(o => (o.Need, o.Category)).ToList()))
            .OrderBy(p => p.Id)
            .ToList();
        var written = 0;
        foreach (var batch in DemoUsage.Year(places, now).Chunk(5_000))
        {
            db.UsageEvents.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            written += batch.Length;
        }

        logger.LogInformation("Demo usage loaded: {Count} counted events over a year", written);
    }

    /// <summary>The network's evaluation template and a year of evaluation (<see cref="DemoEvaluation"/>).</summary>
    private async Task CreateDemoEvaluationAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var template = DemoEvaluation.Template(now.AddDays(-400));
        db.Frameworks.Add(template);
        await db.SaveChangesAsync(cancellationToken);
        var random = new Random(16);
        var quarters = DemoEvaluation.Quarters(now);
        var coordinator = await db.UserRoles.Join(db.Roles.Where(r => r.Name == NetworkRoles.Coordinator), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .FirstOrDefaultAsync(cancellationToken) ?? "demo";
        foreach (var demo in DemoEvaluation.Structures)
        {
            var structure = await db.Structures.Where(s => s.Slug == demo.Slug).Select(s => new { s.Id, Services = s.Services.Select(v => v.Id).Take(2).ToList() }).SingleAsync(cancellationToken);
            var member = await db.Memberships.Where(m => m.StructureId == structure.Id).Select(m => new { m.UserId, m.User.DisplayName }).FirstOrDefaultAsync(cancellationToken);
            var recordedBy = member?.UserId ?? coordinator;
            var collector = member?.DisplayName ?? "Équipe de l’atelier";
            var framework = DemoEvaluation.FrameworkOf(template, demo, structure.Id, now.AddDays(-390));
            db.Frameworks.Add(framework);
            await db.SaveChangesAsync(cancellationToken);
            var action = new SocialUtility.Model.EvaluatedAction(structure.Id, framework.Id, demo.Action, demo.Description, now.AddDays(-390));
            action.LinkServices(structure.Services);
            var periods = quarters.Select(q => action.OpenPeriod(q.Label, q.Start, q.End)).ToList();
            db.EvaluatedActions.Add(action);
            await db.SaveChangesAsync(cancellationToken);
            var observations = new List<SocialUtility.Model.Observation>();
            var testimonies = new List<SocialUtility.Model.Testimony>();
            var assessments = new List<SocialUtility.Model.SelfAssessment>();
            for (var i = 0; i < periods.Count; i++)
            {
                if (i == periods.Count - 1 && !demo.Rich)
                {
                    continue;
                }

                DemoEvaluation.Record(random, demo, framework, action, periods[i], i, recordedBy, collector, observations, testimonies, assessments, now);
                if (i < periods.Count - 1)
                {
                    periods[i].Close(now.AddDays(-5));
                }

                if (i < periods.Count - 2)
                {
                    periods[i].Validate(coordinator, now.AddDays(-4));
                }
            }

            db.Observations.AddRange(observations);
            db.Testimonies.AddRange(testimonies);
            db.SelfAssessments.AddRange(assessments);
            await db.SaveChangesAsync(cancellationToken);
        }

        logger.LogInformation("Demo evaluation loaded: the network template and {Count} structures", DemoEvaluation.Structures.Count);
    }

    /// <summary>
    /// A few sheets with other update frequencies, and one the coordination marked as unverified, so that the demo shows
    /// every state of fresh data (the sheets of the demo accounts keep the default, 6 months).
    /// </summary>
    private static void ShowFreshness(Structure structure, DateTimeOffset now)
    {
        switch (structure.Slug)
        {
            case "pass-chu-brest" or "secours-populaire-brest" or "siao-115-finistere":
                structure.SetUpdateFrequency(3);
                break;
            case "ccas-brest" or "mediatheque-de-lambezellec" or "mediatheque-des-capucins":
                structure.SetUpdateFrequency(12);
                break;
            case "roul-age":
                structure.SetUpdateFrequency(3);
                structure.MarkUnverified(now.AddDays(-20));
                break;
        }
    }

    private async Task CreateDemoAccountsAsync(DateTimeOffset now)
    {
        await reference.EnsureRolesAsync();
        foreach (var (email, name, networkRole, slug, role) in DemoAccounts.All)
        {
            var user = new ReperesUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = now };
            var created = await users.CreateAsync(user, DemoAccounts.Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }

            if (networkRole is not null)
            {
                await users.AddToRoleAsync(user, networkRole);
            }

            if (slug is not null && role is { } membershipRole)
            {
                var structureId = await db.Structures.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync();
                db.Memberships.Add(new Membership(user.Id, structureId, membershipRole, now));
            }
        }

        await db.SaveChangesAsync();

        var bodies = new Dictionary<string, PartnerBody>(StringComparer.Ordinal);
        foreach (var (bodyName, kind, domains) in DemoPartners.Bodies)
        {
            var body = new PartnerBody(bodyName, kind, now);
            body.SetEmailDomains(domains);
            bodies[bodyName] = body;
            db.PartnerBodies.Add(body);
        }

        await db.SaveChangesAsync();
        foreach (var (email, name, workplace, kind, jobTitle, bodyName) in DemoPartners.Professionals)
        {
            var user = new ReperesUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = now };
            var created = await users.CreateAsync(user, DemoAccounts.Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }

            var profile = new ProfessionalProfile(user.Id, workplace, kind, jobTitle, now.AddDays(-3));
            if (bodyName is not null)
            {
                profile.Validate(bodies[bodyName], null, now.AddDays(-2));
            }

            db.ProfessionalProfiles.Add(profile);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// A few publications, so that the home page, the sheets and the back office show what co-publication looks like:
    /// published news, an event to come, a workshop text, a proposal awaiting the Ozanam manager's validation.
    /// </summary>
    private async Task CreateDemoPublicationsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var people = await db.Users.Where(u => u.Email!.EndsWith("@demo.reperes.example")).ToDictionaryAsync(u => u.Email!, cancellationToken);
        var structures = await db.Structures.Where(s => s.Slug == "halte-accueil-ozanam" || s.Slug == "restos-du-coeur-brest").ToDictionaryAsync(s => s.Slug, cancellationToken);
        var needs = await db.Needs.ToDictionaryAsync(n => n.Code, cancellationToken);
        var coordinator = people["coordination@demo.reperes.example"];
        var ozanamManager = people["gestion.ozanam@demo.reperes.example"];
        var ozanamEditor = people["redaction.ozanam@demo.reperes.example"];
        var restosManager = people["gestion.restos@demo.reperes.example"];
        var ozanam = structures["halte-accueil-ozanam"];
        var restos = structures["restos-du-coeur-brest"];
        var local = ParisTime.Local(now);
        var nextWeek = DateOnly.FromDateTime(local).AddDays(7);

        Publication Write(PublicationKind kind, Structure? structure, ReperesUser author, PublicationContent content, params string[] needCodes)
        {
            var publication = new Publication(kind, structure?.Id, author.Id, author.DisplayName, now.AddDays(-3), content);
            publication.SetNeeds(needCodes.Select(c => needs[c]));
            db.Publications.Add(publication);
            return publication;
        }

        var welcome = Write(PublicationKind.News, null, coordinator, new(
            "Repères fait peau neuve",
            "Le guide des structures d’aide de Brest est en ligne dans sa nouvelle version : horaires à jour, « ouvert maintenant », carte et guide imprimable.",
            "Chaque structure tient sa fiche à jour et publie ses actualités.\n\nVous repérez une information fausse ? Dites-le à la structure ou à la coordination du réseau."));
        welcome.Publish(coordinator.Id, now.AddDays(-2));
        welcome.SetFeatured(true, now.AddDays(-2));

        var meal = Write(PublicationKind.Event, ozanam, ozanamManager, new(
            "Repas partagé de fin d’année",
            "Un repas chaud et un moment ensemble, ouvert à toutes et à tous.",
            "Nous vous attendons pour un **repas partagé** avant les fêtes. Venez comme vous êtes, seul ou accompagné.",
            ParisTime.ToInstant(nextWeek, new TimeOnly(12, 0)),
            ParisTime.ToInstant(nextWeek, new TimeOnly(14, 30)),
            "Halte Accueil Frédéric Ozanam",
            "Tout public",
            "Sans inscription",
            60), "se-nourrir", "poser-son-sac");
        meal.Publish(ozanamManager.Id, now.AddDays(-2));

        var thanks = Write(PublicationKind.News, restos, restosManager, new(
            "Merci aux bénévoles de la collecte",
            "La collecte de novembre a permis de remplir nos réserves pour l’hiver.",
            "Un grand merci aux bénévoles et aux donateurs. Les inscriptions pour la campagne d’hiver se font le mardi matin, avec une pièce d’identité et un justificatif de ressources."), "se-nourrir");
        thanks.Publish(restosManager.Id, now.AddDays(-1));

        var workshop = new Publishing.Workshops.Workshop(ozanam.Id, "Atelier d’écriture du jeudi", DateOnly.FromDateTime(local).AddDays(-5), ozanamEditor.Id, ozanamEditor.DisplayName, now.AddDays(-5));
        db.Workshops.Add(workshop);
        await db.SaveChangesAsync(cancellationToken);
        var text = Write(PublicationKind.Article, ozanam, ozanamEditor, new(
            "Ce que la halte m’a apporté",
            "Un texte écrit pendant l’atelier d’écriture de la halte.",
            "Quand je suis arrivé, je ne parlais à personne.\n\nIci, on m’a proposé un café, puis une douche, puis une place à l’atelier. Aujourd’hui j’écris ce texte, et je le signe."), "poser-son-sac");
        text.SignForWorkshop(workshop.Id, "Loulou", now.AddDays(-5));
        text.Propose(now.AddDays(-5));
        text.Publish(ozanamManager.Id, now.AddDays(-4));

        var proposal = Write(PublicationKind.News, ozanam, ozanamEditor, new(
            "La bagagerie ouvre aussi le samedi",
            "À partir de décembre, la bagagerie ouvre le samedi matin.",
            "Vous pouvez déposer vos affaires le samedi de 9 h à 12 h, en plus des jours habituels."), "poser-son-sac");
        proposal.Propose(now.AddDays(-1));

        await db.SaveChangesAsync(cancellationToken);
    }
}
