using System.Diagnostics;
using System.Globalization;
using PostTraining.Api.ReadModel;
using PostTraining.Api.Search;
using PostTraining.Bench.Generator;
using PostTraining.Data.Entities;

// Usage: dotnet run -c Release --project bench/SearchIndex [-- --techniques 100000 --references 300000]
// Builds the search index over an in-memory synthetic taxonomy (names from the scale benchmark's vocabulary) three
// times, then times uncached searches of each kind the scale benchmark sends plus those search quality added. No
// database, no HTTP, no answer cache: the engine alone, so two commits compare on the same machine minutes apart.
var techniques = Option("--techniques", 100_000);
var references = Option("--references", 300_000);
var random = new Random(7);
var rows = new List<NodeRow>(techniques + references + 3);
for (var p = 1; p <= 3; p++)
{
    rows.Add(new NodeRow { Id = p, Kind = NodeKind.Paradigm, Slug = $"paradigm-{p}", NameEn = $"Paradigm {p}", NameZh = $"范式{p}" });
}

for (var i = 0; i < techniques; i++)
{
    var (m, s, a) = (Pick(Words.Modifiers), Pick(Words.Subjects), Pick(Words.Actions));
    rows.Add(new NodeRow
    {
        Id = 10 + i, Kind = NodeKind.Technique, Slug = $"syn-{i}", ParadigmId = 1 + (i % 3), ParentId = i >= 120 ? 10 + random.Next(i) : null,
        NameEn = $"{m.En} {s.En} {a.En} {i}", NameZh = $"{m.Zh}{s.Zh}{a.Zh} {i}", Abbreviation = $"{m.En[0]}{s.En[0]}{a.En[0]}{i}",
        DescriptionEn = $"A {m.En.ToLowerInvariant()} method for {s.En.ToLowerInvariant()} {a.En.ToLowerInvariant()} with {Pick(Words.Subjects).En.ToLowerInvariant()} signals.",
        DescriptionZh = $"一种用于{s.Zh}{a.Zh}的{m.Zh}方法，结合{Pick(Words.Subjects).Zh}信号。",
        TechniqueKind = TechniqueKind.Method,
    });
}

for (var k = 0; k < references; k++)
{
    rows.Add(new NodeRow
    {
        Id = 10 + techniques + k, Kind = NodeKind.Reference, Slug = $"syn-ref-{k}",
        NameEn = $"{Pick(Words.Modifiers).En} {Pick(Words.Subjects).En} {Pick(Words.Actions).En} for Language Models",
        Authors = [Pick(Words.Surnames), Pick(Words.Surnames)], Year = 2015 + random.Next(11), Venue = Pick(Words.Venues),
    });
}

var snapshot = TaxonomySnapshot.Build(new SnapshotSource(rows, [], [], []));
Console.WriteLine($"{snapshot.NodeCount} nodes ({techniques} techniques, {references} references)");

var retainedBefore = Retained(keep: null);
SnapshotSearch? search = null;
var times = new List<double>();
var allocated = new List<long>();
for (var trial = 0; trial < 3; trial++)
{
    search = null;
    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    var before = GC.GetAllocatedBytesForCurrentThread();
    var watch = Stopwatch.StartNew();
    search = SnapshotSearch.Full(snapshot);
    times.Add(watch.Elapsed.TotalMilliseconds);
    allocated.Add(GC.GetAllocatedBytesForCurrentThread() - before);
}

var retainedWith = Retained(search);
Console.WriteLine(FormattableString.Invariant(
    $"index build: median {Median(times):0} ms (of {string.Join(", ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))}), allocated {Median(allocated.Select(a => (double)a).ToList()) / 1048576:0} MiB, retained {(retainedWith - retainedBefore) / 1048576.0:0} MiB, {search!.FieldCount} fields"));

// Each kind: a handful of distinct texts, each searched many times (no answer cache at this level).
(string Kind, string[] Queries)[] kinds =
[
    ("two words", ["preference optimization", "policy alignment", "reward modeling", "adapter merging"]),
    ("chinese", ["偏好", "策略优化", "知识蒸馏", "奖励建模"]),
    ("prefix", ["opti", "prefer", "distil", "merg"]),
    ("typo", ["prefernce", "optimizaton", "distilation", "alignmnet"]),
    ("transposition", ["rewrad", "polciy", "adatper", "pruinng"]),
    ("number", ["4711", "12345", "syn 99"]),
    ("mixed zh/en", ["DPO 偏好", "Adapter微调", "Policy 优化", "LoRA 微调"]),
    ("traditional", ["偏好優化", "知識蒸餾", "獎勵建模", "強化學習"]),
    ("partial CJK", ["偏好回馈优化", "人类回馈学习", "知识压缩蒸馏"]),
];
Console.WriteLine("| query kind | queries | mean CPU µs | p90 CPU µs | first query's hits |");
Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
foreach (var (kind, queries) in kinds)
{
    foreach (var q in queries)
    {
        search.Find(q, 20);
    }

    // CPU time of this thread, not wall time: on a shared machine a search waits for a core as often as it runs.
    var samples = new List<double>();
    for (var round = 0; round < 25; round++)
    {
        foreach (var q in queries)
        {
            var before = ThreadCpu();
            search.Find(q, 20);
            samples.Add((ThreadCpu() - before).TotalMicroseconds);
        }
    }

    samples.Sort();
    Console.WriteLine(FormattableString.Invariant(
        $"| {kind} | {string.Join(", ", queries.Select(q => $"`{q}`"))} | {samples.Average():0} | {samples[(int)(samples.Count * 0.9)]:0} | {search.Find(queries[0], 20).Count} |"));
}

return;

T Pick<T>(T[] items) => items[random.Next(items.Length)];

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

// The calling thread's CPU time, from clock_gettime(CLOCK_THREAD_CPUTIME_ID) (Linux, where the benchmarks run).
static TimeSpan ThreadCpu()
{
    ThreadClock.clock_gettime(ThreadClock.ThreadCpuTime, out var time);
    return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static long Retained(object? keep)
{
    var bytes = GC.GetTotalMemory(forceFullCollection: true);
    GC.KeepAlive(keep);
    return bytes;
}

internal static partial class ThreadClock
{
    public const int ThreadCpuTime = 3;

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "clock_gettime")]
    public static partial int clock_gettime(int clock, out TimeSpec time);

    public readonly record struct TimeSpec(long Seconds, long Nanoseconds);
}
