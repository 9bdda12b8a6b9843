// Wires the explorer together: loads the taxonomy, keeps tree, list, panel, search and path view on the same node,
// and mirrors the selection in the URL (#technique/dpo, #comparison/alignment-methods) so a view can be linked to and
// survives a reload.
import { api } from "./api.js";
import { ComparisonView } from "./comparison.js";
import { initialLanguage, onLangChange, setLang, t } from "./i18n.js";
import { Panel } from "./panel.js";
import { PathView } from "./paths.js";
import { SearchBox } from "./search.js";
import { TaxonomyList } from "./list.js";
import { TaxonomyTree } from "./tree.js";

const $ = (selector) => document.querySelector(selector);
const status = $("#tree-status");
// The stylesheet's one-column breakpoint: the list replaces the map, and the panel sits below it.
const narrow = matchMedia("(max-width: 52rem)");

const tree = new TaxonomyTree($("#tree"), { onSelect: (node) => { list.select(node); showNode(node); } });
const list = new TaxonomyList($("#tree-list"), tree, { onSelect: (node) => { tree.select(node, { center: false }); list.select(node); showNode(node); } });
const comparisons = new ComparisonView($("#comparison-view"), { navigate: (target) => go(target) });
const panel = new Panel($("#panel"), {
  navigate: (target) => go(target),
  pathFrom: (slug) => paths.setFrom(slug),
  pathTo: (slug) => paths.setTo(slug),
});
const paths = new PathView($("#path-form"), $("#path-result"), $("#technique-slugs"), {
  navigate: (target) => go(target),
  highlight: (entities) => tree.highlightPath(entities.map((e) => e && tree.get(e.kind, e.slug)).filter(Boolean)),
});
new SearchBox($("#search-input"), $("#search-results"), { onChoose: (item) => go(item) });

let taxonomy = null;

/**
 * Follows a reference to an entity from anywhere in the page: the tree when it is there, the panel always. The
 * promise settles once the panel shows it.
 */
function go(target) {
  const kind = target.kind === "method" ? "technique" : target.kind;
  showView("taxonomy");
  const node = tree.get(kind, target.slug);
  if (node) {
    tree.select(node);
    list.select(node);
    return showNode(node);
  }
  return showOther(kind, target);
}

async function showNode(node) {
  setHash(node.kind === "method" ? "technique" : node.kind, node.slug);
  if (node.kind === "paradigm") {
    panel.paradigm(node.data);
    bringPanelIntoView();
    return;
  }
  panel.loading(node.name?.en);
  try {
    const detail = await api.technique(node.slug);
    if (tree.selectedId === node.id) {
      panel.technique(detail);
      bringPanelIntoView();
    }
  } catch (error) {
    panel.error(error.message);
  }
}

async function showOther(kind, target) {
  setHash(kind, target.slug);
  panel.loading();
  try {
    const url = target.url ?? `/api/v1/${kind === "technique" ? "techniques" : `${kind}s`}/${encodeURIComponent(target.slug)}`;
    panel.entity(kind, await api.byUrl(url));
    bringPanelIntoView();
  } catch (error) {
    panel.error(error.message);
  }
}

/**
 * In one column the panel sits below the taxonomy, off screen on a phone: after choosing a node (a tap, a search
 * hit, a deep link) the page scrolls so the panel's title is at the top. Two columns show both already.
 */
function bringPanelIntoView() {
  if (!narrow.matches) return;
  const heading = $("#panel-heading");
  const box = heading?.getBoundingClientRect();
  if (box && (box.top < 0 || box.bottom > window.innerHeight)) $("#panel").scrollIntoView({ block: "start" });
}

/** The taxonomy (tree and panel) or the comparison tables: one of the two fills the page. */
function showView(view) {
  document.body.dataset.view = view;
  $(".layout").hidden = view !== "taxonomy";
  $("#comparison-view").hidden = view !== "comparison";
  // A page opened on a comparison drew the map while it was hidden, with nothing to fit it to.
  if (view === "taxonomy" && !tree.fitted) tree.fit();
  for (const link of document.querySelectorAll(".views a")) {
    if (link.dataset.view === view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

function setHash(kind, slug) {
  const hash = `#${kind}/${slug}`;
  if (location.hash !== hash) history.replaceState(null, "", hash);
  $('.views a[data-view="taxonomy"]').setAttribute("href", hash); // back from the comparisons to this node
}

async function fromHash() {
  if (location.hash === "#comparisons" || location.hash.startsWith("#comparison/")) {
    showView("comparison");
    await comparisons.show(location.hash.slice("#comparison/".length));
    return;
  }
  const match = /^#([a-z-]+)\/([a-z0-9-]+)$/.exec(location.hash);
  if (match) await go({ kind: match[1], slug: match[2] });
  else showView("taxonomy");
}

function wireControls() {
  for (const button of document.querySelectorAll(".lang-switch button")) {
    button.addEventListener("click", () => setLang(button.dataset.lang));
  }
  $("#zoom-in").addEventListener("click", () => tree.zoomBy(1.3));
  $("#zoom-out").addEventListener("click", () => tree.zoomBy(1 / 1.3));
  $("#zoom-fit").addEventListener("click", () => tree.fit());
  $("#expand-all").addEventListener("click", () => { tree.expandAll(); list.render(); });
  $("#collapse-all").addEventListener("click", () => { tree.collapseAll(); list.render(); });
  // The map measures itself when drawn; drawn while hidden (on a phone) it fits again once it shows.
  narrow.addEventListener("change", () => { if (!narrow.matches) tree.fit(); });
  window.addEventListener("hashchange", fromHash);
}

onLangChange(() => {
  tree.onLanguageChanged();
  list.render();
  panel.redraw();
  comparisons.redraw();
  paths.redraw();
  if (!taxonomy) status.textContent = t("loading");
});

async function start() {
  wireControls();
  setLang(initialLanguage());
  status.textContent = t("loading");
  try {
    taxonomy = await api.taxonomy();
  } catch (error) {
    status.textContent = `${t("loadFailed")}: ${error.message}`;
    status.classList.add("error");
    return;
  }
  status.textContent = "";
  tree.setData(taxonomy);
  tree.fit();
  list.render();
  paths.setTechniques([...tree.nodes.values()].filter((n) => n.kind === "technique" || n.kind === "method"));
  await fromHash();
  document.body.dataset.ready = "true";
}

start();
