using System.Net;
using System.Net.Sockets;

namespace Intake.Testing.Smtp;

/// <summary>
/// An SMTP relay that is down: a loopback port bound by a socket that does not listen, so every
/// connection to it is refused, as to a stopped relay. Holding the port keeps any other process off
/// it until the relay comes back there, so the sender's configured port stays right.
/// </summary>
public sealed class DownRelay : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    internal DownRelay()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    /// <summary>The port a sender is configured with.</summary>
    public int Port { get; }

    /// <summary>Releases the port and starts a real relay on it at once.</summary>
    public RecordingSmtpServer ComesBack()
    {
        _socket.Dispose();
        return RecordingSmtpServer.StartOn(Port);
    }

    /// <inheritdoc />
    public void Dispose() => _socket.Dispose();
}
