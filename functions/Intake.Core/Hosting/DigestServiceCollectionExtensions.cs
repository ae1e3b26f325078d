using Intake.Core.Digest;
using Intake.Core.Digest.Alerts;
using Intake.Core.Digest.Delivery;
using Intake.Core.Digest.Flash;
using Intake.Core.Digest.Tally;
using Intake.Core.Http;
using Intake.Core.Taxonomy;

namespace Intake.Core.Hosting;

/// <summary>Registers the daily digest: tally, compiler, archive, delivery and its HTTP edge.</summary>
internal static class DigestServiceCollectionExtensions
{
    /// <summary>Adds the digest's services and options (validated at start).</summary>
    public static IServiceCollection AddIntakeDigest(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DigestOptions>()
            .Bind(configuration.GetSection(DigestOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrEmpty(o.AlertRulesPath) || File.Exists(o.AlertRulesPath), "Digest:AlertRulesPath names a file that does not exist.")
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>()
            .Bind(configuration.GetSection(SmtpOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidation>();

        // The rules file is checked with the options at start-up (unknown field, kind or risk factor: no start).
        services.AddSingleton<IValidateOptions<DigestOptions>, AlertRulesValidation>();
        services.AddSingleton(sp => AlertRules.LoadConfigured(sp.GetRequiredService<IOptions<DigestOptions>>().Value.AlertRulesPath, sp.GetRequiredService<CategoryTaxonomy>()));
        services.AddSingleton<DailyTally>();
        services.AddSingleton<TallySnapshots>();
        services.AddSingleton<DigestCompiler>();
        services.AddSingleton<AlertBacktest>();
        services.AddSingleton<DigestArchive>();
        services.AddSingleton<DigestPublisher>();
        services.AddSingleton<SubscriberStore>();
        services.AddSingleton<DeliveryLedger>();
        services.AddSmtpResilience();
        services.AddSingleton<SmtpTransport>();
        services.AddSingleton<OutboxTransport>();
        services.AddSingleton<IDigestTransport>(sp => sp.GetRequiredService<IOptions<SmtpOptions>>().Value.IsConfigured
            ? sp.GetRequiredService<SmtpTransport>()
            : sp.GetRequiredService<OutboxTransport>());
        services.AddSingleton<DigestDelivery>();
        services.AddSingleton<DailyDigestRun>();

        services.AddOptions<FlashOptions>()
            .Bind(configuration.GetSection(FlashOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.FirstRetryDelay <= o.MaxRetryDelay, "Flash:FirstRetryDelay must not exceed Flash:MaxRetryDelay.")
            .ValidateOnStart();
        services.AddSingleton<FlashWindow>();
        services.AddSingleton<FlashWebhookStore>();
        services.AddSingleton<FlashDeliveryStore>();
        services.AddSingleton<FlashSender>();
        services.AddSingleton<FlashDeliverer>();
        services.AddSingleton<FlashDispatcher>();
        services.AddSingleton<FlashSweep>();
        services.AddSingleton<FlashApi>();
        return services;
    }
}
