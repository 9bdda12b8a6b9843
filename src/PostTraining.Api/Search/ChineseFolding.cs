using System.Text;

namespace PostTraining.Api.Search;

/// <summary>
/// Traditional Chinese folded to Simplified with OpenCC's dictionaries (vendored in Search/OpenCC, Apache-2.0), the way
/// OpenCC's tw2s/hk2s converters chain them: regional variants to OpenCC Traditional, then Traditional to Simplified.
/// Each stage replaces, left to right, the longest dictionary key found at each position (phrases before single
/// characters, as OpenCC segments). Indexed text and queries both pass through it, so either script finds the other.
/// Read once, on first use; text with nothing to convert is returned as it is, without a copy.
/// </summary>
public static class ChineseFolding
{
    private static readonly Stage[] Stages =
    [
        Stage.Load("TWVariantsRevPhrases", "TWVariantsRev"),
        Stage.Load("HKVariantsRevPhrases", "HKVariantsRev"),
        Stage.Load("TSPhrases", "TSCharacters"),
    ];

    /// <summary>Entries loaded, over all dictionaries (for tests and diagnostics).</summary>
    public static int EntryCount => Stages.Sum(s => s.Count);

    public static string Fold(string text)
    {
        foreach (var stage in Stages)
        {
            text = stage.Convert(text);
        }

        return text;
    }

    /// <summary>One step of the chain: the union of its dictionaries, matched longest key first.</summary>
    private sealed class Stage
    {
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

        /// <summary>By a key's first UTF-16 unit, the length of the longest key starting with it (0: none does).</summary>
        private readonly byte[] _longestFrom = new byte[char.MaxValue + 1];

        private Stage(Dictionary<string, string> entries)
        {
            Count = entries.Count;
            _lookup = entries.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (var key in entries.Keys)
            {
                _longestFrom[key[0]] = (byte)Math.Max(_longestFrom[key[0]], Math.Min(key.Length, byte.MaxValue));
            }
        }

        public int Count { get; }

        /// <summary>The dictionaries' entries, earlier ones winning where two have the same key (OpenCC's order).</summary>
        public static Stage Load(params string[] names)
        {
            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            var assembly = typeof(ChineseFolding).Assembly;
            foreach (var name in names)
            {
                using var stream = assembly.GetManifestResourceStream($"OpenCC.{name}.txt")
                    ?? throw new InvalidOperationException($"The OpenCC dictionary {name} is not embedded (Search/OpenCC/{name}.txt).");
                using var reader = new StreamReader(stream, Encoding.UTF8);
                while (reader.ReadLine() is { } line)
                {
                    var tab = line.IndexOf('\t');
                    if (tab > 0 && tab < line.Length - 1)
                    {
                        // A value may list alternatives separated by spaces: OpenCC takes the first.
                        var value = line[(tab + 1)..];
                        var space = value.IndexOf(' ');
                        entries.TryAdd(line[..tab], space > 0 ? value[..space] : value);
                    }
                }
            }

            return new Stage(entries);
        }

        public string Convert(string text)
        {
            var first = FirstKeyStart(text);
            if (first < 0)
            {
                return text;
            }

            StringBuilder? builder = null;
            var copied = 0;
            for (var i = first; i < text.Length;)
            {
                var longest = Math.Min(_longestFrom[text[i]], text.Length - i);
                var matched = 0;
                string? value = null;
                for (var length = longest; length > 0; length--)
                {
                    if (_lookup.TryGetValue(text.AsSpan(i, length), out value))
                    {
                        matched = length;
                        break;
                    }
                }

                if (matched == 0)
                {
                    i++;
                    continue;
                }

                if (!text.AsSpan(i, matched).SequenceEqual(value))
                {
                    builder ??= new StringBuilder(text.Length);
                    builder.Append(text, copied, i - copied).Append(value);
                    copied = i + matched;
                }

                i += matched;
            }

            return builder is null ? text : builder.Append(text, copied, text.Length - copied).ToString();
        }

        private int FirstKeyStart(string text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                if (_longestFrom[text[i]] != 0)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
