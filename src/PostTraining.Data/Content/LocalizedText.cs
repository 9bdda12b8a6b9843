using System.ComponentModel;

namespace PostTraining.Data.Content;

/// <summary>Text in English and Chinese; a missing translation is absent, never empty.</summary>
/// <remarks>
/// The one bilingual type: data files, write bodies, the change feed and every read representation use it.
/// </remarks>
public sealed record LocalizedText(
    [property: Description("English text.")] string? En = null,
    [property: Description("Chinese text.")] string? Zh = null)
{
    /// <summary>The stored pair as it is, or null when both are absent (the write side's and the data files' view).</summary>
    public static LocalizedText? OrNull(string? en, string? zh) => en is null && zh is null ? null : new LocalizedText(en, zh);

    /// <summary>The pair for reading: blank translations count as absent, and null when neither is left.</summary>
    public static LocalizedText? Of(string? en, string? zh) =>
        string.IsNullOrWhiteSpace(en) && string.IsNullOrWhiteSpace(zh)
            ? null
            : new LocalizedText(string.IsNullOrWhiteSpace(en) ? null : en, string.IsNullOrWhiteSpace(zh) ? null : zh);
}
