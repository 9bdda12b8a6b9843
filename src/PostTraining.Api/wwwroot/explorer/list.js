// The taxonomy as an indented list, for phones: the map's labels shrink below legibility when a 660-node tree is
// fitted to 390 px, while a list keeps body-size type and scrolls the way phones scroll. It draws the tree's model
// (same nodes, same expanded state), so switching between the two views loses nothing.
import { fill, h } from "./dom.js";
import { lang, t } from "./i18n.js";

export class TaxonomyList {
  /**
   * @param {HTMLElement} container the scrolling box the list lives in
   * @param {import("./tree.js").TaxonomyTree} tree the model's owner (nodes, labels, expanded state)
   */
  constructor(container, tree, { onSelect }) {
    this.container = container;
    this.tree = tree;
    this.onSelect = onSelect;
  }

  render() {
    const root = this.tree.root;
    if (!root) return;
    fill(this.container, h("ul", { className: "tree-list-level", "aria-label": t("treeLabel") }, root.children.map((n) => this.item(n))));
  }

  item(node) {
    const hasChildren = node.children.length > 0;
    const label = this.tree.label(node);
    const selected = node.id === this.tree.selectedId;
    const li = h("li", {
      className: `tree-list-item kind-${node.kind} hue-${node.hue ?? "root"}${selected ? " selected" : ""}`,
      "data-id": node.id,
      "data-slug": node.slug,
      "data-kind": node.kind,
    },
      h("div", { className: "tree-list-row" },
        hasChildren
          ? h("button", {
            type: "button",
            className: "twisty",
            "aria-expanded": String(node.expanded),
            "aria-label": `${node.expanded ? t("collapseBranch") : t("expandBranch")}: ${label}`,
            onclick: () => this.toggle(node),
          }, node.expanded ? "▾" : "▸")
          : h("span", { className: "twisty-space", "aria-hidden": "true" }),
        h("button", {
          type: "button",
          className: "tree-list-label",
          lang: lang() === "zh" ? "zh-Hans" : "en",
          "aria-current": selected ? "true" : null,
          onclick: () => this.onSelect(node),
        }, label),
      ),
      hasChildren && node.expanded ? h("ul", { className: "tree-list-level" }, node.children.map((c) => this.item(c))) : null,
    );
    return li;
  }

  toggle(node) {
    node.expanded = !node.expanded;
    const li = this.container.querySelector(`li[data-id="${CSS.escape(node.id)}"]`);
    if (li) li.replaceWith(this.item(node));
    else this.render();
    this.container.querySelector(`li[data-id="${CSS.escape(node.id)}"] .twisty`)?.focus();
    this.tree.render(); // the map shares the expanded state
  }

  /** Shows the selected node: its branch open, the row marked, and the list (not the page) scrolled to it. */
  select(node) {
    const hadFocus = this.container.contains(document.activeElement);
    this.render();
    const row = this.container.querySelector(`li[data-id="${CSS.escape(node.id)}"] > .tree-list-row`);
    // Redrawing replaced the button a keyboard user pressed: keep their place on the chosen one.
    if (hadFocus) row?.querySelector(".tree-list-label")?.focus({ preventScroll: true });
    if (!row || !this.container.clientHeight) return;
    const top = row.offsetTop; // the container is positioned, so offsets are measured from its top
    if (top < this.container.scrollTop || top + row.offsetHeight > this.container.scrollTop + this.container.clientHeight) {
      this.container.scrollTop = Math.max(0, top - this.container.clientHeight / 3);
    }
  }
}
