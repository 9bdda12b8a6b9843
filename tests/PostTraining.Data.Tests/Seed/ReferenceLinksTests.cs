using PostTraining.Data.Seed;

namespace PostTraining.Data.Tests.Seed;

public sealed class ReferenceLinksTests
{
    [Theory]
    [InlineData("https://link.zhihu.com/?target=https%3A//arxiv.org/pdf/2503.06072v1", "https://arxiv.org/pdf/2503.06072v1")]
    [InlineData("https://link.zhihu.com/?target=https%3A%2F%2Fexample.com%2Fa%3Fb%3Dc", "https://example.com/a?b=c")]
    [InlineData("https://zhuanlan.zhihu.com/p/49358536242", "https://zhuanlan.zhihu.com/p/49358536242")]
    public void RedirectWrappersAreDecoded(string link, string target)
    {
        Assert.Equal(target, ReferenceLinks.Resolve(link, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("#anchor")]
    [InlineData("mailto:someone@example.com")]
    [InlineData("https://link.zhihu.com/?target=not-a-url")]
    public void LinksThatLeadNowhereAreBroken(string link)
    {
        Assert.Null(ReferenceLinks.Resolve(link, out var problem));
        Assert.NotNull(problem);
    }

    [Theory]
    [InlineData("https://arxiv.org/pdf/2503.06072v1", "2503.06072")]
    [InlineData("https://arxiv.org/abs/2305.18290", "2305.18290")]
    [InlineData("http://www.arxiv.org/html/2503.06072v2/", "2503.06072")]
    [InlineData("https://example.com/2503.06072", null)]
    public void ArxivIdsComeFromArxivUrlsOnly(string url, string? id)
    {
        Assert.Equal(id, ReferenceLinks.ArxivId(url));
    }

    [Theory]
    [InlineData("https://arxiv.org/pdf/2503.06072v1", "2503.06072", "arxiv-2503-06072")]
    [InlineData("https://zhuanlan.zhihu.com/p/504279252", null, "zhihu-p-504279252")]
    [InlineData("https://www.example.org/papers/Great_Paper.pdf", null, "example-papers-great-paper-pdf")]
    public void SlugsFollowTheArchitectureRule(string url, string? id, string slug)
    {
        Assert.Equal(slug, ReferenceLinks.SlugFor(url, id));
    }
}
