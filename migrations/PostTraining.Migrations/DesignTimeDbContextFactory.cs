using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using PostTraining.Data;

namespace PostTraining.Migrations;

/// <summary>Lets dotnet-ef build the model without starting the web host (no database needed to add a migration).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PostTrainingDbContext>
{
    public PostTrainingDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostTrainingDbContext>();
        options.UsePostTrainingDatabase(Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") ?? "Host=localhost;Database=posttraining");
        return new PostTrainingDbContext(options.Options);
    }
}
