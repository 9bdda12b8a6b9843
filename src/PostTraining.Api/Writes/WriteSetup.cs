namespace PostTraining.Api.Writes;

public static class WriteSetup
{
    /// <summary>Registers the write session (call after <c>AddReadModel</c>, with an <see cref="IEntityDirectory"/> registered).</summary>
    public static void AddWrites(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<WriteSession>();
    }
}
