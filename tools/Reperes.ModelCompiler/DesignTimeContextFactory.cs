using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Reperes.Web.Data;

namespace Reperes.ModelCompiler;

/// <summary>
/// The context `dotnet ef dbcontext optimize` compiles, for the engine named after `--` (sqlite or postgresql): each
/// engine has its own model (type mappings, the instants' conversion). No connection is opened.
/// </summary>
public sealed class DesignTimeContextFactory : IDesignTimeDbContextFactory<ReperesDbContext>
{
    public ReperesDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ReperesDbContext>();
        var engine = args.Length > 0 ? args[0] : "";
        switch (engine.ToLowerInvariant())
        {
            case "sqlite":
                builder.UseSqlite("Data Source=:memory:");
                break;
            case "postgresql":
                builder.UseNpgsql("Host=localhost");
                break;
            default:
                throw new ArgumentException($"Name the engine after --: sqlite or postgresql (was \"{engine}\").");
        }

        return new ReperesDbContext(builder.Options);
    }
}
