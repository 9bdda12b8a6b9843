using System.Text;

namespace PostTraining.Data.Bibliography;

/// <summary>
/// Turns the LaTeX of a BibTeX value into plain Unicode text: accents (<c>\'e</c>, <c>{\"u}</c>, <c>\c{c}</c>,
/// <c>\v{s}</c>, <c>\'\i</c>), letters (<c>\ss</c>, <c>\o</c>, <c>\l</c>), escapes (<c>\&amp;</c>, <c>\%</c>, <c>\_</c>,
/// <c>\textbackslash{}</c>), dashes (<c>--</c>, <c>---</c>), ties (<c>~</c>), text commands (<c>\emph{x}</c>,
/// <c>\url{x}</c>) and grouping braces (<c>{{Title}}</c>, <c>{-}</c>) removed. One pass, so what a command produces is
/// never read again as LaTeX (<c>\textasciitilde{}</c> stays a tilde).
/// </summary>
public static class LatexText
{
    /// <summary>Accent commands and the combining mark each one puts on the letter after it.</summary>
    private static readonly Dictionary<string, char> Accents = new(StringComparer.Ordinal)
    {
        ["'"] = '\u0301', ["`"] = '\u0300', ["^"] = '\u0302', ["\""] = '\u0308', ["~"] = '\u0303', ["="] = '\u0304',
        ["."] = '\u0307', ["u"] = '\u0306', ["v"] = '\u030C', ["H"] = '\u030B', ["c"] = '\u0327', ["k"] = '\u0328',
        ["r"] = '\u030A', ["d"] = '\u0323', ["b"] = '\u0331', ["t"] = '\u0361',
    };

    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["ss"] = "ß", ["o"] = "ø", ["O"] = "Ø", ["l"] = "ł", ["L"] = "Ł", ["ae"] = "æ", ["AE"] = "Æ", ["oe"] = "œ",
        ["OE"] = "Œ", ["aa"] = "å", ["AA"] = "Å", ["i"] = "ı", ["j"] = "ȷ", ["dh"] = "ð", ["DH"] = "Ð", ["th"] = "þ",
        ["TH"] = "Þ", ["ng"] = "ŋ", ["NG"] = "Ŋ", ["dj"] = "đ", ["DJ"] = "Đ",
        ["textbackslash"] = "\\", ["textasciitilde"] = "~", ["textasciicircum"] = "^", ["textendash"] = "–",
        ["textemdash"] = "—", ["textquoteright"] = "’", ["textquoteleft"] = "‘", ["textquotedblleft"] = "“",
        ["textquotedblright"] = "”", ["textbar"] = "|", ["textless"] = "<", ["textgreater"] = ">", ["textunderscore"] = "_",
        ["ldots"] = "…", ["dots"] = "…", ["textellipsis"] = "…", ["S"] = "§", ["P"] = "¶", ["copyright"] = "©",
        ["textregistered"] = "®", ["texttrademark"] = "™", ["pounds"] = "£", ["euro"] = "€", ["LaTeX"] = "LaTeX",
        ["TeX"] = "TeX", ["BibTeX"] = "BibTeX", ["textdegree"] = "°", ["times"] = "×", ["cdot"] = "·", ["pm"] = "±",
        ["leq"] = "≤", ["geq"] = "≥", ["le"] = "≤", ["ge"] = "≥", ["neq"] = "≠", ["infty"] = "∞", ["to"] = "→",
        ["rightarrow"] = "→", ["leftarrow"] = "←", ["approx"] = "≈", ["sim"] = "∼",
        ["alpha"] = "α", ["beta"] = "β", ["gamma"] = "γ", ["delta"] = "δ", ["epsilon"] = "ε", ["varepsilon"] = "ε",
        ["zeta"] = "ζ", ["eta"] = "η", ["theta"] = "θ", ["iota"] = "ι", ["kappa"] = "κ", ["lambda"] = "λ", ["mu"] = "μ",
        ["nu"] = "ν", ["xi"] = "ξ", ["pi"] = "π", ["rho"] = "ρ", ["sigma"] = "σ", ["tau"] = "τ", ["upsilon"] = "υ",
        ["phi"] = "φ", ["varphi"] = "φ", ["chi"] = "χ", ["psi"] = "ψ", ["omega"] = "ω", ["Gamma"] = "Γ", ["Delta"] = "Δ",
        ["Theta"] = "Θ", ["Lambda"] = "Λ", ["Xi"] = "Ξ", ["Pi"] = "Π", ["Sigma"] = "Σ", ["Phi"] = "Φ", ["Psi"] = "Ψ",
        ["Omega"] = "Ω",
    };

    /// <summary>Commands whose argument is the text itself (the styling or the link is dropped).</summary>
    private static readonly HashSet<string> TextCommands = new(StringComparer.Ordinal)
    {
        "emph", "textit", "textbf", "textsc", "texttt", "textrm", "textsf", "textmd", "textup", "textsl", "textnormal",
        "mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathcal", "mathbb", "text", "url", "href", "uppercase",
        "lowercase", "MakeUppercase", "MakeLowercase", "mbox", "hbox", "em", "it", "bf", "sc", "tt", "rm", "sf", "sl",
        "small", "tiny", "large", "Large", "footnotesize", "normalsize", "noopsort", "NoCaseChange", "protect",
    };

    public static string Decode(string latex)
    {
        if (latex.Length == 0)
        {
            return latex;
        }

        var output = new StringBuilder(latex.Length);
        var i = 0;
        DecodeInto(latex, ref i, output, stopAtBrace: false);
        return Collapse(output.ToString().Normalize(NormalizationForm.FormC));
    }

    private static void DecodeInto(string s, ref int i, StringBuilder output, bool stopAtBrace)
    {
        while (i < s.Length)
        {
            var c = s[i];
            switch (c)
            {
                case '{':
                    i++;
                    DecodeInto(s, ref i, output, stopAtBrace: true);
                    break;
                case '}':
                    i++;
                    if (stopAtBrace)
                    {
                        return;
                    }

                    break;
                case '\\':
                    Command(s, ref i, output);
                    break;
                case '~':
                    output.Append(' ');
                    i++;
                    break;
                case '$':
                    i++; // inline math: its content is decoded like text, the delimiters dropped
                    break;
                case '-' when i + 1 < s.Length && s[i + 1] == '-':
                    if (i + 2 < s.Length && s[i + 2] == '-')
                    {
                        output.Append('—');
                        i += 3;
                    }
                    else
                    {
                        output.Append('–');
                        i += 2;
                    }

                    break;
                default:
                    output.Append(c);
                    i++;
                    break;
            }
        }
    }

    private static void Command(string s, ref int i, StringBuilder output)
    {
        i++; // the backslash
        if (i >= s.Length)
        {
            output.Append('\\');
            return;
        }

        string name;
        if (char.IsAsciiLetter(s[i]))
        {
            var start = i;
            while (i < s.Length && char.IsAsciiLetter(s[i]))
            {
                i++;
            }

            name = s[start..i];
        }
        else
        {
            name = s[i].ToString();
            i++;
        }

        if (Accents.TryGetValue(name, out var mark) && (name.Length == 1 && !char.IsAsciiLetter(name[0]) || NextIsArgument(s, i, name)))
        {
            var letter = AccentArgument(s, ref i);
            output.Append(letter).Append(mark);
            return;
        }

        switch (name)
        {
            case "&" or "%" or "$" or "#" or "_" or "{" or "}":
                output.Append(name);
                return;
            case " " or "," or ";" or ":" or "quad" or "qquad" or "enspace" or "thinspace":
                output.Append(' ');
                return;
            case "-" or "/" or "@" or "relax" or "!":
                return; // hyphenation points, italic corrections, spacing hints
            case "\\":
                output.Append(' ');
                return;
        }

        if (Symbols.TryGetValue(name, out var symbol))
        {
            SkipEmptyGroupOrSpace(s, ref i, name);
            output.Append(symbol);
            return;
        }

        if (name == "href")
        {
            // \href{url}{text}: the text is what a reader sees.
            SkipSpaces(s, ref i);
            if (i < s.Length && s[i] == '{')
            {
                SkipGroup(s, ref i);
            }

            return;
        }

        // A text command (or an unknown one): its arguments stay as text, the command itself goes.
        if (!TextCommands.Contains(name) && char.IsAsciiLetter(name[0]))
        {
            SkipEmptyGroupOrSpace(s, ref i, name);
        }
    }

    /// <summary>A letter command such as \c or \v takes an argument: <c>\c{c}</c>, <c>\v s</c>.</summary>
    private static bool NextIsArgument(string s, int i, string name) =>
        i < s.Length && (s[i] == '{' || s[i] == ' ' || (name.Length == 1 && char.IsAsciiLetter(name[0]) && s[i] == '\\'));

    /// <summary>The letter an accent sits on: <c>e</c>, <c>{e}</c>, <c>\i</c>, <c>{\i}</c> (a dotless i takes the accent as i).</summary>
    private static string AccentArgument(string s, ref int i)
    {
        while (i < s.Length && s[i] == ' ')
        {
            i++;
        }

        if (i >= s.Length)
        {
            return "";
        }

        if (s[i] == '{')
        {
            i++;
            var inner = new StringBuilder();
            DecodeInto(s, ref i, inner, stopAtBrace: true);
            return Undotted(inner.ToString());
        }

        if (s[i] == '\\')
        {
            var inner = new StringBuilder();
            Command(s, ref i, inner);
            return Undotted(inner.ToString());
        }

        return s[i++].ToString();
    }

    private static string Undotted(string letter) => letter switch
    {
        "ı" => "i",
        "ȷ" => "j",
        _ => letter,
    };

    /// <summary>After a letter command, TeX swallows the spaces ending its name, and an empty group <c>{}</c>.</summary>
    private static void SkipEmptyGroupOrSpace(string s, ref int i, string name)
    {
        if (!char.IsAsciiLetter(name[0]))
        {
            return;
        }

        if (i + 1 < s.Length && s[i] == '{' && s[i + 1] == '}')
        {
            i += 2;
            return;
        }

        while (i < s.Length && s[i] == ' ')
        {
            i++;
        }
    }

    private static void SkipSpaces(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
        {
            i++;
        }
    }

    private static void SkipGroup(string s, ref int i)
    {
        var depth = 0;
        for (; i < s.Length; i++)
        {
            if (s[i] == '\\')
            {
                i++;
                continue;
            }

            if (s[i] == '{')
            {
                depth++;
            }
            else if (s[i] == '}' && --depth == 0)
            {
                i++;
                return;
            }
        }
    }

    /// <summary>Line breaks and runs of white space become one space; the ends are trimmed.</summary>
    public static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
