using Intake.Core.Access;
using Intake.Core.Admin;
using Intake.Core.Campaigns;
using Intake.Core.Configuration;
using Intake.Core.Digest;
using Intake.Core.Exports;
using Intake.Core.Health;
using Intake.Core.Http;
using Intake.Core.OpenRosa;
using Intake.Core.OpenRosa.Encryption;
using Intake.Core.Places;
using Intake.Core.Processing;
using Intake.Core.Reconciliation;
using Intake.Core.Reports;
using Intake.Core.Storage;
using Intake.Core.Submissions;
using Intake.Core.Taxonomy;
using Intake.Core.WebConsole;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Intake.Core.Hosting;

/// <summary>Registers the pipeline; both hosts call this and nothing else of Core's wiring.</summary>
public static class IntakeServiceCollectionExtensions
{
    /// <summary>Adds the pipeline's services, options (validated at start) and start-up work.</summary>
    public static IServiceCollection AddIntakeCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IntakeOptions>()
            .Bind(configuration.GetSection(IntakeOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.HeldCategorySet.All(c => CategoryTaxonomy.LoadEmbedded().Find(c) is not null), "Intake:HeldCategories names an unknown category code.")
            .Validate(o => o.RedriveProblem() is null, "Intake:RedriveAfter must be shorter than Intake:ReconcileLookback: the reconciler re-drives only rows within the look-back.")
            .ValidateOnStart();
        services.AddOptions<OpenRosaOptions>()
            .Bind(configuration.GetSection(OpenRosaOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => o.MaxAttachmentBytes <= o.MaxRequestBytes && o.MaxXmlBytes <= o.MaxRequestBytes, "Intake:OpenRosa: each part limit must fit in MaxRequestBytes.")
            .ValidateOnStart();
        services.AddOptions<EncryptionOptions>()
            .Bind(configuration.GetSection(EncryptionOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EncryptionOptions>, EncryptionOptionsValidator>();
        services.AddOptions<WebFormOptions>()
            .Bind(configuration.GetSection(WebFormOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        var azureAd = configuration.GetSection(EntraAdminSettings.Section);
        services.AddOptions<ConsoleOptions>()
            .Bind(configuration.GetSection(ConsoleOptions.Section))
            .PostConfigure(o => o.FillFrom(azureAd))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsoleOptions>>(new ConsoleOptionsValidation(azureAd));
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(_ => StorageAccount.FromConfiguration(configuration));
        // StorageClientTransport: none registered by the hosts; fault tests add an injecting one.
        services.AddSingleton(sp => sp.GetRequiredService<StorageAccount>().CreateBlobServiceClient(sp.GetService<StorageClientTransport>()));
        services.AddSingleton(sp => sp.GetRequiredService<StorageAccount>().CreateQueueServiceClient(sp.GetService<StorageClientTransport>()));
        services.AddSingleton(sp => sp.GetRequiredService<StorageAccount>().CreateTableServiceClient(sp.GetService<StorageClientTransport>()));
        services.AddStorageResilience();

        services.AddSingleton(_ => CategoryTaxonomy.LoadEmbedded());
        services.AddSingleton(sp => new ReportValidator(sp.GetRequiredService<CategoryTaxonomy>(), sp.GetRequiredService<TimeProvider>())
        {
            ClockSkew = sp.GetRequiredService<IOptions<IntakeOptions>>().Value.ClockSkew,
        });
        services.AddSingleton<ReportClassifier>();
        services.AddSingleton(_ => Gazetteer.Embedded());
        services.AddSingleton<PlaceAliasStore>();
        services.AddSingleton<CachedPlaceAliases>();
        services.TryAddSingleton<IPlaceAliasSource>(sp => sp.GetRequiredService<CachedPlaceAliases>());
        services.AddHostedService<PlaceAliasRefresher>();
        services.AddSingleton<PlaceResolver>();
        services.AddSingleton<RawSubmissionStore>();
        services.AddSingleton<ReportIndex>();
        services.AddSingleton<ReceivedRows>();
        services.AddSingleton<ProcessingQueue>();
        services.AddSingleton<ProcessingBatcher>();
        services.AddSingleton<StorageProvisioner>();
        services.AddSingleton<SubmissionReceipt>();
        services.AddSingleton<ReportIntake>();
        services.AddSingleton<ReportProcessor>();
        services.AddSingleton<ProcessedReportWriter>();
        services.AddSingleton<ReportBatchProcessor>();
        services.AddSingleton<Reconciler>();
        services.AddIntakeDigest(configuration);
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<ReportSchemaDocument>();
        services.AddSingleton<OpenApiDocument>();
        services.AddSingleton<FormEncryption>();
        services.AddSingleton<EncryptedSubmissionReader>();
        services.AddSingleton(sp => sp.GetRequiredService<FormEncryption>().Apply(FormCatalog.LoadEmbedded()));
        services.AddSingleton<IncidentFormMapping>();
        services.AddSingleton<StoredReportReader>();
        services.AddSingleton<AttachmentStore>();
        services.AddSingleton<AttachmentIntake>();
        services.AddSingleton<OpenRosaIntake>();
        services.AddIntakeAccess(configuration);
        services.AddIntakeAdmin();

        // The HTTP edge: one API class per group of ApiOperations, and the steps around each.
        services.AddSingleton<ReportsApi>();
        services.AddSingleton<HealthApi>();
        services.AddSingleton<OpenRosaApi>();
        services.AddSingleton<DigestApi>();
        services.AddSingleton<AlertsApi>();
        services.AddSingleton<AdminApi>();
        services.AddSingleton<PlacesApi>();
        services.AddSingleton(_ => ConsoleFiles.LoadEmbedded());
        services.AddSingleton<IncidentMap>();
        services.AddSingleton<ConsoleApi>();
        services.AddSingleton(sp => WebFormFiles.LoadEmbedded(sp.GetRequiredService<IOptions<WebFormOptions>>().Value.Title));
        services.AddSingleton<CampaignQuota>();
        services.AddSingleton<WebFormIntake>();
        services.AddSingleton<WebFormApi>();
        services.AddSingleton<CampaignsApi>();
        services.AddSingleton<ReportExportSource>();
        services.AddSingleton<ReportExport>();
        services.AddSingleton<ExportApi>();
        services.AddSingleton<EncryptedSubmissionsApi>();
        services.AddSingleton<ApiFailures>();
        services.AddSingleton<ApiEdge>();
        services.AddHostedService<StorageStartup>();
        return services;
    }
}
