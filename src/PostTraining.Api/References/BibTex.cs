using System.Text;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.References;

/// <summary>Writes references as BibTeX entries, so a reading list drops straight into a LaTeX bibliography.</summary>
public static class BibTex
{
    public static string Format(IEnumerable<SnapshotNode> references)
    {
        var builder = new StringBuilder();
        foreach (var reference in references)
        {
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            Append(builder, reference);
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, SnapshotNode r)
    {
        var row = r.Row;
        // An arXiv preprint without a venue is @misc with eprint fields, as arXiv itself exports it.
        var type = row.Venue is null ? "misc" : IsJournal(row.Venue) ? "article" : "inproceedings";
        builder.Append('@').Append(type).Append('{').Append(r.Slug).Append(",\n");
        Field(builder, "title", r.Title());
        if (row.Authors.Count > 0)
        {
            // BibTeX's own marker of an incomplete list, so a citation does not pass for the whole author list.
            Field(builder, "author", string.Join(" and ", row.AuthorsTruncated ? [.. row.Authors, "others"] : row.Authors));
        }

        Field(builder, "year", row.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(builder, type == "article" ? "journal" : "booktitle", row.Venue);
        if (row.ArxivId is not null)
        {
            Field(builder, "eprint", row.ArxivId);
            Field(builder, "archiveprefix", "arXiv");
        }

        Field(builder, "doi", row.Doi, escape: false);
        Field(builder, "url", row.Url, escape: false);
        Field(builder, "language", row.Language);
        builder.Append("}\n");
    }

    private static bool IsJournal(string venue) =>
        venue.Contains("Journal", StringComparison.OrdinalIgnoreCase) || venue.Contains("Transactions", StringComparison.OrdinalIgnoreCase)
        || venue.StartsWith("TMLR", StringComparison.Ordinal) || venue.StartsWith("JMLR", StringComparison.Ordinal);

    private static void Field(StringBuilder builder, string name, string? value, bool escape = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        builder.Append("  ").Append(name).Append(" = {").Append(escape ? Escape(value) : value.Replace("}", "%7D", StringComparison.Ordinal)).Append("},\n");
    }

    /// <summary>Escapes the characters LaTeX treats specially; braces are kept balanced by escaping them.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            // "--" is an en dash in LaTeX; "-{}-" keeps the title's two hyphens (and its BibTeX import the same text).
            if (c == '-' && builder.Length > 0 && builder[^1] == '-')
            {
                builder.Append("{}");
            }

            switch (c)
            {
                case '\\': builder.Append(@"\textbackslash{}"); break;
                case '{' or '}' or '&' or '%' or '$' or '#' or '_': builder.Append('\\').Append(c); break;
                case '~': builder.Append(@"\textasciitilde{}"); break;
                case '^': builder.Append(@"\textasciicircum{}"); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }
}
