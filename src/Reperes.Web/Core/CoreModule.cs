using Microsoft.AspNetCore.Authorization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Mail;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Translations;
using Reperes.Web.Core.Usage;

namespace Reperes.Web.Core;

/// <summary>The core's services, which every feature may use.</summary>
public static class CoreModule
{
    public static IServiceCollection AddCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IMailer, Mailer>();

        // Links sent away are never built from the request's Host: without a public address, the listening one.
        services.PostConfigure<ReperesOptions>(options => options.UseListeningAddress(configuration["urls"]));
        services.AddSingleton<MailQueue>();
        services.AddHostedService<MailQueueSender>();
        services.AddSingleton<GuideCatalog>();
        services.AddSingleton<NoticeBoard>();

        // What the public guide shows changed (on this instance or another): the caches built from it read again.
        services.AddSingleton<Changes.PublicChanges>();
        services.AddHostedService(provider => provider.GetRequiredService<Changes.PublicChanges>());
        services.AddScoped<IStructureIndex, Changes.PublicChangeIndex>();
        services.AddSingleton<HoursEvaluator>();
        services.AddSingleton<OpenStates>();
        services.AddSingleton<HoursSummaries>();
        services.AddScoped<ReferenceData>();
        services.AddScoped<TaxonomyWriter>();
        services.AddScoped<PublicationFeed>();
        services.AddScoped<StructureWriter>();
        services.AddScoped<IAuthorizationHandler, StructureAuthorizationHandler>();

        // Content translations: they follow the French through the structures' write path; machine drafts when configured.
        services.AddScoped<IStructureIndex, TranslationFreshness>();
        services.AddScoped<IAuthorizationHandler, StructureTranslationHandler>();
        services.AddScoped<IAuthorizationHandler, PublicationTranslationHandler>();
        services.AddHttpClient<MachineTranslator>();

        // Read-aloud: server audio when espeak-ng is installed (the browser's own voices first, see read-aloud.js).
        services.Configure<Reading.SpeechOptions>(configuration.GetSection(Reading.SpeechOptions.Section));
        services.AddSingleton<Reading.SpeechAudio>();

        // Anonymous counting: queued in memory, written in batches, folded into months after the retention period.
        services.Configure<UsageOptions>(configuration.GetSection(UsageOptions.Section));
        services.AddSingleton<UsageCounter>();
        services.AddSingleton<UsageWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<UsageWriter>());
        services.AddSingleton<UsageRetention>();
        services.AddHostedService(provider => provider.GetRequiredService<UsageRetention>());
        return services;
    }
}
