using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Reperes.Web.Api.Pages;

public sealed record ApiParameter(string Name, string Location, bool Required, string? Description, string Type);

public sealed record ApiOperation(string Method, string Path, string Summary, string? OperationId, IReadOnlyList<ApiParameter> Parameters, IReadOnlyList<string> Responses)
{
    /// <summary>An address to try at once: the operation itself when it needs no identifier.</summary>
    public string? TryUrl => Method == "GET" && !Path.Contains('{', StringComparison.Ordinal) ? Path : null;

    public string Anchor => OperationId ?? Path.Replace('/', '-').Trim('-');
}

/// <summary>The public API, read from the very OpenAPI document the application serves, so the page cannot drift from it.</summary>
public sealed class DocumentationModel : PageModel
{
    public IReadOnlyList<IGrouping<string, ApiOperation>> Groups { get; private set; } = [];

    public string? Description { get; private set; }

    public async Task OnGetAsync()
    {
        var provider = HttpContext.RequestServices.GetRequiredKeyedService<IOpenApiDocumentProvider>(ApiDocument.Name);
        var document = await provider.GetOpenApiDocumentAsync(HttpContext.RequestAborted);
        Description = document.Info?.Description;
        var operations = new List<(string Tag, ApiOperation Operation)>();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var parameters = (operation.Parameters ?? []).Select(p => new ApiParameter(
                    p.Name ?? "",
                    p.In?.ToString().ToLowerInvariant() ?? "",
                    p.Required,
                    p.Description,
                    TypeOf(p.Schema))).ToList();
                var responses = (operation.Responses ?? []).Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
                var tag = operation.Tags?.FirstOrDefault()?.Name ?? "API";
                operations.Add((tag, new ApiOperation(method.Method, path, operation.Summary ?? "", operation.OperationId, parameters, responses)));
            }
        }

        Groups = operations.GroupBy(o => o.Tag, o => o.Operation).ToList();
    }

    private static string TypeOf(IOpenApiSchema? schema)
    {
        if (schema?.Type is not { } type)
        {
            return "string";
        }

        var names = Enum.GetValues<JsonSchemaType>().Where(t => t != JsonSchemaType.Null && type.HasFlag(t)).Select(t => t.ToString().ToLowerInvariant());
        var format = string.IsNullOrEmpty(schema.Format) ? "" : $" ({schema.Format})";
        return string.Join(" | ", names) + format;
    }
}
