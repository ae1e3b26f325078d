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
                "AdminAuditLog", "AdminCreateToken", "AdminListTokens", "AdminPoison", "AdminQueues", "AdminReconcile",
                "AdminReprocessPoison", "AdminRequeueReports", "AdminRevokeToken",
                "CompileDailySummary", "GetReportStatus", "Health", "ProcessReport", "Reconcile", "ReportSchema", "SubmitReport",
            ],
            triggers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("httpTrigger", "reports", "post"), Http(triggers["SubmitReport"]));
        Assert.Equal(("httpTrigger", "reports/{id}", "get"), Http(triggers["GetReportStatus"]));
        Assert.Equal(("httpTrigger", "health", "get"), Http(triggers["Health"]));
        Assert.Equal(("httpTrigger", "schema/report", "get"), Http(triggers["ReportSchema"]));
        Assert.Equal(("httpTrigger", "admin/poison/reprocess", "post"), Http(triggers["AdminReprocessPoison"]));
        Assert.Equal(("httpTrigger", "admin/tokens/{id}", "delete"), Http(triggers["AdminRevokeToken"]));
        Assert.Equal("queueTrigger", (string)triggers["ProcessReport"]["type"]!);
        Assert.Equal(StorageNames.ProcessingQueue, (string)triggers["ProcessReport"]["queueName"]!);
        Assert.Equal("AzureWebJobsStorage", (string)triggers["ProcessReport"]["connection"]!);
        Assert.Equal(("timerTrigger", "%DigestSchedule%"), ((string)triggers["CompileDailySummary"]["type"]!, (string)triggers["CompileDailySummary"]["schedule"]!));
        Assert.Equal(("timerTrigger", "%ReconcileSchedule%"), ((string)triggers["Reconcile"]["type"]!, (string)triggers["Reconcile"]["schedule"]!));
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
