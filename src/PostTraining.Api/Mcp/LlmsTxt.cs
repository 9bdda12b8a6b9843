using System.Text;
using ModelContextProtocol.Server;
using PostTraining.Api.Http;

namespace PostTraining.Api.Mcp;

/// <summary>
/// <c>/llms.txt</c> (llmstxt.org): a Markdown page for agents naming what the service is, its main URLs and the MCP
/// endpoint with its tools. Links are absolute (the format's readers fetch them as they are), from the same origin as
/// every other absolute link; the tool list is read from the registered tools, so it cannot drift from <c>/mcp</c>.
/// </summary>
public static class LlmsTxt
{
    public const string Path = "/llms.txt";
    private const string MediaType = "text/markdown; charset=utf-8";

    public static void MapLlmsTxt(this WebApplication app) =>
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head],
                (HttpRequest request, IEnumerable<McpServerTool> tools) =>
                    new BodyResult<string>(new CachedBody(Encoding.UTF8.GetBytes(Write(AbsoluteUrl.Origin(request), tools)), MediaType, cacheCompressed: false)))
            .ExcludeFromDescription();

    public static string Write(string origin, IEnumerable<McpServerTool> tools)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        void Link(string name, string path, string note) => Line($"- [{name}]({origin}{path}): {note}");

        Line("# PostTraining API");
        Line();
        Line("> The taxonomy of LLM post-training (fine-tuning, alignment, reasoning, efficiency, integration and adaptation): " +
             "paradigms, techniques and methods (SFT, RLHF, DPO, GRPO, LoRA, distillation, model merging, ...), the references " +
             "behind them and the typed relationships between them, in English and Chinese (大模型后训练分类体系，中英双语). " +
             "A read-only JSON REST API (no key needed to read), an MCP server for agents, and a browser explorer.");
        Line();
        Line("Every read is a GET under /api/v1 answering JSON with `name` and `description` as `{ \"en\": ..., \"zh\": ... }`. " +
             "Lists page by cursor: follow the absolute `next` URL in the body or the `Link: <...>; rel=\"next\"` header. " +
             "Errors are application/problem+json naming what was wrong. Reads are rate limited per client address; a 429 " +
             "carries Retry-After.");
        Line();
        Line("Agents can use the MCP server at " + origin + McpSetup.Path + " (in a client's JSON configuration: `{ \"type\": \"http\", \"url\": \"" +
             origin + McpSetup.Path + "\" }`). Its tools, each answering the JSON (or BibTeX) of the /api/v1 read it mirrors:");
        Line();
        foreach (var tool in tools.Select(t => t.ProtocolTool).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            Line($"- `{tool.Name}`: {tool.Description}");
        }

        Line();
        Line("## Contract");
        Line();
        Link("OpenAPI document", "/openapi/v1.json", "the OpenAPI description of every operation (also at /swagger/v1/swagger.json)");
        Link("Swagger UI", "/swagger", "try every operation in a browser");
        Link("Explorer", "/", "the taxonomy as a zoomable tree with search, formulas, references and paths");
        Line();
        Line("## API");
        Line();
        Link("Search", "/api/v1/search?q=DPO", "one ranked list across every kind of entity, Chinese or English (`q`, `kind`, `mode=prefix`, `limit`)");
        Link("Taxonomy", "/api/v1/taxonomy", "the whole tree: paradigms and their techniques, nested (also as Mermaid, DOT, CSV, JSON-LD with `format`)");
        Link("Techniques", "/api/v1/techniques", "every technique and method, paged and filterable");
        Link("A technique", "/api/v1/techniques/dpo", "detail: ancestors, children, references, formulas, relationships both ways");
        Link("Neighbours", "/api/v1/techniques/dpo/neighbors?depth=2", "entities within a few hops over relationships and the tree");
        Link("Paths", "/api/v1/paths?from=dpo&to=ppo", "the shortest typed paths between two entities");
        Link("References", "/api/v1/references", "papers and articles, paged; `?arxiv=2305.18290` finds one by arXiv id");
        Link("BibTeX", "/api/v1/techniques/dpo/references?format=bibtex", "BibTeX of a technique's references (also `format=bibtex` on /api/v1/references and /api/v1/references/{slug})");
        Link("Comparisons", "/api/v1/comparisons", "the survey's method-comparison tables; one table at /api/v1/comparisons/{slug} as JSON, CSV or Markdown (`format`)");
        Link("A comparison", "/api/v1/comparisons/alignment-methods?format=markdown", "the alignment methods compared, as a Markdown table");
        Link("Relationships", "/api/v1/relationships", "typed edges between entities, paged");
        Link("Relation types", "/api/v1/relation-types", "the edge types and their inverse names");
        Link("Changes", "/api/v1/changes", "the change feed of every write, paged");
        Line();
        Line("## MCP");
        Line();
        Link("MCP endpoint", McpSetup.Path, "Model Context Protocol over Streamable HTTP (JSON-RPC over POST, stateless, no key), with the tools listed above");
        Line();
        Line("## Optional");
        Line();
        Link("Export", "/api/v1/export", "every record in the data-file format, in one document");
        Link("Health", "/health/ready", "readiness, with each dependency's status");
        return text.ToString();
    }
}
