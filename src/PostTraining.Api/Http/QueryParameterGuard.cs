using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace PostTraining.Api.Http;

/// <summary>
/// Rejects query parameters an endpoint does not know with 400 naming them, so a typo (<c>?paradgim=alignment</c>)
/// is reported instead of silently ignored. The known names are read from the handler's signature once, when the
/// endpoint is built: its simple parameters and the properties of its <c>[AsParameters]</c> query models.
/// </summary>
public static class QueryParameterGuard
{
    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var services = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var known = KnownNames(context.MethodInfo, t => services?.IsService(t) == true);
        var listed = string.Join(", ", known.Order(StringComparer.Ordinal));
        return async invocation =>
        {
            var request = invocation.HttpContext.Request;
            foreach (var name in request.Query.Keys)
            {
                if (!known.Contains(name))
                {
                    var message = known.Count == 0
                        ? "Unknown query parameter: this operation takes none."
                        : $"Unknown query parameter. This operation takes: {listed}.";
                    return Problems.Invalid(name, message);
                }

                // Binding would join repeated values with a comma ("dpo,lora") and answer something nobody asked for.
                if (request.Query[name].Count > 1)
                {
                    return Problems.Invalid(name, "Given more than once: give each parameter once (a list is one comma-separated value).");
                }
            }

            if (QueryText.FirstInvalidUtf8(request.QueryString.Value) is { } invalid)
            {
                return Problems.Invalid(invalid, "Not valid UTF-8 once percent-decoded: encode the text as UTF-8 (e.g. %C3%A9 for é).");
            }

            // A NUL byte (%00) is no character of any slug, query or text the service holds.
            foreach (var (name, value) in request.Query.Select(q => (q.Key, q.Value.ToString()))
                         .Concat(request.RouteValues.Select(r => (r.Key, r.Value as string ?? ""))))
            {
                if (value.Contains('\0', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
                {
                    return Problems.Invalid(name.Replace("\0", "\\0", StringComparison.Ordinal), "Contains a NUL character (%00), which no parameter takes.");
                }
            }

            return await next(invocation);
        };
    }

    public static HashSet<string> KnownNames(MethodInfo method, Func<Type, bool> isService)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in method.GetParameters())
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                foreach (var property in parameter.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    AddIfQuery(names, property.Name, property.GetCustomAttribute<FromQueryAttribute>(), property.PropertyType,
                        property.GetCustomAttribute<FromRouteAttribute>() is not null || property.GetCustomAttribute<FromHeaderAttribute>() is not null
                        || isService(property.PropertyType));
                }
            }
            else
            {
                AddIfQuery(names, parameter.Name!, parameter.GetCustomAttribute<FromQueryAttribute>(), parameter.ParameterType,
                    parameter.GetCustomAttribute<FromRouteAttribute>() is not null || parameter.GetCustomAttribute<FromHeaderAttribute>() is not null
                    || parameter.GetCustomAttribute<FromServicesAttribute>() is not null || isService(parameter.ParameterType));
            }
        }

        return names;
    }

    private static void AddIfQuery(HashSet<string> names, string name, FromQueryAttribute? fromQuery, Type type, bool elsewhere)
    {
        if (elsewhere || typeof(HttpContext).IsAssignableFrom(type) || typeof(HttpRequest).IsAssignableFrom(type)
            || typeof(CancellationToken) == type)
        {
            return;
        }

        // Binding ignores case; the names are listed in the camelCase the documentation uses.
        names.Add(fromQuery?.Name ?? System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name));
    }
}
