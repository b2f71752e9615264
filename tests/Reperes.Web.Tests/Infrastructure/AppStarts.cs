using System.Diagnostics;
using System.Globalization;

namespace Reperes.Web.Tests.Infrastructure;

/// <summary>
/// Counts the applications the suite starts: when REPERES_TEST_APP_LOG names a file, one line per start is appended
/// to it (engine, demo data or empty, how its database was made, start-up time, test class), which
/// bench/test-suite-speed.sh sums up.
/// </summary>
public static class AppStarts
{
    public const string LogVariable = "REPERES_TEST_APP_LOG";

    private static readonly Lock Gate = new();

    public static void Record(ReperesApp app, TimeSpan elapsed)
    {
        if (Environment.GetEnvironmentVariable(LogVariable) is not { Length: > 0 } path)
        {
            return;
        }

        var line = string.Join('\t',
            DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            app.Engine,
            app.DemoData ? "demo" : "empty",
            app.DatabaseOrigin,
            elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture),
            TestClassOnStack() ?? "?");
        lock (Gate)
        {
            File.AppendAllText(path, line + Environment.NewLine);
        }
    }

    /// <summary>The first test class (outside this folder) on the stack: the one that started the application; else the fixture.</summary>
    private static string? TestClassOnStack()
    {
        string? fixture = null;
        foreach (var frame in new StackTrace().GetFrames())
        {
            var type = frame.GetMethod()?.DeclaringType;
            while (type?.DeclaringType is not null && type.Name.StartsWith('<'))
            {
                type = type.DeclaringType; // an async state machine or a lambda's closure: its class
            }

            if (type?.FullName is { } name && name.StartsWith("Reperes.Web.Tests.", StringComparison.Ordinal)
                && !name.StartsWith("Reperes.Web.Tests.Infrastructure.", StringComparison.Ordinal))
            {
                return name["Reperes.Web.Tests.".Length..];
            }

            if (fixture is null && type?.FullName is { } infrastructure && infrastructure.StartsWith("Reperes.Web.Tests.Infrastructure.", StringComparison.Ordinal)
                && type != typeof(AppStarts) && !typeof(ReperesApp).IsAssignableFrom(type))
            {
                fixture = infrastructure["Reperes.Web.Tests.".Length..];
            }
        }

        return fixture;
    }
}
