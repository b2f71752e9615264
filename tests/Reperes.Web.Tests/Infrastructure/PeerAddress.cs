using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Reperes.Web.Tests.Infrastructure;

/// <summary>
/// Gives each test request the network peer it names in X-Test-Peer (<paramref name="defaultPeer"/> otherwise), as a
/// real connection would: the in-memory test server has none.
/// </summary>
public sealed class PeerAddress(string defaultPeer) : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[Header].FirstOrDefault() ?? defaultPeer);
            return nextMiddleware(context);
        });
        next(app);
    };
}
