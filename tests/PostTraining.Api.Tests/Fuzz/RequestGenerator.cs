using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.OpenApi;

namespace PostTraining.Api.Tests.Fuzz;

/// <summary>
/// Builds CsCheck generators of requests for each documented operation: valid ones from the documented
/// parameter schemas, examples and the slugs that exist; invalid ones that break one documented rule; odd ones
/// full of injection fragments, CJK, right-to-left text, emoji and NUL; and key-protected calls without a key.
/// Everything is composed from CsCheck generators, so a failure shrinks to a small reproduction.
/// </summary>
internal sealed class RequestGenerator(IReadOnlyDictionary<string, IReadOnlyList<string>> knownValues, string adminKey)
{
    /// <summary>Strings that have broken web services before; none may produce a 5xx.</summary>
    public static readonly string[] Nasty =
    [
        "", " ", "\0", "a\0b", "' OR '1'='1", "\"; DROP TABLE nodes; --", "1; SELECT pg_sleep(10)", "{\"$ne\":null}",
        "../../etc/passwd", "%", "%ZZ", "%00", "偏好优化", "ＤＰＯ", "مرحبا بالعالم", "\u202Egnp.exe", "😀🔥🤖", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        "<script>alert(1)</script>", "\r\nX-Injected: 1", "null", "-1", "0", "1e309", "NaN", "-9223372036854775809",
        "99999999999999999999", "true", "[]", "{}", new string('a', 5000), new string('长', 2000), "\t\n", "\\", "'", "\"",
    ];

    private static readonly string[] MalformedCursors = ["!!!", "bm90LWEtY3Vyc29y", "%%%", "eyJ4IjoxfQ", "AAAA", "-", new string('A', 3000)];

    public Gen<FuzzRequest> For(ApiOperation op)
    {
        var choices = new List<(int, IGen<FuzzRequest>)>
        {
            (5, Build(op, Intent.Valid)),
            (3, Build(op, Intent.Invalid)),
            (2, Build(op, Intent.Any)),
        };
        if (op.NeedsKey)
        {
            choices.Add((1, Build(op, Intent.Unauthenticated)));
        }

        return Gen.Frequency<FuzzRequest>(choices.ToArray());
    }

    private Gen<FuzzRequest> Build(ApiOperation op, Intent intent)
    {
        var path = PathGen(op, intent);
        var query = QueryGen(op, intent);
        var body = BodyGen(op, intent);
        var auth = AuthGen(op, intent);
        return Gen.Select(path, query, body, auth, (p, q, b, a) =>
        {
            var why = string.Join("; ", new[] { p.Why, q.Why, b.Why, a.Why }.Where(w => w.Length > 0));
            var effective = intent;
            if (intent == Intent.Invalid && why.Length == 0)
            {
                // Nothing on this operation could be made invalid: treat it as an odd-but-legal request.
                effective = Intent.Any;
            }

            return new FuzzRequest(op, p.Value, q.Value, a.Value, b.Value.Body, b.Value.ContentType, effective, why.Length == 0 ? "well-formed" : why);
        });
    }

    private Gen<Part<List<KeyValuePair<string, string>>>> AuthGen(ApiOperation op, Intent intent)
    {
        if (intent == Intent.Unauthenticated)
        {
            return Gen.OneOf(
                new Part<List<KeyValuePair<string, string>>>([], "no key"),
                new([new("Authorization", "Bearer pt_nosuchkey_0000000000000000")], "unknown key"),
                new([new("X-Api-Key", "not-a-key")], "malformed key"),
                new([new("Authorization", "Basic YWRtaW46YWRtaW4=")], "wrong scheme"));
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (op.NeedsKey)
        {
            headers.Add(new("Authorization", "Bearer " + adminKey));
        }

        // A valid request asks for what every operation serves; the others may ask for anything (406 is a fine answer).
        var accepts = intent == Intent.Valid
            ? Gen.OneOf("", "application/json", "*/*")
            : Gen.OneOf("", "application/json", "*/*", "text/html", "application/x-bibtex", "text/csv", "application/ld+json", "image/png");
        return accepts
            .Select(accept => new Part<List<KeyValuePair<string, string>>>(
                accept.Length == 0 ? headers : [.. headers, new("Accept", accept)], ""));
    }

    private Gen<Part<string>> PathGen(ApiOperation op, Intent intent)
    {
        var segments = op.PathTemplate.Split('/');
        var gens = new List<Gen<Part<string>>>();
        foreach (var segment in segments)
        {
            if (!(segment.StartsWith('{') && segment.EndsWith('}')))
            {
                gens.Add(Gen.Const(new Part<string>(segment, "")));
                continue;
            }

            var name = segment[1..^1];
            var known = knownValues.GetValueOrDefault(KnownKey(op.PathTemplate, name)) ?? [];
            var numeric = op.In(ParameterLocation.Path).FirstOrDefault(p => p.Name == name)?.Schema?.HasType(JsonSchemaType.Integer) == true;
            var unknown = numeric
                ? Gen.Long[1_000_000_000, 9_000_000_000].Select(i => i.ToString(CultureInfo.InvariantCulture))
                : Gen.Int[1, 99999].Select(i => $"no-such-thing-{i}");
            var valid = known.Count > 0 ? Gen.OneOf(known.ToArray()) : unknown;
            var why = known.Count > 0 ? "" : "unknown " + name;
            // NUL in a path is refused by the web server itself before the application runs (the contract's one
            // exception), so path segments get every other nasty string; NUL still goes into queries and bodies.
            // An empty segment is not a value at all: the URL then names another resource (/techniques/ is the list).
            var invalidSlugs = Gen.OneOf(Nasty.Where(n => n.Length > 0 && !n.Contains('\0', StringComparison.Ordinal))
                .Concat(["UPPER", "two--hyphens", "-lead", "trail-", new string('x', 81)]).ToArray());
            var value = intent switch
            {
                // Without a key the path must still route (a 404 from routing comes before authorization).
                Intent.Valid or Intent.Unauthenticated => Gen.Frequency<Part<string>>((4, valid.Select(v => new Part<string>(v, why))), (1, unknown.Select(v => new Part<string>(v, "unknown " + name)))),
                Intent.Invalid => invalidSlugs.Select(v => new Part<string>(v, $"malformed {name}")),
                _ => Gen.OneOf<string>(valid, invalidSlugs).Select(v => new Part<string>(v, "")),
            };
            gens.Add(value.Select(p => p with { Value = Uri.EscapeDataString(p.Value) }));
        }

        return Sequence(gens).Select(parts => new Part<string>(
            string.Join('/', parts.Select(p => p.Value)),
            string.Join("; ", parts.Select(p => p.Why).Where(w => w.Length > 0))));
    }

    private Gen<Part<List<KeyValuePair<string, string>>>> QueryGen(ApiOperation op, Intent intent)
    {
        var parameters = op.In(ParameterLocation.Query).ToList();
        var valid = Sequence(parameters.Select(p => ValidQueryValue(p, intent == Intent.Any)).ToList())
            .Select(values => OrderRanges(values.Where(v => v is not null).Select(v => v!.Value).ToList()));
        if (intent != Intent.Invalid)
        {
            return valid.Select(v => new Part<List<KeyValuePair<string, string>>>(v, ""));
        }

        // Break exactly one rule: an unknown parameter, or one documented parameter with a value its schema forbids.
        var breakers = new List<IGen<Part<KeyValuePair<string, string>>>>
        {
            // Parameter names are case-insensitive in ASP.NET Core, so only truly unknown names count.
            Gen.OneOf("unknownParam", "q[]", "__proto__", "x", "偏好").Select(n => new Part<KeyValuePair<string, string>>(new(n, "1"), $"unknown parameter {n}")),
        };
        breakers.AddRange(parameters.Select(InvalidQueryValue).OfType<Gen<Part<KeyValuePair<string, string>>>>());
        return Gen.Select(valid, Gen.OneOf<Part<KeyValuePair<string, string>>>(breakers.ToArray()), (v, broken) =>
        {
            var list = v.Where(kv => kv.Key != broken.Value.Key).ToList();
            list.Add(broken.Value);
            return new Part<List<KeyValuePair<string, string>>>(list, broken.Why);
        });
    }

    private Gen<KeyValuePair<string, string>?> ValidQueryValue(IOpenApiParameter parameter, bool odd)
    {
        var name = parameter.Name!;
        var schema = parameter.Schema;
        Gen<string> value;
        if (schema is null || name == "cursor")
        {
            return Gen.Const((KeyValuePair<string, string>?)null);
        }

        var enums = schema.EnumValues();
        if (enums.Count > 0)
        {
            value = Gen.OneOf(enums.ToArray());
        }
        else if (schema.HasType(JsonSchemaType.Boolean))
        {
            value = Gen.OneOf("true", "false");
        }
        else if (schema.HasType(JsonSchemaType.Integer) || schema.HasType(JsonSchemaType.Number))
        {
            var min = ParseBound(schema.Minimum) ?? 0;
            var max = ParseBound(schema.Maximum) ?? Math.Max(min, 50);
            value = Gen.Long[(long)min, (long)max].Select(n => n.ToString(CultureInfo.InvariantCulture));
        }
        else if (ExampleOf(parameter) is { } example)
        {
            value = odd ? Gen.OneOf(Nasty.Append(example).ToArray()) : Gen.Const(example);
        }
        else if (odd)
        {
            value = Gen.OneOf(Nasty);
        }
        else if (parameter.Required)
        {
            // A required free-text parameter without an example: words that mean something in this taxonomy.
            value = Gen.OneOf("dpo", "lora", "偏好", "prefer", "reinforcement");
        }
        else
        {
            return Gen.Const((KeyValuePair<string, string>?)null);
        }

        var include = parameter.Required ? Gen.Const(true) : Gen.Bool;
        return Gen.Select(include, value, (use, v) => use ? new KeyValuePair<string, string>(name, v) : (KeyValuePair<string, string>?)null);
    }

    private static Gen<Part<KeyValuePair<string, string>>>? InvalidQueryValue(IOpenApiParameter parameter)
    {
        var name = parameter.Name!;
        var schema = parameter.Schema;
        Part<KeyValuePair<string, string>> Bad(string v, string why) => new(new(name, v), $"{name}={Short(v)} ({why})");
        if (name == "cursor")
        {
            return Gen.OneOf(MalformedCursors).Select(v => Bad(v, "malformed cursor"));
        }

        if (schema is null)
        {
            return null;
        }

        var enums = schema.EnumValues();
        if (enums.Count > 0)
        {
            // An empty value counts as "not given" (the default applies), so it is not among the breakers.
            // Enum values are matched case-insensitively, so no case variant is a breaker either.
            return Gen.OneOf("not-a-member", "1", "偏好", "full,prefix").Where(v => !enums.Contains(v, StringComparer.OrdinalIgnoreCase)).Select(v => Bad(v, "not in enum"));
        }

        if (schema.HasType(JsonSchemaType.Integer) || schema.HasType(JsonSchemaType.Number))
        {
            var options = new List<string> { "abc", "1.5x", "", "99999999999999999999", "1e309", "--1" };
            if (ParseBound(schema.Maximum) is { } max)
            {
                options.Add((max + 1).ToString(CultureInfo.InvariantCulture));
            }

            if (ParseBound(schema.Minimum) is { } min)
            {
                options.Add((min - 1).ToString(CultureInfo.InvariantCulture));
            }

            return Gen.OneOf(options.ToArray()).Select(v => Bad(v, "not an allowed number"));
        }

        if (schema.HasType(JsonSchemaType.Boolean))
        {
            return Gen.OneOf("yes", "2", "maybe", "").Select(v => Bad(v, "not a boolean"));
        }

        if (schema.MaxLength is { } maxLength)
        {
            return Gen.Const(Bad(new string('q', maxLength + 1), "too long"));
        }

        return null;
    }

    private static Gen<Part<(string? Body, string? ContentType)>> BodyGen(ApiOperation op, Intent intent)
    {
        var content = op.RequestBody?.Content;
        if (content is null || content.Count == 0)
        {
            return Gen.Const(new Part<(string?, string?)>((null, null), ""));
        }

        var (mediaType, media) = content.First();
        var schema = media.Schema;
        var valid = schema is null ? Gen.Const("{}") : JsonFor(schema, 0).Select(n => n?.ToJsonString() ?? "null");
        if (intent != Intent.Invalid)
        {
            return valid.Select(b => new Part<(string?, string?)>((b, mediaType), ""));
        }

        var deep = new string('[', 5000) + new string(']', 5000);
        var broken = Gen.OneOf<Part<(string?, string?)>>(
            Gen.Const(new Part<(string?, string?)>(("{", mediaType), "truncated JSON")),
            Gen.Const(new Part<(string?, string?)>(("", mediaType), "empty body")),
            Gen.Const(new Part<(string?, string?)>(("not json at all", mediaType), "not JSON")),
            Gen.Const(new Part<(string?, string?)>((deep, mediaType), "deeply nested JSON")),
            Gen.Const(new Part<(string?, string?)>(("{\"slug\":\"a\",\"slug\":\"b\"}", mediaType), "duplicate keys")),
            Gen.Const(new Part<(string?, string?)>(("[1,2,3]", mediaType), "array instead of object")),
            Gen.Const(new Part<(string?, string?)>(("{\"noSuchMember\":1}", mediaType), "unknown member")),
            Gen.Const(new Part<(string?, string?)>(("{\"a\":\"" + new string('x', 70_000) + "\"}", mediaType), "body over the size limit")),
            valid.Select(b => new Part<(string?, string?)>((b, "text/plain"), "wrong content type")),
            valid.Select(b => new Part<(string?, string?)>((b, "application/xml"), "wrong content type")));
        return broken;
    }

    /// <summary>Random JSON shaped like a schema: right types and members, arbitrary (often nasty) values.</summary>
    private static Gen<JsonNode?> JsonFor(IOpenApiSchema schema, int depth)
    {
        if (depth > 4)
        {
            return Gen.Const((JsonNode?)null);
        }

        if (schema.AllOf is { Count: > 0 } all)
        {
            return JsonFor(all[0], depth + 1);
        }

        var enums = schema.EnumValues();
        if (enums.Count > 0)
        {
            return Gen.OneOf(enums.ToArray()).Select(v => (JsonNode?)JsonValue.Create(v));
        }

        if (schema.HasType(JsonSchemaType.Object) || schema.Properties is { Count: > 0 })
        {
            var members = (schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
                .Select(p => JsonFor(p.Value, depth + 1).Select(v => (p.Key, Value: v)))
                .ToList();
            return Sequence(members).Select(values =>
            {
                var obj = new JsonObject();
                foreach (var (key, value) in values)
                {
                    obj[key] = value;
                }

                return (JsonNode?)obj;
            });
        }

        if (schema.HasType(JsonSchemaType.Array))
        {
            var item = schema.Items is null ? Gen.Const((JsonNode?)null) : JsonFor(schema.Items, depth + 1);
            return item.Array[0, 3].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray()));
        }

        if (schema.HasType(JsonSchemaType.Integer))
        {
            return Gen.OneOf<int>(Gen.Int[1900, 2030], Gen.Int).Select(i => (JsonNode?)JsonValue.Create(i));
        }

        if (schema.HasType(JsonSchemaType.Number))
        {
            return Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d));
        }

        if (schema.HasType(JsonSchemaType.Boolean))
        {
            return Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b));
        }

        var strings = Nasty.Concat(["fuzz-entity", "https://example.org/paper", "2305.18290", "en", "zh-Hans", "technique:dpo", "variant-of", "method"]).ToArray();
        return Gen.Frequency<string>(
                (3, Gen.OneOf(strings)),
                (1, Gen.Int[1, 99999].Select(i => $"fuzz-{i}")))
            .Select(s => (JsonNode?)JsonValue.Create(s));
    }

    private static string? ExampleOf(IOpenApiParameter parameter)
    {
        var example = parameter.Example ?? parameter.Examples?.Values.FirstOrDefault()?.Value ?? parameter.Schema?.Examples?.FirstOrDefault();
        return example is JsonValue v && v.TryGetValue<string>(out var s) ? s : example?.ToJsonString();
    }

    /// <summary>A range given as xFrom / xTo is only valid in order; swap a generated pair that is not.</summary>
    private static List<KeyValuePair<string, string>> OrderRanges(List<KeyValuePair<string, string>> query)
    {
        foreach (var from in query.Where(q => q.Key.EndsWith("From", StringComparison.Ordinal)).ToList())
        {
            var toName = from.Key[..^4] + "To";
            var toIndex = query.FindIndex(q => q.Key == toName);
            if (toIndex >= 0 && long.TryParse(from.Value, out var a) && long.TryParse(query[toIndex].Value, out var b) && a > b)
            {
                var fromIndex = query.IndexOf(from);
                query[fromIndex] = new(from.Key, b.ToString(CultureInfo.InvariantCulture));
                query[toIndex] = new(toName, a.ToString(CultureInfo.InvariantCulture));
            }
        }

        return query;
    }

    private static double? ParseBound(string? bound) =>
        double.TryParse(bound, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && Math.Abs(v) < 1e12 ? v : null;

    public static string KnownKey(string pathTemplate, string parameter) => $"{pathTemplate}|{parameter}";

    private static string Short(string s) => s.Length <= 40 ? s.Replace("\0", "\\0", StringComparison.Ordinal) : s[..40] + "…";

    private static Gen<List<T>> Sequence<T>(IReadOnlyList<Gen<T>> gens)
    {
        Gen<List<T>> result = Gen.Const(() => new List<T>());
        foreach (var gen in gens)
        {
            var g = gen;
            result = Gen.Select(result, g, (list, item) => new List<T>(list) { item });
        }

        return result;
    }

    internal sealed record Part<T>(T Value, string Why);
}
