// Where the explorer links an entity or a reference to, whichever form the API gave it in: a summary object, or
// a bare "slug" / "kind:slug" string (how data files name a row's technique, e.g. "model:instructgpt").
import { safeHref } from "./dom.js";

/** { kind, slug, name?, abbreviation? } of a summary or a "kind:slug" string; a bare slug is a technique. */
export function entityOf(value) {
  if (value == null) return { kind: "technique", slug: "" };
  if (typeof value === "string") {
    const [kind, slug] = value.includes(":") ? value.split(":", 2) : ["technique", value];
    return { kind, slug };
  }
  const kind = value.kind === "method" || !value.kind ? "technique" : value.kind;
  return { ...value, kind };
}

/**
 * A reference's link: the paper itself (its URL, else its arXiv page) in a new tab, or, when the API gave no
 * external address, the reference's panel in the explorer.
 * @returns {{ href: string, external: boolean, title?: string }}
 */
export function referenceHref(reference) {
  const r = typeof reference === "string" ? { slug: reference } : reference;
  const external = r.url && !r.url.startsWith("/") ? safeHref(r.url) : null;
  const arxiv = r.arxivId ? `https://arxiv.org/abs/${encodeURIComponent(r.arxivId)}` : null;
  const href = external ?? arxiv;
  const title = r.title ?? r.name?.en; // a NodeLink names a reference by its title, in name.en
  return href ? { href, external: true, title } : { href: `#reference/${r.slug}`, external: false, title };
}

/** Whether two labels say the same ("Release Time" and "Release time"): then only one is shown. */
export function sameText(a, b) {
  return String(a).localeCompare(String(b), undefined, { sensitivity: "base" }) === 0;
}
