using System.Text;
using Markdig.Syntax.Inlines;

namespace PostTraining.Data.Seed;

/// <summary>
/// The visible text of an inline container (emphasis unwrapped, link labels kept, soft line breaks as spaces), with
/// the source line of each piece so a match anywhere in the text can be traced back to its line.
/// </summary>
internal sealed class InlineText
{
    private readonly List<(int Offset, int Line)> _marks = [];

    public string Text { get; private set; } = "";

    /// <summary>1-based source line of the character at <paramref name="offset"/> in <see cref="Text"/>.</summary>
    public int LineAt(int offset)
    {
        var line = _marks.Count > 0 ? _marks[0].Line : 1;
        foreach (var mark in _marks)
        {
            if (mark.Offset > offset)
            {
                break;
            }

            line = mark.Line;
        }

        return line;
    }

    public static InlineText Of(ContainerInline? container)
    {
        var result = new InlineText();
        var sb = new StringBuilder();
        if (container is not null)
        {
            Append(container, sb, result._marks);
        }

        result.Text = sb.ToString();
        return result;
    }

    private static void Append(ContainerInline container, StringBuilder sb, List<(int, int)> marks)
    {
        foreach (var inline in container)
        {
            marks.Add((sb.Length, inline.Line + 1));
            switch (inline)
            {
                case LiteralInline literal:
                    sb.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    sb.Append(code.Content);
                    break;
                case LineBreakInline:
                    sb.Append(' ');
                    break;
                case AutolinkInline autolink:
                    sb.Append(autolink.Url);
                    break;
                case LinkInline { IsImage: true }:
                    // An image's alt text is not part of the prose.
                    break;
                case ContainerInline nested:
                    Append(nested, sb, marks);
                    break;
            }
        }
    }
}
