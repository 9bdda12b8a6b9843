"""Builds data/comparisons.json: the survey's tables that compare methods (../shared/reference/survey/tables.json), each
row linked to the entity build.py resolved its method to, each cell kept as printed and read into the values of its
axis. Our words (slugs, names, descriptions, value names, notes) come from tools/curation/comparisons.json; facts
(cells, labels, citations) only from tables.json. Left out on purpose: Table 1 (model releases), Table 7 (multi-modal
models) and Table 9 (datasets) compare models and datasets, not methods.
"""
import json
import os
import re
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
SURVEY = "arxiv-2503-06072"

# What an empty cell looks like: Table 2 prints an en dash, the others a hyphen.
EMPTY = {"–", "-", ""}

CITATION = re.compile(r"\s*\[[^\]]*\]\s*$")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=OrderedDict)


def number(printed, where):
    """A number axis's value: the printed figure, a trailing × (or x) dropped; integers stay integers."""
    text = re.sub(r"\s*[×x]$", "", printed.strip())
    if not re.fullmatch(r"\d+(\.\d+)?", text):
        raise SystemExit(f"{where}: '{printed}' is not a number")
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


def choice(printed, axis, split, where):
    """The value slugs a choice cell names: each part (split on the axis's separator) matched case-insensitively."""
    by_printed = {p.lower(): v["slug"] for p, v in axis["values"].items()}
    parts = [printed] if not split else printed.split(split)
    values = []
    for part in parts:
        slug = by_printed.get(part.strip().lower())
        if slug is None:
            raise SystemExit(f"{where}: '{part}' is none of {', '.join(axis['values'])}")
        values.append(slug)
    return values


def localized(words):
    return OrderedDict(en=words["en"], zh=words["zh"])


def fill(template, raw):
    return OrderedDict(en=template["en"].replace("{raw}", raw), zh=template["zh"].replace("{raw}", raw))


class Tables:
    def __init__(self, shared, builder):
        self.tables = {t["table"].split(":")[0]: t for t in load(os.path.join(shared, "reference", "survey", "tables.json"))}
        self.methods = load(os.path.join(shared, "reference", "survey", "methods.json"))
        self.words = load(os.path.join(HERE, "comparisons.json"))
        self.b = builder
        # A table's row names its method by the methods.json name or one of its aliases.
        self.entry_of = {}
        for e in self.methods:
            for n in [e["name"], *e.get("aliases", [])]:
                self.entry_of.setdefault(n, e)

    def axis_words(self, words):
        return self.words["shared"][words["$ref"]] if "$ref" in words else words

    def entity(self, method, where):
        e = self.entry_of.get(method)
        if e is None or e["name"] not in self.b.entity_of:
            raise SystemExit(f"{where}: no entity for the method '{method}'")
        return e, self.b.entity_of[e["name"]]

    def introduced_by(self, slug):
        """The paper the technique's links say introduced it (the survey's data or the curated layer)."""
        for holder in (self.b.new_techniques.get(slug), self.b.additions.get(slug), self.b.techniques.get(slug)):
            for link in (holder or {}).get("references", []):
                if link.get("role", "introduces") == "introduces":
                    return link["reference"]
        return None

    def reference(self, e, kind, slug, citations):
        """The row's work: its printed citation, unless methods.json knows that number points at another paper."""
        wrong = set(e.get("misnumbered", []))
        right = [n for n in citations if n not in wrong]
        if right:
            return self.b.citation_slug[right[0]], None
        real = self.introduced_by(slug) if kind == "technique" else None
        if not citations:
            return real, None
        printed = ", ".join(f"[{n}]" for n in citations)
        cited = self.b.citation_slug[citations[0]]
        title = (self.b.out_refs.get(cited) or self.b.existing_refs.get(cited))["title"]
        en = f"The survey cites {printed} here, the entry of another work ('{title}'); "
        zh = f"综述在此引用 {printed}，那是另一篇文献（“{title}”）的条目；"
        note = OrderedDict(
            en=en + ("the row names the method's own paper." if real else "the row leaves the citation out, and no paper of the method is held."),
            zh=zh + ("本行改用该方法自己的论文。" if real else "本行略去该引用，目前也没有该方法自己的论文记录。"))
        return real, note

    def comparison(self, words, position):
        table = self.tables[words["table"]]
        label = words["label"]
        columns = [c for c in table["columns"] if c != label]
        axes, axis_of = [], {}
        for column in columns:
            w = self.axis_words(words["axes"][column])
            axis = OrderedDict(slug=w["slug"], printed=column, name=localized(w["name"]), description=localized(w["description"]), type=w["type"])
            if w["type"] == "choice":
                axis["values"] = [OrderedDict(slug=v["slug"], printed=p, name=localized(v["name"])) for p, v in w["values"].items()]
            axes.append(axis)
            axis_of[column] = (axis, w)

        rows, seen = [], {}
        notes = words.get("notes", {})
        repairs = words.get("repairs", {})
        for r in table["rows"]:
            where = f"{words['table']} row '{r['method']}'"
            e, (kind, slug) = self.entity(r["method"], where)
            key = slug if kind == "technique" else f"{kind}:{slug}"
            if key in seen:
                raise SystemExit(f"{where}: '{key}' is already the row '{seen[key]}'")
            seen[key] = r["method"]
            reference, row_note = self.reference(e, kind, slug, r["citations"])
            row = OrderedDict(technique=key, printed=CITATION.sub("", r[label]).strip())
            if reference:
                row["reference"] = reference
            if row_note:
                row["note"] = row_note
            cells = []
            for column in columns:
                printed = r[column]
                if printed.strip() in EMPTY:
                    continue
                axis, w = axis_of[column]
                at = f"{where}, {column}"
                if w["type"] == "choice":
                    values = choice(printed, w, w.get("split", words.get("split")), at)
                elif w["type"] == "number":
                    values = [number(printed, at)]
                else:
                    values = [printed]
                cell = OrderedDict(axis=axis["slug"], printed=printed, values=values)
                note = notes.get(r["method"], {}).get(column)
                raw = r.get("raw_cells", {}).get(column)
                if note:
                    cell["note"] = localized(note)
                elif raw is not None:
                    cell["note"] = fill(repairs.get(column) or repairs["*"], raw.replace("<br>", " / "))
                cells.append(cell)
            row["cells"] = cells
            rows.append(row)

        c = OrderedDict(slug=words["slug"], name=localized(words["name"]), description=localized(words["description"]))
        c["source"] = OrderedDict(table=table["table"], section=table["section"], reference=SURVEY)
        c["position"] = position
        c["axes"] = axes
        c["rows"] = rows
        return c


def build(shared, builder):
    t = Tables(shared, builder)
    out = OrderedDict()
    out["$schema"] = "./curated.schema.json"
    out["comparisons"] = [t.comparison(w, i + 1) for i, w in enumerate(t.words["tables"])]
    return out
