using Microsoft.AspNetCore.Authorization;
using Reperes.Web.Publishing.Addresses;
using Reperes.Web.Publishing.Media;
using Reperes.Web.Publishing.Publications;

namespace Reperes.Web.Publishing;

/// <summary>Publishing: publications' rights and workflow, media, and the address picker of the staff's forms.</summary>
public static class PublishingModule
{
    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddScoped<IAuthorizationHandler, PublicationAuthorizationHandler>();
        services.AddScoped<PublicationNotifier>();
        services.AddScoped<PublicationWorkflow>();
        services.AddSingleton<MediaStore>();
        services.AddScoped<MediaQuota>();
        services.AddHttpClient<AddressGeocoder>();
        services.AddScoped<AddressPicker>();
        return services;
    }

    public static IEndpointRouteBuilder MapPublishing(this IEndpointRouteBuilder app)
    {
        app.MapAddressEndpoints();
        app.MapMedia();
        return app;
    }
}
