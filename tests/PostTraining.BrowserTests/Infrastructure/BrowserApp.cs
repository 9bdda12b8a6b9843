using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.BrowserTests.Infrastructure;

/// <summary>
/// Class fixture: the app on Kestrel over a fresh database, and one headless Chromium. Each test gets a new browser
/// context (no shared cookies or storage), and a screenshot of its page under TestResults/screenshots when it fails.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public KestrelApiFactory Api { get; } = new();

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium.ExecutablePath))
        {
            return; // every test is skipped by BrowserFactAttribute; starting nothing keeps the skip cheap
        }

        await Api.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
    }

    /// <summary>Runs a test on a new page at <paramref name="path"/>; on failure saves a screenshot and rethrows.</summary>
    public async Task RunAsync(string path, Func<IPage, Task> test, ViewportSize? viewport = null, string? locale = "en-US",
        [CallerMemberName] string name = "")
    {
        var browser = _browser ?? throw new InvalidOperationException("Chromium was not started.");
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Api.BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 860 },
            Locale = locale,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        try
        {
            await page.GotoAsync(path);
            await test(page);
            Assert.True(errors.Count == 0, "The page raised script errors: " + string.Join(" | ", errors));
        }
        catch
        {
            await SaveScreenshotAsync(page, name);
            throw;
        }
    }

    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        try
        {
            var folder = Path.Combine(ProjectDirectory(), "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"{name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
            Console.Error.WriteLine($"Screenshot of the failed test {name}: {file}");
        }
        catch (PlaywrightException)
        {
            // The page may be gone (crashed browser); the original failure is what matters.
        }
    }

    /// <summary>The test project's folder (where `dotnet test` puts TestResults), found from the build output.</summary>
    private static string ProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PostTraining.BrowserTests.csproj")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Api.DisposeAsync();
    }
}
