using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Hours;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.DigitalScreening;

/// <summary>
/// How many times, on a local day, a questionnaire "Le numérique et moi" ended with an answer (or a help) whose person
/// agreed to be counted. Nothing else: no identifier, no address, no cookie, no time of day. The statistics read
/// <c>screening_counts</c> (day, question, answer, total).
/// </summary>
public sealed class ScreeningCount
{
    /// <summary>The question "questionnaire": one per questionnaire ended ("termine").</summary>
    public const string Completed = "questionnaire";

    /// <summary>The question "aide": the rules that applied, by code.</summary>
    public const string Help = "aide";

    /// <summary>The answer of a question left unanswered.</summary>
    public const string Unanswered = "sans-reponse";

    private ScreeningCount() { }

    public DateOnly Day { get; private set; }
    public string Question { get; private set; } = "";
    public string Answer { get; private set; } = "";
    public int Total { get; private set; }

    /// <summary>The pairs one ended questionnaire adds one to.</summary>
    public static IReadOnlyList<(string Question, string Answer)> PairsOf(ScreeningAnswers answers, IEnumerable<ScreeningRule> helps)
    {
        var pairs = new List<(string, string)> { (Completed, "termine") };
        foreach (var question in ScreeningQuestions.All)
        {
            var given = answers[question.Code];
            pairs.AddRange(given.Count == 0 ? [(question.Code, Unanswered)] : given.Select(a => (question.Code, a)));
        }

        pairs.AddRange(helps.Select(r => (Help, r.Code)));
        return pairs;
    }

    /// <summary>Adds one to each pair of the local day of <paramref name="now"/>, in one transaction (an upsert per pair, safe with concurrent writers).</summary>
    public static async Task RecordAsync(ReperesDbContext db, IReadOnlyList<(string Question, string Answer)> pairs, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = HoursEvaluator.LocalDate(now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (question, answer) in pairs)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO screening_counts (day, question, answer, total) VALUES ({day}, {question}, {answer}, 1)
                ON CONFLICT (day, question, answer) DO UPDATE SET total = screening_counts.total + 1
                """,
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
