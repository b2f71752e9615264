using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Reperes.Web.Tests.Resources;

/// <summary>Every interface string (the French text is the key) has its English translation.</summary>
public sealed partial class TranslationTests
{
    [Fact]
    public void EnglishResources_CoverEveryKeyOfTheSources()
    {
        var root = RepositoryRoot();
        var source = Path.Combine(root, "src", "Reperes.Web");
        var keys = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LocalizerCall().Matches(File.ReadAllText(f)).Select(m => Regex.Unescape(m.Groups["key"].Value)))
            .ToHashSet(StringComparer.Ordinal);
        var translated = XDocument.Load(Path.Combine(source, "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

        keys.Count.ShouldBeGreaterThan(100);
        keys.Where(k => !translated.ContainsKey(k)).ShouldBeEmpty();
        translated.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key).ShouldBeEmpty();
        foreach (var (key, value) in translated)
        {
            Placeholder().Matches(value).Select(m => m.Value).Order().ShouldBe(Placeholder().Matches(key).Select(m => m.Value).Order(), key);
        }
    }

    /// <summary>Every language of the interface has a resource file with every key of the English one, placeholders kept.</summary>
    [Theory]
    [InlineData("ar")]
    [InlineData("fa")]
    [InlineData("ps")]
    [InlineData("uk")]
    [InlineData("ru")]
    [InlineData("es")]
    public void LanguageResources_EveryLanguage_CoverTheEnglishKeysWithTheirPlaceholders(string language)
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "Reperes.Web", "Resources");
        var english = Read(Path.Combine(folder, "SharedResource.en.resx"));
        var translated = Read(Path.Combine(folder, $"SharedResource.{language}.resx"));

        english.Keys.Where(k => !translated.ContainsKey(k)).ShouldBeEmpty();
        translated.Keys.Where(k => !english.ContainsKey(k)).ShouldBeEmpty("a key no English text has is a text no page asks for");
        translated.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key).ShouldBeEmpty();
        foreach (var (key, value) in translated)
        {
            Placeholder().Matches(value).Select(m => m.Value).Order().ShouldBe(Placeholder().Matches(key).Select(m => m.Value).Order(), $"{language}: {key}");
        }

        Reperes.Web.Core.Cultures.Languages.ShouldContain(l => l.Culture.TwoLetterISOLanguageName == language);
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    [Fact]
    public void EnglishResources_KeysDifferingOnlyByCase_AreNotThere()
    {
        // The resource compiler keeps one of two names that differ only by case and warns: one text would then show
        // the other's translation.
        var names = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Reperes.Web", "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!);

        names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Reperes.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Reperes.sln not found above the test assembly.");
    }

    [GeneratedRegex(@"(?:\b(?:L|S|localizer|Localizer|l)\[|ErrorMessage = )""(?<key>(?:[^""\\]|\\.)*)""")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
