using Microsoft.EntityFrameworkCore;
using PostTraining.Data.Entities;

namespace PostTraining.Data;

public sealed class PostTrainingDbContext(DbContextOptions<PostTrainingDbContext> options) : DbContext(options)
{
    public DbSet<Node> Nodes => Set<Node>();
    public DbSet<Paradigm> Paradigms => Set<Paradigm>();
    public DbSet<Technique> Techniques => Set<Technique>();
    public DbSet<Reference> References => Set<Reference>();
    public DbSet<Formula> Formulas => Set<Formula>();
    public DbSet<Model> Models => Set<Model>();
    public DbSet<Dataset> Datasets => Set<Dataset>();
    public DbSet<Limitation> Limitations => Set<Limitation>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<TechniqueReference> TechniqueReferences => Set<TechniqueReference>();
    public DbSet<RelationType> RelationTypes => Set<RelationType>();
    public DbSet<Relationship> Relationships => Set<Relationship>();
    public DbSet<Change> Changes => Set<Change>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<SlugRedirect> SlugRedirects => Set<SlugRedirect>();
    public DbSet<DataLoad> DataLoads => Set<DataLoad>();
    public DbSet<Comparison> Comparisons => Set<Comparison>();
    public DbSet<ComparisonAxis> ComparisonAxes => Set<ComparisonAxis>();
    public DbSet<ComparisonRow> ComparisonRows => Set<ComparisonRow>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PostTrainingDbContext).Assembly);
    }
}
