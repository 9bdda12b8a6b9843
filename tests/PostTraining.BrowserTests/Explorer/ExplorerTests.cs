using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PostTraining.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PostTraining.BrowserTests.Explorer;

public sealed class ExplorerTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly string[] DocumentParadigms = ["fine-tuning", "alignment", "reasoning", "efficiency", "integration-and-adaptation"];

    [BrowserFact]
    public Task ShowsTheFiveParadigmsAsTreeItemsNamedByTheApi() => app.RunAsync("/", async page =>
    {
        using var taxonomy = await GetJsonAsync("api/v1/taxonomy");
        var paradigms = taxonomy.RootElement.GetProperty("paradigms").EnumerateArray().ToList();
        Assert.Equal(DocumentParadigms.Order(), paradigms.Select(p => p.GetProperty("slug").GetString()!).Order());

        var items = page.Locator("[role=treeitem][data-kind=paradigm]");
        await Expect(items).ToHaveCountAsync(5);
        foreach (var paradigm in paradigms)
        {
            var english = paradigm.GetProperty("name").GetProperty("en").GetString()!;
            // Real text with an accessible name, not pixels: found by role and name, and by its visible text.
            await Expect(page.GetByRole(AriaRole.Treeitem, new() { Name = english, Exact = false }).First).ToBeVisibleAsync();
            await Expect(page.Locator($"[role=treeitem][data-slug='{paradigm.GetProperty("slug").GetString()}'] text")).ToHaveTextAsync(english);
        }
    });

    [BrowserFact]
    public Task SearchFindsDpoAndOpensItsPanelWithTheFormulaTypeset() => app.RunAsync("/", async page =>
    {
        using var dpo = await GetJsonAsync("api/v1/techniques/dpo");
        var englishName = dpo.RootElement.GetProperty("name").GetProperty("en").GetString()!;
        var formulas = dpo.RootElement.GetProperty("formulas").EnumerateArray().ToList();
        Assert.NotEmpty(formulas);

        await page.GetByRole(AriaRole.Combobox, new() { Name = "Search the taxonomy" }).FillAsync("DPO");
        var suggestion = page.Locator("#search-results [role=option][data-slug=dpo]");
        await suggestion.ClickAsync();

        var panel = page.Locator("#panel");
        await Expect(panel.Locator("h2")).ToContainTextAsync(englishName);
        await Expect(page.Locator("[role=treeitem][data-slug=dpo]")).ToHaveAttributeAsync("aria-selected", "true");
        Assert.EndsWith("#technique/dpo", page.Url, StringComparison.Ordinal);

        // KaTeX turned each LaTeX source into typeset math (.katex), keeping the source in its MathML annotation.
        var typeset = panel.Locator(".formula-math .katex");
        await Expect(typeset).ToHaveCountAsync(formulas.Count);
        await Expect(panel.Locator(".formula-math .katex-html").First).ToBeVisibleAsync();
        var annotation = await panel.Locator(".formula-math annotation[encoding='application/x-tex']").First.TextContentAsync();
        Assert.Equal(formulas[0].GetProperty("latex").GetString()!.Trim(), annotation?.Trim());
        await Expect(panel.Locator(".katex-error")).ToHaveCountAsync(0);
    });

    [BrowserFact]
    public Task TheSelectedSubtreeOffersItsAtomFeedInBothLanguages() => app.RunAsync("/#technique/dpo", async page =>
    {
        // The page announces the whole feed to feed readers.
        var head = page.Locator("head link[rel=alternate][type='application/atom+xml']");
        await Expect(head).ToHaveAttributeAsync("href", "api/v1/changes.atom");

        var subscribe = page.Locator("#panel a.subscribe-atom");
        await Expect(subscribe).ToHaveTextAsync("Subscribe (Atom)");
        await Expect(subscribe).ToHaveAttributeAsync("href", "api/v1/changes.atom?root=dpo");
        await Expect(subscribe).ToHaveAttributeAsync("type", "application/atom+xml");

        await page.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await Expect(subscribe).ToHaveTextAsync("订阅（Atom）");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await page.EvaluateAsync("() => { location.hash = '#paradigm/alignment'; }");
        await Expect(page.Locator("#panel a.subscribe-atom")).ToHaveAttributeAsync("href", "api/v1/changes.atom?root=alignment");

        // The link is a feed: the API answers it as Atom.
        var feed = await page.APIRequest.GetAsync(await page.Locator("#panel a.subscribe-atom").EvaluateAsync<string>("a => a.href"));
        Assert.Equal(200, feed.Status);
        Assert.StartsWith("application/atom+xml", feed.Headers["content-type"], StringComparison.Ordinal);
    });

    [BrowserFact]
    public Task LanguageSwitchChangesEveryLabelBetweenEnglishAndChinese() => app.RunAsync("/", async page =>
    {
        using var taxonomy = await GetJsonAsync("api/v1/taxonomy");
        var alignment = taxonomy.RootElement.GetProperty("paradigms").EnumerateArray().Single(p => p.GetProperty("slug").GetString() == "alignment");
        var english = alignment.GetProperty("name").GetProperty("en").GetString()!;
        var chinese = alignment.GetProperty("name").GetProperty("zh").GetString()!;
        var label = page.Locator("[role=treeitem][data-slug=alignment] text");
        var heading = page.Locator("#tree-heading");

        await Expect(label).ToHaveTextAsync(english);
        await Expect(heading).ToHaveTextAsync("Taxonomy");

        await page.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await Expect(label).ToHaveTextAsync(chinese);
        await Expect(heading).ToHaveTextAsync("分类体系");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "中文" })).ToHaveAttributeAsync("aria-pressed", "true");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Expect(label).ToHaveTextAsync(english);
        await Expect(heading).ToHaveTextAsync("Taxonomy");
    });

    [BrowserFact]
    public Task PathViewShowsHowDpoLeadsToPpo() => app.RunAsync("/", async page =>
    {
        using var answer = await GetJsonAsync("api/v1/paths?from=dpo&to=ppo");
        var hops = answer.RootElement.GetProperty("paths")[0].GetProperty("hops").GetArrayLength();

        await page.Locator("#path-from").FillAsync("dpo");
        await page.Locator("#path-to").FillAsync("ppo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Find path" }).ClickAsync();

        var path = page.Locator("#path-result .path").First;
        var stops = path.Locator("button.follow");
        await Expect(stops).ToHaveCountAsync(hops + 1);
        await Expect(stops.First).ToHaveAttributeAsync("data-slug", "dpo");
        await Expect(stops.Last).ToHaveAttributeAsync("data-slug", "ppo");
        await Expect(page.Locator(".node.on-path[data-slug=dpo]")).ToBeVisibleAsync();
        await Expect(page.Locator(".node.on-path[data-slug=ppo]")).ToBeVisibleAsync();

        // A stop on the path is a link: following it opens that node's panel.
        await stops.Last.ClickAsync();
        await Expect(page.Locator("[role=treeitem][data-slug=ppo]")).ToHaveAttributeAsync("aria-selected", "true");
    });

    [BrowserFact]
    public Task OnAPhoneThePanelSitsBelowTheTree() => app.RunAsync("/#technique/dpo", async page =>
    {
        await Expect(page.Locator("#panel .formula .katex").First).ToBeVisibleAsync();
        var tree = await page.Locator("#tree").BoundingBoxAsync();
        var panel = await page.Locator("#panel").BoundingBoxAsync();
        Assert.NotNull(tree);
        Assert.NotNull(panel);
        Assert.True(panel.Y >= tree.Y + tree.Height, $"panel at y={panel.Y}, tree ends at y={tree.Y + tree.Height}");
        Assert.True(panel.Width <= 390 && tree.Width <= 390, "nothing wider than the phone's screen");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"the page scrolls sideways ({scrollWidth}px)");
    }, viewport: new ViewportSize { Width = 390, Height = 844 });

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var http = new HttpClient { BaseAddress = app.Api.BaseAddress };
        var response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
    }
}
