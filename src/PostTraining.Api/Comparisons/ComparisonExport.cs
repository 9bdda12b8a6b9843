using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Comparisons;

/// <summary>
/// A comparison as a table for spreadsheets and documents: one line per row, one column per axis headed as printed,
/// each cell as printed (an empty cell is empty). CSV is RFC 4180 (CRLF, quotes doubled, quoted where needed);
/// Markdown is a GitHub-flavoured table with the notes below it.
/// </summary>
public static class ComparisonExport
{
    /// <summary>The columns before the axes: the row's entity, its label as printed and its reference.</summary>
    public static readonly IReadOnlyList<string> LeadingColumns = ["technique", "printed", "reference"];

    private static readonly CsvConfiguration Rfc4180 = new(CultureInfo.InvariantCulture) { NewLine = "\r\n" };

    public static string Csv(SnapshotComparison c)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Rfc4180))
        {
            foreach (var header in LeadingColumns.Concat(c.Axes.Select(Header)))
            {
                csv.WriteField(header);
            }

            csv.NextRecord();
            foreach (var row in c.Rows)
            {
                csv.WriteField(row.Node.Slug);
                csv.WriteField(row.Row.Printed ?? "");
                csv.WriteField(row.Reference?.Slug ?? "");
                foreach (var axis in c.Axes)
                {
                    csv.WriteField(row.TryGetCell(axis.Slug, out var cell) ? cell.Printed ?? "" : "");
                }

                csv.NextRecord();
            }
        }

        return text.ToString();
    }

    public static string Markdown(SnapshotComparison c)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(Escape(c.Row.NameEn ?? c.Slug)).Append('\n').Append('\n');
        if (c.Row.SourceTable is { } table)
        {
            md.Append(Escape(table)).Append('\n').Append('\n');
        }

        var notes = new List<string>();
        md.Append("| ").Append(string.Join(" | ", new[] { "Technique" }.Concat(c.Axes.Select(a => Escape(Header(a)))))).Append(" |\n");
        md.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", c.Axes.Count + 1))).Append('\n');
        foreach (var row in c.Rows)
        {
            var cells = c.Axes.Select(a =>
            {
                if (!row.TryGetCell(a.Slug, out var cell))
                {
                    return "";
                }

                var printed = Escape(cell.Printed ?? "");
                if (cell.NoteEn is null)
                {
                    return printed;
                }

                notes.Add($"{row.Row.Printed}, {Header(a)}: {cell.NoteEn}");
                return $"{printed} [{notes.Count}]";
            });
            var label = $"[{Escape(row.Row.Printed ?? row.Node.Slug)}]({row.Node.Url})";
            md.Append("| ").Append(string.Join(" | ", cells.Prepend(label))).Append(" |\n");
        }

        if (notes.Count > 0)
        {
            md.Append('\n');
            for (var i = 0; i < notes.Count; i++)
            {
                md.Append(i + 1).Append(". ").Append(Escape(notes[i])).Append('\n');
            }
        }

        return md.ToString();
    }

    private static string Header(PostTraining.Data.Entities.ComparisonAxis a) => a.Printed ?? a.Slug;

    /// <summary>Characters that would end a cell or start markup inside one.</summary>
    private static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
            .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
