using Microsoft.Playwright;

namespace PostTraining.BrowserTests.Infrastructure;

/// <summary>How the tests start the system's Chromium: no browser download (Playwright's own builds are never installed).</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static BrowserTypeLaunchOptions LaunchOptions => new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        // No sandbox (tests run as root in CI); no GPU, QUIC or background traffic to anything but the app under test.
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync",
        ],
    };
}
