using Microsoft.Playwright;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.BrowserTests.Infrastructure;

/// <summary>
/// The screenshots committed under docs/screenshots, taken by the tests that check what they show. Only written when
/// asked (<c>POSTTRAINING_UPDATE_SCREENSHOTS=1</c>), so a test run leaves the checkout as it found it and the
/// committed pictures change only when someone means to (README, "Screenshots").
/// </summary>
public static class DocumentationScreenshots
{
    public const string Variable = "POSTTRAINING_UPDATE_SCREENSHOTS";

    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Saves the viewport (what a user of that screen sees) as docs/screenshots/<paramref name="fileName"/>.</summary>
    public static async Task SaveAsync(IPage page, string fileName, ILocator? element = null)
    {
        if (!Enabled)
        {
            return;
        }

        var path = Repository.PathOf("docs", "screenshots", fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // No hover or focus ring left by the test's last click, no caret, no animation caught half-way.
        await page.Mouse.MoveAsync(0, 0);
        await page.EvaluateAsync("document.activeElement?.blur()");
        if (element is not null)
        {
            await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = path, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
        }
        else
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });
        }
    }
}
