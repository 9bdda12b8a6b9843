using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PostTraining.Bench.Generator;
using PostTraining.Data;

// Fills a PostTraining database with a synthetic taxonomy for the scale benchmark:
//   Generator --connection "Host=...;Database=...;Username=..." [--techniques 100000] [--references 300000]
//             [--relationships 1000000] [--seed 42]
// It applies pending migrations, keeps whatever is already there (the seed data), adds technique trees under the
// existing paradigms (creating the five when there are none), and writes with binary COPY. Run it once per database.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}

if (!options.TryGetValue("connection", out var connectionString))
{
    Console.Error.WriteLine("usage: Generator --connection <connection string> [--techniques N] [--references N] [--relationships N] [--seed N]");
    return 2;
}

int Int(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var size = new SyntheticSize(Int("techniques", 100_000), Int("references", 300_000), Int("relationships", 1_000_000));
var seed = Int("seed", 42);

var total = Stopwatch.StartNew();
try
{
    Console.WriteLine($"Synthetic taxonomy: {size.Techniques:N0} techniques, {size.References:N0} references, {size.Relationships:N0} relationships (seed {seed})");
    await DataServiceCollectionExtensions.EnsureDatabaseExistsAsync(connectionString);
    var migrate = Stopwatch.StartNew();
    var contextOptions = new DbContextOptionsBuilder<PostTrainingDbContext>();
    contextOptions.UsePostTrainingDatabase(connectionString);
    await using (var db = new PostTrainingDbContext(contextOptions.Options))
    {
        await db.Database.MigrateAsync();
    }

    Console.WriteLine($"  migrations checked in {migrate.Elapsed.TotalSeconds:0.0} s");
    await new SyntheticTaxonomy(connectionString, size, seed).WriteAsync();
    Console.WriteLine($"Import done in {total.Elapsed.TotalSeconds:0.0} s");
    return 0;
}
catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException)
{
    Console.Error.WriteLine($"Generator: {e.Message}");
    return 1;
}
