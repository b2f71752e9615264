using System.Text;
using Reperes.Web.Core.Text;

namespace Reperes.Web.Core.Usage;

/// <summary>
/// The words of a search as the statistics keep them: folded, lower case, at most five words, and without anything
/// that could name or reach a person (words with digits or @: phone numbers, addresses, e-mails, dates of birth).
/// </summary>
public static class UsageWords
{
    private const int MaxWords = 5;

    public static string Clean(string words)
    {
        var kept = new StringBuilder();
        var count = 0;
        foreach (var word in TextFolding.Fold(words).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Any(c => char.IsDigit(c) || c == '@') || word.Length > 30)
            {
                continue;
            }

            if (count++ == MaxWords)
            {
                break;
            }

            kept.Append(kept.Length == 0 ? "" : " ").Append(word);
        }

        return kept.ToString();
    }
}
