using Reperes.Web.OpenData.Imports;

namespace Reperes.Web.Admin;

/// <summary>
/// <c>import FILE [--services FILE] [--format F] [--source NAME] [--online] [--overwrite] [--apply]</c>: a dry run by
/// default (the plan, line by line, nothing written); <c>--apply</c> writes it. Exit code 0 when every line is fine,
/// 3 when some lines are rejected, 1 when the file cannot be read, 2 on a usage error.
/// </summary>
public static class ImportCommand
{
    public const string Help = "import FILE [--services FILE] [--format data-inclusion|mediation-numerique|modele] [--source NAME] [--online] [--overwrite] [--apply]";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        var path = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : null;
        var formatName = Value(args, "--format");
        var format = Importer.ParseFormat(formatName);
        if (path is null || (formatName is not null && format is null))
        {
            await errors.WriteLineAsync($"import: usage: {Help}");
            return 2;
        }

        var servicesPath = Value(args, "--services");
        byte[] file;
        byte[]? servicesFile = null;
        try
        {
            file = await ReadAsync(path);
            if (servicesPath is not null)
            {
                servicesFile = await ReadAsync(servicesPath);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"import: cannot read the file: {e.Message}");
            return 1;
        }

        var options = new ImportOptions(format, Value(args, "--source"), args.Contains("--online"), args.Contains("--overwrite"));
        var apply = args.Contains("--apply");
        var importer = services.GetRequiredService<Importer>();
        ParsedFile parsed;
        try
        {
            parsed = importer.Parse(file, servicesFile, options);
        }
        catch (UnreadableFileException e)
        {
            await errors.WriteLineAsync($"import: unreadable file: {e.Reason.ToFrench()}");
            return 1;
        }

        var plan = apply
            ? await importer.ApplyAsync(parsed, options, new ImportAuthor("import", "commande d’administration"), CancellationToken.None)
            : await importer.PlanAsync(parsed, options, CancellationToken.None);
        await output.WriteLineAsync($"{(apply ? "Import applied" : "Dry run (nothing written; add --apply to write)")}: {Importer.FormatName(plan.Format)}, {plan.Lines.Count} item(s).");
        foreach (var line in plan.Lines)
        {
            await output.WriteLineAsync($"{Where(line)}: {Verb(line.Action, apply)} — {line.Label} [{line.ExternalId}]");
            foreach (var reason in line.Reasons)
            {
                await output.WriteLineAsync($"    refusée : {reason.ToFrench()}");
            }

            foreach (var change in line.Changes)
            {
                await output.WriteLineAsync($"    {change.Field} : {Short(change.Before) ?? "∅"} → {Short(change.After) ?? "∅"}");
            }

            foreach (var kept in line.KeptFields)
            {
                await output.WriteLineAsync($"    {kept} : modifié dans Repères depuis l’import, conservé (--overwrite pour le remplacer)");
            }

            foreach (var warning in line.Warnings)
            {
                await output.WriteLineAsync($"    attention : {warning.ToFrench()}");
            }
        }

        await output.WriteLineAsync($"Totals: {plan.Count(PlanAction.Create)} created, {plan.Count(PlanAction.Update)} updated, {plan.Count(PlanAction.Unchanged)} unchanged, {plan.Count(PlanAction.Rejected)} rejected{(apply ? "" : " (would be)")}.");
        return plan.Count(PlanAction.Rejected) > 0 ? 3 : 0;
    }

    private static string Where(PlanLine line) => line.Part is null ? $"line {line.Line}" : $"{line.Part} line {line.Line}";

    private static string Verb(PlanAction action, bool applied) => (action, applied) switch
    {
        (PlanAction.Create, true) => "created",
        (PlanAction.Create, false) => "create",
        (PlanAction.Update, true) => "updated",
        (PlanAction.Update, false) => "update",
        (PlanAction.Unchanged, _) => "unchanged",
        (PlanAction.Rejected, _) => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    private static string? Short(string? text) => text is null ? null : text.Length <= 100 ? text.ReplaceLineEndings(" ") : text[..99].ReplaceLineEndings(" ") + "…";

    private static async Task<byte[]> ReadAsync(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"{path} does not exist.");
        }

        // Larger files are refused by the importer with its own message; do not read a huge file to find that out.
        return info.Length > ImportFile.MaxBytes ? new byte[ImportFile.MaxBytes + 1] : await File.ReadAllBytesAsync(path);
    }

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
