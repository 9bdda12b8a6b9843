// The path view: how two techniques are connected (GET /api/v1/paths), hop by hop, each end a link to follow.
import { api, ApiError } from "./api.js";
import { fill, h } from "./dom.js";
import { pick, t } from "./i18n.js";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class PathView {
  constructor(form, result, datalist, { navigate, highlight }) {
    this.form = form;
    this.result = result;
    this.datalist = datalist;
    this.fromInput = form.elements.from;
    this.toInput = form.elements.to;
    this.navigate = navigate;
    this.highlight = highlight;
    this.last = null;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.find();
    });
  }

  /** Offers every technique and method of the tree as a suggestion in the two inputs (native type-ahead). */
  setTechniques(nodes) {
    this.techniques = nodes;
    fill(this.datalist, ...nodes.map((n) => h("option", { value: n.slug }, pick(n.name) + (n.abbreviation ? ` (${n.abbreviation})` : ""))));
  }

  setFrom(slug) {
    this.fromInput.value = slug;
    if (this.toInput.value) this.find();
    else this.toInput.focus();
  }

  setTo(slug) {
    this.toInput.value = slug;
    if (this.fromInput.value) this.find();
    else this.fromInput.focus();
  }

  /** Takes a slug as it is; otherwise a name or abbreviation, resolved to the best technique the search finds. */
  async resolve(text) {
    const value = text.trim();
    const lower = value.toLowerCase();
    if (SLUG.test(lower) && this.techniques?.some((n) => n.slug === lower)) return lower;
    const local = this.techniques?.find((n) => n.abbreviation?.toLowerCase() === lower
      || n.name?.en?.toLowerCase() === lower || n.name?.zh === value);
    if (local) return local.slug;
    const found = await api.search(value, { limit: 10 });
    const hit = (found.items ?? []).find((i) => i.kind === "technique" || i.kind === "method");
    if (!hit) throw new ApiError(404, t("pathUnknown") + value);
    return hit.slug;
  }

  async find() {
    this.result.setAttribute("aria-busy", "true");
    fill(this.result, h("p", { className: "muted" }, t("pathSearching")));
    try {
      const from = await this.resolve(this.fromInput.value);
      const to = await this.resolve(this.toInput.value);
      this.fromInput.value = from;
      this.toInput.value = to;
      const answer = await api.paths(from, to);
      this.last = answer;
      this.draw();
    } catch (error) {
      this.last = null;
      fill(this.result, h("p", { className: "error", role: "alert" }, error.message));
    } finally {
      this.result.removeAttribute("aria-busy");
    }
  }

  redraw() {
    if (this.last) this.draw();
  }

  draw() {
    const paths = this.last.paths ?? [];
    if (!paths.length) {
      this.highlight([]);
      fill(this.result, h("p", { className: "muted" }, t("pathNone")));
      return;
    }
    this.highlight(nodesOf(paths[0]));
    fill(this.result, ...paths.map((path, index) => h("section", { className: "path", "aria-label": t("pathOption", index + 1) },
      h("h3", {}, paths.length > 1 ? `${t("pathOption", index + 1)} · ` : "", t("pathLength", path.length ?? path.hops.length)),
      h("ol", { className: "hops" },
        h("li", { className: "hop-start" }, this.endpoint(path.hops[0]?.from)),
        path.hops.map((hop) => h("li", { className: `hop ${hop.direction === "inverse" ? "inverse" : "forward"}` },
          h("span", { className: "hop-relation" }, `${hop.direction === "inverse" ? "←" : "→"} ${pick(hop.name) || hop.type}`),
          " ",
          this.endpoint(hop.to),
        )),
      ),
    )));
  }

  endpoint(entity) {
    if (!entity) return null;
    return h("button", {
      type: "button",
      className: `follow kind-${entity.kind}`,
      "data-slug": entity.slug,
      onclick: () => this.navigate(entity),
    }, pick(entity.name) || entity.slug);
  }
}

function nodesOf(path) {
  const out = [];
  for (const hop of path.hops ?? []) {
    if (!out.length) out.push(hop.from);
    out.push(hop.to);
  }
  return out;
}
