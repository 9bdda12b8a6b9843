using Markdig.Syntax;

namespace PostTraining.Data.Seed;

/// <summary>
/// The document's headings as a tree built from Markdig's AST, each section holding the blocks written directly
/// under its heading. Lookups go by heading text along a path, and a heading found at the wrong level is reported
/// as such rather than as missing.
/// </summary>
internal sealed class DocumentSections
{
    private readonly string _file;

    private DocumentSections(string file, Section root)
    {
        _file = file;
        Root = root;
    }

    public Section Root { get; }

    public sealed class Section(int level, string title, int line, IReadOnlyList<string> path)
    {
        public int Level { get; } = level;
        public string Title { get; } = title;

        /// <summary>1-based line of the heading.</summary>
        public int Line { get; } = line;

        /// <summary>Heading texts from the outermost heading down to this one.</summary>
        public IReadOnlyList<string> Path { get; } = path;

        public List<Block> Blocks { get; } = [];
        public List<Section> Children { get; } = [];

        public IEnumerable<Section> Descendants() => Children.SelectMany(c => c.Descendants().Prepend(c));
    }

    public static DocumentSections Build(string file, MarkdownDocument document)
    {
        var root = new Section(0, "", 1, []);
        var stack = new Stack<Section>();
        stack.Push(root);
        foreach (var block in document)
        {
            if (block is HeadingBlock heading)
            {
                while (stack.Peek().Level >= heading.Level)
                {
                    stack.Pop();
                }

                var parent = stack.Peek();
                var title = InlineText.Of(heading.Inline).Text.Trim();
                var section = new Section(heading.Level, title, heading.Line + 1, [.. parent.Path, title]);
                parent.Children.Add(section);
                stack.Push(section);
            }
            else
            {
                stack.Peek().Blocks.Add(block);
            }
        }

        return new DocumentSections(file, root);
    }

    /// <summary>
    /// The section at <paramref name="path"/>, the first title being a level-1 heading, the next level 2 and so on.
    /// </summary>
    /// <exception cref="SeedFormatException">The section is missing, or its heading has another level or parent.</exception>
    public Section Require(params string[] path)
    {
        var current = Root;
        foreach (var title in path)
        {
            var next = current.Children.FirstOrDefault(c => c.Title == title);
            if (next is null)
            {
                var expectedLevel = current.Level + 1;
                var misplaced = Root.Descendants().FirstOrDefault(s => s.Title == title);
                if (misplaced is not null)
                {
                    var where = current == Root ? "at the top level" : $"under '{current.Title}'";
                    throw new SeedFormatException(_file, misplaced.Line,
                        $"heading '{title}' is level {misplaced.Level} under '{string.Join(" > ", misplaced.Path.SkipLast(1))}'; expected level {expectedLevel} {where}");
                }

                var context = current == Root ? "" : $" under '{current.Title}' (line {current.Line})";
                throw new SeedFormatException(_file, current.Line, $"missing section '{title}'{context}: expected a level-{expectedLevel} heading");
            }

            current = next;
        }

        return current;
    }
}
