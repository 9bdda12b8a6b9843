using System.Text.Json;
using Microsoft.Playwright;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PostTraining.BrowserTests.Explorer;

/// <summary>The explorer on a 390x844 phone screen: a readable taxonomy, deep links that land on the detail, formulas that say they scroll.</summary>
public sealed class PhoneLayoutTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private const double SmallestReadablePx = 12;

    [BrowserFact]
    public Task ADeepLinkShowsThePanelTitleOnScreenAndEveryTaxonomyLabelIsReadable() => app.RunAsync("/#technique/dpo", async page =>
    {
        using var http = new HttpClient { BaseAddress = app.Api.BaseAddress };
        var dpo = await http.GetJsonAsync("api/v1/techniques/dpo");
        var taxonomy = await http.GetJsonAsync("api/v1/taxonomy");

        var heading = page.Locator("#panel-heading");
        await Expect(heading).ToContainTextAsync(dpo.GetProperty("name").GetProperty("en").GetString()!);
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-ready", "true");
        // The whole title is on screen, not below the fold under the taxonomy.
        await Expect(heading).ToBeInViewportAsync(new() { Ratio = 1 });
        var box = await heading.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Y >= 0 && box.Y + box.Height <= Phone.Height, $"panel title at y={box.Y}..{box.Y + box.Height}, screen height {Phone.Height}");

        // On a phone the taxonomy is the list view (the map is hidden), with the deep link's node marked in it.
        await Expect(page.Locator("#tree-list")).ToBeVisibleAsync();
        await Expect(page.Locator("#tree .tree-svg")).ToBeHiddenAsync();
        var paradigms = taxonomy.GetProperty("paradigms").EnumerateArray().Select(p => p.GetProperty("slug").GetString()!).ToArray();
        await Expect(page.Locator("#tree-list li.kind-paradigm")).ToHaveCountAsync(paradigms.Length);
        await Expect(page.Locator("#tree-list li[data-slug=dpo] > .tree-list-row .tree-list-label")).ToHaveAttributeAsync("aria-current", "true");

        // Every taxonomy label the page renders, map or list, at its size on screen: the computed font size times
        // the scale it is drawn at (the map is zoomed with an SVG transform, which the computed size does not show).
        var labels = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll("#tree .tree-list-label, #tree .node text")]
              .filter((el) => el.checkVisibility({ visibilityProperty: true }) && el.getBoundingClientRect().width > 0)
              .map((el) => ({
                text: el.textContent,
                px: parseFloat(getComputedStyle(el).fontSize) * (el instanceof SVGGraphicsElement ? Math.abs(el.getScreenCTM()?.a ?? 1) : 1),
              }))
            """);
        var sizes = labels.EnumerateArray().Select(l => (Text: l.GetProperty("text").GetString(), Px: l.GetProperty("px").GetDouble())).ToList();
        Assert.True(sizes.Count >= paradigms.Length, $"only {sizes.Count} taxonomy labels are rendered");
        var small = sizes.Where(s => s.Px < SmallestReadablePx).ToList();
        Assert.True(small.Count == 0, $"{small.Count} labels under {SmallestReadablePx}px, e.g. {string.Join(", ", small.Take(5).Select(s => $"'{s.Text}' {s.Px:0.#}px"))}");

        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= Phone.Width, $"the page scrolls sideways ({scrollWidth}px)");

        await DocumentationScreenshots.SaveAsync(page, "mobile-dpo.png");
    }, viewport: Phone);

    [BrowserFact]
    public Task TappingAListEntryOpensItsBranchAndBringsItsPanelIntoView() => app.RunAsync("/", async page =>
    {
        using var http = new HttpClient { BaseAddress = app.Api.BaseAddress };
        var alignment = (await http.GetJsonAsync("api/v1/taxonomy")).GetProperty("paradigms").EnumerateArray()
            .Single(p => p.GetProperty("slug").GetString() == "alignment");
        var technique = alignment.GetProperty("techniques").EnumerateArray().First(t => t.TryGetProperty("children", out var c) && c.GetArrayLength() > 0);
        var slug = technique.GetProperty("slug").GetString()!;
        var children = technique.GetProperty("children").GetArrayLength();

        var item = page.Locator($"#tree-list li[data-slug='{slug}']");
        var twisty = item.Locator("> .tree-list-row .twisty");
        await Expect(twisty).ToHaveAttributeAsync("aria-expanded", "false");
        await twisty.ClickAsync();
        await Expect(twisty).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(item.Locator("> ul > li")).ToHaveCountAsync(children);
        await DocumentationScreenshots.SaveAsync(page, "mobile-taxonomy-list.png");

        await item.Locator("> .tree-list-row .tree-list-label").ClickAsync();
        var heading = page.Locator("#panel-heading");
        await Expect(heading).ToContainTextAsync(technique.GetProperty("name").GetProperty("en").GetString()!);
        await Expect(heading).ToBeInViewportAsync(new() { Ratio = 1 });
        Assert.EndsWith($"#technique/{slug}", page.Url, StringComparison.Ordinal);
    }, viewport: Phone);

    [BrowserFact]
    public Task ALongFormulaShowsThatItScrollsSideways() => app.RunAsync("/#technique/dpo", async page =>
    {
        await Expect(page.Locator("#panel .formula .katex").First).ToBeVisibleAsync();
        // The frames whose formula is wider than the phone: at least one (DPO's objective), each with the cue on.
        var overflowing = page.Locator("#panel .formula .scroll-frame").Filter(new() { Has = page.Locator(".formula-math[role=region]") });
        Assert.True(await overflowing.CountAsync() > 0, "no formula of DPO is wider than a 390px screen; pick a longer one");
        var frame = overflowing.First;
        var scroller = frame.Locator(".formula-math");
        Assert.True(await scroller.EvaluateAsync<bool>("el => el.scrollWidth > el.clientWidth"));

        await Expect(frame).ToHaveAttributeAsync("data-more-end", "");
        // The fade at the end is shown, the one at the start is not (waited for: the cue fades in over 0.15 s).
        var cue = await frame.ElementHandleAsync();
        await page.WaitForFunctionAsync(
            "el => getComputedStyle(el, '::after').opacity === '1' && getComputedStyle(el, '::before').opacity === '0'", cue);
        await Expect(scroller).ToHaveAttributeAsync("tabindex", "0"); // keys scroll it too

        // Scrolled to its end, the cue moves to the start: there is now more to see on the left, none on the right.
        await scroller.EvaluateAsync("el => { el.scrollLeft = el.scrollWidth; el.dispatchEvent(new Event('scroll')); }");
        await Expect(frame).ToHaveAttributeAsync("data-more-start", "");
        await Expect(frame).Not.ToHaveAttributeAsync("data-more-end", "");
    }, viewport: Phone);
}
