using Reperes.Web;
using Reperes.Web.Admin;
using Reperes.Web.Core;

WebApplication app;
try
{
    app = ReperesApplication.Build(args);
}
catch (StartupRefusedException refused)
{
    await Console.Error.WriteLineAsync(refused.Message);
    return 1;
}

if (AdminCommands.Handles(args))
{
    return await AdminCommands.RunAsync(app, args);
}

await ReperesApplication.InitializeAsync(app);
await app.RunAsync();
return 0;

/// <summary>Entry point, public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
