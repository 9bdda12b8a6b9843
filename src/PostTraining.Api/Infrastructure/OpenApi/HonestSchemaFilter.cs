using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PostTraining.Api.Infrastructure.OpenApi;

/// <summary>
/// Makes each schema say what the serializer does with the record it describes, read from the C# record itself:
/// a member of a non-nullable type is always written, so it is <c>required</c>; a nullable one is left out when
/// null (the API's JSON options omit nulls), so it is optional and never <c>null</c>; a member with
/// <see cref="AllowedValuesAttribute"/> is an enum. Swashbuckle infers the reference types' half of this
/// (NonNullableReferenceTypesAsRequired) but not value types, the never-null or the enums.
/// </summary>
/// <remarks>
/// The write bodies (the content contract's records, every member nullable) keep null and get no <c>required</c>:
/// a null member is accepted, and in a merge patch it removes the member, so null is a real value; the validators
/// say which members a create needs (400 naming each).
/// </remarks>
internal sealed class HonestSchemaFilter : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema target || context.Type is null || target.Properties is not { Count: > 0 } properties)
        {
            return;
        }

        var writeBody = IsWriteBody(context.Type);
        // NullabilityInfoContext is not thread-safe and documents are generated concurrently: one per schema.
        var nullability = new NullabilityInfoContext();
        foreach (var property in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            if (!properties.TryGetValue(name, out var member))
            {
                continue;
            }

            if (member is OpenApiSchema inline)
            {
                if (inline.Type is { } type && !writeBody)
                {
                    inline.Type = type & ~JsonSchemaType.Null;
                }

                if (property.GetCustomAttribute<AllowedValuesAttribute>() is { } allowed)
                {
                    // Where null is accepted (a write body's member), the enum must list it too.
                    inline.Enum = [.. allowed.Values.Select(v => (JsonNode?)JsonValue.Create(v?.ToString()))
                        .Concat(inline.Type?.HasFlag(JsonSchemaType.Null) == true ? [null] : Array.Empty<JsonNode?>())!];
                }
            }

            if (!writeBody && IsAlwaysWritten(property, nullability))
            {
                target.Required ??= new HashSet<string>(StringComparer.Ordinal);
                target.Required.Add(name);
            }
        }
    }

    private static bool IsAlwaysWritten(PropertyInfo property, NullabilityInfoContext nullability)
    {
        if (property.PropertyType.IsValueType)
        {
            return Nullable.GetUnderlyingType(property.PropertyType) is null;
        }

        return nullability.Create(property).ReadState == NullabilityState.NotNull;
    }

    private static bool IsWriteBody(Type type) =>
        type.Namespace == typeof(Data.Content.ParadigmContent).Namespace && type != typeof(Data.Content.LocalizedText)
        || type.Name.EndsWith("Request", StringComparison.Ordinal);
}
