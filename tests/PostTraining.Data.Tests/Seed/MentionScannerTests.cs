using PostTraining.Data.Seed;

namespace PostTraining.Data.Tests.Seed;

/// <summary>Each phrasing that introduces models or datasets, and what it must not pick up.</summary>
public sealed class MentionScannerTests
{
    [Fact]
    public void AListClosedByDengMoXingNamesModels()
    {
        var found = MentionScanner.Scan("催生了如 GPT-4、LLaMA-3、Gemini-2.0 和 Claude-3.5 等模型的开发");
        Assert.Equal(["GPT-4", "LLaMA-3", "Gemini-2.0", "Claude-3.5"], found.Select(m => m.Name));
        Assert.All(found, m => Assert.Equal(MentionKind.Model, m.Kind));
    }

    [Fact]
    public void ExamplesTakeTheirKindFromTheNounBeforeThem()
    {
        var found = MentionScanner.Scan("开源 LLMs（例如 LLaMA、Gemma 和 Nemotron）和领域特定的大规模数据集（例如 Prompt Source 和 Flan）的日益可用");
        Assert.Equal(
            [("LLaMA", MentionKind.Model), ("Gemma", MentionKind.Model), ("Nemotron", MentionKind.Model),
             ("Prompt Source", MentionKind.Dataset), ("Flan", MentionKind.Dataset)],
            found.Select(m => (m.Name, m.Kind)));
    }

    [Fact]
    public void ExamplesOfAnUnclassifiedNounNameNothing()
    {
        Assert.Empty(MentionScanner.Scan("多种任务（例如 Summarization 和 Translation）"));
    }

    [Fact]
    public void AParameterCountIsConvertedToTheCustomaryUnit()
    {
        var gpt3 = Assert.Single(MentionScanner.Scan("随着具有 1750 亿个参数的 GPT-3 的发布"));
        Assert.Equal(("GPT-3", "175B"), (gpt3.Name, gpt3.Parameters));
    }

    [Theory]
    [InlineData("70", "亿", "7B")]
    [InlineData("1.6", "万亿", "1.6T")]
    [InlineData("3", "千亿", "300B")]
    [InlineData("7", "B", "7B")]
    [InlineData("350", "M", "350M")]
    public void ParameterCounts(string count, string unit, string expected)
    {
        Assert.Equal(expected, MentionScanner.Parameters(count, unit));
    }

    [Fact]
    public void AModelSetOffByCommasAfterLlmIsNamed()
    {
        var model = Assert.Single(MentionScanner.Scan("一个显著的例子是最新一代的 LLM，DeepSeek-R1，它展示了"));
        Assert.Equal(("DeepSeek-R1", "LLM，X，"), (model.Name, model.Pattern));
    }

    [Fact]
    public void ChineseWordsAndPlainProseAreNeverNames()
    {
        // The Chinese name without an abbreviation is dropped; the product name beside it is kept.
        Assert.Equal(["Word2vec"], MentionScanner.Scan("早期的静态预训练方法，如神经网络语言模型和 Word2vec，难以适应").Select(m => m.Name));
        Assert.Empty(MentionScanner.Scan("一些模型（例如 机器翻译模型 和 摘要模型）"));
    }

    [Fact]
    public void APreTrainingParagraphsExamplesAreModelsAndAChineseNameGoesByItsAbbreviation()
    {
        const string text = "静态预训练方法，如神经网络语言模型(NNLM) 和 Word2vec，促使了动态预训练技术的发展，如 BERT 和 XLNet。引入了多种架构，包括 GPT-2 和 BART。";
        var found = MentionScanner.Scan(text);
        Assert.Equal(["NNLM", "Word2vec", "BERT", "XLNet", "GPT-2", "BART"], found.Select(m => m.Name));
        Assert.All(found, m => Assert.Equal(MentionKind.Model, m.Kind));
        Assert.All(found, m => Assert.Equal(m.Name, text.Substring(m.Offset, m.Name.Length)));
    }

    [Fact]
    public void OffsetsPointAtTheNames()
    {
        const string text = "如 GPT-4 和 Claude-3.5 等模型";
        Assert.All(MentionScanner.Scan(text), m => Assert.Equal(m.Name, text.Substring(m.Offset, m.Name.Length)));
    }
}
