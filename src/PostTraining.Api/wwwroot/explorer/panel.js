// The side panel: everything about the selected node (names in both languages, description, formulas typeset by
// KaTeX, references with links, relationships to follow).
import { fill, h, safeHref } from "./dom.js";
import { pick, pickOther, t } from "./i18n.js";
import { referenceHref, sameText } from "./links.js";
import { scrollFrame } from "./overflow.js";

export class Panel {
  /**
   * @param {HTMLElement} element the panel's section
   * @param {{ navigate: (target: {kind: string, slug: string, url?: string}) => void,
   *           pathFrom: (slug: string) => void, pathTo: (slug: string) => void }} actions
   */
  constructor(element, actions) {
    this.element = element;
    this.actions = actions;
    this.last = null; // what to redraw when the language changes
  }

  redraw() {
    if (this.last) this.last();
  }

  show(render) {
    this.last = render;
    render();
  }

  empty() {
    this.show(() => fill(this.element,
      h("h2", { id: "panel-heading" }, t("panelEmpty")),
      h("p", { className: "muted" }, t("panelEmptyHint")),
    ));
  }

  loading(name) {
    this.element.setAttribute("aria-busy", "true");
    fill(this.element, h("h2", { id: "panel-heading" }, name || t("loading")), h("p", { className: "muted" }, t("loading")));
  }

  error(message) {
    this.element.removeAttribute("aria-busy");
    this.show(() => fill(this.element,
      h("h2", { id: "panel-heading" }, t("panelEmpty")),
      h("p", { className: "error", role: "alert" }, t("failed"), message),
    ));
  }

  paradigm(paradigm) {
    this.show(() => {
      this.element.removeAttribute("aria-busy");
      fill(this.element,
        this.header("paradigm", paradigm.name, null, paradigm.url),
        h("div", { className: "actions" }, this.subscribe(paradigm.slug)),
        paradigm.goal ? this.section(t("goal"), h("p", {}, pick(paradigm.goal))) : null,
        this.section(t("description"), this.description(paradigm.description)),
        this.section(t("techniques"), this.links((paradigm.techniques ?? []).map((x) => ({ ...x, kind: "technique" })))),
      );
    });
  }

  technique(detail) {
    this.show(() => {
      this.element.removeAttribute("aria-busy");
      const facts = h("dl", { className: "facts" },
        detail.paradigm ? [h("dt", {}, t("paradigm")), h("dd", {}, this.link({ ...detail.paradigm, kind: "paradigm" }))] : null,
        detail.ancestors?.length
          ? [h("dt", {}, t("path")), h("dd", { className: "breadcrumbs" }, detail.ancestors.map((a) => this.link({ ...a, kind: "technique" })))]
          : null,
        detail.year ? [h("dt", {}, t("year")), h("dd", {}, String(detail.year))] : null,
        detail.aliases?.length ? [h("dt", {}, t("aliases")), h("dd", {}, detail.aliases.join(", "))] : null,
      );

      fill(this.element,
        this.header(detail.kind === "method" ? "method" : "technique", detail.name, detail.abbreviation, detail.url, detail.verified),
        facts,
        h("div", { className: "actions" },
          h("button", { type: "button", onclick: () => this.actions.pathFrom(detail.slug) }, t("pathFromHere")),
          h("button", { type: "button", onclick: () => this.actions.pathTo(detail.slug) }, t("pathToHere")),
          this.subscribe(detail.slug),
        ),
        this.section(t("description"), this.description(detail.description)),
        detail.formulas?.length ? this.section(t("formulas"), detail.formulas.map((f) => this.formula(f))) : null,
        detail.comparisons?.length ? this.section(t("comparisons"), this.comparisons(detail.comparisons)) : null,
        detail.children?.length ? this.section(t("children"), this.links(detail.children.map((c) => ({ ...c, kind: "technique" })))) : null,
        detail.references?.length ? this.section(t("references"), this.references(detail.references)) : null,
        this.relationships(detail.relationships),
      );
    });
  }

  /** Any other kind of entity (reference, model, dataset, limitation, formula ...): the fields it has. */
  entity(kind, data) {
    this.show(() => {
      this.element.removeAttribute("aria-busy");
      const external = data.url && !data.url.startsWith("/") ? safeHref(data.url) : null;
      fill(this.element,
        this.header(kind, data.name ?? data.title ?? data.slug, data.abbreviation, external ? null : data.url),
        data.authors?.length || data.year || data.venue
          ? h("p", { className: "byline" }, [data.authors?.join(", "), data.venue, data.year].filter(Boolean).join(" · "))
          : null,
        external ? h("p", {}, h("a", { href: external, target: "_blank", rel: "noopener noreferrer" }, external)) : null,
        data.latex ? this.formula(data) : null,
        data.description ? this.section(t("description"), this.description(data.description)) : null,
        data.techniques?.length
          ? this.section(t("techniques"), h("ul", { className: "link-list" }, data.techniques.map((x) => h("li", {},
            this.link({ ...x, kind: "technique" }),
            x.role ? h("span", { className: "role" }, ` · ${t(`role_${x.role}`)}`) : null))))
          : null,
        data.relationships ? this.relationships(data.relationships) : null,
      );
    });
  }

  header(kind, name, abbreviation, url, verified) {
    const main = pick(name);
    const other = pickOther(name);
    return h("header", { className: "panel-header" },
      h("p", { className: `kind-badge kind-${kind}` }, t(`kind_${kind}`)),
      h("h2", { id: "panel-heading" }, main, abbreviation && !main.includes(abbreviation) ? h("span", { className: "abbr" }, ` (${abbreviation})`) : null),
      other ? h("p", { className: "other-name", lang: other === name?.zh ? "zh-Hans" : "en" }, other) : null,
      verified === false ? h("p", { className: "muted" }, t("unverified")) : null,
      url ? h("p", { className: "json-link" }, h("a", { href: url.replace(/^\//, ""), target: "_blank", rel: "noopener" }, `${t("openJson")} ↗`)) : null,
    );
  }

  section(title, ...content) {
    return h("section", { className: "panel-section" }, h("h3", {}, title), ...content);
  }

  description(value) {
    const text = pick(value);
    return text ? text.split(/\n{2,}/).map((p) => h("p", {}, p)) : h("p", { className: "muted" }, t("noDescription"));
  }

  formula(f) {
    const math = h("div", { className: "formula-math", "data-latex": f.latex });
    renderMath(f.latex, math, true);
    const symbols = f.symbols?.length
      ? h("dl", { className: "symbols", "aria-label": t("symbols") }, f.symbols.map((s) => {
        const term = h("dt", {});
        renderMath(s.symbol, term, false);
        return [term, h("dd", {}, pick(s.meaning))];
      }))
      : null;
    return h("figure", { className: "formula" },
      f.name ? h("figcaption", {}, pick(f.name)) : null,
      scrollFrame(math, pick(f.name) || t("formula")),
      f.description ? h("p", { className: "muted" }, pick(f.description)) : null,
      symbols,
    );
  }

  references(references) {
    return h("ul", { className: "references" }, references.map((r) => {
      const link = referenceHref(r);
      const title = r.title || r.slug;
      return h("li", {},
        link.external ? h("a", { href: link.href, target: "_blank", rel: "noopener noreferrer" }, title) : h("span", {}, title),
        r.role ? h("span", { className: "role" }, ` · ${t(`role_${r.role}`)}`) : null,
        h("div", { className: "byline" }, [r.authors?.slice(0, 3).join(", ") + (r.authors?.length > 3 ? " et al." : ""), r.venue, r.year]
          .filter((x) => x && x !== "undefined").join(" · ")),
      );
    }));
  }

  /** The technique's row in each comparison it is in: each axis (its name and printed label) and the cell as printed. */
  comparisons(entries) {
    return entries.map((entry) => h("div", { className: "comparison-value", "data-comparison": entry.comparison.slug },
      h("h4", {}, h("a", { href: `#comparison/${entry.comparison.slug}` }, pick(entry.comparison.name) || entry.comparison.slug),
        entry.printed ? h("span", { className: "muted" }, ` · ${entry.printed}`) : null),
      h("dl", { className: "facts" }, entry.cells.map((cell) => {
        const name = pick(cell.axisName);
        return [
          h("dt", { "data-axis": cell.axis }, name || cell.axisPrinted || cell.axis,
            name && cell.axisPrinted && !sameText(name, cell.axisPrinted) ? h("span", { className: "axis-printed" }, ` ${cell.axisPrinted}`) : null),
          h("dd", {}, cell.printed, cell.note ? h("p", { className: "cell-note-text muted" }, "† ", pick(cell.note)) : null),
        ];
      })),
    ));
  }

  relationships(relationships) {
    const outgoing = relationships?.outgoing ?? [];
    const incoming = relationships?.incoming ?? [];
    if (!outgoing.length && !incoming.length) return null;
    const list = (items, end) => h("ul", { className: "relations" }, items.map((r) => h("li", {},
      h("span", { className: "relation-name" }, pick(r.name) || r.type),
      " ",
      this.link(r[end]),
    )));
    return this.section(t("relationships"),
      outgoing.length ? [h("h4", {}, t("outgoing")), list(outgoing, "target")] : null,
      incoming.length ? [h("h4", {}, t("incoming")), list(incoming, "source")] : null,
    );
  }

  /** The Atom feed of every change under a paradigm or technique (the API's root scope), for a feed reader. */
  subscribe(slug) {
    return h("a", {
      className: "subscribe-atom",
      href: `api/v1/changes.atom?root=${encodeURIComponent(slug)}`,
      type: "application/atom+xml",
      title: t("subscribeAtomHint"),
    }, t("subscribeAtom"));
  }

  links(items) {
    return h("ul", { className: "link-list" }, items.map((item) => h("li", {}, this.link(item))));
  }

  /** A button that follows a reference to another entity (the panel and the tree move to it). */
  link(target) {
    if (!target) return null;
    const name = pick(target.name) || target.title || target.slug;
    const label = target.abbreviation && !name.includes(target.abbreviation) ? `${name} (${target.abbreviation})` : name;
    return h("button", {
      type: "button",
      className: `follow kind-${target.kind ?? "technique"}`,
      "data-slug": target.slug,
      "data-kind": target.kind,
      onclick: () => this.actions.navigate(target),
    }, label);
  }
}

function renderMath(latex, element, displayMode) {
  try {
    katex.render(latex, element, { displayMode, throwOnError: false, output: "htmlAndMathml" });
  } catch {
    // KaTeX reports bad LaTeX inline (throwOnError false); anything else falls back to the source text.
    element.textContent = latex;
  }
}
