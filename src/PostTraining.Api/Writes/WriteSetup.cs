namespace PostTraining.Api.Writes;

public static class WriteSetup
{
    /// <summary>Registers the write session over the read model (call after <c>AddReadModel</c>).</summary>
    public static void AddWrites(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IEntityDirectory, SnapshotEntityDirectory>();
        builder.Services.AddSingleton<Tombstones>();
        builder.Services.AddScoped<WriteSession>();
    }

    /// <summary>308 for renamed slugs and 410 for deleted entities on the read side's GETs; after routing, before endpoints.</summary>
    public static void UseMovedAndGone(this WebApplication app) => app.UseMiddleware<MovedAndGoneMiddleware>();
}
