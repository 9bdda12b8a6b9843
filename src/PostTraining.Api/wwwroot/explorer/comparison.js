// The comparison view (#comparison/{slug}): one of the survey's comparison tables as a matrix whose columns sort and
// filter, headers in the chosen language with the printed label kept (RM1, F, ...), every cell a link to the row's
// reference (the claim is the survey's, about that paper), every row label a link to its technique.
import { api } from "./api.js";
import { fill, h } from "./dom.js";
import { lang, pick, pickOther, t } from "./i18n.js";
import { scrollFrame } from "./overflow.js";
import { entityOf, referenceHref, sameText } from "./links.js";

const ROW_AXIS = "technique"; // the sort/filter key of the first column (the row label)
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

export class ComparisonView {
  /**
   * @param {HTMLElement} element the view's section
   * @param {{ navigate: (target: {kind: string, slug: string}) => void }} actions
   */
  constructor(element, { navigate }) {
    this.element = element;
    this.navigate = navigate;
    this.list = null;
    this.comparison = null;
    this.sort = null;      // { axis, descending }
    this.filters = new Map(); // axis slug -> value slug (choice) or text
  }

  /** Shows a comparison by slug, or the first one when slug is empty (#comparisons). */
  async show(slug) {
    this.element.setAttribute("aria-busy", "true");
    try {
      this.list ??= await api.comparisons();
      const items = this.list.items ?? this.list;
      const chosen = slug || items[0]?.slug;
      if (!chosen) {
        this.message(t("comparisonsNone"));
        return;
      }
      const comparison = await api.comparison(chosen);
      if (this.comparison?.slug !== comparison.slug) {
        this.sort = null;
        this.filters.clear();
      }
      this.comparison = comparison;
      this.render();
    } catch (error) {
      this.message(`${t("failed")}${error.message}`, true);
    } finally {
      this.element.removeAttribute("aria-busy");
    }
  }

  message(text, isError = false) {
    this.comparison = null;
    fill(this.element, h("h2", { id: "comparison-heading" }, t("viewComparisons")),
      h("p", { className: isError ? "error" : "muted", role: isError ? "alert" : null }, text));
  }

  redraw() {
    if (this.comparison) this.render();
  }

  render() {
    const c = this.comparison;
    const items = this.list?.items ?? this.list ?? [];
    const other = pickOther(c.name);
    const source = c.source ?? {};
    const sourceReference = source.reference ? referenceHref(source.reference) : null;
    const csv = `api/v1/comparisons/${encodeURIComponent(c.slug)}?format=csv`;
    const markdown = `api/v1/comparisons/${encodeURIComponent(c.slug)}?format=markdown`;

    this.status = h("p", { className: "comparison-status", role: "status", "aria-live": "polite" });
    this.body = h("tbody");
    this.table = h("table", { className: "comparison-table", "data-comparison": c.slug },
      h("caption", { className: "visually-hidden" }, pick(c.name)),
      h("thead", {}, this.headerRow(), this.filterRow()),
      this.body,
    );

    fill(this.element,
      h("header", { className: "comparison-header" },
        h("div", {},
          h("h2", { id: "comparison-heading" }, pick(c.name)),
          other ? h("p", { className: "other-name", lang: other === c.name?.zh ? "zh-Hans" : "en" }, other) : null,
          c.description ? h("p", { className: "comparison-description" }, pick(c.description)) : null,
          source.table
            ? h("p", { className: "byline" }, `${t("source")}: `,
              sourceReference ? h("a", { href: sourceReference.href, target: sourceReference.external ? "_blank" : null, rel: "noopener noreferrer" }, sourceLabel(source)) : sourceLabel(source),
              source.section ? ` · §${source.section}` : null)
            : null,
        ),
        h("div", { className: "comparison-tools" },
          items.length > 1
            ? h("label", {}, h("span", {}, t("comparisonPick")),
              h("select", {
                id: "comparison-pick",
                onchange: (event) => { location.hash = `#comparison/${event.target.value}`; },
              }, items.map((item) => h("option", { value: item.slug, selected: item.slug === c.slug ? true : null }, pick(item.name)))))
            : null,
          h("p", { className: "exports" }, t("download"), " ",
            h("a", { href: csv, download: `${c.slug}.csv` }, "CSV"), " · ",
            h("a", { href: markdown, download: `${c.slug}.md` }, "Markdown")),
          h("button", { type: "button", className: "clear-filters", onclick: () => this.clearFilters() }, t("clearFilters")),
        ),
      ),
      this.status,
      scrollFrame(h("div", { className: "table-scroll" }, this.table), pick(c.name)),
      this.legend(),
      this.notes(),
    );
    this.renderRows();
  }

  headerRow() {
    const c = this.comparison;
    return h("tr", {},
      this.sortHeader(ROW_AXIS, t("comparisonRow"), null, null),
      c.axes.map((axis) => this.sortHeader(axis.slug, axis.printed, axis.name, axis.description)),
    );
  }

  /** A column header: the printed label, the axis name in the chosen language, a button that sorts by it. */
  sortHeader(axis, printed, name, description) {
    const sorted = this.sort?.axis === axis;
    const localized = pick(name);
    return h("th", {
      scope: "col",
      "data-axis": axis,
      "aria-sort": sorted ? (this.sort.descending ? "descending" : "ascending") : null,
      title: description ? pick(description) : null,
    },
      h("button", { type: "button", className: "sort", onclick: () => this.toggleSort(axis) },
        h("span", { className: "axis-printed" }, printed),
        localized && !sameText(localized, printed) ? h("span", { className: "axis-name", lang: lang() === "zh" ? "zh-Hans" : "en" }, localized) : null,
        h("span", { className: "sort-mark", "aria-hidden": "true" }, sorted ? (this.sort.descending ? "▼" : "▲") : "↕"),
      ),
    );
  }

  /** Under each header, what to keep: the allowed values of a choice axis, free text for the others. */
  filterRow() {
    const c = this.comparison;
    const textFilter = (axis, label) => h("input", {
      type: "search",
      className: "filter-text",
      "data-filter-axis": axis,
      "aria-label": `${t("filterBy")} ${label}`,
      placeholder: t("filterPlaceholder"),
      value: this.filters.get(axis) ?? "",
      oninput: (event) => this.setFilter(axis, event.target.value.trim()),
    });
    return h("tr", { className: "filters" },
      h("td", {}, textFilter(ROW_AXIS, t("comparisonRow"))),
      c.axes.map((axis) => h("td", {}, axis.type === "choice" && axis.values?.length
        ? h("select", {
          className: "filter-choice",
          "data-filter-axis": axis.slug,
          "aria-label": `${t("filterBy")} ${axis.printed} (${pick(axis.name)})`,
          onchange: (event) => this.setFilter(axis.slug, event.target.value),
        },
          h("option", { value: "" }, t("filterAny")),
          axis.values.map((v) => h("option", { value: v.slug, selected: this.filters.get(axis.slug) === v.slug ? true : null },
            v.printed && pick(v.name) && v.printed !== pick(v.name) ? `${v.printed} · ${pick(v.name)}` : (pick(v.name) || v.printed))))
        : textFilter(axis.slug, `${axis.printed} (${pick(axis.name)})`))),
    );
  }

  toggleSort(axis) {
    this.sort = this.sort?.axis === axis ? { axis, descending: !this.sort.descending } : { axis, descending: false };
    for (const th of this.table.querySelectorAll("thead th[data-axis]")) {
      const sorted = th.dataset.axis === axis;
      if (sorted) th.setAttribute("aria-sort", this.sort.descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
      th.querySelector(".sort-mark").textContent = sorted ? (this.sort.descending ? "▼" : "▲") : "↕";
    }
    this.renderRows();
  }

  setFilter(axis, value) {
    if (value) this.filters.set(axis, value);
    else this.filters.delete(axis);
    this.renderRows();
  }

  clearFilters() {
    this.filters.clear();
    for (const input of this.table.querySelectorAll("[data-filter-axis]")) input.value = "";
    this.renderRows();
  }

  renderRows() {
    const c = this.comparison;
    const rows = c.rows.map((row, index) => ({ row, index, cells: new Map((row.cells ?? []).map((cell) => [cell.axis, cell])) }));
    const kept = rows.filter((r) => this.keeps(r));
    if (this.sort) {
      const collator = new Intl.Collator(lang() === "zh" ? "zh-Hans" : "en", { numeric: true, sensitivity: "base" });
      const axis = c.axes.find((a) => a.slug === this.sort.axis);
      const sign = this.sort.descending ? -1 : 1;
      kept.sort((a, b) => {
        const x = this.sortKey(a, axis);
        const y = this.sortKey(b, axis);
        // Empty cells go last in both directions: they hold no claim to order by.
        if (x === null || y === null) return (x === null) - (y === null) || a.index - b.index;
        const order = typeof x === "number" && typeof y === "number" ? x - y : collator.compare(String(x), String(y));
        return sign * order || a.index - b.index;
      });
    }
    fill(this.body, kept.map((r) => this.rowElement(r)));
    this.status.textContent = t("comparisonShowing", kept.length, rows.length);
  }

  keeps({ row, cells }) {
    for (const [axis, wanted] of this.filters) {
      if (axis === ROW_AXIS) {
        const entity = entityOf(row.technique);
        const haystack = [row.printed, pick(entity.name), entity.name?.en, entity.name?.zh, entity.abbreviation, entity.slug]
          .filter(Boolean).join(" ").toLowerCase();
        if (!haystack.includes(wanted.toLowerCase())) return false;
        continue;
      }
      const cell = cells.get(axis);
      const type = this.comparison.axes.find((a) => a.slug === axis)?.type;
      if (type === "choice") {
        if (!cell?.values?.includes(wanted)) return false;
      } else if (!(cell?.printed ?? "").toLowerCase().includes(wanted.toLowerCase())) {
        return false;
      }
    }
    return true;
  }

  /** What a column sorts by: numbers as numbers, printed month-year dates in time order, the rest as text. */
  sortKey({ row, cells }, axis) {
    if (!axis) return row.printed || pick(entityOf(row.technique).name) || null;
    const cell = cells.get(axis.slug);
    if (!cell?.printed) return null;
    if (axis.type === "number") {
      const value = Number.parseFloat(cell.values?.[0] ?? cell.printed);
      if (!Number.isNaN(value)) return value;
    }
    const date = /^([A-Za-z]{3})[a-z]*[-\s.](\d{4})$/.exec(cell.printed.trim());
    if (date && MONTHS.includes(date[1].toLowerCase())) return Number(date[2]) * 12 + MONTHS.indexOf(date[1].toLowerCase());
    return cell.printed;
  }

  rowElement({ row, cells }) {
    const c = this.comparison;
    const entity = entityOf(row.technique);
    const reference = row.reference ? referenceHref(row.reference) : null;
    const name = pick(entity.name);
    return h("tr", { "data-technique": entity.slug, "data-kind": entity.kind },
      h("th", { scope: "row" },
        h("button", {
          type: "button",
          className: `follow kind-${entity.kind}`,
          "data-slug": entity.slug,
          onclick: () => this.navigate(entity),
          title: name && name !== row.printed ? name : null,
        }, row.printed || name || entity.slug)),
      c.axes.map((axis) => {
        const cell = cells.get(axis.slug);
        if (!cell) return h("td", { "data-axis": axis.slug, className: "empty" }, h("span", { "aria-label": t("comparisonEmpty") }, "–"));
        const text = cell.printed;
        return h("td", { "data-axis": axis.slug, "data-values": (cell.values ?? []).join(" ") },
          reference
            ? h("a", {
              className: "cell-link",
              href: reference.href,
              target: reference.external ? "_blank" : null,
              rel: reference.external ? "noopener noreferrer" : null,
              title: reference.title ? `${t("cellSource")}: ${reference.title}` : null,
            }, text)
            : text,
          cell.note ? h("sup", { className: "cell-note", title: pick(cell.note) }, h("a", { href: `#${noteId(c, row, axis)}`, "aria-label": t("note") }, "†")) : null,
        );
      }),
    );
  }

  legend() {
    const c = this.comparison;
    return h("details", { className: "comparison-legend", open: true },
      h("summary", {}, t("comparisonAxes")),
      h("dl", {}, c.axes.map((axis) => [
        h("dt", {}, h("span", { className: "axis-printed" }, axis.printed), " ", pick(axis.name),
          pickOther(axis.name) ? h("span", { className: "muted", lang: pickOther(axis.name) === axis.name?.zh ? "zh-Hans" : "en" }, ` · ${pickOther(axis.name)}`) : null),
        h("dd", {}, pick(axis.description)),
      ])),
    );
  }

  /** The survey's cells that a note contests (Table 2's GRPO row): printed as published, with the reason here. */
  notes() {
    const c = this.comparison;
    const notes = c.rows.flatMap((row) => (row.cells ?? []).filter((cell) => cell.note).map((cell) => ({ row, cell })));
    if (!notes.length) return null;
    return h("section", { className: "comparison-notes" },
      h("h3", {}, t("notes")),
      h("ol", {}, notes.map(({ row, cell }) => {
        const axis = c.axes.find((a) => a.slug === cell.axis) ?? { slug: cell.axis, printed: cell.axis };
        return h("li", { id: noteId(c, row, axis) }, h("strong", {}, `${row.printed} · ${axis.printed}: ${cell.printed}`), " — ", pick(cell.note));
      })),
    );
  }
}

function noteId(comparison, row, axis) {
  return `note-${comparison.slug}-${entityOf(row.technique).slug}-${axis.slug}`;
}

function sourceLabel(source) {
  // "Table 2: comparison of ..." — the table's number is what a reader looks up in the survey.
  return typeof source.table === "string" ? source.table.split(":")[0] : String(source.table);
}
