using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.Orientation.Lists;

/// <summary>A professional's lists through their pages, as a browser posts them.</summary>
public static class ListClients
{
    public const string Professional = "assistante.sociale@cdas.demo.reperes.example";
    public const string Colleague = "educateur@cdas.demo.reperes.example";
    public const string OtherProfessional = "infirmier@equipe-mobile.demo.reperes.example";
    public const string Pending = "benevole@association.demo.reperes.example";
    public const string ManagerA = "gestion.ozanam@demo.reperes.example";
    public const string EditorA = "redaction.ozanam@demo.reperes.example";
    public const string ManagerB = "gestion.restos@demo.reperes.example";
    public const string Ozanam = "halte-accueil-ozanam";
    public const string Restos = "restos-du-coeur-brest";

    public static Task<HttpClient> AsAsync(ReperesApp app, string email) => PublicationWorkflowTests.AsAsync(app, email);

    public static Task<int> IdOfAsync(ReperesApp app, string slug) =>
        app.WithDbAsync(db => db.Structures.Where(s => s.Slug == slug).Select(s => s.Id).SingleAsync());

    public static Task<HttpResponseMessage> CreateAsync(HttpClient client, string name) =>
        client.PostFormAsync("/mon-espace/listes", new() { ["Name"] = name }, "/mon-espace/listes?handler=Create");

    /// <summary>Creates a list and returns its id (from the redirect to its page).</summary>
    public static async Task<int> CreateListAsync(HttpClient client, string name)
    {
        var response = await CreateAsync(client, name);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return ListIdOf(response);
    }

    public static int ListIdOf(HttpResponseMessage response)
    {
        var path = response.Headers.Location!.OriginalString.Split('?')[0];
        return int.Parse(path["/mon-espace/listes/".Length..], CultureInfo.InvariantCulture);
    }

    public static Task<HttpResponseMessage> AddAsync(HttpClient client, string list, int structureId, string back = "/mon-espace/listes") =>
        client.PostFormAsync("/mon-espace/listes", new() { ["id"] = structureId.ToString(CultureInfo.InvariantCulture), ["liste"] = list, ["retour"] = back }, "/mon-espace/listes?handler=Add");

    public static Task<HttpResponseMessage> AddAsync(HttpClient client, int listId, int structureId) =>
        AddAsync(client, listId.ToString(CultureInfo.InvariantCulture), structureId);

    /// <summary>A handler of a list's page (Rename, Note, Remove, Share, Unshare, Delete), with the page's token.</summary>
    public static Task<HttpResponseMessage> ListActionAsync(HttpClient client, int listId, string handler, Dictionary<string, string>? fields = null, string? tokenPage = null) =>
        client.PostFormAsync(tokenPage ?? "/mon-espace/listes", fields ?? [], $"/mon-espace/listes/{listId}?handler={handler}");

    /// <summary>The "add to a list" form of a card or a sheet, submitted with the list chosen (or the only button).</summary>
    public static Task<HttpResponseMessage> SubmitAddFormAsync(HttpClient client, IElement form, int? listId = null) =>
        client.SubmitAsync(form, listId is { } id ? [new("liste", id.ToString(CultureInfo.InvariantCulture))] : null);

    public static IElement? AddForm(IParentNode page, int structureId) =>
        page.QuerySelectorAll("form[action='/mon-espace/listes?handler=Add']")
            .FirstOrDefault(f => f.QuerySelector($"input[name=id][value='{structureId}']") is not null);

    public static List<string> PlaceNames(IDocument listPage) =>
        listPage.QuerySelectorAll(".list-places h3").Select(h => h.TextContent.Trim()).ToList();
}
