using System.Text;
using System.Xml.Linq;
using Reperes.Web.Core.Structures;
using Reperes.Web.Orientation.DigitalScreening;

namespace Reperes.Web.Tests.Orientation.DigitalScreening;

/// <summary>The rules file of "Le numérique et moi": checked at start-up, one test per rule, its words and pictograms.</summary>
public sealed class ScreeningRulesTests
{
    private static readonly ScreeningRules Rules = ScreeningRules.Load();

    /// <summary>
    /// A rule's test: answers that make it apply, answers close to them that must not, a service that fits it and one
    /// that just misses it (codes of the standard, "services|support|equipment|publics", each a comma list).
    /// </summary>
    public sealed record RuleCase(string Applies, string DoesNotApply, string Fits, string Misses)
    {
        public override string ToString() => Applies;
    }

    /// <summary>One case per rule of the file: a rule added without its case fails <see cref="Load_EmbeddedFile_ValidAndEveryRuleHasItsTest"/>.</summary>
    public static readonly Dictionary<string, RuleCase> Cases = new()
    {
        ["sans-appareil"] = new("equipement=aucun", "equipement=smartphone", "acces-internet||ordinateurs|", "acces-internet||wifi|"),
        ["smartphone-seulement"] = new("equipement=smartphone&demarches=caf", "equipement=smartphone,ordinateur&demarches=caf", "demarches||ordinateurs,imprimante|", "outils-quotidien||ordinateurs|"),
        ["sans-connexion"] = new("equipement=smartphone&connexion=non", "equipement=aucun&connexion=non", "acces-internet||wifi|", "acces-internet||ordinateurs|"),
        ["courriel"] = new("courriel=perdue", "courriel=oui", "outils-quotidien|individuel||", "outils-quotidien|atelier||"),
        ["demarches-accompagnees"] = new("demarches=impots&autonomie=pas-du-tout", "demarches=impots&autonomie=seul", "demarches|individuel||", "demarches|autonomie||"),
        ["emploi"] = new("demarches=france-travail", "demarches=caf", "insertion-professionnelle|||", "outils-quotidien|||"),
        ["apprendre-seul"] = new("apprendre=seul", "apprendre=atelier", "acces-internet|autonomie||", "acces-internet|individuel||"),
        ["apprendre-individuel"] = new("apprendre=individuel", "apprendre=non", "outils-quotidien|distance||", "outils-quotidien|atelier||"),
        ["apprendre-atelier"] = new("apprendre=atelier", "apprendre=individuel", "outils-quotidien|atelier||", "comprendre|atelier||"),
        ["imprimer"] = new("papier=imprimer", "papier=scanner", "||imprimante,scanner|", "||scanner|"),
        ["scanner"] = new("papier=imprimer,scanner", "papier=aucun", "||scanner|", "||imprimante|"),
        ["seniors"] = new("profil=senior", "profil=jeune", "outils-quotidien|||seniors", "outils-quotidien|||jeunes"),
        ["jeunes"] = new("profil=jeune", "profil=aucun", "|||jeunes,etudiants", "|||etudiants"),
    };

    public static TheoryData<string> RuleCodes => new(Cases.Keys);

    private static ScreeningAnswers Answers(string text) =>
        ScreeningAnswers.Of(text.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1].Split(',')));

    private static MediationOffer Offer(string text)
    {
        var parts = text.Split('|').Select(p => (IReadOnlyList<string>)p.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        return MediationOffer.None with { Services = parts[0], Support = parts[1], Equipment = parts[2], Publics = parts[3] };
    }

    [Fact]
    public void Load_EmbeddedFile_ValidAndEveryRuleHasItsTest()
    {
        Rules.Rules.Select(r => r.Code).Order(StringComparer.Ordinal).ShouldBe(Cases.Keys.Order(StringComparer.Ordinal));
        Rules.Remote.ShouldContain(r => r.Code == "solidarite-numerique" && r.Phone == "01 70 772 372" && r.When == null);
        ScreeningQuestions.Count.ShouldBeLessThanOrEqualTo(8);
    }

    [Theory]
    [MemberData(nameof(RuleCodes))]
    public void Rule_ItsAnswersAndItsPlaces_AppliesOnlyToThemAndFitsOnlyThem(string code)
    {
        var rule = Rules.Rules.Single(r => r.Code == code);
        var test = Cases[code];

        rule.AppliesTo(Answers(test.Applies)).ShouldBeTrue(test.Applies);
        rule.AppliesTo(Answers(test.DoesNotApply)).ShouldBeFalse(test.DoesNotApply);
        rule.AppliesTo(ScreeningAnswers.Empty).ShouldBeFalse("no answer, no help");
        rule.Fits(Offer(test.Fits)).ShouldBeTrue(test.Fits);
        rule.Fits(Offer(test.Misses)).ShouldBeFalse(test.Misses);
        rule.Fits(MediationOffer.None).ShouldBeFalse("a service that says nothing of itself fits no help");
        Rules.For(Answers(test.Applies)).ShouldContain(rule);
    }

    [Theory]
    [InlineData("\"ordinateurs\" ]", "\"ordinateurz\" ]", "rule \"sans-appareil\": \"equipment\" names the unknown code \"ordinateurz\".")]
    [InlineData("{ \"equipement\": [ \"aucun\" ] }", "{ \"equipment\": [ \"aucun\" ] }", "rule \"sans-appareil\": \"when\" names the unknown question \"equipment\".")]
    [InlineData("{ \"courriel\": [ \"non\", \"perdue\" ] }", "{ \"courriel\": [ \"non\", \"oubliee\" ] }", "rule \"courriel\": \"when\" names the unknown answer \"oubliee\" of \"courriel\".")]
    [InlineData("\"publics\": [ \"seniors\" ]", "\"publics\": [ \"retraites\" ]", "rule \"seniors\": \"publics\" names the unknown code \"retraites\".")]
    [InlineData("\"phone\": \"3230\"", "\"phone\": \"32-30\"", "remote \"caf\": the phone \"32-30\" has other characters than digits and spaces.")]
    [InlineData("\"website\": \"https://www.caf.fr\"", "\"website\": \"http://www.caf.fr\"", "remote \"caf\": the website \"http://www.caf.fr\" is not an https address.")]
    [InlineData("\"equipment\": [ \"imprimante\" ]", "\"equipment\": [ ]", "rule \"imprimer\": it must ask for at least one service, way of support, equipment or public.")]
    public void Parse_AnUnknownCodeOrAMistake_FailsLoudlyNamingIt(string original, string broken, string fault)
    {
        var assembly = typeof(ScreeningRules).Assembly;
        using var stream = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith(ScreeningRules.FileName, StringComparison.Ordinal)))!;
        var json = new StreamReader(stream).ReadToEnd();
        json.ShouldContain(original);

        var error = Should.Throw<InvalidDataException>(() => ScreeningRules.Parse(new MemoryStream(Encoding.UTF8.GetBytes(ReplaceFirst(json, original, broken)))));

        error.Message.ShouldContain(fault);
    }

    [Fact]
    public void Pictograms_OfEveryQuestionAndRule_AreDrawnInTheSprite()
    {
        var sprite = XDocument.Load(Path.Combine(SourceFolder(), "wwwroot", "img", "pictos.svg"));
        var ids = sprite.Descendants().Where(e => e.Name.LocalName == "symbol").Select(e => (string)e.Attribute("id")!).ToHashSet();

        ScreeningQuestions.All.SelectMany(q => q.Options).Select(o => o.Pictogram).Where(p => !ids.Contains(p)).ShouldBeEmpty();
        Rules.Rules.Select(r => r.Pictogram).Where(p => !ids.Contains(p)).ShouldBeEmpty();
    }

    [Fact]
    public void Words_OfEveryQuestionAndAnswer_HaveTheirEnglishTranslation()
    {
        var english = XDocument.Load(Path.Combine(SourceFolder(), "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var words = ScreeningQuestions.All.SelectMany(q => new[] { q.TextFr, q.HelpFr }.Concat(q.Options.Select(o => o.LabelFr))).OfType<string>();

        words.Where(w => !english.Contains(w)).ShouldBeEmpty();
    }

    [Fact]
    public void Answers_ExclusiveWithOthersOrUnknown_ReportedOrDropped()
    {
        var answers = ScreeningAnswers.Read(
            key => key switch
            {
                "equipement" => new(["aucun", "smartphone", "fusee"]),
                "connexion" => new(["non", "oui"]),
                _ => default,
            },
            out var conflicts);

        conflicts.Select(q => q.Code).ShouldBe(["equipement"]);
        answers["equipement"].ShouldBe(["smartphone"]);
        answers["connexion"].ShouldBe(["non"], "a single-choice question keeps its first answer");
        answers.QueryString().ShouldBe("equipement=smartphone&connexion=non");
    }

    private static string ReplaceFirst(string text, string original, string replacement)
    {
        var index = text.IndexOf(original, StringComparison.Ordinal);
        return text[..index] + replacement + text[(index + original.Length)..];
    }

    private static string SourceFolder()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Reperes.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Reperes.sln not found."), "src", "Reperes.Web");
    }
}
