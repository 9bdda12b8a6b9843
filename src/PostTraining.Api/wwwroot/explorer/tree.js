// The taxonomy as a horizontal, collapsible SVG tree (root -> paradigm -> technique -> sub-technique / method) with
// zoom and pan. Labels are SVG <text>, and the nodes are ARIA treeitems, so screen readers and find-in-page see them.
import { lang, pick, t } from "./i18n.js";

const SVG = "http://www.w3.org/2000/svg";
const ROW = 28;          // vertical distance between sibling rows
const GAP = 44;          // space between the end of a label and the next column
const RADIUS = 5;
// Labels are measured in the face they are drawn in: the stylesheet's --font stack (CJK faces included).
const LABEL_PX = 14;      // the labels' font size (explorer.css: .node text)
const READABLE_PX = 12;   // the smallest a label may be drawn by fit(); zooming out further is the user's choice
const FONT = `${LABEL_PX}px ${getComputedStyle(document.documentElement).getPropertyValue("--font").trim() || "sans-serif"}`;

const measureContext = document.createElement("canvas").getContext("2d");
measureContext.font = FONT;
const measure = (text) => Math.ceil(measureContext.measureText(text).width);

function svg(tag, attributes = {}) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, String(value));
  return el;
}

export class TaxonomyTree {
  constructor(container, { onSelect }) {
    this.onSelect = onSelect;
    this.nodes = new Map();     // id -> model node
    this.root = null;
    this.selectedId = null;
    this.focusId = null;
    this.pathIds = new Set();
    this.positions = new Map(); // id -> {x, y, width} of the last render
    this.fitted = false;        // whether fit() has had a visible tree to fit yet

    this.svg = svg("svg", { class: "tree-svg", role: "tree", "aria-label": t("treeLabel") });
    this.viewport = svg("g", { class: "viewport" });
    this.linkLayer = svg("g", { class: "links", "aria-hidden": "true" });
    this.nodeLayer = svg("g", { class: "nodes", role: "none" });
    this.viewport.append(this.linkLayer, this.nodeLayer);
    this.svg.append(this.viewport);
    container.append(this.svg);

    this.zoom = d3.zoom()
      .scaleExtent([0.15, 4])
      .on("zoom", (event) => this.viewport.setAttribute("transform", event.transform.toString()));
    // Double-click is kept for selecting nodes; zoom has its buttons, the wheel and pinch.
    d3.select(this.svg).call(this.zoom).on("dblclick.zoom", null);

    this.nodeLayer.addEventListener("keydown", (event) => this.onKeyDown(event));
  }

  /** Builds the model from GET /api/v1/taxonomy: paradigms and techniques start expanded, deeper levels collapsed. */
  setData(taxonomy) {
    this.nodes.clear();
    const root = { id: "root", kind: "root", slug: "", name: null, children: [], parent: null, expanded: true, depth: 0 };
    this.nodes.set(root.id, root);
    taxonomy.paradigms.forEach((p, index) => {
      const paradigm = this.add({ id: `paradigm:${p.slug}`, kind: "paradigm", slug: p.slug, name: p.name, data: p, hue: index, expanded: true }, root);
      for (const technique of p.techniques ?? []) this.addTechnique(technique, paradigm, index);
    });
    this.root = root;
    this.focusId ??= root.id;
    this.render();
  }

  add(node, parent) {
    const full = { children: [], expanded: false, ...node, parent, depth: parent.depth + 1 };
    parent.children.push(full);
    this.nodes.set(full.id, full);
    return full;
  }

  addTechnique(technique, parent, hue) {
    const node = this.add({
      id: `technique:${technique.slug}`,
      kind: technique.kind === "method" ? "method" : "technique",
      slug: technique.slug,
      name: technique.name,
      abbreviation: technique.abbreviation,
      data: technique,
      hue,
    }, parent);
    for (const child of technique.children ?? []) this.addTechnique(child, node, hue);
  }

  get(kind, slug) {
    return this.nodes.get(`${kind === "method" ? "technique" : kind}:${slug}`);
  }

  label(node) {
    if (node.kind === "root") return t("root");
    const name = pick(node.name);
    if (node.abbreviation && !name.includes(node.abbreviation)) return `${name} (${node.abbreviation})`;
    return name || node.slug;
  }

  /** Makes a node visible by expanding every ancestor. */
  reveal(node) {
    for (let p = node.parent; p; p = p.parent) p.expanded = true;
  }

  setExpanded(node, expanded) {
    if (!node.children.length || node.expanded === expanded) return;
    node.expanded = expanded;
    this.render();
  }

  expandAll() {
    for (const node of this.nodes.values()) node.expanded = true;
    this.render();
    this.fit();
  }

  collapseAll() {
    for (const node of this.nodes.values()) node.expanded = node.depth < 2;
    this.render();
    this.fit();
  }

  /** Selects a node (as the panel's subject), revealing and centring it. Does not call onSelect. */
  select(node, { center = true } = {}) {
    this.reveal(node);
    if (node.children.length) node.expanded = true;
    this.selectedId = node.id;
    this.focusId = node.id;
    this.render();
    if (center) this.centerOn(node);
  }

  highlightPath(nodes) {
    this.pathIds = new Set(nodes.map((n) => n.id));
    for (const node of nodes) this.reveal(node);
    this.render();
  }

  visibleInOrder() {
    const out = [];
    const walk = (node) => {
      out.push(node);
      if (node.expanded) node.children.forEach(walk);
    };
    if (this.root) walk(this.root);
    return out;
  }

  render() {
    if (!this.root) return;
    const hadFocus = this.svg.contains(document.activeElement);
    const hierarchy = d3.hierarchy(this.root, (n) => (n.expanded ? n.children : null));
    d3.tree().nodeSize([ROW, 1]).separation((a, b) => (a.parent === b.parent ? 1 : 1.4))(hierarchy);

    // Columns as wide as their longest visible label, so no label runs into the next level.
    const widths = new Map();
    const columnWidth = [];
    hierarchy.each((d) => {
      const width = measure(this.label(d.data));
      widths.set(d.data.id, width);
      columnWidth[d.depth] = Math.max(columnWidth[d.depth] ?? 0, width);
    });
    const columnX = [0];
    for (let i = 1; i < columnWidth.length; i++) columnX[i] = columnX[i - 1] + columnWidth[i - 1] + RADIUS * 2 + 8 + GAP;

    this.positions.clear();
    hierarchy.each((d) => this.positions.set(d.data.id, { x: columnX[d.depth], y: d.x, width: widths.get(d.data.id) }));

    this.linkLayer.replaceChildren();
    for (const link of hierarchy.links()) {
      const from = this.positions.get(link.source.data.id);
      const to = this.positions.get(link.target.data.id);
      const x0 = from.x + RADIUS + 8 + from.width + 6;
      const x1 = to.x - RADIUS;
      const mid = (x0 + x1) / 2;
      const onPath = this.pathIds.has(link.source.data.id) && this.pathIds.has(link.target.data.id);
      this.linkLayer.append(svg("path", {
        class: `link hue-${link.target.data.hue ?? "root"}${onPath ? " on-path" : ""}`,
        d: `M${x0},${from.y}C${mid},${from.y} ${mid},${to.y} ${x1},${to.y}`,
      }));
    }

    this.nodeLayer.replaceChildren();
    const setSizes = new Map();
    hierarchy.each((d) => setSizes.set(d, d.parent ? d.parent.children.length : 1));
    hierarchy.eachBefore((d) => this.nodeLayer.append(this.renderNode(d, setSizes.get(d))));

    if (hadFocus) this.focusElement(this.focusId);
  }

  renderNode(d, setSize) {
    const node = d.data;
    const pos = this.positions.get(node.id);
    const hasChildren = node.children.length > 0;
    const classes = ["node", `kind-${node.kind}`, `hue-${node.hue ?? "root"}`];
    if (node.id === this.selectedId) classes.push("selected");
    if (this.pathIds.has(node.id)) classes.push("on-path");
    if (hasChildren && !node.expanded) classes.push("collapsed");

    const label = this.label(node);
    const g = svg("g", {
      class: classes.join(" "),
      transform: `translate(${pos.x},${pos.y})`,
      role: "treeitem",
      "aria-level": d.depth + 1,
      "aria-setsize": setSize,
      "aria-posinset": d.parent ? d.parent.children.indexOf(d) + 1 : 1,
      "aria-selected": String(node.id === this.selectedId),
      "aria-label": node.kind === "root" ? label : `${label}, ${t(`kind_${node.kind}`)}`,
      tabindex: node.id === this.focusId ? 0 : -1,
      "data-id": node.id,
      "data-slug": node.slug,
      "data-kind": node.kind,
    });
    if (hasChildren) g.setAttribute("aria-expanded", String(node.expanded));

    const hit = svg("rect", {
      class: "hit",
      x: -RADIUS - 4,
      y: -ROW / 2 + 3,
      width: pos.width + RADIUS * 2 + 20,
      height: ROW - 6,
      rx: 6,
    });
    const circle = svg("circle", { class: "dot", r: RADIUS });
    const text = svg("text", { x: RADIUS + 8, dy: "0.35em", lang: lang() === "zh" ? "zh-Hans" : "en" });
    text.textContent = label;
    g.append(hit, circle, text);

    g.addEventListener("click", (event) => {
      event.stopPropagation();
      this.focusId = node.id;
      if (event.target === circle && hasChildren) {
        this.setExpanded(node, !node.expanded);
        return;
      }
      this.activate(node);
    });
    return g;
  }

  activate(node) {
    if (node.kind === "root") {
      this.setExpanded(node, !node.expanded);
      return;
    }
    this.select(node, { center: false });
    this.focusElement(node.id);
    this.onSelect(node);
  }

  focusElement(id) {
    const el = this.nodeLayer.querySelector(`[data-id="${CSS.escape(id)}"]`);
    if (!el) return;
    for (const other of this.nodeLayer.querySelectorAll('[tabindex="0"]')) other.setAttribute("tabindex", "-1");
    el.setAttribute("tabindex", "0");
    el.focus({ preventScroll: true });
  }

  onKeyDown(event) {
    const id = event.target.closest?.("[data-id]")?.dataset.id;
    const node = id && this.nodes.get(id);
    if (!node) return;
    const visible = this.visibleInOrder();
    const index = visible.indexOf(node);
    const moveTo = (target) => {
      if (!target) return;
      this.focusId = target.id;
      this.focusElement(target.id);
      this.keepInView(target);
    };
    switch (event.key) {
      case "ArrowDown": moveTo(visible[index + 1]); break;
      case "ArrowUp": moveTo(visible[index - 1]); break;
      case "Home": moveTo(visible[0]); break;
      case "End": moveTo(visible[visible.length - 1]); break;
      case "ArrowRight":
        if (node.children.length && !node.expanded) { this.setExpanded(node, true); this.focusElement(node.id); }
        else moveTo(node.expanded ? node.children[0] : null);
        break;
      case "ArrowLeft":
        if (node.children.length && node.expanded) { this.setExpanded(node, false); this.focusElement(node.id); }
        else moveTo(node.parent);
        break;
      case "Enter":
      case " ":
        this.activate(node);
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  /** Pans (without zooming) so that a node is in the middle of the view. */
  centerOn(node) {
    const pos = this.positions.get(node.id);
    // A hidden map (the list shows on phones) has no size to centre in: d3 would compute NaN transforms.
    if (!pos || !this.svg.clientWidth) return;
    d3.select(this.svg).transition().duration(350).call(this.zoom.translateTo, pos.x + pos.width / 2, pos.y);
  }

  keepInView(node) {
    const el = this.nodeLayer.querySelector(`[data-id="${CSS.escape(node.id)}"]`);
    if (!el) return;
    const box = el.getBoundingClientRect();
    const view = this.svg.getBoundingClientRect();
    if (box.top < view.top || box.bottom > view.bottom || box.left < view.left || box.right > view.right) this.centerOn(node);
  }

  zoomBy(factor) {
    d3.select(this.svg).transition().duration(200).call(this.zoom.scaleBy, factor);
  }

  /**
   * Scales and pans so the whole visible tree fits the view; on a small screen the scale stops where labels are
   * still readable, and the tree starts at the left edge so the root is in view (the rest is a pan away).
   */
  fit() {
    const box = this.viewport.getBBox();
    const width = this.svg.clientWidth || 800;
    const height = this.svg.clientHeight || 500;
    if (!box.width || !box.height) return;
    const readable = READABLE_PX / LABEL_PX;
    const scale = Math.max(readable, Math.min(1.25, 0.92 * Math.min(width / box.width, height / box.height)));
    const x = box.width * scale <= width ? width / 2 - (box.x + box.width / 2) * scale : 8 - box.x * scale;
    const y = box.height * scale <= height ? height / 2 - (box.y + box.height / 2) * scale : 8 - box.y * scale;
    d3.select(this.svg).call(this.zoom.transform, d3.zoomIdentity.translate(x, y).scale(scale));
    this.fitted = true;
  }

  onLanguageChanged() {
    this.svg.setAttribute("aria-label", t("treeLabel"));
    this.render();
  }
}
