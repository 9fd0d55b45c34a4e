using Microsoft.Playwright;

namespace DroneDelivery.IntegrationTests.Support;

/// <summary>
/// Debian's chromium, headless, driven by Playwright (its driver ships in the NuGet package; no
/// browser is downloaded). Without /usr/bin/chromium the browser tests skip, unless
/// REQUIRE_BROWSER=1 (set by .ci/run, which installs chromium) makes that a failure.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static bool Required => Environment.GetEnvironmentVariable("REQUIRE_BROWSER") == "1";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Executable, Headless = true });
    }

    /// <summary>A new page in a fresh context; skips (or fails where required) when there is no browser.</summary>
    public async Task<IPage> NewPageAsync()
    {
        if (_browser is null)
        {
            Assert.False(Required, $"REQUIRE_BROWSER=1 but {Executable} is missing (apt-get install chromium)");
            Assert.Skip($"{Executable} is not installed (apt-get install --no-install-recommends chromium)");
        }

        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 960, Height = 560 } });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
