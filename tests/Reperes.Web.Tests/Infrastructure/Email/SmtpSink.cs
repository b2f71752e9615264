using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reperes.Web.Tests.Infrastructure.Email;

/// <summary>How the test SMTP server behaves.</summary>
public enum SinkBehaviour
{
    Accept,

    /// <summary>Answers 554 instead of its greeting, then hangs up.</summary>
    RefuseGreeting,

    /// <summary>Refuses every recipient with 550.</summary>
    RefuseRecipient,

    /// <summary>Accepts the connection and never says a word.</summary>
    Silent,

    /// <summary>Hangs up after each message, as a server does with an idle connection.</summary>
    HangUpAfterEachMessage,
}

/// <summary>
/// A small SMTP server on 127.0.0.1 speaking just enough RFC 5321 (EHLO, AUTH PLAIN/LOGIN, MAIL, RCPT, DATA, RSET,
/// NOOP, QUIT) for the mailer to talk to a real socket; it keeps the messages and counts connections.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentBag<TcpClient> clients = [];
    private readonly Task loop;
    private int connections;

    public SmtpSink(SinkBehaviour behaviour = SinkBehaviour.Accept, string? userName = null, string? password = null)
    {
        Behaviour = behaviour;
        UserName = userName;
        Password = password;
        listener.Start();
        loop = AcceptAsync();
    }

    public SinkBehaviour Behaviour { get; }

    public string? UserName { get; }

    public string? Password { get; }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public int Connections => connections;

    /// <summary>The DATA of each message received, dot-unstuffed.</summary>
    public ConcurrentQueue<string> Messages { get; } = new();

    /// <summary>A port where nothing listens: taken, then given back.</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        foreach (var client in clients)
        {
            client.Dispose();
        }

        try
        {
            await loop;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            clients.Add(client);
            Interlocked.Increment(ref connections);
            _ = Task.Run(() => ConverseAsync(client), stop.Token);
        }
    }

    private async Task ConverseAsync(TcpClient client)
    {
        try
        {
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            switch (Behaviour)
            {
                case SinkBehaviour.Silent:
                    await Task.Delay(Timeout.Infinite, stop.Token);
                    return;
                case SinkBehaviour.RefuseGreeting:
                    await writer.WriteLineAsync("554 5.3.2 No service for you");
                    return;
                case SinkBehaviour.Accept or SinkBehaviour.RefuseRecipient or SinkBehaviour.HangUpAfterEachMessage:
                    break;
                default:
                    throw new InvalidOperationException($"Unknown behaviour {Behaviour}.");
            }

            await writer.WriteLineAsync("220 sink.test ESMTP");
            var authenticated = UserName is null;
            while (await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-sink.test");
                        await writer.WriteLineAsync(UserName is null ? "250 8BITMIME" : "250-8BITMIME");
                        if (UserName is not null)
                        {
                            await writer.WriteLineAsync("250 AUTH PLAIN LOGIN");
                        }

                        break;
                    case "AUTH":
                        authenticated = await AuthenticateAsync(line, reader, writer);
                        await writer.WriteLineAsync(authenticated ? "235 2.7.0 Authenticated" : "535 5.7.8 Bad credentials");
                        break;
                    case "MAIL":
                        await writer.WriteLineAsync(authenticated ? "250 2.1.0 OK" : "530 5.7.0 Authentication required");
                        break;
                    case "RCPT":
                        await writer.WriteLineAsync(Behaviour == SinkBehaviour.RefuseRecipient ? "550 5.1.1 No such mailbox" : "250 2.1.5 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        Messages.Enqueue(data.ToString());
                        await writer.WriteLineAsync("250 2.0.0 Queued");
                        if (Behaviour == SinkBehaviour.HangUpAfterEachMessage)
                        {
                            return;
                        }

                        break;
                    case "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not recognised");
                        break;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client hung up, or the test is over.
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task<bool> AuthenticateAsync(string line, StreamReader reader, StreamWriter writer)
    {
        var parts = line.Split(' ');
        if (parts[1].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            string response;
            if (parts.Length > 2)
            {
                response = parts[2];
            }
            else
            {
                await writer.WriteLineAsync("334 ");
                response = await reader.ReadLineAsync(stop.Token) ?? "";
            }

            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
            return fields.Length == 3 && fields[1] == UserName && fields[2] == Password;
        }

        // LOGIN: user name, then password, each asked for and sent in base64.
        await writer.WriteLineAsync("334 VXNlcm5hbWU6");
        var user = Encoding.UTF8.GetString(Convert.FromBase64String(await reader.ReadLineAsync(stop.Token) ?? ""));
        await writer.WriteLineAsync("334 UGFzc3dvcmQ6");
        var password = Encoding.UTF8.GetString(Convert.FromBase64String(await reader.ReadLineAsync(stop.Token) ?? ""));
        return user == UserName && password == Password;
    }
}
