using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PostTraining.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PostTraining.BrowserTests.Swagger;

public sealed partial class SwaggerUiTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [BrowserFact]
    public Task TryItOutOnSearchForChinesePreferenceOptimizationReturnsDpo() => app.RunAsync("swagger/index.html", async page =>
    {
        var operation = page.Locator(".opblock").Filter(new() { Has = page.Locator(".opblock-summary-path[data-path='/api/v1/search']") }).First;
        await operation.Locator(".opblock-summary").ClickAsync();
        // "Try it out" may already be on (Swagger UI can open operations in that mode); clicking it then would cancel.
        var tryItOut = operation.Locator("button.try-out__btn");
        if ((await tryItOut.TextContentAsync())?.Contains("Try it out", StringComparison.OrdinalIgnoreCase) == true)
        {
            await tryItOut.ClickAsync();
        }


        var q = operation.Locator("tr[data-param-name='q'] input");
        await q.FillAsync("偏好优化");
        await operation.Locator("button.execute").ClickAsync();

        // The live response row (the table's header row carries the same column classes).
        var response = operation.Locator(".live-responses-table tr.response");
        await Expect(response.Locator(".response-col_status")).ToHaveTextAsync("200");
        var body = response.Locator(".response-col_description pre").First;
        await Expect(body).ToHaveTextAsync(DpoSlug());
    });

    [GeneratedRegex("\"slug\":\\s*\"dpo\"")]
    private static partial Regex DpoSlug();
}
