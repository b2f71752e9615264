using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace Reperes.Web.Tests.Infrastructure;

/// <summary>The demo application on a real Kestrel port, and headless Debian Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public ReperesApp App { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.ChromiumPath))
        {
            // The tests of this collection are skipped (or, under CI, fail on their own).
            if (Engines.IsCi)
            {
                throw new InvalidOperationException($"{BrowserFactAttribute.ChromiumPath} is missing: apt-get install chromium.");
            }

            return;
        }

        var port = FreePort();
        App = new KestrelApp(port);
        App.UseKestrel(port);
        App.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>
    /// A fresh browser context (no cookie) with one page; a 412×915 phone unless <paramref name="viewport"/> says
    /// otherwise; without JavaScript when <paramref name="javaScript"/> is false, as on a phone that blocks it;
    /// <paramref name="configure"/> changes other options (permissions, a position…).
    /// </summary>
    public async Task<IPage> NewPageAsync(string locale = "fr-FR", ViewportSize? viewport = null, bool javaScript = true, Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = locale,
            JavaScriptEnabled = javaScript,
            ViewportSize = viewport ?? new ViewportSize { Width = 412, Height = 915 },
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = locale },
        };
        configure?.Invoke(options);
        var context = await Browser.NewContextAsync(options);
        // No traffic leaves the machine: map tiles of the configured host are answered empty.
        await context.RouteAsync(url => !url.StartsWith(BaseUrl, StringComparison.Ordinal), route => route.FulfillAsync(new RouteFulfillOptions { Status = 204 }));
        return await context.NewPageAsync();
    }

    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js")));

    /// <summary>Runs axe-core (WCAG 2.1 A and AA rules) on the page; returns the serious and critical violations.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        // Evaluated through the DevTools protocol rather than added as a <script>: the site's Content-Security-Policy
        // refuses inline scripts, as it should.
        await page.EvaluateAsync(AxeSource.Value);
        var json = await page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
              return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | '));
            }
            """);
        return json.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class KestrelApp(int port) : ReperesApp(Engines.Sqlite)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Reperes:Map:TileUrl", $"http://127.0.0.1:{port}/tiles-for-tests/{{z}}/{{x}}/{{y}}.png");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
