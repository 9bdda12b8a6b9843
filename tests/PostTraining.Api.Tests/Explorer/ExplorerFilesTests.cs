using System.Net;
using System.Text.RegularExpressions;
using PostTraining.Api.Tests.Deployment;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Explorer;

/// <summary>The explorer is served by the API itself, with every file it loads local (no CDN) and licences beside them.</summary>
public sealed partial class ExplorerFilesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string Wwwroot = Repository.PathOf("src", "PostTraining.Api", "wwwroot");

    [Fact]
    public async Task RootServesTheExplorerAndEveryFileItLoadsIsLocal()
    {
        var client = api.CreateClient();
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();

        var references = Reference().Matches(html).Select(m => m.Groups["url"].Value).Where(u => !u.StartsWith('#')).ToList();
        Assert.Contains(references, url => url.StartsWith("explorer/app.", StringComparison.Ordinal) && url.EndsWith(".js", StringComparison.Ordinal));
        Assert.All(references, url => Assert.DoesNotMatch("^(https?:)?//", url));
        foreach (var url in references)
        {
            var file = await client.GetAsync(url);
            Assert.True(file.StatusCode == HttpStatusCode.OK, $"{url}: {(int)file.StatusCode}");
        }
    }

    [Fact]
    public async Task ModulesImportOnlyLocalFiles()
    {
        var client = api.CreateClient();
        foreach (var module in Directory.GetFiles(Path.Combine(Wwwroot, "explorer"), "*.js"))
        {
            foreach (Match import in Import().Matches(await File.ReadAllTextAsync(module)))
            {
                var target = import.Groups["path"].Value;
                Assert.StartsWith("./", target);
                var response = await client.GetAsync($"/explorer/{target[2..]}");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{Path.GetFileName(module)} imports {target}: {(int)response.StatusCode}");
                Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Theory]
    [InlineData("vendor/katex/LICENSE.txt")]
    [InlineData("vendor/d3/LICENSE.txt")]
    [InlineData("vendor/katex/fonts/KaTeX_Main-Regular.woff2")]
    public async Task VendoredLibrariesShipWithTheirLicencesAndFonts(string path)
    {
        var response = await api.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 0);
    }

    [NodeToolsFact]
    public void VendoredFilesAreThoseOfTheVersionsInToolsPackageJson()
    {
        // wwwroot/vendor is a copy made by `npm run vendor --prefix tools`; a hand edit or a version bump without
        // re-vendoring shows up here.
        var modules = NodeToolsFactAttribute.NodeModules;
        var pairs = new[]
        {
            ("katex/katex.min.js", "katex/dist/katex.min.js"),
            ("katex/katex.min.css", "katex/dist/katex.min.css"),
            ("katex/LICENSE.txt", "katex/LICENSE"),
            ("d3/d3.min.js", "d3/dist/d3.min.js"),
            ("d3/LICENSE.txt", "d3/LICENSE"),
        };
        foreach (var (vendored, source) in pairs)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(Wwwroot, "vendor", vendored)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(modules, source))),
                $"wwwroot/vendor/{vendored} differs from tools/node_modules/{source}: run `npm run vendor --prefix tools`.");
        }
    }

    [GeneratedRegex("""(?:src|href)="(?<url>[^"]+)" """, RegexOptions.IgnorePatternWhitespace)]
    private static partial Regex Reference();

    [GeneratedRegex("""^import .* from "(?<path>[^"]+)";""", RegexOptions.Multiline)]
    private static partial Regex Import();
}
