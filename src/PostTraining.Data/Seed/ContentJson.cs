using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PostTraining.Data.Seed;

/// <summary>How content files are read and written: camelCase, absent instead of null, CJK as characters, no unknown members.</summary>
public static class ContentJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Data files are read by people and never embedded in HTML: write ">" and CJK as themselves.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        IndentSize = 2,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>The file's text: indented, LF line endings, a final newline, so regenerating it gives an identical diff.</summary>
    public static string Serialize(ContentFile file) => JsonSerializer.Serialize(file, Options).ReplaceLineEndings("\n") + "\n";
}
