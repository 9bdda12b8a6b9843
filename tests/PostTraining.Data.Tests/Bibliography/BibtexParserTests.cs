using PostTraining.Data.Bibliography;
using PostTraining.Data.Tests.Infrastructure;

namespace PostTraining.Data.Tests.Bibliography;

/// <summary>The BibTeX reader on the forms real files use, and the problems that refuse a whole file.</summary>
public sealed class BibtexParserTests
{
    private static BibtexEntry Single(string bibtex)
    {
        var result = BibtexParser.Parse(bibtex);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return Assert.Single(result.Entries);
    }

    private static IReadOnlyList<BibtexError> Errors(string bibtex)
    {
        var result = BibtexParser.Parse(bibtex);
        Assert.False(result.Succeeded);
        Assert.Empty(result.Entries);
        return result.Errors;
    }

    [Fact]
    public void ReadsBracedAndQuotedValuesWithNestedBraces()
    {
        var entry = Single("""
            @inproceedings{rafailov2023direct,
              title = "Direct Preference Optimization: Your {Language} Model is Secretly a {{Reward}} Model",
              author = {Rafailov, Rafael and Sharma, Archit},
              booktitle = {Advances in Neural Information Processing Systems},
              year = 2023,
            }
            """);
        Assert.Equal("rafailov2023direct", entry.CitationKey);
        Assert.Equal("inproceedings", entry.EntryType);
        Assert.Equal(1, entry.Line);
        Assert.Equal("Direct Preference Optimization: Your Language Model is Secretly a Reward Model", entry.Title);
        Assert.Equal(["Rafael Rafailov", "Archit Sharma"], entry.Authors);
        Assert.Equal(2023, entry.Year);
        Assert.Equal("Advances in Neural Information Processing Systems", entry.Venue);
    }

    [Theory]
    [InlineData(@"Kiant\'e Brantley", "Kianté Brantley")]
    [InlineData(@"M{\""u}ller", "Müller")]
    [InlineData(@"M\""{u}ller", "Müller")]
    [InlineData(@"Fran\c{c}ois", "François")]
    [InlineData(@"Stra\ss e", "Straße")]
    [InlineData(@"Ga{\v{s}}i{\'c}", "Gašić")]
    [InlineData(@"C{\'\i}an", "Cían")]
    [InlineData(@"K{\i}c{\i}man", "Kıcıman")]
    [InlineData(@"Wo{\l}czyk, {\L}ukasz", "Wołczyk, Łukasz")]
    [InlineData(@"Zaj{\k{a}}c", "Zając")]
    [InlineData(@"Goul{\~a}o", "Goulão")]
    [InlineData(@"C{\^o}t{\'e}", "Côté")]
    [InlineData(@"Dess{\`\i}", "Dessì")]
    [InlineData(@"Reward {\&} Policy \& more", "Reward & Policy & more")]
    [InlineData(@"50\% of {RL}", "50% of RL")]
    [InlineData(@"Self{-}Play", "Self-Play")]
    [InlineData(@"pages 1--10, and---so", "pages 1–10, and—so")]
    [InlineData(@"{{Deep}} {RL}~from \emph{human} preferences", "Deep RL from human preferences")]
    [InlineData(@"a\_b \textbackslash{} c\textasciitilde{}d", @"a_b \ c~d")]
    [InlineData(@"$\alpha$-divergence", "α-divergence")]
    public void DecodesLatexToUnicode(string latex, string expected) => Assert.Equal(expected, LatexText.Decode(latex));

    [Fact]
    public void ExpandsStringMacrosConcatenationAndMonths()
    {
        var entry = Single("""
            @string{neurips = "Advances in Neural Information Processing Systems"}
            @STRING(short = {NeurIPS})
            @article{a,
              title = {Macros} # " and " # {Concatenation},
              journal = neurips # { (} # short # {)},
              month = jan,
              year = {2022}
            }
            """);
        Assert.Equal("Macros and Concatenation", entry.Title);
        Assert.Equal("Advances in Neural Information Processing Systems (NeurIPS)", entry.Venue);
        Assert.Equal(3, entry.Line);
    }

    [Fact]
    public void SkipsCommentsPreamblesAndTextBetweenEntries()
    {
        var result = BibtexParser.Parse("""
            # Related Works
            @comment{ this {is} ignored @article{not, title={an entry}} }
            @preamble{ "\newcommand{\noopsort}[1]{}" }
            Some loose text.
            @misc{real,
              title = {Real one},
              author = {Someone}
            }
            """);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var entry = Assert.Single(result.Entries);
        Assert.Equal("real", entry.CitationKey);
        Assert.Equal(5, entry.Line);
        Assert.Equal(["Someone"], entry.Authors);
    }

    [Fact]
    public void AndOthersMarksTheAuthorListIncomplete()
    {
        var entry = Single("""
            @article{a, title = {T}, author = {Huh, Dom and Mohapatra, Prasant and
               others}}
            """);
        Assert.Equal(["Dom Huh", "Prasant Mohapatra"], entry.Authors);
        Assert.True(entry.AuthorsTruncated);
    }

    [Fact]
    public void NamesAreTurnedAroundAndBracedNamesKeptWhole()
    {
        var entry = Single("""
            @article{a, title = {T}, author = {von Neumann, John and {Barnes and Noble, Inc.} and Le, Quoc V and Steele, Jr., Guy L. and Yoshua Bengio}}
            """);
        Assert.Equal(["John von Neumann", "Barnes and Noble, Inc.", "Quoc V Le", "Guy L. Steele Jr.", "Yoshua Bengio"], entry.Authors);
        Assert.False(entry.AuthorsTruncated);
    }

    [Theory]
    [InlineData("eprint = {2305.18290}, archivePrefix = {arXiv}", "2305.18290")]
    [InlineData("eprint = {2305.18290v3}", "2305.18290")]
    [InlineData("eprint = {hep-th/9901001}, archiveprefix = {arXiv}", "hep-th/9901001")]
    [InlineData("journal = {arXiv preprint arXiv:2402.03300}", "2402.03300")]
    [InlineData("journal = {ArXiv}, volume = {abs/2501.12948}, url = {https://arxiv.org/abs/2501.12948v1}", "2501.12948")]
    [InlineData("url = {https://arxiv.org/pdf/2203.02155.pdf}", "2203.02155")]
    [InlineData("journal = {CoRR}, volume = {abs/1707.06347}", "1707.06347")]
    [InlineData("eprint = {12345}, archivePrefix = {PubMed}", null)]
    public void FindsArxivIds(string fields, string? expected)
    {
        var entry = Single($"@article{{a, title = {{T}}, {fields}}}");
        Assert.Equal(expected, entry.ArxivId);
        if (expected is not null)
        {
            Assert.Null(entry.Venue); // "arXiv preprint ..." / "ArXiv" / "CoRR" is the server, not a venue
        }
    }

    [Fact]
    public void FindsDoisAndUrls()
    {
        Assert.Equal("10.1007/bf00992696", Single("@article{a, title={T}, doi={10.1007/BF00992696}}").Doi);
        var fromUrl = Single("@article{a, title={T}, url={https://doi.org/10.1145/3368089.3409741}}");
        Assert.Equal("10.1145/3368089.3409741", fromUrl.Doi);
        Assert.Equal("https://doi.org/10.1145/3368089.3409741", fromUrl.Url);
        Assert.Equal("https://github.com/ganler/code-r1", Single(@"@misc{a, title={T}, howpublished={\url{https://github.com/ganler/code-r1}}}").Url);
        Assert.Null(Single("@misc{a, title={T}, url={not a url}}").Url);
    }

    [Fact]
    public void ErrorsCarryLineNumbers()
    {
        var unbalanced = Errors("""
            @article{good, title = {Fine}}

            @article{broken,
              title = {Never {closed},
              year = 2020
            }
            @article{next, title = {Next}}
            """);
        Assert.Contains(unbalanced, e => e.Line == 3 && e.Message.Contains("Unbalanced brace", StringComparison.Ordinal));

        var atEnd = Errors("@article{a,\n  title = {Open\n");
        Assert.Contains(atEnd, e => e.Line == 2 && e.Message.Contains("Unbalanced brace", StringComparison.Ordinal));

        var macro = Errors("@article{a,\n  title = {T},\n  journal = nips,\n}");
        var error = Assert.Single(macro);
        Assert.Equal(3, error.Line);
        Assert.Contains("'nips'", error.Message, StringComparison.Ordinal);

        var twice = Errors("@article{same, title={One}}\n@misc{other, title={Two}}\n@article{same, title={Three}}");
        error = Assert.Single(twice);
        Assert.Equal(3, error.Line);
        Assert.Contains("'same' is used twice (first at line 1)", error.Message, StringComparison.Ordinal);

    }

    [Fact]
    public void AnEntryWithoutATitleIsRejectedOnItsOwn()
    {
        // The awesome list's reference.bib holds one (a blog post): the file still reads, the entry is reported.
        var result = BibtexParser.Parse("@article{ok, title={One}}\n@misc{untitled, author={Someone}, year={2025}}");
        Assert.True(result.Succeeded);
        Assert.Equal("ok", Assert.Single(result.Entries).CitationKey);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(("untitled", 2), (rejected.Entry.CitationKey, rejected.Entry.Line));
        Assert.Contains("no title", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsEveryProblemOfAFile()
    {
        var errors = Errors("@article{a, title = x}\n@article{b, title={B}}\n@article{b, title={T}}\n@article{c, title={C}");
        Assert.Equal([1, 3, 4], errors.Select(e => e.Line).Order());
    }

    [SharedReferenceFact]
    public void ReadsTheAwesomeListsBibliography()
    {
        var text = File.ReadAllText(SharedReference.PathOf(Path.Combine("external", "awesome-rl-for-lrms", "reference.bib")));
        var result = BibtexParser.Parse(text);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Take(10)));
        var declared = System.Text.RegularExpressions.Regex.Matches(text, @"^\s*@(?!comment|string|preamble)[A-Za-z]+\s*\{", System.Text.RegularExpressions.RegexOptions.Multiline | System.Text.RegularExpressions.RegexOptions.IgnoreCase).Count;
        Assert.Equal(declared, result.Entries.Count + result.Rejected.Count);
        Assert.All(result.Entries, e => Assert.DoesNotContain('\\', e.Title + string.Concat(e.Authors)));
        Assert.All(result.Entries, e => Assert.DoesNotContain('{', e.Title + string.Concat(e.Authors)));
        Assert.True(result.Entries.Count(e => e.ArxivId is not null) > result.Entries.Count * 3 / 4);
    }
}
