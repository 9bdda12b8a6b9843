using Npgsql;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PostTraining.Api.Observability;

/// <summary>
/// Request logs (on unless <c>Observability:RequestLogs</c> is false; console format via the standard
/// <c>Logging:Console:FormatterName</c>, e.g. <c>json</c>) and OpenTelemetry traces and metrics for ASP.NET Core,
/// Npgsql and the service's own meter, exported over OTLP only when an endpoint is configured
/// (<c>Observability:Otlp:Endpoint</c>, or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>).
/// </summary>
public static class ObservabilitySetup
{
    public static void AddObservability(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        if (config.GetValue("Observability:RequestLogs", true))
        {
            builder.Services.AddTransient<IStartupFilter, RequestLogStartupFilter>();
        }

        var endpoint = config["Observability:Otlp:Endpoint"];
        var fromEnvironment = string.IsNullOrWhiteSpace(endpoint) && !string.IsNullOrWhiteSpace(config["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (string.IsNullOrWhiteSpace(endpoint) && !fromEnvironment)
        {
            return; // off by default: no collector to send to, so no instrumentation cost either
        }

        var httpProtobuf = string.Equals(config["Observability:Otlp:Protocol"], "http/protobuf", StringComparison.OrdinalIgnoreCase);
        void Exporter(OtlpExporterOptions o, string signalPath)
        {
            if (fromEnvironment)
            {
                return; // the exporter reads OTEL_EXPORTER_OTLP_* itself
            }

            o.Protocol = httpProtobuf ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            // Over HTTP an endpoint set in code is the full URL of the signal; gRPC takes the base address.
            o.Endpoint = new Uri(httpProtobuf ? endpoint!.TrimEnd('/') + signalPath : endpoint!);
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(config["Observability:ServiceName"] ?? "posttraining-api"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health"))
                .AddNpgsql()
                .AddSource(Telemetry.Name)
                .AddOtlpExporter(o => Exporter(o, "/v1/traces")))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter("Npgsql")
                .AddMeter(Telemetry.Name)
                .AddOtlpExporter(o => Exporter(o, "/v1/metrics")));
    }
}
