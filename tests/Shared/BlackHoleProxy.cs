using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Intake.Testing;

/// <summary>
/// A TCP proxy on a loopback port (the kernel's choice) that forwards to one upstream port, and can
/// be switched into a black hole and back: storage that still takes connections but never answers,
/// the outage a stopped server (connections refused at once) does not show. In the black hole, new
/// connections are accepted and never read, and the open ones stop forwarding in both directions
/// without being closed. <see cref="Restore"/> closes the connections the black hole held (as after
/// a network partition, their requests are lost) and forwards new ones again.
/// </summary>
public sealed class BlackHoleProxy : IDisposable
{
    private readonly int _upstreamPort;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<Link, byte> _links = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _switch = new();
    private bool _blackHole;

    private BlackHoleProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(AcceptAsync);
    }

    /// <summary>The port clients connect to.</summary>
    public int Port { get; }

    /// <summary>Connections accepted while in the black hole so far.</summary>
    public int HeldConnections => _links.Keys.Count(l => l.Stalled);

    /// <summary>Starts forwarding to 127.0.0.1:<paramref name="upstreamPort"/>.</summary>
    public static BlackHoleProxy Start(int upstreamPort) => new(upstreamPort);

    /// <summary>From now on nothing passes either way, and nothing is closed.</summary>
    public void BlackHole()
    {
        lock (_switch)
        {
            _blackHole = true;
            foreach (var link in _links.Keys)
            {
                link.Stalled = true;
            }
        }
    }

    /// <summary>Closes every connection the black hole held, and forwards new connections again.</summary>
    public void Restore()
    {
        lock (_switch)
        {
            _blackHole = false;
            foreach (var link in _links.Keys.Where(l => l.Stalled))
            {
                Close(link);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var link in _links.Keys)
        {
            Close(link);
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var link = new Link(client);
            lock (_switch)
            {
                link.Stalled = _blackHole;
                _links[link] = 0;
            }

            if (!link.Stalled)
            {
                _ = Task.Run(() => ForwardAsync(link));
            }
        }
    }

    private async Task ForwardAsync(Link link)
    {
        try
        {
            await link.Upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Upstream down: the client sees its connection closed, as with no proxy.
            Close(link);
            return;
        }

        await Task.WhenAll(
            PumpAsync(link, link.Client.GetStream(), link.Upstream.GetStream()),
            PumpAsync(link, link.Upstream.GetStream(), link.Client.GetStream()));
    }

    /// <summary>Copies one direction until either side closes, or stops silently once the link is stalled.</summary>
    private async Task PumpAsync(Link link, NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReadAsync(buffer, _stop.Token);
                if (link.Stalled)
                {
                    // Swallowed: in the black hole nothing arrives, and the connection stays open
                    // until Restore closes it.
                    return;
                }

                if (read == 0)
                {
                    break;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Either side went away.
        }

        if (!link.Stalled)
        {
            Close(link);
        }
    }

    private void Close(Link link)
    {
        _links.TryRemove(link, out _);
        link.Client.Dispose();
        link.Upstream.Dispose();
    }

    private sealed class Link(TcpClient client)
    {
        public TcpClient Client { get; } = client;

        public TcpClient Upstream { get; } = new();

        private volatile bool _stalled;

        public bool Stalled
        {
            get => _stalled;
            set => _stalled = value;
        }
    }
}
