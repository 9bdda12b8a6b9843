namespace PostTraining.Api.MovedAndGone;

public static class MovedAndGoneSetup
{
    /// <summary>Registers the per-snapshot memo of renamed slugs and deleted entities.</summary>
    public static void AddMovedAndGone(this WebApplicationBuilder builder) => builder.Services.AddSingleton<Tombstones>();

    /// <summary>308 for renamed slugs and 410 for deleted entities on the read side's GETs; after routing, before endpoints.</summary>
    public static void UseMovedAndGone(this WebApplication app) => app.UseMiddleware<MovedAndGoneMiddleware>();
}
