using Reperes.Web;
using Reperes.Web.Admin;

var app = ReperesApplication.Build(args);
if (AdminCommands.Handles(args))
{
    return await AdminCommands.RunAsync(app, args);
}

await ReperesApplication.InitializeAsync(app);
await app.RunAsync();
return 0;

/// <summary>Entry point, public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
