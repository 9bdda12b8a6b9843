using System.Globalization;
using System.Text.Json;
using Microsoft.OpenApi;

namespace PostTraining.Api.Tests.Fuzz;

/// <summary>
/// Checks a JSON value against an OpenAPI schema: types (with nullability), required and declared members, array
/// items, enums, string lengths and numeric bounds, and allOf / anyOf / oneOf. Enough to catch a response that
/// drifted from its documented shape (Schemathesis' response_schema_conformance).
/// </summary>
internal static class SchemaValidator
{
    public static List<string> Validate(JsonElement value, IOpenApiSchema schema)
    {
        var errors = new List<string>();
        Check(value, schema, "$", errors, 0);
        return errors;
    }

    private static void Check(JsonElement value, IOpenApiSchema schema, string at, List<string> errors, int depth)
    {
        if (depth > 64 || errors.Count > 20)
        {
            return;
        }

        foreach (var part in schema.AllOf ?? [])
        {
            Check(value, part, at, errors, depth + 1);
        }

        if (schema.AnyOf is { Count: > 0 } anyOf && !anyOf.Any(s => Matches(value, s, depth)))
        {
            errors.Add($"{at}: matches none of anyOf");
        }

        if (schema.OneOf is { Count: > 0 } oneOf && !oneOf.Any(s => Matches(value, s, depth)))
        {
            errors.Add($"{at}: matches none of oneOf");
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            if (schema.Type is { } t && !t.HasFlag(JsonSchemaType.Null))
            {
                errors.Add($"{at}: null where {t} is documented");
            }

            return;
        }

        if (!TypeMatches(value, schema))
        {
            errors.Add($"{at}: {value.ValueKind} where {schema.Type} is documented");
            return;
        }

        if (schema.Enum is { Count: > 0 } && value.ValueKind == JsonValueKind.String)
        {
            var allowed = schema.EnumValues();
            if (!allowed.Contains(value.GetString()!))
            {
                errors.Add($"{at}: '{value.GetString()}' is not one of {string.Join(", ", allowed)}");
            }
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(value, schema, at, errors, depth);
                break;
            case JsonValueKind.Array when schema.Items is { } items:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, items, $"{at}[{i++}]", errors, depth + 1);
                }

                break;
            case JsonValueKind.String:
                var length = value.GetString()!.Length;
                if (schema.MaxLength is { } max && length > max)
                {
                    errors.Add($"{at}: longer than {max}");
                }

                if (schema.MinLength is { } min && length < min)
                {
                    errors.Add($"{at}: shorter than {min}");
                }

                break;
            case JsonValueKind.Number:
                var number = value.GetDouble();
                if (double.TryParse(schema.Maximum, NumberStyles.Float, CultureInfo.InvariantCulture, out var maximum) && number > maximum)
                {
                    errors.Add($"{at}: {number} above maximum {maximum}");
                }

                if (double.TryParse(schema.Minimum, NumberStyles.Float, CultureInfo.InvariantCulture, out var minimum) && number < minimum)
                {
                    errors.Add($"{at}: {number} below minimum {minimum}");
                }

                break;
        }
    }

    private static void CheckObject(JsonElement value, IOpenApiSchema schema, string at, List<string> errors, int depth)
    {
        foreach (var required in schema.Required ?? new HashSet<string>())
        {
            if (!value.TryGetProperty(required, out _))
            {
                errors.Add($"{at}: required member '{required}' is missing");
            }
        }

        var properties = schema.Properties ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var member in value.EnumerateObject())
        {
            if (properties.TryGetValue(member.Name, out var memberSchema))
            {
                Check(member.Value, memberSchema, $"{at}.{member.Name}", errors, depth + 1);
            }
            else if (schema.AdditionalProperties is { } additional)
            {
                Check(member.Value, additional, $"{at}.{member.Name}", errors, depth + 1);
            }
            else if (!schema.AdditionalPropertiesAllowed)
            {
                errors.Add($"{at}: undocumented member '{member.Name}'");
            }
        }
    }

    private static bool Matches(JsonElement value, IOpenApiSchema schema, int depth)
    {
        var errors = new List<string>();
        Check(value, schema, "$", errors, depth + 1);
        return errors.Count == 0;
    }

    private static bool TypeMatches(JsonElement value, IOpenApiSchema schema)
    {
        if (schema.Type is not { } type)
        {
            return true;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Object => type.HasFlag(JsonSchemaType.Object),
            JsonValueKind.Array => type.HasFlag(JsonSchemaType.Array),
            JsonValueKind.String => type.HasFlag(JsonSchemaType.String),
            JsonValueKind.True or JsonValueKind.False => type.HasFlag(JsonSchemaType.Boolean),
            JsonValueKind.Number => type.HasFlag(JsonSchemaType.Number) ||
                                    (type.HasFlag(JsonSchemaType.Integer) && value.TryGetInt64(out _)),
            _ => true,
        };
    }
}
