namespace PostTraining.Api.Http;

/// <summary>Endpoint metadata: the non-JSON media types a 200 can also carry, for the OpenAPI document.</summary>
public sealed record AlternateFormats(IReadOnlyList<MediaFormat> Formats);

public static class AlternateFormatsExtensions
{
    public static RouteHandlerBuilder WithAlternateFormats(this RouteHandlerBuilder builder, params MediaFormat[] formats) =>
        builder.WithMetadata(new AlternateFormats(formats));
}
