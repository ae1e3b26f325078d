using Intake.Core.Configuration;
using Intake.Core.OpenRosa;

namespace Intake.SelfHost;

/// <summary>The OpenRosa routes, plain and with a path token, as the Functions app's HTTP triggers declare them.</summary>
public static class OpenRosaEndpoints
{
    /// <summary>Maps the OpenRosa routes under <c>/api</c>.</summary>
    public static IEndpointRouteBuilder MapOpenRosaApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        Map(api, Routes.OpenRosaFormList, Routes.OpenRosaForm, Routes.OpenRosaSubmission, "");
        // The token route value is the submitter credential; the access layer reads it, the handlers do not.
        Map(api, Routes.KeyedOpenRosaFormList, Routes.KeyedOpenRosaForm, Routes.KeyedOpenRosaSubmission, "Keyed");
        return endpoints;
    }

    private static void Map(RouteGroupBuilder api, string formList, string form, string submission, string prefix)
    {
        api.MapGet(formList, (HttpRequest request, OpenRosaApi openRosa) => openRosa.FormList(request))
            .WithName(prefix + "OpenRosaFormList");
        api.MapGet(form, (string formId, OpenRosaApi openRosa) => openRosa.FormDownload(formId))
            .WithName(prefix + "OpenRosaFormDownload");
        api.MapMethods(submission, [HttpMethods.Head], (OpenRosaApi openRosa) => openRosa.SubmissionInfo())
            .WithName(prefix + "OpenRosaSubmissionHead");
        api.MapGet(submission, (OpenRosaApi openRosa) => openRosa.SubmissionInfo())
            .WithName(prefix + "OpenRosaSubmissionGet");
        api.MapPost(submission, (HttpRequest request, OpenRosaApi openRosa, CancellationToken ct) => openRosa.SubmitAsync(request, ct))
            .WithName(prefix + "OpenRosaSubmit");
    }
}
