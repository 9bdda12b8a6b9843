using System.Text.Json;
using System.Text.RegularExpressions;

namespace PostTraining.Api.Infrastructure;

/// <summary>
/// Reads the parameter name out of the framework's binding failures ("Failed to bind parameter "int? Limit" from
/// "abc"."), so the 400 can name the parameter in <c>errors</c> the way every other validation failure does.
/// </summary>
public static partial class BindingFailures
{
    public static bool TryDescribe(string message, out string parameter, out string problem)
    {
        var failed = FailedToBind().Match(message);
        if (failed.Success)
        {
            parameter = JsonNamingPolicy.CamelCase.ConvertName(failed.Groups["name"].Value);
            problem = $"'{failed.Groups["value"].Value}' is not {Describe(failed.Groups["type"].Value)}.";
            return true;
        }

        var missing = Required().Match(message);
        if (missing.Success)
        {
            parameter = JsonNamingPolicy.CamelCase.ConvertName(missing.Groups["name"].Value);
            problem = "Required.";
            return true;
        }

        parameter = problem = "";
        return false;
    }

    private static string Describe(string type) => type.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('>', '?') switch
    {
        "int" or "Int32" or "long" or "Int64" => "a whole number",
        "bool" or "Boolean" => "true or false",
        "double" or "Double" or "decimal" => "a number",
        var other => $"a valid {other}",
    };

    [GeneratedRegex("""^Failed to bind parameter "(?<type>.+) (?<name>[A-Za-z_][A-Za-z0-9_]*)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("""^Required parameter "(?<type>.+) (?<name>[A-Za-z_][A-Za-z0-9_]*)" was not provided""")]
    private static partial Regex Required();
}
