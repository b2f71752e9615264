using System.Globalization;
using System.Text;

namespace Reperes.Web.Core.Text;

/// <summary>Text as the guide compares it: what search words, slugs and French alphabetical order are built on.</summary>
public static class TextFolding
{
    /// <summary>Lower case, accents removed, ligatures expanded, anything but letters and digits turned into spaces.</summary>
    public static string Fold(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.EnclosingMark:
                    continue;
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    switch (c)
                    {
                        case 'œ' or 'Œ':
                            builder.Append("oe");
                            break;
                        case 'æ' or 'Æ':
                            builder.Append("ae");
                            break;
                        case 'ß':
                            builder.Append("ss");
                            break;
                        default:
                            builder.Append(char.ToLowerInvariant(c));
                            break;
                    }

                    break;
                default:
                    builder.Append(' ');
                    break;
            }
        }

        return builder.ToString();
    }
}
