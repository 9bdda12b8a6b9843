namespace PostTraining.Api.Infrastructure.OpenApi;

/// <summary>The document's description: what the API is and a quick start, shown at the top of Swagger UI.</summary>
internal static class OpenApiDescription
{
    public const string Text = """
        The taxonomy of LLM post-training as a REST API: the five paradigms (fine-tuning, alignment, reasoning,
        efficiency, integration and adaptation), their techniques and named methods (SFT, RLHF, DPO, GRPO, LoRA, ...),
        the papers behind them, formulas, and typed relationships between any two entities. Every name is given in
        English and Chinese.

        ## Quick start
        - **Search** in either language: [`GET /api/v1/search?q=偏好优化`](#/Search/search) finds DPO; `q=prefer`,
          `q=GRPO` and even `q=reinforcment` work too.
        - **A technique** with its paradigm, breadcrumb, children, papers, formulas and relationships:
          [`GET /api/v1/techniques/dpo`](#/Techniques/getTechnique).
        - **How two techniques relate**: [`GET /api/v1/paths?from=dpo&to=ppo`](#/Graph/findPaths).
        - **The whole tree**: [`GET /api/v1/taxonomy`](#/Taxonomy/getTaxonomy), also as Mermaid (`format=mermaid`),
          Graphviz (`format=dot`), SKOS JSON-LD (`format=jsonld`) or CSV (`format=csv`); `root=peft` for a subtree.
        - **Cite**: `GET /api/v1/techniques/peft/references?format=bibtex` gives BibTeX for a whole subtree.

        ## Conventions
        - Lists are `{ "items": [...], "next": "<url>" }`; follow `next` (cursor paging, `limit` up to 200).
        - Every GET returns a strong `ETag`; send it as `If-None-Match` to get `304 Not Modified`. HEAD works wherever GET does.
        - Errors are `application/problem+json` (RFC 9457); a bad or unknown query parameter is a 400 that names it.
        - Reads need no key. Writes take `Authorization: Bearer <key>` (use **Authorize**).
        """;
}
