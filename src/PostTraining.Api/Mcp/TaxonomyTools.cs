using System.ComponentModel;
using System.Text.Json.Serialization;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using PostTraining.Api.Comparisons;
using PostTraining.Api.Graph;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Api.References;
using PostTraining.Api.Search;
using PostTraining.Api.Techniques;

namespace PostTraining.Api.Mcp;

/// <summary>
/// The MCP tools: each calls the handler of the /api/v1 read it mirrors, on the same snapshot, and answers that
/// read's body. The SDK derives each tool's input schema from the described parameters (services such as the
/// snapshot holder are injected and stay out of the schema). Every tool only reads: ReadOnly, Idempotent, not
/// Destructive, and not OpenWorld (it sees this taxonomy, not the web).
/// </summary>
[McpServerToolType]
public static class TaxonomyTools
{
    [McpServerTool(Name = "search", Title = "Search the taxonomy", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("Search techniques, methods, paradigms, references, models, datasets, formulas, limitations and applications " +
                 "of LLM post-training, in English or Chinese; best match first. Same as GET /api/v1/search. " +
                 "搜索大模型后训练分类体系中的技术、方法、范式、文献、模型、数据集、公式等（中英文均可），最佳匹配在前。")]
    public static CallToolResult Search(
        SnapshotHolder snapshots,
        [Description("What to look for, 1 to 200 characters, e.g. DPO or 偏好优化. / 查询内容，例如 DPO 或 偏好优化。")] string q,
        [Description("Only these kinds, comma-separated: paradigm, technique, reference, model, dataset, limitation, formula, application. / 只看这些类别，逗号分隔。")] string? kind = null,
        [Description("full (default) or prefix (type-ahead: names from the start of a word). / full（默认）或 prefix（前缀匹配）。")] string? mode = null,
        [Description("Number of results, 1 to 100 (default 20). / 结果数量，1 到 100（默认 20）。")] int? limit = null) =>
        ToolAnswers.From<SearchResults>(snapshots, () => SearchEndpoints.SearchAll(q, kind, mode, limit, snapshots));

    [McpServerTool(Name = "get_technique", Title = "Technique details", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("A technique or method with its names and description in English and Chinese, paradigm, ancestors, children, " +
                 "references, formulas and relationships. Same as GET /api/v1/techniques/{slug}. " +
                 "获取一项技术或方法的详情：中英文名称与描述、所属范式、上下级、文献、公式和关系。")]
    public static CallToolResult GetTechnique(
        SnapshotHolder snapshots,
        [Description("Technique slug, e.g. dpo (the search tool gives slugs). / 技术的 slug，例如 dpo。")] string slug) =>
        ToolAnswers.From<TechniqueDetail>(snapshots, () => TechniqueEndpoints.GetTechnique(slug, snapshots));

    [McpServerTool(Name = "get_reference", Title = "Reference details", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("A reference (paper, article) with its authors, year, venue, arXiv id and the techniques it introduces, defines, " +
                 "describes or uses. Same as GET /api/v1/references/{slug}. 获取一篇文献的详情及其涉及的技术。")]
    public static CallToolResult GetReference(
        SnapshotHolder snapshots,
        IHttpContextAccessor http,
        [Description("Reference slug, e.g. arxiv-2305-18290. / 文献的 slug，例如 arxiv-2305-18290。")] string slug) =>
        ToolAnswers.From<ReferenceDetail>(snapshots, () => ReferenceEndpoints.GetReference(slug, MediaFormat.Json.Name, snapshots, Request(http)));

    [McpServerTool(Name = "get_neighbors", Title = "Entities around a technique", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("Every entity within depth hops of a technique over its typed relationships (both directions) and the taxonomy " +
                 "tree (type broader), with the edges between them. Same as GET /api/v1/techniques/{slug}/neighbors. " +
                 "某项技术在若干跳之内的相邻实体及其之间的关系。")]
    public static CallToolResult GetNeighbors(
        SnapshotHolder snapshots,
        [Description("Technique slug, e.g. dpo. / 技术的 slug。")] string slug,
        [Description("Hops from the technique, 1 to 3 (default 1). / 跳数，1 到 3（默认 1）。")] int? depth = null,
        [Description("Relation types to walk, comma-separated (broader is the taxonomy tree); all when absent. / 只沿这些关系类型，逗号分隔。")] string? types = null) =>
        ToolAnswers.From<Neighborhood>(snapshots, () => GraphEndpoints.GetNeighbors(slug, depth, types, snapshots));

    [McpServerTool(Name = "find_paths", Title = "Paths between two entities", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("The shortest typed paths between two entities, walking relationships either way and the taxonomy tree; each hop " +
                 "is named in the direction walked. Same as GET /api/v1/paths. 两个实体之间最短的类型化关系路径。")]
    public static CallToolResult FindPaths(
        SnapshotHolder snapshots,
        [Description("Start: a technique slug (e.g. dpo) or kind:slug. / 起点：技术 slug 或 kind:slug。")] string from,
        [Description("End: a technique slug (e.g. ppo) or kind:slug. / 终点：技术 slug 或 kind:slug。")] string to,
        [Description("Longest path to look for, 1 to 6 hops (default 4). / 最长跳数，1 到 6（默认 4）。")] int? maxHops = null,
        [Description("Relation types to walk, comma-separated (broader is the taxonomy tree); all when absent. / 只沿这些关系类型。")] string? types = null,
        [Description("Most paths to return, 1 to 20 (default 10). / 最多返回的路径数，1 到 20（默认 10）。")] int? limit = null) =>
        ToolAnswers.From<PathResults>(snapshots, () => GraphEndpoints.GetPaths(from, to, maxHops, types, limit, snapshots));

    [McpServerTool(Name = "get_bibtex", Title = "BibTeX of a reference or a technique", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("BibTeX entries (keys are the reference slugs): of one reference, or of every reference of a technique and, " +
                 "unless subtree is false, of the techniques below it. Same as format=bibtex on /api/v1/references/{slug} and " +
                 "/api/v1/techniques/{slug}/references. 导出一篇文献或一项技术（含其子技术）全部文献的 BibTeX。")]
    public static CallToolResult GetBibTex(
        SnapshotHolder snapshots,
        IHttpContextAccessor http,
        [Description("reference or technique: what slug names. / slug 所指的类别：reference 或 technique。")] BibTexSubject of,
        [Description("Slug of the reference (e.g. arxiv-2305-18290) or technique (e.g. peft). / 文献或技术的 slug。")] string slug,
        [Description("For a technique: include the references of every technique below it (default true). / 是否包含子技术的文献（默认是）。")] bool? subtree = null) =>
        of == BibTexSubject.Technique
            ? ToolAnswers.From<ListPage<TechniqueReference>>(snapshots, () => TechniqueEndpoints.ListTechniqueReferences(slug, subtree, MediaFormat.BibTex.Name, snapshots, Request(http)))
            : ToolAnswers.From<ReferenceDetail>(snapshots, () => ReferenceEndpoints.GetReference(slug, MediaFormat.BibTex.Name, snapshots, Request(http)));

    [McpServerTool(Name = "list_comparisons", Title = "Comparison tables", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("The survey's tables that compare methods (alignment methods, feedback types, self-refinement, quantization, " +
                 "distillation, knowledge editing), each with its slug, bilingual title, source and size. Same as GET /api/v1/comparisons. " +
                 "列出综述中比较各方法的表格。")]
    public static CallToolResult ListComparisons(SnapshotHolder snapshots) =>
        ToolAnswers.From<ListPage<ComparisonSummary>>(snapshots, () => ComparisonEndpoints.ListComparisons(snapshots));

    [McpServerTool(Name = "get_comparison", Title = "One comparison table", ReadOnly = true, Idempotent = true, Destructive = false, OpenWorld = false)]
    [Description("One comparison table: its axes and rows (a technique per row, each cell as the survey printed it), as JSON, " +
                 "a Markdown table or CSV. Same as GET /api/v1/comparisons/{slug}. 获取一张方法比较表（JSON、Markdown 或 CSV）。")]
    public static CallToolResult GetComparison(
        SnapshotHolder snapshots,
        IHttpContextAccessor http,
        [Description("Comparison slug, e.g. alignment-methods (list_comparisons gives them). / 比较表的 slug。")] string slug,
        [Description("json (default), markdown or csv. / 输出格式：json（默认）、markdown 或 csv。")] ComparisonFormat format = ComparisonFormat.Json) =>
        ToolAnswers.From<ComparisonDetail>(snapshots, () =>
            ComparisonEndpoints.GetComparison(slug, format.ToString().ToLowerInvariant(), snapshots, Request(http)));

    /// <summary>The representations of a comparison table; a closed set, so the input schema lists it as an enum.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<ComparisonFormat>))]
    public enum ComparisonFormat
    {
        [JsonStringEnumMemberName("json")] Json,
        [JsonStringEnumMemberName("markdown")] Markdown,
        [JsonStringEnumMemberName("csv")] Csv,
    }

    /// <summary>What a BibTeX export is of; a closed set, so the input schema lists it as an enum.</summary>
    [JsonConverter(typeof(JsonStringEnumConverter<BibTexSubject>))]
    public enum BibTexSubject
    {
        [JsonStringEnumMemberName("reference")] Reference,
        [JsonStringEnumMemberName("technique")] Technique,
    }

    // Tools run inside the POST /mcp request (stateless transport, per-request execution context), so the accessor
    // has it; handlers only read it for content negotiation, which the explicit format decides.
    private static HttpRequest Request(IHttpContextAccessor http) =>
        http.HttpContext?.Request ?? throw new InvalidOperationException("An MCP tool ran outside its HTTP request.");
}
