// The search box: type-ahead on GET /api/v1/search?mode=prefix, as an ARIA combobox with a listbox of suggestions.
import { api } from "./api.js";
import { fill, h } from "./dom.js";
import { pick, t } from "./i18n.js";

export class SearchBox {
  constructor(input, list, { onChoose }) {
    this.input = input;
    this.list = list;
    this.onChoose = onChoose;
    this.items = [];
    this.active = -1;
    this.timer = 0;
    this.controller = null;

    input.addEventListener("input", () => this.schedule());
    input.addEventListener("keydown", (event) => this.onKeyDown(event));
    input.addEventListener("blur", () => setTimeout(() => this.close(), 150));
    input.addEventListener("focus", () => { if (this.items.length) this.open(); });
  }

  schedule() {
    clearTimeout(this.timer);
    // A short pause between keystrokes keeps the request count down without feeling slow.
    this.timer = setTimeout(() => this.query(this.input.value.trim()), 120);
  }

  async query(q) {
    this.controller?.abort();
    if (!q) {
      this.items = [];
      this.close();
      return;
    }
    this.controller = new AbortController();
    try {
      const result = await api.search(q, { signal: this.controller.signal });
      if (q !== this.input.value.trim()) return; // an older answer arriving late
      this.items = result.items ?? [];
      this.active = this.items.length ? 0 : -1;
      this.draw();
    } catch (error) {
      if (error.name === "AbortError") return;
      this.items = [];
      fill(this.list, h("li", { className: "suggestion-empty", role: "option", "aria-disabled": "true" }, t("failed"), error.message));
      this.open();
    }
  }

  draw() {
    if (!this.items.length) {
      fill(this.list, h("li", { className: "suggestion-empty", role: "option", "aria-disabled": "true" }, t("searchNothing")));
      this.open();
      return;
    }
    fill(this.list, ...this.items.map((item, index) => h("li", {
      id: `suggestion-${index}`,
      role: "option",
      className: "suggestion",
      "aria-selected": String(index === this.active),
      "data-slug": item.slug,
      "data-kind": item.kind,
      onmousedown: (event) => event.preventDefault(), // keep focus in the input so blur does not close first
      onclick: () => this.choose(index),
    },
    ...this.labelOf(item),
    h("span", { className: `kind-badge kind-${item.techniqueKind ?? item.kind}` }, t(`kind_${item.techniqueKind ?? item.kind}`)),
    )));
    this.input.setAttribute("aria-activedescendant", this.active >= 0 ? `suggestion-${this.active}` : "");
    this.open();
  }

  /** The name, with the matched part marked when the match was in the name shown; else the name and the match. */
  labelOf(item) {
    const name = pick(item.name) || item.title || item.slug;
    const match = item.highlight ? highlighted(item.highlight) : null;
    const matchText = match?.map((part) => (typeof part === "string" ? part : part.textContent)).join("");
    if (!match || !matchText) return [h("span", { className: "suggestion-name" }, name)];
    if (matchText === name) return [h("span", { className: "suggestion-name" }, match)];
    return [h("span", { className: "suggestion-name" }, name), h("span", { className: "suggestion-match" }, match)];
  }

  open() {
    this.list.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
  }

  choose(index) {
    const item = this.items[index];
    if (!item) return;
    this.close();
    this.input.value = pick(item.name) || item.slug;
    this.onChoose(item);
  }

  onKeyDown(event) {
    const count = this.items.length;
    switch (event.key) {
      case "ArrowDown":
        if (!count) return;
        this.active = (this.active + 1) % count;
        this.draw();
        break;
      case "ArrowUp":
        if (!count) return;
        this.active = (this.active - 1 + count) % count;
        this.draw();
        break;
      case "Enter":
        // Enter before the debounced request has answered searches right away and takes the best match.
        if (this.active >= 0 && !this.list.hidden) this.choose(this.active);
        else this.query(this.input.value.trim()).then(() => this.choose(0));
        break;
      case "Escape":
        this.close();
        break;
      default:
        return;
    }
    event.preventDefault();
  }
}

/**
 * The search's highlight marks the matched text with <mark>. It is parsed in an inert document and rebuilt from its
 * text alone, so nothing but the marks can come through as markup.
 */
function highlighted(html) {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html").body;
  return [...parsed.childNodes].map((node) => (node.nodeName === "MARK" ? h("mark", {}, node.textContent) : node.textContent));
}
