using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace PostTraining.Api.Tests.Architecture;

/// <summary>
/// The shape of the house (docs/architecture.md): no import loops between the web project's folders, a core
/// (ReadModel, Http) that imports no feature, a data project that knows nothing of the web, and features that meet
/// only through each other's public contracts. Each rule is also run once on an input that breaks it, so a rule that
/// could never fail would be noticed.
/// </summary>
public sealed partial class ArchitectureTests
{
    private const string Api = "PostTraining.Api";

    /// <summary>Folders that are features: one resource or concern each, free to use the core, never each other's internals.</summary>
    private static readonly string[] Features =
    [
        "Auth", "Catalog", "Changes", "Comparisons", "Explorer", "Export", "Graph", "Health", "Mcp", "Paradigms", "RateLimiting", "References",
        "Relationships", "Search", "Subscriptions", "Taxonomy", "Techniques",
    ];

    private static readonly Assembly WebAssembly = typeof(Program).Assembly;

    [Fact]
    public void TheWebProjectsFoldersImportEachOtherWithoutALoop()
    {
        var loops = Loops(ImportsOf(SourceFiles()));
        Assert.True(loops.Count == 0, "import loops: " + string.Join("; ", loops.Select(l => string.Join(" -> ", l))));
    }

    [Fact]
    public void AnImportLoopIsFound()
    {
        // The loop the issue started from: the snapshot cached Http's bytes while Http read the snapshot.
        var files = new[]
        {
            ("namespace PostTraining.Api.ReadModel;\nusing PostTraining.Api.Http;\n", "ReadModel/TaxonomySnapshot.cs"),
            ("using PostTraining.Api.ReadModel;\nnamespace PostTraining.Api.Http;\n", "Http/BodyResult.cs"),
            ("using PostTraining.Api.Http;\nnamespace PostTraining.Api.Techniques;\n", "Techniques/TechniqueEndpoints.cs"),
        };
        var loop = Assert.Single(Loops(ImportsOf(files)));
        Assert.Equal(["Http", "ReadModel"], loop.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("ReadModel")]
    [InlineData("Http")]
    public void TheCoreImportsNoFeature(string core)
    {
        var result = Types.InAssembly(WebAssembly).That().ResideInNamespace($"{Api}.{core}")
            .ShouldNot().HaveDependencyOnAny([.. Features.Select(f => $"{Api}.{f}"), $"{Api}.Writes"]).GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void TheReadModelImportsNoSearch()
    {
        // The snapshot holds its search index as an ISnapshotIndex that Search implements: read from the source (using
        // lines and qualified names), and from the compiled types.
        var imports = ImportsOf(SourceFiles());
        Assert.DoesNotContain("Search", imports.GetValueOrDefault("ReadModel") ?? []);
        var result = Types.InAssembly(WebAssembly).That().ResideInNamespace($"{Api}.ReadModel")
            .ShouldNot().HaveDependencyOnAny($"{Api}.Search").GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void TheReadModelRuleFailsWhereTheSnapshotUsesSearch()
    {
        // The snapshot as it was before the inversion, had the engine already sat in Search: a using line, or a
        // qualified name, in ReadModel's source.
        var usingLine = ("using PostTraining.Api.Search;\nnamespace PostTraining.Api.ReadModel;\n", "ReadModel/TaxonomySnapshot.cs");
        var qualified = ("namespace PostTraining.Api.ReadModel;\n// var search = PostTraining.Api.Search.SnapshotSearch.Full(this);\n", "ReadModel/TaxonomySnapshot.cs");
        Assert.Contains("Search", ImportsOf([usingLine])["ReadModel"]);
        Assert.Contains("Search", ImportsOf([qualified])["ReadModel"]);

        // The compiled check finds a real dependency: Search's types use the snapshot.
        var result = Types.InAssembly(WebAssembly).That().ResideInNamespace($"{Api}.Search")
            .ShouldNot().HaveDependencyOnAny($"{Api}.ReadModel").GetResult();
        Assert.False(result.IsSuccessful);
    }

    [Fact]
    public void TheCoreRuleFailsOnTheCompositionRoot()
    {
        // EntityDetails maps each kind to its feature: exactly what the core may not do.
        var result = Types.InAssembly(WebAssembly).That().HaveName(nameof(EntityDetails))
            .ShouldNot().HaveDependencyOnAny([.. Features.Select(f => $"{Api}.{f}")]).GetResult();
        Assert.False(result.IsSuccessful);
    }

    [Fact]
    public void TheDataProjectImportsNothingOfTheWebProject()
    {
        var result = Types.InAssembly(typeof(Data.PostTrainingDbContext).Assembly)
            .ShouldNot().HaveDependencyOnAny(Api, "PostTraining.LocalPostgres", "Microsoft.AspNetCore").GetResult();
        Assert.True(result.IsSuccessful, Failing(result));
    }

    [Fact]
    public void TheDataRuleFailsOnAnAssemblyThatUsesTheWebProject()
    {
        var result = Types.InAssembly(typeof(ArchitectureTests).Assembly).ShouldNot().HaveDependencyOnAny(Api + ".Http").GetResult();
        Assert.False(result.IsSuccessful);
    }

    [Fact]
    public void AFeatureUsesNoOtherFeaturesInternals()
    {
        var failures = Features
            .SelectMany(owner => Features.Where(caller => caller != owner)
                .Select(caller => InternalsUsed(WebAssembly, $"{Api}.{owner}", $"{Api}.{caller}")))
            .Where(f => f is not null)
            .ToList();
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    [Fact]
    public void TheInternalsRuleFailsWhereACallerUsesAnInternal()
    {
        const string Fixture = "PostTraining.Api.Tests.Architecture.Fixture";
        Assert.NotNull(InternalsUsed(typeof(ArchitectureTests).Assembly, $"{Fixture}.Owner", $"{Fixture}.Caller"));
        Assert.Null(InternalsUsed(typeof(ArchitectureTests).Assembly, $"{Fixture}.Caller", $"{Fixture}.Owner"));
    }

    /// <summary>What the types of <paramref name="caller"/> use of the non-public types of <paramref name="owner"/>; null when nothing.</summary>
    private static string? InternalsUsed(Assembly assembly, string owner, string caller)
    {
        var internals = Types.InAssembly(assembly).That().ResideInNamespace(owner).And().AreNotPublic().GetTypes()
            .Select(t => t.FullName).Where(n => !n.Contains('<', StringComparison.Ordinal)).ToArray();
        if (internals.Length == 0)
        {
            return null;
        }

        var result = Types.InAssembly(assembly).That().ResideInNamespace(caller).ShouldNot().HaveDependencyOnAny(internals).GetResult();
        return result.IsSuccessful ? null : $"{caller} uses internals of {owner}: {Failing(result)}";
    }

    private static string Failing(TestResult result) =>
        string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? []);

    private static IEnumerable<(string Text, string Path)> SourceFiles()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PostTraining.Api.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var root = Path.Combine(dir.FullName, "src", "PostTraining.Api");
        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File.ReadAllText(f), Path.GetRelativePath(root, f)));
    }

    /// <summary>
    /// Folder-to-folder imports read from the source: every <c>using PostTraining.Api.X</c> line and every fully
    /// qualified <c>PostTraining.Api.X.</c> name (the build refuses unused usings, so each line is a real import).
    /// </summary>
    private static Dictionary<string, HashSet<string>> ImportsOf(IEnumerable<(string Text, string Path)> files)
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (text, _) in files)
        {
            var from = Folder(NamespaceLine().Match(text) is { Success: true } m ? m.Groups[1].Value : "");
            foreach (var to in UsingLine().Matches(text).Concat(QualifiedName().Matches(text)).Select(u => Folder(u.Groups[1].Value)))
            {
                if (to != from)
                {
                    (graph.TryGetValue(from, out var set) ? set : graph[from] = []).Add(to);
                }
            }
        }

        return graph;
    }

    private static string Folder(string ns) => ns.Split('.') is { Length: > 2 } parts && parts[0] + "." + parts[1] == Api ? parts[2] : "(root)";

    /// <summary>Strongly connected components of more than one folder (Tarjan).</summary>
    private static List<List<string>> Loops(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var loops = new List<List<string>>();

        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);

                if (component.Count > 1)
                {
                    loops.Add(component);
                }
            }
        }

        foreach (var v in graph.Keys.ToList())
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }

        return loops;
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using\s+(?:\w+\s*=\s*)?(PostTraining\.Api\.\w+)", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"(?<![\w.])(PostTraining\.Api\.\w+)\.")]
    private static partial Regex QualifiedName();
}
