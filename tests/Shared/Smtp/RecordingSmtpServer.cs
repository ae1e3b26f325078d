using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Intake.Testing.Smtp;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port, inside the test run. It
/// keeps every message it accepts and can refuse the next messages with a transient 452 reply.
/// </summary>
public sealed class RecordingSmtpServer : IAsyncDisposable
{
    private readonly Store _store = new();
    private readonly ConcurrentQueue<(string User, bool Encrypted)> _logins = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private RecordingSmtpServer(int port, X509Certificate2? certificate, (string User, string Password)? login)
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e =>
            {
                e.Endpoint(new IPEndPoint(IPAddress.Loopback, port));
                if (certificate is not null)
                {
                    // Offers STARTTLS, and AUTH only once the connection is encrypted.
                    e.Certificate(certificate).AllowUnsecureAuthentication(false);
                }

                if (login is not null)
                {
                    // Without a certificate it takes the login in clear, as a relay behind a
                    // STARTTLS-stripping attacker would.
                    e.AuthenticationRequired(true).AllowUnsecureAuthentication(certificate is null);
                }
            })
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        // Port 0 lets the kernel choose; the listener reports the port it bound once it listens.
        var bound = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new SmtpServer.Net.EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => bound.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        services.Add(listeners);
        if (login is { } expected)
        {
            services.Add(new DelegatingUserAuthenticator((context, user, password) =>
            {
                _logins.Enqueue((user, context.Pipe?.IsSecure == true));
                return user == expected.User && password == expected.Password;
            }));
        }

        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        if (Task.WhenAny(bound.Task, _running).Wait(TimeSpan.FromSeconds(30)) && bound.Task.IsCompletedSuccessfully)
        {
            Port = bound.Task.Result;
        }
        else
        {
            _stop.Cancel();
            throw new InvalidOperationException($"The SMTP server did not listen on 127.0.0.1:{port}: {_running.Exception?.GetBaseException().Message ?? "no answer within 30 s"}.");
        }
    }

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>Login attempts so far: the user name, and whether the connection was encrypted when it came.</summary>
    public IReadOnlyList<(string User, bool Encrypted)> Logins => [.. _logins];

    /// <summary>Messages accepted, in order.</summary>
    public IReadOnlyList<MimeMessage> Messages => [.. _store.Messages];

    /// <summary>Delivery attempts answered with a transient failure so far.</summary>
    public int Refused => _store.Refused;

    /// <summary>
    /// Starts a server; with <paramref name="certificate"/> it offers STARTTLS, with
    /// <paramref name="login"/> it requires that user and password.
    /// </summary>
    public static RecordingSmtpServer Start(X509Certificate2? certificate = null, (string User, string Password)? login = null) =>
        new(0, certificate, login);

    /// <summary>A relay that is down: connections to its port are refused until it <see cref="DownRelay.ComesBack"/>.</summary>
    public static DownRelay Down() => new();

    /// <summary>Starts a plain server on <paramref name="port"/>: a relay coming back where one was down.</summary>
    internal static RecordingSmtpServer StartOn(int port) => new(port, null, null);

    /// <summary>Answers the next <paramref name="count"/> messages with 452 (try again later).</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _store.RefuseRemaining, count);

    /// <summary>Waits until at least <paramref name="count"/> messages arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (_store.Messages.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, cancellationToken);
        }

        return Messages;
    }

    /// <summary>Forgets the messages received so far.</summary>
    public void Clear() => _store.Messages.Clear();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped as asked.
        }

        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public int RefuseRemaining;
        public int Refused;

        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref RefuseRemaining) >= 0)
            {
                Interlocked.Increment(ref Refused);
                return new SmtpResponse(SmtpReplyCode.InsufficientStorage, "Try again later");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
