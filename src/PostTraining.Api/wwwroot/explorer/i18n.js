// Interface strings in both languages, and the rule for picking a bilingual name: the chosen language, else the other.

const strings = {
  en: {
    title: "PostTraining Explorer",
    searchLabel: "Search the taxonomy",
    searchPlaceholder: "Search techniques, e.g. DPO or 偏好优化",
    searchResults: "Search results",
    searchNothing: "Nothing found",
    language: "Language",
    apiDocs: "API (Swagger UI)",
    treeHeading: "Taxonomy",
    treeLabel: "Taxonomy of LLM post-training",
    treeHint: "Drag to pan, scroll or pinch to zoom. Select a node to see its details; use the arrow keys to move through the tree.",
    zoom: "Zoom",
    zoomIn: "Zoom in",
    zoomOut: "Zoom out",
    zoomFit: "Fit",
    expandAll: "Expand all",
    collapseAll: "Collapse",
    root: "LLM post-training",
    loading: "Loading…",
    loadFailed: "Could not load the taxonomy",
    panelEmpty: "Select a node",
    panelEmptyHint: "Pick a paradigm, technique or method in the tree, or search for one.",
    kind_paradigm: "Paradigm",
    kind_technique: "Technique",
    kind_method: "Method",
    kind_reference: "Reference",
    kind_model: "Model",
    kind_dataset: "Dataset",
    kind_limitation: "Limitation",
    kind_formula: "Formula",
    kind_application: "Application",
    paradigm: "Paradigm",
    path: "Within",
    goal: "Goal",
    description: "Description",
    noDescription: "No description yet.",
    aliases: "Also known as",
    year: "Year",
    formulas: "Formulas",
    symbols: "Symbols",
    references: "References",
    relationships: "Relationships",
    outgoing: "From this node",
    incoming: "To this node",
    children: "Contains",
    techniques: "Techniques",
    verified: "verified",
    unverified: "not yet verified",
    pathFromHere: "Path from here",
    subscribeAtom: "Subscribe (Atom)",
    subscribeAtomHint: "Every change under this node as an Atom feed, for a feed reader",
    pathToHere: "Path to here",
    openJson: "JSON",
    role_introduces: "introduces",
    role_defines: "defines",
    role_describes: "describes",
    role_uses: "uses",
    pathHeading: "Path between two techniques",
    pathFrom: "From",
    pathTo: "To",
    pathFind: "Find path",
    pathSearching: "Looking for a path…",
    pathNone: "No path connects these two.",
    pathUnknown: "Unknown technique: ",
    pathLength: (n) => `${n} ${n === 1 ? "step" : "steps"}`,
    pathOption: (i) => `Path ${i}`,
    failed: "Something went wrong: ",
    footer: "Data: the PostTraining API. Formulas typeset with KaTeX; tree layout with d3.",
    views: "Views",
    viewTaxonomy: "Taxonomy",
    viewComparisons: "Comparisons",
    listHint: "Tap a name to see its details, the arrow to open or close its branch.",
    expandBranch: "Open",
    collapseBranch: "Close",
    scrollsSideways: "scrolls sideways",
    formula: "Formula",
    comparisons: "In the survey's comparisons",
    comparisonsNone: "No comparison tables yet.",
    comparisonPick: "Table",
    comparisonRow: "Method",
    comparisonAxes: "Columns",
    comparisonEmpty: "empty in the survey",
    comparisonShowing: (n, total) => `Showing ${n} of ${total} rows`,
    source: "Source",
    download: "Download:",
    clearFilters: "Clear filters",
    filterBy: "Filter by",
    filterPlaceholder: "filter",
    filterAny: "any",
    cellSource: "As the survey states it for",
    note: "note",
    notes: "Notes on contested cells",
  },
  zh: {
    title: "大模型后训练图谱",
    searchLabel: "搜索分类体系",
    searchPlaceholder: "搜索技术，例如 DPO 或 偏好优化",
    searchResults: "搜索结果",
    searchNothing: "没有找到",
    language: "语言",
    apiDocs: "API（Swagger UI）",
    treeHeading: "分类体系",
    treeLabel: "大型语言模型后训练分类体系",
    treeHint: "拖动以平移，滚轮或双指缩放。选择节点查看详情；可用方向键在树中移动。",
    zoom: "缩放",
    zoomIn: "放大",
    zoomOut: "缩小",
    zoomFit: "适应窗口",
    expandAll: "全部展开",
    collapseAll: "收起",
    root: "大模型后训练",
    loading: "加载中…",
    loadFailed: "无法加载分类体系",
    panelEmpty: "请选择一个节点",
    panelEmptyHint: "在树中选择范式、技术或方法，或者搜索。",
    kind_paradigm: "范式",
    kind_technique: "技术",
    kind_method: "方法",
    kind_reference: "参考文献",
    kind_model: "模型",
    kind_dataset: "数据集",
    kind_limitation: "局限",
    kind_formula: "公式",
    kind_application: "应用",
    paradigm: "范式",
    path: "所属",
    goal: "目标",
    description: "描述",
    noDescription: "暂无描述。",
    aliases: "别名",
    year: "年份",
    formulas: "公式",
    symbols: "符号",
    references: "参考文献",
    relationships: "关系",
    outgoing: "由此出发",
    incoming: "指向此处",
    children: "包含",
    techniques: "技术",
    verified: "已核实",
    unverified: "尚未核实",
    pathFromHere: "从这里出发的路径",
    subscribeAtom: "订阅（Atom）",
    subscribeAtomHint: "此节点之下的所有变更（Atom 订阅源），可用阅读器订阅",
    pathToHere: "到这里的路径",
    openJson: "JSON",
    role_introduces: "提出",
    role_defines: "定义",
    role_describes: "描述",
    role_uses: "使用",
    pathHeading: "两种技术之间的路径",
    pathFrom: "起点",
    pathTo: "终点",
    pathFind: "查找路径",
    pathSearching: "正在查找路径…",
    pathNone: "这两者之间没有路径。",
    pathUnknown: "未知技术：",
    pathLength: (n) => `${n} 步`,
    pathOption: (i) => `路径 ${i}`,
    failed: "出错了：",
    footer: "数据来自 PostTraining API。公式由 KaTeX 排版；树形布局使用 d3。",
    views: "视图",
    viewTaxonomy: "分类体系",
    viewComparisons: "对比表",
    listHint: "点按名称查看详情，点按箭头展开或收起分支。",
    expandBranch: "展开",
    collapseBranch: "收起",
    scrollsSideways: "可横向滚动",
    formula: "公式",
    comparisons: "综述对比表中的取值",
    comparisonsNone: "暂无对比表。",
    comparisonPick: "表格",
    comparisonRow: "方法",
    comparisonAxes: "各列含义",
    comparisonEmpty: "综述中此格为空",
    comparisonShowing: (n, total) => `显示 ${total} 行中的 ${n} 行`,
    source: "来源",
    download: "下载：",
    clearFilters: "清除筛选",
    filterBy: "筛选",
    filterPlaceholder: "筛选",
    filterAny: "全部",
    cellSource: "综述对此文献的说法",
    note: "注释",
    notes: "有争议单元格的注释",
  },
};

let current = "en";
const listeners = new Set();

export function initialLanguage() {
  const saved = localStorage.getItem("posttraining.lang");
  if (saved === "en" || saved === "zh") return saved;
  return (navigator.language || "en").toLowerCase().startsWith("zh") ? "zh" : "en";
}

export function lang() {
  return current;
}

export function setLang(value) {
  current = value === "zh" ? "zh" : "en";
  localStorage.setItem("posttraining.lang", current);
  document.documentElement.lang = current === "zh" ? "zh-Hans" : "en";
  applyStaticStrings();
  for (const listener of listeners) listener(current);
}

export function onLangChange(listener) {
  listeners.add(listener);
}

/** An interface string; functions take arguments (counts), everything else is plain text. */
export function t(key, ...args) {
  const value = strings[current][key] ?? strings.en[key] ?? key;
  return typeof value === "function" ? value(...args) : value;
}

/** The text of a bilingual value ({en, zh}) in the current language, falling back to the other one. */
export function pick(value) {
  if (value == null) return "";
  if (typeof value === "string") return value;
  const other = current === "zh" ? "en" : "zh";
  return value[current] ?? value[other] ?? "";
}

/** The text in the other language, when it exists and differs: shown as a secondary name. */
export function pickOther(value) {
  if (value == null || typeof value === "string") return "";
  const other = current === "zh" ? "en" : "zh";
  return value[other] && value[other] !== value[current] ? value[other] : "";
}

function applyStaticStrings() {
  for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of document.querySelectorAll("[data-i18n-aria-label]")) el.setAttribute("aria-label", t(el.dataset.i18nAriaLabel));
  for (const button of document.querySelectorAll(".lang-switch button")) {
    button.setAttribute("aria-pressed", String(button.dataset.lang === current));
  }
  document.title = t("title");
}
