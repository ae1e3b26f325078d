using Intake.Core.Configuration;

namespace Intake.Functions.Tests;

public sealed class FunctionsMetadataTests
{
    [Fact]
    public void Metadata_ListsEveryFunctionWithItsTrigger()
    {
        var triggers = FunctionsMetadata.Triggers();

        Assert.Equal(
            [
                "AddFlashWebhook", "AddSubscriber", "AdminAddPlaceAlias", "AdminAuditLog", "AdminCloseCampaign", "AdminCreateCampaign",
                "AdminCreateToken", "AdminEncryptedSubmission", "AdminIncidents", "AdminListCampaigns", "AdminListPlaceAliases", "AdminListReports",
                "AdminListTokens", "AdminPoison", "AdminQueues", "AdminReconcile", "AdminRemovePlaceAlias", "AdminReportAttachment",
                "AdminReprocessPoison", "AdminRequeueReports", "AdminRevokeToken", "AdminUnresolvedPlaces", "AlertsBacktest", "CompileDigest",
                "Console", "ConsoleSettings", "DailyDigest", "DeliverFlash", "ExportReports", "FlashSweep", "GetCampaign", "GetDigest", "GetLatestDigest",
                "GetReportStatus", "Health", "KeyedOpenRosaFormDownload", "KeyedOpenRosaFormList", "KeyedOpenRosaSubmissionGet",
                "KeyedOpenRosaSubmissionHead", "KeyedOpenRosaSubmit", "ListDigestDays", "ListFlashDeliveries", "ListFlashWebhooks", "ListSubscribers", "ODataMetadata",
                "ODataReports", "ODataService", "OpenApi", "OpenRosaFormDownload", "OpenRosaFormList", "OpenRosaSubmissionGet",
                "OpenRosaSubmissionHead", "OpenRosaSubmit", "ProcessReport", "Reconcile", "RedeliverFlash", "RemoveFlashWebhook", "RemoveSubscriber",
                "ReportSchema", "SendDigest", "SubmitCampaignReport", "SubmitReport", "WebForm",
            ],
            triggers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("httpTrigger", "reports", "post"), Http(triggers["SubmitReport"]));
        Assert.Equal(("httpTrigger", "reports/{id}", "get"), Http(triggers["GetReportStatus"]));
        Assert.Equal(("httpTrigger", "health", "get"), Http(triggers["Health"]));
        Assert.Equal(("httpTrigger", "schema/report", "get"), Http(triggers["ReportSchema"]));
        Assert.Equal(("httpTrigger", "openapi.json", "get"), Http(triggers["OpenApi"]));
        Assert.Equal(("httpTrigger", "console/{*path}", "get"), Http(triggers["Console"]));
        Assert.Equal(("httpTrigger", "console/settings.json", "get"), Http(triggers["ConsoleSettings"]));
        Assert.Equal(("httpTrigger", "r/{campaign}/{*path}", "get"), Http(triggers["WebForm"]));
        Assert.Equal(("httpTrigger", "campaign/reports", "post"), Http(triggers["SubmitCampaignReport"]));
        Assert.Equal(("httpTrigger", "admin/campaigns/{id}/close", "post"), Http(triggers["AdminCloseCampaign"]));
        Assert.Equal(("httpTrigger", "openrosa/formList", "get"), Http(triggers["OpenRosaFormList"]));
        Assert.Equal(("httpTrigger", "openrosa/forms/{formId}", "get"), Http(triggers["OpenRosaFormDownload"]));
        Assert.Equal(("httpTrigger", "openrosa/submission", "head"), Http(triggers["OpenRosaSubmissionHead"]));
        Assert.Equal(("httpTrigger", "openrosa/submission", "get"), Http(triggers["OpenRosaSubmissionGet"]));
        Assert.Equal(("httpTrigger", "openrosa/submission", "post"), Http(triggers["OpenRosaSubmit"]));
        Assert.Equal(("httpTrigger", "key/{token}/openrosa/submission", "post"), Http(triggers["KeyedOpenRosaSubmit"]));
        Assert.Equal(("httpTrigger", "admin/poison/reprocess", "post"), Http(triggers["AdminReprocessPoison"]));
        Assert.Equal(("httpTrigger", "admin/tokens/{id}", "delete"), Http(triggers["AdminRevokeToken"]));
        Assert.Equal(("httpTrigger", "admin/reports", "get"), Http(triggers["AdminListReports"]));
        Assert.Equal(("httpTrigger", "admin/places/unresolved", "get"), Http(triggers["AdminUnresolvedPlaces"]));
        Assert.Equal(("httpTrigger", "admin/places/aliases", "post"), Http(triggers["AdminAddPlaceAlias"]));
        Assert.Equal(("httpTrigger", "admin/places/aliases/{country}/{name}", "delete"), Http(triggers["AdminRemovePlaceAlias"]));
        Assert.Equal(("httpTrigger", "admin/exports/reports", "get"), Http(triggers["ExportReports"]));
        Assert.Equal(("httpTrigger", "admin/odata/$metadata", "get"), Http(triggers["ODataMetadata"]));
        Assert.Equal(("httpTrigger", "admin/reports/{id}/attachments/{sha256}", "get"), Http(triggers["AdminReportAttachment"]));
        Assert.Equal(("httpTrigger", "admin/reports/{id}/encrypted", "get"), Http(triggers["AdminEncryptedSubmission"]));
        Assert.Equal("queueTrigger", (string)triggers["ProcessReport"]["type"]!);
        Assert.Equal(StorageNames.ProcessingQueue, (string)triggers["ProcessReport"]["queueName"]!);
        Assert.Equal("AzureWebJobsStorage", (string)triggers["ProcessReport"]["connection"]!);
        Assert.Equal(("httpTrigger", "digests/{date}", "get"), Http(triggers["GetDigest"]));
        Assert.Equal(("httpTrigger", "digests/latest", "get"), Http(triggers["GetLatestDigest"]));
        Assert.Equal(("httpTrigger", "admin/subscribers", "get"), Http(triggers["ListSubscribers"]));
        Assert.Equal(("httpTrigger", "admin/subscribers", "post"), Http(triggers["AddSubscriber"]));
        Assert.Equal(("httpTrigger", "admin/subscribers/{id}", "delete"), Http(triggers["RemoveSubscriber"]));
        Assert.Equal(("httpTrigger", "admin/digests/{date}/compile", "post"), Http(triggers["CompileDigest"]));
        Assert.Equal(("httpTrigger", "admin/digests/{date}/send", "post"), Http(triggers["SendDigest"]));
        Assert.Equal(("timerTrigger", "%DigestSchedule%"), ((string)triggers["DailyDigest"]["type"]!, (string)triggers["DailyDigest"]["schedule"]!));
        Assert.Equal(("timerTrigger", "%ReconcileSchedule%"), ((string)triggers["Reconcile"]["type"]!, (string)triggers["Reconcile"]["schedule"]!));
        Assert.Equal(("timerTrigger", "%FlashSweepSchedule%"), ((string)triggers["FlashSweep"]["type"]!, (string)triggers["FlashSweep"]["schedule"]!));
    }

    [Fact]
    public void HostJson_QueueSettings_MakeTheFifthFailurePoison()
    {
        var hostJson = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Intake.Testing.RepositoryLayout.PathOf("functions", "Intake.Functions", "host.json")))!;

        Assert.Equal(StorageNames.MaxDequeueCount, (int)hostJson["extensions"]!["queues"]!["maxDequeueCount"]!);
    }

    private static (string Type, string Route, string Method) Http(System.Text.Json.Nodes.JsonObject trigger) =>
        ((string)trigger["type"]!, (string)trigger["route"]!, (string)trigger["methods"]!.AsArray().Single()!);
}
