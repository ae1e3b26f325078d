namespace Intake.Functions;

/// <summary>The OpenRosa API (<see cref="OpenRosaApi"/>), plain and with the submitter token in the path.</summary>
public sealed class OpenRosaFunctions(IServiceProvider services) : ApiFunctions(services)
{
    [Function(nameof(ApiOperations.OpenRosaFormList))]
    public Task<IActionResult> OpenRosaFormList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OpenRosaFormList)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.OpenRosaFormList, request, ct);

    [Function(nameof(ApiOperations.OpenRosaFormDownload))]
    public Task<IActionResult> OpenRosaFormDownload([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OpenRosaForm)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.OpenRosaFormDownload, request, ct);

    [Function(nameof(ApiOperations.OpenRosaSubmissionHead))]
    public Task<IActionResult> OpenRosaSubmissionHead([HttpTrigger(AuthorizationLevel.Anonymous, "head", Route = Routes.OpenRosaSubmission)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.OpenRosaSubmissionHead, request, ct);

    [Function(nameof(ApiOperations.OpenRosaSubmissionGet))]
    public Task<IActionResult> OpenRosaSubmissionGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.OpenRosaSubmission)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.OpenRosaSubmissionGet, request, ct);

    [Function(nameof(ApiOperations.OpenRosaSubmit))]
    public Task<IActionResult> OpenRosaSubmit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.OpenRosaSubmission)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.OpenRosaSubmit, request, ct);

    [Function(nameof(ApiOperations.KeyedOpenRosaFormList))]
    public Task<IActionResult> KeyedOpenRosaFormList([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.KeyedOpenRosaFormList)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.KeyedOpenRosaFormList, request, ct);

    [Function(nameof(ApiOperations.KeyedOpenRosaFormDownload))]
    public Task<IActionResult> KeyedOpenRosaFormDownload([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.KeyedOpenRosaForm)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.KeyedOpenRosaFormDownload, request, ct);

    [Function(nameof(ApiOperations.KeyedOpenRosaSubmissionHead))]
    public Task<IActionResult> KeyedOpenRosaSubmissionHead([HttpTrigger(AuthorizationLevel.Anonymous, "head", Route = Routes.KeyedOpenRosaSubmission)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.KeyedOpenRosaSubmissionHead, request, ct);

    [Function(nameof(ApiOperations.KeyedOpenRosaSubmissionGet))]
    public Task<IActionResult> KeyedOpenRosaSubmissionGet([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = Routes.KeyedOpenRosaSubmission)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.KeyedOpenRosaSubmissionGet, request, ct);

    [Function(nameof(ApiOperations.KeyedOpenRosaSubmit))]
    public Task<IActionResult> KeyedOpenRosaSubmit([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = Routes.KeyedOpenRosaSubmission)] HttpRequest request, CancellationToken ct) => RunAsync(ApiOperations.KeyedOpenRosaSubmit, request, ct);
}
