using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Accounts;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Accounts;

/// <summary>A production site starts with no account: its coordinator is made from the server, with a password link that works once.</summary>
public sealed class FirstCoordinatorTests
{
    private const string Email = "coordination@ville.example";

    private static Dictionary<string, string> ResetForm(Uri link, string password) => new()
    {
        ["Input.Email"] = Email,
        ["Input.Code"] = System.Web.HttpUtility.ParseQueryString(link.Query)["code"]!,
        ["Input.Password"] = password,
        ["Input.Confirmation"] = password,
    };

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task CreateAsync_EmptySite_TheLinkSetsThePasswordOnceAndTheAccountCoordinates(string engine)
    {
        await using var app = new ReperesApp(engine, demoData: false);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ReperesUser>>();

        var (created, problem) = await FirstCoordinator.CreateAsync(users, Email, "Coordination de la ville", "https://guide.example.org/", app.Clock.GetUtcNow());

        problem.ShouldBeNull();
        created!.AccountExisted.ShouldBeFalse();
        created.Link.ShouldStartWith("https://guide.example.org/reinitialiser-mot-de-passe?email=coordination%40ville.example&code=");
        var link = new Uri(created.Link);
        var client = app.CreateBrowserLikeClient();
        (await client.PostFormAsync(link.PathAndQuery, ResetForm(link, "un mot de passe pour coordonner"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var coordinator = app.CreateBrowserLikeClient();
        (await coordinator.LogInAsync(Email, "un mot de passe pour coordonner")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await coordinator.GetAsync("/mon-espace/coordination/comptes")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var reused = await client.PostFormAsync(link.PathAndQuery, ResetForm(link, "un autre mot de passe choisi"));
        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Run again (the link lost): the same account, still one coordinator, a new link.
        var (again, _) = await FirstCoordinator.CreateAsync(users, Email, null, "https://guide.example.org", app.Clock.GetUtcNow());
        again!.AccountExisted.ShouldBeTrue();
        (await users.GetUsersInRoleAsync(NetworkRoles.Coordinator)).ShouldHaveSingleItem().Email.ShouldBe(Email);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task CreateAsync_NotAnAddress_CreatesNothingAndSaysWhy(string engine)
    {
        await using var app = new ReperesApp(engine, demoData: false);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ReperesUser>>();

        foreach (var wrong in new[] { "coordination", "Jean <jean@ville.example>", "a@b@c" })
        {
            var (created, problem) = await FirstCoordinator.CreateAsync(users, wrong, null, "https://guide.example.org", app.Clock.GetUtcNow());
            created.ShouldBeNull(wrong);
            problem.ShouldBe($"'{wrong}' is not an e-mail address.");
        }

        (await users.GetUsersInRoleAsync(NetworkRoles.Coordinator)).ShouldBeEmpty();
    }
}
