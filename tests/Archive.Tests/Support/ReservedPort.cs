using System.Net;
using System.Net.Sockets;

namespace Archive.Tests.Support;

/// <summary>
/// A port on 127.0.0.1 that the OS picked, held bound from the moment it is chosen until the test is done: a server in
/// another process (nginx) binds it too, with SO_REUSEPORT, which only a socket of this same user that also asks for
/// it can do. Nothing else can take the port between choosing it and the server starting, as it could if the port were
/// released first. The held socket never listens, so every connection goes to the server.
/// </summary>
public sealed class ReservedPort : IDisposable
{
    // SOL_SOCKET and SO_REUSEPORT on Linux, which .NET's SocketOptionName does not name.
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public ReservedPort()
    {
        _socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Number = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Number { get; }

    public void Dispose() => _socket.Dispose();
}
