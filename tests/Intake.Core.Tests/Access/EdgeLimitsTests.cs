using System.Globalization;
using System.Net;
using Intake.Core.Access;
using Intake.Core.Configuration;
using Intake.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Intake.Core.Tests.Access;

/// <summary>Which requests the edge limits count, and under which key (end to end: <c>EdgeLimitTests</c>).</summary>
public sealed class EdgeLimitsTests
{
    private static EdgeLimits Limits(int perToken = 100, int perAddress = 100, int failures = 3, int hops = 0) => new(
        Options.Create(new LimitOptions
        {
            SubmissionsPerTokenPerMinute = perToken,
            SubmissionsPerAddressPerMinute = perAddress,
            FailedCredentialsPerAddressPerMinute = failures,
            ForwardedForHops = hops,
        }),
        NullLogger<EdgeLimits>.Instance);

    private static DefaultHttpContext Request(string address, Caller? caller = null, string? forwardedFor = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        caller?.AttachTo(context);
        return context;
    }

    private static Caller Token(string id, CallerKind kind = CallerKind.Submitter) => new(id, kind, id);

    [Fact]
    public void AdmitSubmission_ManyTokensFromOneAddress_TheAddressLimitHoldsWhateverTheToken()
    {
        using var limits = Limits(perToken: 100, perAddress: 4);

        var answers = Enumerable.Range(0, 6).Select(i => limits.AdmitSubmission(Request("192.0.2.10", Token($"t{i}")), ApiOperations.SubmitReport)).ToList();

        Assert.Equal([null, null, null, null], answers.Take(4));
        Assert.All(answers.Skip(4), a => Assert.Equal(429, a!.StatusCode));
        Assert.Null(limits.AdmitSubmission(Request("192.0.2.11", Token("t9")), ApiOperations.SubmitReport));
    }

    [Fact]
    public void AdmitSubmission_AnyNonAdminTokenKind_IsLimitedPerToken()
    {
        using var limits = Limits(perToken: 1);

        // A partner (or any later kind, such as a web form's campaign token) posting to a non-admin route is counted like a submitter.
        Assert.Null(limits.AdmitSubmission(Request("192.0.2.20", Token("p", CallerKind.Partner)), ApiOperations.SubmitReport));
        Assert.Equal(429, limits.AdmitSubmission(Request("192.0.2.21", Token("p", CallerKind.Partner)), ApiOperations.SubmitReport)!.StatusCode);
    }

    [Fact]
    public void AdmitSubmission_ReadsAndAdmins_AreNotCounted()
    {
        using var limits = Limits(perToken: 1, perAddress: 1);

        for (var i = 0; i < 5; i++)
        {
            Assert.Null(limits.AdmitSubmission(Request("192.0.2.30", Token("s")), ApiOperations.GetReportStatus));
            Assert.Null(limits.AdmitSubmission(Request("192.0.2.30", Token("a", CallerKind.Admin)), ApiOperations.SubmitReport));
        }

        Assert.Null(limits.AdmitSubmission(Request("192.0.2.30", Token("s")), ApiOperations.SubmitReport));
    }

    [Fact]
    public void AdmitSubmission_OpenRosaRoute_RefusesInOpenRosaXmlWithRetryAfter()
    {
        using var limits = Limits(perToken: 1);
        limits.AdmitSubmission(Request("192.0.2.40", Token("c")), ApiOperations.OpenRosaSubmit);

        var answer = limits.AdmitSubmission(Request("192.0.2.40", Token("c")), ApiOperations.OpenRosaSubmit)!;

        Assert.Equal(429, answer.StatusCode);
        Assert.True(int.Parse(answer.Headers["Retry-After"], CultureInfo.InvariantCulture) >= 1);
        Assert.Equal("1.0", answer.Headers[OpenRosaApi.VersionHeader]);
    }

    [Fact]
    public void RefuseFailingAddress_AfterTheFailureBudget_RefusesCredentialedRoutesOnlyFromThatAddress()
    {
        using var limits = Limits(failures: 2);
        limits.CountFailedCredential(Request("192.0.2.50"));
        Assert.Null(limits.RefuseFailingAddress(Request("192.0.2.50"), ApiOperations.SubmitReport));
        limits.CountFailedCredential(Request("192.0.2.50"));

        Assert.Equal(429, limits.RefuseFailingAddress(Request("192.0.2.50"), ApiOperations.SubmitReport)!.StatusCode);
        Assert.Equal(429, limits.RefuseFailingAddress(Request("192.0.2.50"), null)!.StatusCode);
        Assert.Null(limits.RefuseFailingAddress(Request("192.0.2.50"), ApiOperations.Health));
        Assert.Null(limits.RefuseFailingAddress(Request("192.0.2.51"), ApiOperations.SubmitReport));
    }

    [Fact]
    public void ClientAddress_IPv6_CountsByItsSlash64()
    {
        using var limits = Limits(failures: 1);
        limits.CountFailedCredential(Request("2001:db8:1:2::1"));

        Assert.NotNull(limits.RefuseFailingAddress(Request("2001:db8:1:2:ffff::9"), ApiOperations.SubmitReport));
        Assert.Null(limits.RefuseFailingAddress(Request("2001:db8:1:3::1"), ApiOperations.SubmitReport));
    }

    [Fact]
    public void ClientAddress_BehindOneProxy_IsTheRightmostForwardedEntryNotTheClientsClaim()
    {
        Assert.Equal("198.51.100.1", ClientAddress.Of(Request("10.0.0.1", forwardedFor: "192.0.2.99, 198.51.100.1"), 1));
        Assert.Equal("198.51.100.1", ClientAddress.Of(Request("10.0.0.1", forwardedFor: "198.51.100.1:51234"), 1));
        Assert.Equal("10.0.0.1", ClientAddress.Of(Request("10.0.0.1", forwardedFor: "198.51.100.1"), 0));
        Assert.Equal("10.0.0.1", ClientAddress.Of(Request("10.0.0.1"), 1));
    }
}
