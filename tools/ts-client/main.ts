// A small integrator's program on the typed client: list, search, a detail, a path, and a write with a key.
// Usage: node build/main.js <base URL> [search text]   (POSTTRAINING_API_KEY set: also creates a reference)
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";

// Type-level checks: compilation fails if the document stops promising these members.
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const slugIsString: Equals<components["schemas"]["TechniqueDetail"]["slug"], string> = true;
const nameIsRequired: Equals<components["schemas"]["TechniqueSummary"]["name"], components["schemas"]["LocalizedText"]> = true;
const kindIsClosed: Equals<components["schemas"]["TechniqueSummary"]["kind"], "technique" | "method"> = true;
void [slugIsString, nameIsRequired, kindIsClosed];

const baseUrl = (process.argv[2] ?? "http://localhost:5080").replace(/\/$/, "");
const query = process.argv[3] ?? "偏好优化";
const apiKey = process.env.POSTTRAINING_API_KEY;
const client = createClient<paths>({ baseUrl });

function fail(what: string, error: unknown, status: number): never {
  console.error(`${what} failed (${status}): ${JSON.stringify(error)}`);
  process.exit(1);
}

const list = await client.GET("/api/v1/techniques", { params: { query: { limit: 200 } } });
if (!list.data) fail("list", list.error, list.response.status);
console.log(`techniques: ${list.data.items.length}${list.data.next ? "+ (more pages)" : ""}`);
for (const t of list.data.items.slice(0, 5)) {
  console.log(`  ${t.slug.padEnd(28)} ${t.name.en ?? t.name.zh ?? ""}`);
}

const found = await client.GET("/api/v1/search", { params: { query: { q: query, limit: 5 } } });
if (!found.data) fail("search", found.error, found.response.status);
console.log(`search "${query}": ${found.data.items.map((i) => `${i.kind}:${i.slug}`).join(", ")}`);

const detail = await client.GET("/api/v1/techniques/{slug}", { params: { path: { slug: "dpo" } } });
if (!detail.data) fail("detail", detail.error, detail.response.status);
const slug: string = detail.data.slug;
console.log(`detail: ${slug} (${detail.data.kind}) under ${detail.data.paradigm.slug}, ${detail.data.references.length} references`);

const path = await client.GET("/api/v1/paths", { params: { query: { from: "dpo", to: "ppo" } } });
if (!path.data) fail("path", path.error, path.response.status);
console.log(`paths dpo -> ppo: ${path.data.paths.length}`);

if (!apiKey) {
  console.log("no POSTTRAINING_API_KEY: skipping the write example");
  process.exit(0);
}

// A timestamp keeps the slug unique, so running the program twice does not hit 409 duplicate slug.
const created = `ts-client-${Date.now()}`;
const write = await client.POST("/api/v1/references", {
  headers: { Authorization: `Bearer ${apiKey}` },
  body: {
    slug: created,
    title: "A reference created by the TypeScript client sample",
    authors: ["PostTraining TypeScript Client"],
    year: new Date().getUTCFullYear(),
    url: "https://example.org/posttraining-ts-client",
  },
});
if (!write.data) fail("create", write.error, write.response.status);
// The 201 carries the created reference as GET serves it.
console.log(`created reference: ${write.data.slug} at ${write.response.headers.get("Location") ?? "?"}`);
