namespace PostTraining.Api.Writes;

public static class WriteSetup
{
    /// <summary>Registers the write session over the read model (call after <c>AddReadModel</c>).</summary>
    public static void AddWrites(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IEntityDirectory, SnapshotEntityDirectory>();
        builder.Services.AddScoped<WriteSession>();
    }
}
