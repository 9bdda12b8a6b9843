// Wires the explorer together: loads the taxonomy, keeps tree, panel, search and path view on the same node, and
// mirrors the selection in the URL (#technique/dpo) so a view can be linked to and survives a reload.
import { api } from "./api.js";
import { initialLanguage, onLangChange, setLang, t } from "./i18n.js";
import { Panel } from "./panel.js";
import { PathView } from "./paths.js";
import { SearchBox } from "./search.js";
import { TaxonomyTree } from "./tree.js";

const $ = (selector) => document.querySelector(selector);
const status = $("#tree-status");

const tree = new TaxonomyTree($("#tree"), { onSelect: (node) => showNode(node) });
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

/** Follows a reference to an entity from anywhere in the page: the tree when it is there, the panel always. */
function go(target) {
  const kind = target.kind === "method" ? "technique" : target.kind;
  const node = tree.get(kind, target.slug);
  if (node) {
    tree.select(node);
    showNode(node);
  } else {
    showOther(kind, target);
  }
}

async function showNode(node) {
  setHash(node.kind === "method" ? "technique" : node.kind, node.slug);
  if (node.kind === "paradigm") {
    panel.paradigm(node.data);
    return;
  }
  panel.loading(node.name?.en);
  try {
    const detail = await api.technique(node.slug);
    if (tree.selectedId === node.id) panel.technique(detail);
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
  } catch (error) {
    panel.error(error.message);
  }
}

function setHash(kind, slug) {
  const hash = `#${kind}/${slug}`;
  if (location.hash !== hash) history.replaceState(null, "", hash);
}

function fromHash() {
  const match = /^#([a-z-]+)\/([a-z0-9-]+)$/.exec(location.hash);
  if (match) go({ kind: match[1], slug: match[2] });
}

function wireControls() {
  for (const button of document.querySelectorAll(".lang-switch button")) {
    button.addEventListener("click", () => setLang(button.dataset.lang));
  }
  $("#zoom-in").addEventListener("click", () => tree.zoomBy(1.3));
  $("#zoom-out").addEventListener("click", () => tree.zoomBy(1 / 1.3));
  $("#zoom-fit").addEventListener("click", () => tree.fit());
  $("#expand-all").addEventListener("click", () => tree.expandAll());
  $("#collapse-all").addEventListener("click", () => tree.collapseAll());
  window.addEventListener("hashchange", fromHash);
}

onLangChange(() => {
  tree.onLanguageChanged();
  panel.redraw();
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
  paths.setTechniques([...tree.nodes.values()].filter((n) => n.kind === "technique" || n.kind === "method"));
  fromHash();
  document.body.dataset.ready = "true";
}

start();
