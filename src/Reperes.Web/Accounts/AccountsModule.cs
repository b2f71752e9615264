using Microsoft.AspNetCore.Identity;
using Reperes.Web.Accounts.Throttling;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Accounts;

/// <summary>Accounts: Identity (passwords, lockout, session cookie, tokens) and the security e-mails.</summary>
public static class AccountsModule
{
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        // Wrong passwords and reset messages counted per e-mail and per client address, in the database (every instance).
        services.AddOptions<AccountThrottleOptions>().BindConfiguration(AccountThrottleOptions.Section);
        services.AddScoped<AccountThrottle>();
        services.AddSingleton<ThrottleSweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<ThrottleSweeper>());
        services.AddScoped<PasswordLogin>();

        services.AddIdentity<ReperesUser, IdentityRole>(o =>
            {
                // Long passwords rather than composition rules (ANSSI, NIST); lockout against guessing.
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                // Counts the wrong authenticator codes; wrong passwords are counted by PasswordLogin's throttle.
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<ReperesDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ReperesClaimsPrincipalFactory>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/connexion";
            o.LogoutPath = "/deconnexion";
            o.AccessDeniedPath = "/acces-refuse";
            o.Cookie.Name = "reperes.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            o.SlidingExpiration = true;

            // A refusal is a 403 on the address asked for (shown as "Accès refusé" by the status pages), not a
            // redirect: a refused form never looks like a success, and tools see the refusal for what it is.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        // Roles given or removed and accounts locked by the coordination reach open sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));
        services.AddScoped<SecurityNotifier>();
        return services;
    }
}
