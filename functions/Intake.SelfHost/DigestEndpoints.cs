using Intake.Core.Configuration;
using Intake.Core.Http;

namespace Intake.SelfHost;

/// <summary>The digest routes, as the Functions app's HTTP triggers declare them (endpoint name = function name).</summary>
public static class DigestEndpoints
{
    /// <summary>Maps the digest and subscriber routes under <c>/api</c>.</summary>
    public static IEndpointRouteBuilder MapDigestApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        api.MapGet(Routes.Digest, (string date, string? format, DigestApi digests, CancellationToken ct) => digests.GetAsync(date, format, ct))
            .WithName("GetDigest");
        api.MapGet(Routes.LatestDigest, (string? format, DigestApi digests, CancellationToken ct) => digests.GetLatestAsync(format, ct))
            .WithName("GetLatestDigest");
        api.MapGet(Routes.Subscribers, (DigestApi digests, CancellationToken ct) => digests.ListSubscribersAsync(ct))
            .WithName("ListSubscribers");
        api.MapPost(Routes.Subscribers, (HttpRequest request, DigestApi digests, CancellationToken ct) => digests.AddSubscriberAsync(request, ct))
            .WithName("AddSubscriber");
        api.MapDelete(Routes.Subscriber, (string id, DigestApi digests, CancellationToken ct) => digests.RemoveSubscriberAsync(id, ct))
            .WithName("RemoveSubscriber");
        api.MapPost(Routes.CompileDigest, (string date, DigestApi digests, CancellationToken ct) => digests.CompileAsync(date, ct))
            .WithName("CompileDigest");
        api.MapPost(Routes.SendDigest, (string date, string? force, string? subscriber, DigestApi digests, CancellationToken ct) => digests.SendAsync(date, force, subscriber, ct))
            .WithName("SendDigest");
        return endpoints;
    }
}
