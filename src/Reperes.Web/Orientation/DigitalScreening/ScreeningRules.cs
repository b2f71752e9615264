using System.Text.Json;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Orientation.DigitalScreening;

/// <summary>Answers that make a rule apply: every question named has one of the answers listed.</summary>
public sealed class AnswerCase : Dictionary<string, IReadOnlyList<string>>
{
    public AnswerCase()
        : base(StringComparer.Ordinal)
    {
    }

    public bool Holds(ScreeningAnswers answers) => this.All(c => c.Value.Any(a => answers.Has(c.Key, a)));
}

/// <summary>
/// One rule of screening-rules.json: when it applies (<see cref="When"/>, one case is enough, and not
/// <see cref="Unless"/>), what the person reads, and which services fit, by the national standard's codes.
/// </summary>
public sealed record ScreeningRule(
    string Code,
    string Comment,
    IReadOnlyList<AnswerCase> When,
    AnswerCase? Unless,
    LocalizedText Title,
    LocalizedText Explanation,
    string Pictogram,
    IReadOnlyList<string>? Services,
    IReadOnlyList<string>? Support,
    IReadOnlyList<string>? Equipment,
    IReadOnlyList<string>? Publics)
{
    public bool AppliesTo(ScreeningAnswers answers) =>
        When.Any(c => c.Holds(answers)) && (Unless is null || !Unless.Any(c => c.Value.Any(a => answers.Has(c.Key, a))));

    /// <summary>
    /// A service fits when it offers one of <see cref="Services"/>, one of the ways of <see cref="Support"/>, all of
    /// <see cref="Equipment"/> and welcomes one of <see cref="Publics"/> (an empty list asks nothing).
    /// </summary>
    public bool Fits(MediationOffer offer) =>
        (Services is not { Count: > 0 } || Services.Any(offer.Services.Contains))
        && (Support is not { Count: > 0 } || Support.Any(offer.Support.Contains))
        && (Equipment is not { Count: > 0 } || Equipment.All(offer.Equipment.Contains))
        && (Publics is not { Count: > 0 } || Publics.Any(offer.Publics.Contains));
}

/// <summary>A help at a distance: a national phone line or site, always proposed (no <see cref="When"/>) or for some answers.</summary>
public sealed record RemoteHelp(
    string Code,
    string Comment,
    IReadOnlyList<AnswerCase>? When,
    LocalizedText Name,
    LocalizedText Description,
    string? Phone,
    string? Website)
{
    public bool AppliesTo(ScreeningAnswers answers) => When is not { Count: > 0 } || When.Any(c => c.Holds(answers));
}

public sealed record ScreeningRulesFile(IReadOnlyList<ScreeningRule> Rules, IReadOnlyList<RemoteHelp> Remote);

/// <summary>
/// The rules of "Le numérique et moi" (screening-rules.json, embedded, reviewed by the coordination): read and checked
/// once at start-up, so that a rule naming an unknown question, answer or standard code stops the application rather
/// than quietly finding nothing.
/// </summary>
public sealed class ScreeningRules
{
    public const string FileName = "screening-rules.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private ScreeningRules(ScreeningRulesFile file)
    {
        Rules = file.Rules;
        Remote = file.Remote;
    }

    public IReadOnlyList<ScreeningRule> Rules { get; }

    public IReadOnlyList<RemoteHelp> Remote { get; }

    /// <summary>The rules that apply to these answers, in the file's order.</summary>
    public IReadOnlyList<ScreeningRule> For(ScreeningAnswers answers) => Rules.Where(r => r.AppliesTo(answers)).ToList();

    public IReadOnlyList<RemoteHelp> RemoteFor(ScreeningAnswers answers) => Remote.Where(r => r.AppliesTo(answers)).ToList();

    /// <summary>The embedded file, checked (<see cref="InvalidDataException"/> listing every fault).</summary>
    public static ScreeningRules Load()
    {
        var assembly = typeof(ScreeningRules).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".DigitalScreening." + FileName, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)!;
        return Parse(stream);
    }

    public static ScreeningRules Parse(Stream json)
    {
        ScreeningRulesFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ScreeningRulesFile>(json, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{FileName}: {e.Message}", e);
        }

        if (file is null)
        {
            throw new InvalidDataException($"{FileName} is empty.");
        }

        var faults = Check(file);
        if (faults.Count > 0)
        {
            throw new InvalidDataException($"{FileName}:{Environment.NewLine}{string.Join(Environment.NewLine, faults)}");
        }

        return new ScreeningRules(file);
    }

    /// <summary>Every fault of the file: unknown codes, rules that never apply or filter nothing, missing words.</summary>
    public static List<string> Check(ScreeningRulesFile file)
    {
        var faults = new List<string>();
        if (file.Rules is null || file.Remote is null)
        {
            faults.Add("\"rules\" and \"remote\" are required.");
            return faults;
        }

        foreach (var duplicate in file.Rules.GroupBy(r => r.Code).Where(g => g.Count() > 1))
        {
            faults.Add($"rule \"{duplicate.Key}\" appears {duplicate.Count()} times.");
        }

        foreach (var rule in file.Rules)
        {
            var name = $"rule \"{rule.Code}\"";
            if (string.IsNullOrWhiteSpace(rule.Code) || string.IsNullOrWhiteSpace(rule.Comment))
            {
                faults.Add($"{name}: a code and a comment are required.");
            }

            CheckText(faults, name, "title", rule.Title);
            CheckText(faults, name, "explanation", rule.Explanation);
            if (string.IsNullOrWhiteSpace(rule.Pictogram))
            {
                faults.Add($"{name}: a pictogram is required.");
            }

            if (rule.When is not { Count: > 0 })
            {
                faults.Add($"{name}: \"when\" needs at least one case.");
            }
            else
            {
                foreach (var answerCase in rule.When)
                {
                    CheckCase(faults, name, "when", answerCase);
                }
            }

            if (rule.Unless is not null)
            {
                CheckCase(faults, name, "unless", rule.Unless);
            }

            CheckCodes(faults, name, "services", rule.Services, DigitalMediation.Services);
            CheckCodes(faults, name, "support", rule.Support, DigitalMediation.Support);
            CheckCodes(faults, name, "equipment", rule.Equipment, DigitalMediation.Equipment);
            CheckCodes(faults, name, "publics", rule.Publics, DigitalMediation.Publics);
            if (new[] { rule.Services, rule.Support, rule.Equipment, rule.Publics }.All(l => l is not { Count: > 0 }))
            {
                faults.Add($"{name}: it must ask for at least one service, way of support, equipment or public.");
            }
        }

        foreach (var remote in file.Remote)
        {
            var name = $"remote \"{remote.Code}\"";
            if (string.IsNullOrWhiteSpace(remote.Code) || string.IsNullOrWhiteSpace(remote.Comment))
            {
                faults.Add($"{name}: a code and a comment are required.");
            }

            CheckText(faults, name, "name", remote.Name);
            CheckText(faults, name, "description", remote.Description);
            if (string.IsNullOrWhiteSpace(remote.Phone) && string.IsNullOrWhiteSpace(remote.Website))
            {
                faults.Add($"{name}: a phone or a website is required.");
            }

            if (remote.Website is { } site && !(Uri.TryCreate(site, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
            {
                faults.Add($"{name}: the website \"{site}\" is not an https address.");
            }

            if (remote.Phone is { } phone && !phone.All(c => char.IsAsciiDigit(c) || c == ' '))
            {
                faults.Add($"{name}: the phone \"{phone}\" has other characters than digits and spaces.");
            }

            foreach (var answerCase in remote.When ?? [])
            {
                CheckCase(faults, name, "when", answerCase);
            }
        }

        return faults;
    }

    private static void CheckText(List<string> faults, string name, string field, LocalizedText? text)
    {
        if (text is null || string.IsNullOrWhiteSpace(text.Fr) || string.IsNullOrWhiteSpace(text.En))
        {
            faults.Add($"{name}: \"{field}\" needs French and English.");
        }
    }

    private static void CheckCase(List<string> faults, string name, string field, AnswerCase answerCase)
    {
        if (answerCase.Count == 0)
        {
            faults.Add($"{name}: an empty case in \"{field}\".");
        }

        foreach (var (questionCode, answers) in answerCase)
        {
            if (ScreeningQuestions.Find(questionCode) is not { } question)
            {
                faults.Add($"{name}: \"{field}\" names the unknown question \"{questionCode}\".");
                continue;
            }

            if (answers is not { Count: > 0 })
            {
                faults.Add($"{name}: \"{field}\" lists no answer for \"{questionCode}\".");
                continue;
            }

            foreach (var answer in answers.Where(a => question.Option(a) is null))
            {
                faults.Add($"{name}: \"{field}\" names the unknown answer \"{answer}\" of \"{questionCode}\".");
            }
        }
    }

    private static void CheckCodes(List<string> faults, string name, string field, IReadOnlyList<string>? codes, IReadOnlyList<MediationValue> list)
    {
        foreach (var code in (codes ?? []).Where(c => DigitalMediation.Find(list, c) is null))
        {
            faults.Add($"{name}: \"{field}\" names the unknown code \"{code}\".");
        }
    }
}
