namespace Reperes.Web.Translations;

/// <summary>Translations: the pages where translators and managers write the content's translations.</summary>
public static class TranslationsModule
{
    public static IServiceCollection AddTranslations(this IServiceCollection services)
    {
        services.AddScoped<TranslationDesk>();
        return services;
    }
}
