using System.Diagnostics;

namespace Reperes.Web.Tests.Infrastructure;

/// <summary>
/// Runs one of the tests' Node.js scripts (reference validators installed from npm: ajv, swagger-parser, ical.js,
/// libxml2). Node comes from the PATH: the build already needs it. Exit code 0 means valid, 1 invalid; anything
/// else is a broken tool and fails the test.
/// </summary>
public static class NodeScript
{
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Reperes.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Reperes.sln not found above the test assembly.");
        }
    }

    /// <summary>Runs <paramref name="script"/> (relative to the test project) with the given files' contents written to temporary files.</summary>
    public static Task<string> RunAsync(string script, params string[] fileContents) => RunAsync(script, [], fileContents);

    /// <summary>Runs <paramref name="script"/> with plain arguments first, then the temporary files' paths.</summary>
    public static async Task<string> RunAsync(string script, IReadOnlyList<string> arguments, IReadOnlyList<string> fileContents)
    {
        var files = fileContents.Select(_ => Path.Combine(Path.GetTempPath(), $"reperes-node-{Guid.NewGuid():N}")).ToList();
        try
        {
            for (var i = 0; i < files.Count; i++)
            {
                await File.WriteAllTextAsync(files[i], fileContents[i]);
            }

            var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(RepositoryRoot, "tests", "Reperes.Web.Tests", script));
            foreach (var argument in arguments.Concat(files))
            {
                start.ArgumentList.Add(argument);
            }
            using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
            var output = node.StandardOutput.ReadToEndAsync();
            var error = node.StandardError.ReadToEndAsync();
            await node.WaitForExitAsync();
            if (node.ExitCode is not (0 or 1))
            {
                throw new InvalidOperationException($"{script} failed ({node.ExitCode}): {await error}");
            }

            return await output;
        }
        finally
        {
            files.ForEach(File.Delete);
        }
    }
}
