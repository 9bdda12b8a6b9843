namespace PostTraining.Api.Writes;

public static class WriteSetup
{
    /// <summary>
    /// Registers the write session. It needs an <see cref="IEntityDirectory"/> over the read model's snapshot and the
    /// read side's <see cref="ReadModel.ISnapshotRefresher"/>; call <see cref="WriteEndpoints.MapWrites"/> only once both are registered.
    /// </summary>
    public static void AddWrites(this WebApplicationBuilder builder) => builder.Services.AddScoped<WriteSession>();
}
