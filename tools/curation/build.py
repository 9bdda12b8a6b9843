#!/usr/bin/env python3
"""Builds data/survey.json and data/post-survey.json from the structured sources in ../shared/reference/ and our own
descriptions in tools/curation/descriptions/, and repairs data/curated.json where those sources show it wrong (first
authors only, templated descriptions). Facts (names, titles, authors, years, arXiv ids, citation numbers, which table
lists a method) come only from the sources; the words come only from our description files. Run it from anywhere:

    python3 tools/curation/build.py [--shared ../shared]

It is deterministic: the same inputs give byte-identical outputs. See tools/curation/README.md.
"""
import argparse
import json
import os
import re
import sys
import unicodedata
from collections import OrderedDict, defaultdict

import bib
import comparisons

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SURVEY = "arxiv-2503-06072"
AWESOME = "awesome-rl-for-lrms"
TRL = "trl-paper-index"

# Survey groups (methods.json "group") that no category entry owns: the technique they belong under.
GROUP_PARENTS = {
    "Formula Foundations of PoLMs": "rlhf",
    "Reinforcement Learning with Human Feedback": "rlhf",
    "Direct Preference Optimization": "dpo",
    "Group Relative Policy Optimization": "reinforcement-learning-for-reasoning",
    "Bradley–Terry Preferences": "reward-modeling",
    "KL-Regularized Reward Maximization Objective": "rlhf-policy-learning",
    "Supervised Fine-Tuning": "sft",
    "SFT Dataset Construction": "sft-dataset-preparation",
    "SFT Dataset Screening": "sft-dataset-preparation",
    "SFT Dataset Evaluation": "sft-dataset-preparation",
    "Full-Parameter Fine-Tuning": "full-parameter-fine-tuning",
    "Adaptive Fine-Tuning": "adaptive-fine-tuning",
    "Instruction Tuning": "instruction-tuning",
    "Prefix-Tuning": "adaptive-fine-tuning",
    "Prompt-Tuning": "adaptive-fine-tuning",
    "Reinforcement Fine-Tuning": "rft",
    "Table 2: alignment methods": "rlhf",
    "Reward Model of RLHF": "reward-modeling",
    "Reinforcement Learning with AI Feedback": "rlaif",
    "RLAIF Training Pipeline": "rlaif",
    "Self-Refine for Reasoning": "self-refinement-methods",
    "Reinforcement Learning for Reasoning": "reinforcement-learning-for-reasoning",
    "Formulating Reasoning as an MDP": "reinforcement-learning-for-reasoning",
    "Reward Design for Reasoning": "reasoning-reward-design",
    "Large-Scale RL on Base Model": "large-scale-rl-on-base-model",
    "DeepSeek-R1-Zero": "large-scale-rl-on-base-model",
    "Stepwise Reward Modeling": "large-scale-rl-on-base-model",
    "Adaptive Exploration": "large-scale-rl-on-base-model",
    "Trajectory Pruning": "large-scale-rl-on-base-model",
    "RL for Reasoning with Cold Start": "cold-start-rl-for-reasoning",
    "Model Compression": "model-compression",
    "Post-training Quantization": "post-training-quantization",
    "Parameter-Efficient Fine-Tuning": "peft",
    "Additive PEFT": "additive-peft",
    "Adapters": "additive-peft",
    "Other Additive Methods": "additive-peft",
    "Knowledge Distillation": "knowledge-distillation",
    "DeepSeek-R1: Direct Distillation of Reasoning Patterns": "black-box-kd",
    "Multi-Modal Integration": "multi-modal-integration",
    "Modal Encoder": "modal-encoders",
    "Vision Encoder": "modal-encoders",
    "Audio Encoder": "modal-encoders",
    "Other Encoder": "modal-encoders",
    "Table 7: Vision": "multi-modal-integration",
    "Table 7: Audio": "multi-modal-integration",
    "Table 7: Others": "multi-modal-integration",
    "Domain Adaptation": "domain-adaptation",
    "Knowledge Editing": "knowledge-editing",
    "Retrieval-Augmented Generation": "rag",
    "Model Merging": "model-merging",
}

# Category entries whose own group is their parent's name rather than their own: where they hang.
CATEGORY_PARENTS = {
    "Adaptive Fine-Tuning": "fine-tuning",
    "discrete prompting methods": "adaptive-fine-tuning",
    "Primary Feedback": "rlhf-feedback-mechanisms", "Supplementary Feedback": "rlhf-feedback-mechanisms",
    "Representation-Specific Feedback": "rlhf-feedback-mechanisms",
    "Distance Functions": "reward-modeling", "Visual and Human Inspection": "reward-modeling",
    "Online RLHF": "rlhf-policy-learning", "Offline RLHF": "rlhf-policy-learning",
    "Blending Online and Offline Learning": "rlhf-policy-learning",
    "DPO for Optimizing Generation": "dpo", "Controllable and Flexible DPO": "dpo", "Listwise DPO": "dpo",
    "Negative DPO": "dpo",
    "Self-Refine (family)": "reasoning", "Intrinsic Self-Refine": "self-refinement-methods",
    "External Self-Refine": "self-refinement-methods", "Fine-Tuned Intrinsic Self-Refine": "self-refinement-methods",
    "Fine-Tuned External Self-Refine": "self-refinement-methods",
    "Large-Scale Reinforcement Learning": "reinforcement-learning-for-reasoning",
    "Model Compression": "efficiency", "Quantization": "model-compression",
    "Post-training quantization (PTQ)": "model-compression", "Quantization-aware training (QAT)": "model-compression",
    "Weight-Only Quantization (WOQ)": "post-training-quantization",
    "Weight-Activation Co-Quantization (WAQ)": "post-training-quantization",
    "KV-Cache Quantization (KVQ)": "post-training-quantization",
    "Parameter Pruning": "model-compression", "Unstructured Pruning": "parameter-pruning",
    "Structured Pruning": "parameter-pruning", "Low-Rank Approximation": "model-compression",
    "Parameter-Efficient Fine-Tuning (PEFT)": "efficiency", "Additive PEFT": "peft", "Soft Prompt": "additive-peft",
    "Selective PEFT": "peft", "Reparameterized PEFT": "peft", "Hybrid PEFT": "peft", "NAS-based approaches": "hybrid-peft",
    "Knowledge Distillation (KD)": "efficiency", "Black-box KD": "knowledge-distillation",
    "White-box KD": "knowledge-distillation",
    "Multi-Modal Integration": "integration-and-adaptation", "Modal Connection": "multi-modal-integration",
    "Projection-based Modal Connection": "modal-connection", "Query-based Modal Connection": "modal-connection",
    "Fusion-based Modal Connection": "modal-connection", "Modal Encoder": "multi-modal-integration",
    "Domain Adaptation (DA)": "integration-and-adaptation", "Knowledge Editing": "domain-adaptation",
    "Knowledge Identification": "knowledge-editing", "Knowledge Association": "knowledge-editing",
    "Intrinsic Knowledge Editing": "knowledge-editing",
    "training-based RAG": "rag", "training-free RAG": "rag", "Independent Training": "training-based-rag",
    "Sequential Training": "training-based-rag", "Retriever-First approaches": "sequential-training",
    "LLM-First methods": "sequential-training", "Joint Training": "training-based-rag",
    "Model Merging": "integration-and-adaptation", "Weight-Level Model Merging": "model-merging",
    "Output-Level Model Merging": "model-merging", "Model-Level Model Merging": "model-merging",
    "Pre-Merging Methods": "model-merging", "Linearization Fine-tuning": "pre-merging",
    "Architecture Transformation": "pre-merging", "Weight Alignment": "pre-merging",
    "During-Merging Methods": "model-merging", "Basic Merging": "during-merging-methods",
    "Weighted Merging": "during-merging-methods", "Subspace Merging": "during-merging-methods",
    "Routing-based Merging": "during-merging-methods", "Post-calibration": "during-merging-methods",
}

# methods.json entries that are an existing node under another name (checked by hand against curated.json).
SAME_AS = {
    "Self-Refine (family)": "self-refinement-methods", "Large-Scale Reinforcement Learning": "large-scale-rl-on-base-model",
    "Post-training quantization (PTQ)": "post-training-quantization", "Knowledge Distillation (KD)": "knowledge-distillation",
    "Parameter-Efficient Fine-Tuning (PEFT)": "peft", "Domain Adaptation (DA)": "domain-adaptation",
    "Retrieval-Augmented Generation (RAG)": "rag", "Projection-based Modal Connection": "projection-based-connection",
    "Query-based Modal Connection": "query-based-connection", "Fusion-based Modal Connection": "fusion-based-connection",
    "Modal Encoder": "modal-encoders", "Weight-Level Model Merging": "weight-level-merging",
    "Output-Level Model Merging": "output-level-merging", "Model-Level Model Merging": "model-level-merging",
    "Pre-Merging Methods": "pre-merging", "Listwise DPO": "listwise-preference-optimization",
    "Negative DPO": "negative-sample-dpo", "DPO for Optimizing Generation": "dpo-for-generation",
    "Soft Prompt": "soft-prompt-peft", "Reward Modeling": "reward-modeling", "Model Soup": "model-soups",
    "Task Arithmetic (TA)": "task-arithmetic", "Layer-wise AdaMerging": "adamerging",
    "Weight-Ensembling MoE": "wemoe", "Pairwise Cringe Optimization (PCO)": "pairwise-cringe",
    "Step-wise DPO": "sdpo", "LLM-runer": "llm-pruner", "Chain-of-Thought (CoT) prompting": "chain-of-thought",
    "Instruction Following Difficulty (IFD)": "ifd", "ROUGE-L": "rouge-l-filtering", "Ptuning": "p-tuning",
    "Adapters": "adapters", "Serial Adapter": "adapters", "Parallel Adapter (PA)": "parallel-adapter",
    "(IA)^3": "ia3", "Linearization Fine-tuning": "linearized-fine-tuning", "MINILLM": "minillm",
    "Stepwise Reward Modeling": "step-wise-reward", "cold-start RL": "cold-start-rl-for-reasoning",
    "RLHF: Anthropic": None, "LLMBlender": "llm-blender",
}

# The survey names a model; its slug where the curated layer already has it.
ROLE_INTRODUCES, ROLE_DESCRIBES, ROLE_USES = "introduces", "describes", "uses"

# Section of the awesome list -> (slug, English name, Chinese name) of the group technique the rows hang under.
AWESOME_SECTIONS = {
    "Reward Design": ("rl-reasoning-reward-design", "Reward Design (RL for reasoning)", "奖励设计（推理强化学习）"),
    "Policy Optimization": ("rl-reasoning-policy-optimization", "Policy Optimization (RL for reasoning)", "策略优化（推理强化学习）"),
    "Sampling Strategy": ("rl-reasoning-sampling-strategy", "Sampling Strategy (RL for reasoning)", "采样策略（推理强化学习）"),
}

# TRL trainer sections -> the technique their papers' methods hang under.
TRL_PARENTS = {
    "Group Relative Policy Optimization": "reinforcement-learning-for-reasoning",
    "Optimal Advantage Regression": "reinforcement-learning-for-reasoning",
    "Direct Policy Optimization": "dpo", "Kahneman–Tversky Optimization": "dpo",
    "Supervised Fine-Tuning": "sft", "Parameter-Efficient Fine-Tuning (PEFT)": "reparameterized-peft",
    "Reinforce Leave-One-Out": "rlhf-policy-learning", "Odds Ratio Preference Optimization": "dpo",
    "Contrastive Preference Optimization": "dpo", "Triple Preference Optimization": "dpo",
    "Nash Learning from Human Feedback": "rlhf-policy-learning", "Reward Modeling": "reward-modeling",
    "Online Direct Preference Optimization": "dpo", "Distillation": "knowledge-distillation",
    "Distributed Training": "full-parameter-fine-tuning", "Proximal Policy Optimization": "rlhf-policy-learning",
}
# The method each trainer implements: a paper that introduces none is linked to it.
TRL_TRAINER_TECHNIQUE = {
    "Group Relative Policy Optimization": "grpo", "Optimal Advantage Regression": "reinforcement-learning-for-reasoning",
    "Direct Policy Optimization": "dpo", "Kahneman–Tversky Optimization": "kto", "Supervised Fine-Tuning": "sft",
    "Parameter-Efficient Fine-Tuning (PEFT)": "lora", "Reinforce Leave-One-Out": "rloo",
    "Odds Ratio Preference Optimization": "orpo", "Contrastive Preference Optimization": "cpo",
    "Triple Preference Optimization": "tpo", "Nash Learning from Human Feedback": "nash-md",
    "Reward Modeling": "reward-modeling", "Online Direct Preference Optimization": "online-dpo",
    "Distillation": "knowledge-distillation", "Distributed Training": "full-parameter-fine-tuning",
    "Proximal Policy Optimization": "ppo",
}

# Parents a name can state: a method whose name contains one of these acronyms as a word is a variant of it.
LINEAGE_PARENTS = {"GRPO": "grpo", "DPO": "dpo", "PPO": "ppo", "LoRA": "lora", "RLOO": "rloo", "REINFORCE": "reinforce",
                   "SimPO": "simpo", "GKD": "gkd", "KTO": "kto", "RLHF": "rlhf", "SFT": "sft"}

# Bibliography entries that print a work already printed under a lower number (survey/README.md lists them).
DUPLICATE_ENTRIES = {114: 64, 322: 42, 157: 108}

# Links of the awesome list that are cut short: the id its own reference.bib gives the same title.
AWESOME_ARXIV_FIXES = {"2505.1228": "2505.12284"}

# Rows of the awesome list left out, with the reason (the README repeats these).
AWESOME_LEFT_OUT = {"1511.06393": "a CNN quantisation paper misfiled under Off-policy Optimization"}

HEADING_ALIASES = {  # the document's heading variants (issue 12, item 6)
    "integration-and-adaptation": ["集成和适配", "集成与适应技术", "知识适配技术"],
    "alignment": ["对齐问题"], "fine-tuning": ["微调技术"], "efficiency": ["提高效率的方法"],
}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=OrderedDict)


def norm(text):
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("+", " plus ")
    return re.sub(r"[^a-z0-9\u4e00-\u9fff]+", " ", text).strip()


def kebab(text):
    s = norm(text).replace(" ", "-")
    return re.sub(r"-+", "-", s).strip("-")[:70].strip("-") or "x"


def arxiv_slug(arxiv):
    return "arxiv-" + arxiv.replace(".", "-")


def arxiv_year(arxiv):
    return 2000 + int(arxiv[:2]) if re.match(r"^\d{4}\.\d{4,5}$", arxiv) else None


def sentences(text):
    return [s.strip() for s in re.split(r"(?<=[.!?。！？])\s*", text) if s.strip()]


class Builder:
    def __init__(self, shared):
        ref = os.path.join(shared, "reference")
        self.methods = load(os.path.join(ref, "survey", "methods.json"))
        self.biblio = load(os.path.join(ref, "survey", "bibliography.json"))
        self.datasets_src = load(os.path.join(ref, "survey", "datasets.json"))
        with open(os.path.join(ref, "external", "awesome-rl-for-lrms", "README.md"), encoding="utf-8") as f:
            self.awesome_md = f.read()
        with open(os.path.join(ref, "external", "awesome-rl-for-lrms", "reference.bib"), encoding="utf-8") as f:
            self.awesome_bib = bib.parse(f.read())
        with open(os.path.join(ref, "external", "trl-paper-index", "paper_index.md"), encoding="utf-8") as f:
            self.trl_md = f.read()
        self.curated = load(os.path.join(ROOT, "data", "curated.json"))
        self.seed = load(os.path.join(ROOT, "data", "seed.json"))
        self.desc = {"survey-methods": {}, "trl": {}, "awesome": {}}
        ddir = os.path.join(HERE, "descriptions")
        for name in sorted(os.listdir(ddir)):
            if name.endswith(".json"):
                d = load(os.path.join(ddir, name))
                self.desc[d["source"]].update(d["entries"])
        fixes_path = os.path.join(HERE, "bibliography-fixes.json")
        self.fixes = load(fixes_path) if os.path.exists(fixes_path) else {"titles": {}, "authors": {}}
        self.report = defaultdict(list)

        # What exists already: techniques by every name they go by.
        self.techniques = OrderedDict()
        for t in self.seed.get("techniques", []) + self.curated["techniques"]:
            self.techniques.setdefault(t["slug"], t)
        self.by_name = {}
        for slug, t in self.techniques.items():
            for n in [slug, t.get("abbreviation"), (t.get("name") or {}).get("en"), *t.get("aliases", [])]:
                if n:
                    self.by_name.setdefault(norm(n), slug)
        self.models = OrderedDict((m["slug"], m) for m in self.seed.get("models", []) + self.curated["models"])
        self.model_by_name = {}
        for slug, m in self.models.items():
            for n in [slug, (m.get("name") or {}).get("en"), *m.get("aliases", [])]:
                if n:
                    self.model_by_name.setdefault(norm(n), slug)
        self.dataset_slugs = {d["slug"] for d in self.seed.get("datasets", []) + self.curated["datasets"]}
        self.dataset_by_name = {norm((d.get("name") or {}).get("en")): d["slug"]
                                for d in self.seed.get("datasets", []) + self.curated["datasets"]}
        self.existing_refs = OrderedDict((r["slug"], r) for r in self.seed.get("references", []) + self.curated["references"])

        self.out_refs = OrderedDict()      # slug -> reference entry (new ones)
        self.ref_by_arxiv = {r["arxivId"]: s for s, r in self.existing_refs.items() if r.get("arxivId")}
        self.ref_by_title = {norm(r.get("title")): s for s, r in self.existing_refs.items() if r.get("title")}
        self.citation_slug = {}            # survey citation number -> reference slug
        self.new_techniques = OrderedDict()
        self.additions = OrderedDict()     # existing slug -> {"references": [...], "aliases": [...]}
        self.relationships = []
        self.rel_keys = set()
        self.entity_of = {}                # methods.json name -> ("technique" | "model", slug): the comparisons' rows use it

    # ---- references -------------------------------------------------------------------------------------------
    def reference_slug(self, arxiv, title, year):
        if arxiv and arxiv in self.ref_by_arxiv:
            return self.ref_by_arxiv[arxiv]
        t = norm(title)
        if t in self.ref_by_title:
            other = self.existing_refs.get(self.ref_by_title[t]) or self.out_refs.get(self.ref_by_title[t])
            if other and (other.get("year") is None or year is None or abs(other["year"] - year) <= 1 or
                          (other.get("arxivId") and abs(arxiv_year(other["arxivId"]) - year) <= 1)):
                return self.ref_by_title[t]
        return None

    def new_slug(self, base, taken):
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    def add_reference(self, entry, identity_title):
        """Adds (or merges into an existing one) a reference; returns its slug."""
        arxiv, year = entry.get("arxivId"), entry.get("year")
        slug = self.reference_slug(arxiv, identity_title, year)
        if slug is None:
            base = arxiv_slug(arxiv) if arxiv else kebab(" ".join(norm(identity_title).split()[:8]))
            slug = self.new_slug(base, set(self.existing_refs) | set(self.out_refs))
            entry = OrderedDict([("slug", slug), *((k, v) for k, v in entry.items() if k != "slug")])
            self.out_refs[slug] = entry
            if arxiv:
                self.ref_by_arxiv[arxiv] = slug
            self.ref_by_title.setdefault(norm(identity_title), slug)
        else:
            self.enrich_reference(slug, entry)
        return slug

    def enrich_reference(self, slug, entry):
        """A reference already held: complete its author list (the first file wins, so fix curated.json in place)."""
        target = self.existing_refs.get(slug) or self.out_refs[slug]
        if entry.get("authors") and len(entry["authors"]) > len(target.get("authors", [])):
            target["authors"] = entry["authors"]
            if entry.get("authorsTruncated"):
                target["authorsTruncated"] = True
            else:
                target.pop("authorsTruncated", None)
        for k in ("arxivId", "venue", "doi"):
            if entry.get(k) and not target.get(k):
                if k == "arxivId" and entry[k] in self.ref_by_arxiv and self.ref_by_arxiv[entry[k]] != slug:
                    continue
                target[k] = entry[k]
                if k == "arxivId":
                    self.ref_by_arxiv[entry[k]] = slug
                    # One year convention: the first public release, which the arXiv id now tells.
                    target["year"] = arxiv_year(entry[k])

    def build_bibliography(self):
        titles = self.fixes.get("titles", {})
        author_fixes = self.fixes.get("authors", {})
        other_titles = {}
        for e in self.awesome_bib:
            a = re.search(r"(\d{4}\.\d{4,5})", " ".join(e["fields"].get(k, "") for k in ("eprint", "journal", "url", "note")))
            if a and "title" in e["fields"]:
                other_titles[a.group(1)] = bib.decode_latex(e["fields"]["title"])
        for a, t in self.trl_papers_titles():
            other_titles.setdefault(a, t)
        for e in self.biblio:
            n = e["n"]
            if n in DUPLICATE_ENTRIES:
                # The same work printed twice (survey/README.md): one reference, reached from both numbers.
                self.citation_slug[n] = self.citation_slug[DUPLICATE_ENTRIES[n]]
                continue
            arxiv = e.get("arxiv")
            printed = e["title"]
            title = titles.get(str(n), printed)
            if norm(title) != norm(printed):
                self.report["rejected title fixes"].append(n)
                title = printed
            if arxiv and arxiv in other_titles and norm(other_titles[arxiv]) == norm(printed):
                title = other_titles[arxiv]
            authors = author_fixes.get(str(n), e["authors"])
            year = arxiv_year(arxiv) if arxiv else e.get("year")
            venue = e.get("venue")
            entry = OrderedDict(slug=None, title=title, authors=authors)
            if e.get("etAl"):
                entry["authorsTruncated"] = True
            if year:
                entry["year"] = year
            if venue:
                entry["venue"] = venue[:300]
            url = e.get("url") or (f"https://arxiv.org/abs/{arxiv}" if arxiv else None)
            if url and re.match(r"^https?://\S+$", url):
                entry["url"] = url
            if arxiv:
                entry["arxivId"] = arxiv
            if e.get("doi"):
                entry["doi"] = e["doi"].lower()
            entry["language"] = "en"
            entry["verified"] = True
            entry["source"] = OrderedDict(section=f"Survey bibliography [{n}]", reference=SURVEY)
            self.citation_slug[n] = self.add_reference(entry, printed)

    def trl_papers_titles(self):
        for m in re.finditer(r"^### (.+?)\n(?:.*?\n)*?\*\*📜 Paper\*\*: https://huggingface.co/papers/(\d{4}\.\d{4,5})", self.trl_md, re.M):
            yield m.group(2), m.group(1).strip()

    # ---- survey methods ----------------------------------------------------------------------------------------
    def resolve_technique(self, name, aliases=()):
        for n in [name, *aliases]:
            key = norm(n)
            if key in self.by_name:
                return self.by_name[key]
            stripped = norm(re.sub(r"\s*\([^)]*\)", "", n))
            if stripped and stripped in self.by_name:
                return self.by_name[stripped]
        return None

    def description_of(self, source, key):
        d = self.desc[source].get(key)
        if not d:
            self.report[f"no description ({source})"].append(key)
            return None, False
        return OrderedDict(en=d["en"], zh=d["zh"]), d.get("basis") != "title"

    def add_link(self, slug, ref_slug, role):
        target = self.new_techniques.get(slug)
        if target is None:
            target = self.additions.setdefault(slug, OrderedDict(slug=slug))
        links = target.setdefault("references", [])
        existing = self.techniques.get(slug, {}).get("references", [])
        if any(l["reference"] == ref_slug for l in links + existing):
            return
        if role == ROLE_INTRODUCES and any(l.get("role", "introduces") == ROLE_INTRODUCES for l in links + existing):
            role = ROLE_DESCRIBES
        links.append(OrderedDict(reference=ref_slug, role=role))

    def add_aliases(self, slug, names):
        t = self.new_techniques.get(slug) or self.techniques.get(slug)
        have = {norm(x) for x in [slug, t.get("abbreviation"), (t.get("name") or {}).get("en"), *t.get("aliases", [])] if x}
        target = self.new_techniques.get(slug) or self.additions.setdefault(slug, OrderedDict(slug=slug))
        for n in names:
            if n and norm(n) not in have and norm(n):
                target.setdefault("aliases", []).append(n)
                have.add(norm(n))
                self.by_name.setdefault(norm(n), slug)

    def introduces(self, names, title):
        t = " " + norm(title) + " "
        return any(len(norm(n)) >= 2 and f" {norm(n)} " in t for n in names if n)

    def parent_of(self, e, owner):
        if e["kind"] == "category" and e["name"] in CATEGORY_PARENTS:
            return CATEGORY_PARENTS[e["name"]]
        return owner.get(e["group"]) or GROUP_PARENTS.get(e["group"])

    def build_methods(self):
        # Each category owns the group named after it (its own "group" member).
        # A category owns the group that bears its name (parentheses aside); its members hang under it.
        owner = {"Online Learning": "online-rlhf", "Offline Learning": "offline-rlhf"}
        for e in self.methods:
            bare = re.sub(r"\s*\([^)]*\)", "", e["name"])
            if e["kind"] == "category" and norm(bare) == norm(re.sub(r"\s*\([^)]*\)", "", e["group"])):
                slug = SAME_AS.get(e["name"]) or self.resolve_technique(e["name"], e.get("aliases", []))
                owner.setdefault(e["group"], slug or kebab(bare))
        for e in self.methods:
            if e["kind"] == "model":
                self.entity_of[e["name"]] = ("model", self.build_model(e))
                continue
            if e["kind"] == "dataset":
                self.build_dataset(e)
                continue
            name = e.get("printedNameIsTypoFor") or e["name"]
            aliases = [a for a in e.get("aliases", [])] + ([e["name"]] if e.get("printedNameIsTypoFor") else [])
            slug = SAME_AS.get(e["name"], "missing") if e["name"] in SAME_AS else self.resolve_technique(name, aliases)
            if e["name"] in SAME_AS and SAME_AS[e["name"]] is None:
                slug = None
            d = self.desc["survey-methods"].get(e["name"], {})
            if slug is None:
                slug = self.create_technique(e, name, aliases, owner, d)
            else:
                # The survey's own spelling becomes an alias, so a search by it finds the entity.
                self.add_aliases(slug, [e["name"], name, *aliases])
                self.maybe_redescribe(slug, e)
            self.link_citations(slug, e, [name, *aliases])
            self.entity_of[e["name"]] = ("technique", slug)

    def create_technique(self, e, name, aliases, owner, d):
        en_name = d.get("enName") or name
        short = re.search(r"\(([^)]+)\)$", name)
        base = kebab(re.sub(r"\s*\([^)]*\)$", "", name)) if e["kind"] == "category" else kebab(name)
        slug = self.new_slug(base, set(self.techniques) | set(self.new_techniques))
        parent = self.parent_of(e, owner)
        if parent == slug:
            parent = GROUP_PARENTS.get(e["group"])
        t = OrderedDict(slug=slug)
        paradigms = {"fine-tuning", "alignment", "reasoning", "efficiency", "integration-and-adaptation"}
        if parent in paradigms:
            t["paradigm"], t["parent"] = parent, None
        else:
            t["parent"] = parent
        t["kind"] = "method" if e["kind"] == "method" else "technique"
        t["name"] = OrderedDict(en=en_name)
        if d.get("zhName"):
            t["name"]["zh"] = d["zhName"]
        abbreviation = short.group(1) if short else (name if re.match(r"^[A-Z0-9][A-Za-z0-9.\-+()^]*[A-Z][A-Za-z0-9.\-+()^]*$", name) and len(name) <= 40 else None)
        if abbreviation and abbreviation != en_name:
            t["abbreviation"] = abbreviation
        al = [a for a in [name if name != en_name else None, *aliases] if a and norm(a) != norm(en_name) and a != abbreviation]
        if al:
            t["aliases"] = list(OrderedDict.fromkeys(al))
        desc, supported = self.description_of("survey-methods", e["name"])
        if desc:
            t["description"] = desc
        t["verified"] = bool(desc) and supported
        t["references"] = []
        t["source"] = OrderedDict(section=f"Survey §{e['section']}" + (f" ({e['group']})" if e["group"] not in e["section"] else ""), reference=SURVEY)
        self.new_techniques[slug] = t
        for n in [slug, name, en_name, *aliases]:
            self.by_name.setdefault(norm(n), slug)
        return slug

    def maybe_redescribe(self, slug, e):
        """An existing technique whose description is missing or templated takes ours."""
        t = self.techniques.get(slug)
        if t is None or slug in self.new_techniques:
            return
        desc = t.get("description") or {}
        if desc.get("en") and desc.get("zh") and len(sentences(desc["en"])) >= 2 and not self.templated(desc["en"]):
            return
        mine, supported = self.description_of("survey-methods", e["name"])
        if mine:
            self.redescribed[slug] = (mine, supported)

    def templated(self, text):
        return bool(re.search(r"from the survey'?s?|method (listed|named) (in|by) the survey|survey's Table|survey lists", text))

    def link_citations(self, slug, e, names):
        wrong = set(e.get("misnumbered", []))
        cited = [n for n in e.get("citations", []) if n not in wrong]
        for alt in e.get("also_in", []):
            cited += [n for n in alt.get("citations", []) if n not in wrong and n not in cited]
        if e["name"] == "APT":  # its remark names the real paper
            cited = [98]
        own_named = [n for n in cited if self.introduces(names, self.biblio[n - 1]["title"])]
        for n in cited:
            ref = self.citation_slug[n]
            role = ROLE_INTRODUCES if (n in own_named or (not own_named and e["kind"] == "method" and n == cited[0] and len(e.get("citations", [])) == 1)) else ROLE_DESCRIBES
            self.add_link(slug, ref, role)

    def build_model(self, e):
        key = norm(e["name"])
        slug = self.model_by_name.get(key) or next((self.model_by_name[norm(a)] for a in e.get("aliases", []) if norm(a) in self.model_by_name), None)
        if slug is None:
            slug = self.new_slug(kebab(e["name"]), set(self.models) | set(self.new_models))
            m = OrderedDict(slug=slug, name=OrderedDict(en=e["name"]))
            if e.get("aliases"):
                m["aliases"] = e["aliases"]
            refs = [self.citation_slug[n] for n in e.get("citations", []) if n not in set(e.get("misnumbered", []))]
            if refs:
                m["references"] = list(OrderedDict.fromkeys(refs))
            m["source"] = OrderedDict(section=f"Survey §{e['section']}", reference=SURVEY)
            self.new_models[slug] = m
            self.model_by_name[key] = slug
            return slug
        else:
            refs = [self.citation_slug[n] for n in e.get("citations", []) if n not in set(e.get("misnumbered", []))]
            have = set(self.models[slug].get("references", [])) if slug in self.models else set()
            if slug in self.models and any(r not in have for r in refs):
                addition = self.model_additions.setdefault(slug, OrderedDict(slug=slug, references=[]))
                addition["references"] += [r for r in refs if r not in have and r not in addition["references"]]
        return slug

    def build_dataset(self, e):
        slug = self.dataset_by_name.get(norm(e["name"]))
        if slug is None:
            slug = self.new_slug(kebab(e["name"]), self.dataset_slugs | set(self.new_datasets))
            self.new_datasets[slug] = OrderedDict(slug=slug, parent="post-training-datasets", name=OrderedDict(en=e["name"]),
                                                  source=OrderedDict(section=f"Survey §{e['section']}", reference=SURVEY))
            refs = [n for n in e.get("citations", []) if n not in set(e.get("misnumbered", []))]
            if refs:
                self.new_datasets[slug]["reference"] = self.citation_slug[refs[0]]
            self.dataset_by_name[norm(e["name"])] = slug

    # ---- post-survey lists ------------------------------------------------------------------------------------
    def post_survey_reference(self, arxiv, title, section, via):
        rec = self.bib_by_arxiv.get(arxiv)
        entry = OrderedDict(slug=None, title=title)
        if rec:
            names, truncated = bib.authors(rec["fields"].get("author", ""))
            if names:
                entry["authors"] = names
            if truncated:
                entry["authorsTruncated"] = True
        entry["year"] = arxiv_year(arxiv)
        entry["url"] = f"https://arxiv.org/abs/{arxiv}"
        entry["arxivId"] = arxiv
        entry["language"] = "en"
        # Authors come from the awesome list's BibTeX; a paper it lacks keeps its title and id only.
        entry["verified"] = bool(rec)
        entry["source"] = OrderedDict(section=section, reference=via)
        return self.add_reference(entry, title)

    def list_method(self, method, en_name, parent, desc_source, key, section, via, ref_slug, lineage_evidence, slug_base=None):
        slug = None if slug_base else self.resolve_technique(method, [en_name] if en_name else [])
        if slug is None:
            slug = self.new_slug(slug_base or kebab(method), set(self.techniques) | set(self.new_techniques))
            d = self.desc[desc_source].get(key, {})
            t = OrderedDict(slug=slug, parent=parent, kind="method", name=OrderedDict(en=d.get("enName") or en_name or method))
            if d.get("zhName"):
                t["name"]["zh"] = d["zhName"]
            if t["name"]["en"] != method:
                t["abbreviation"] = method[:40]
            desc, supported = self.description_of(desc_source, key)
            if desc:
                t["description"] = desc
            t["year"] = arxiv_year(key) if re.match(r"^\d{4}\.\d{4,5}$", key) else None
            if t["year"] is None:
                del t["year"]
            t["verified"] = bool(desc) and supported
            t["references"] = []
            t["source"] = OrderedDict(section=section, reference=via)
            self.new_techniques[slug] = t
            for n in [slug, method, en_name]:
                if n:
                    self.by_name.setdefault(norm(n), slug)
            self.lineage(slug, method, lineage_evidence)
        if ref_slug:
            self.add_link(slug, ref_slug, ROLE_INTRODUCES)
        return slug

    def lineage(self, slug, method, evidence):
        for token, parent in LINEAGE_PARENTS.items():
            if parent == slug or parent not in self.techniques and parent not in self.new_techniques:
                continue
            if re.search(rf"(^|[^A-Za-z]){re.escape(token)}($|[^A-Za-z])", method) and method != token:
                self.relationship("variant-of", slug, parent,
                                  f"The name {method} is {token}'s with a qualifier: it presents itself as a variant of {token}.",
                                  f"名称 {method} 在 {token} 之上加了限定词，表明它是 {token} 的变体。")
                return
        if evidence:
            parent, en, zh = evidence
            if parent != slug and (parent in self.techniques or parent in self.new_techniques):
                self.relationship("builds-on", slug, parent, en, zh)

    def relationship(self, kind, source, target, en, zh, reference=None):
        key = (kind, source, target)
        if key in self.rel_keys:
            return
        self.rel_keys.add(key)
        r = OrderedDict(type=kind, source=f"technique:{source}", target=f"technique:{target}")
        if reference:
            r["reference"] = reference
        r["note"] = OrderedDict(en=en, zh=zh)
        r["verified"] = True
        self.relationships.append(r)

    def build_trl(self):
        section = None
        for block in re.split(r"^(?=## |### )", self.trl_md, flags=re.M):
            if block.startswith("## "):
                section = block[3:].splitlines()[0].strip()
                continue
            if not block.startswith("### "):
                continue
            title = block[4:].splitlines()[0].strip()
            m = re.search(r"huggingface.co/papers/(\d{4}\.\d{4,5})", block)
            if not m:
                continue
            arxiv = m.group(1)
            ref = self.post_survey_reference(arxiv, title, f"TRL paper index: {section}", TRL)
            d = self.desc["trl"].get(arxiv, {})
            parent = TRL_PARENTS[section]
            trainer = TRL_TRAINER_TECHNIQUE[section]
            if d.get("introducesNoMethod") or not d.get("method"):
                self.trl_no_method.append((arxiv, section))
                continue
            evidence = None
            if trainer not in (None,) and norm(d["method"]) != norm(trainer):
                tname = trainer.upper()
                evidence = (trainer, f"TRL trains {d['method']} with its {section} trainer, which implements {tname}; the method extends that objective.",
                            f"TRL 用实现 {tname} 的 {section} 训练器来训练 {d['method']}，该方法在这一目标之上扩展而来。")
            slug = self.list_method(d["method"], d.get("enName"), parent, "trl", arxiv, f"TRL paper index: {section}", TRL, ref, evidence)
        # Trainers' own techniques must exist before the papers without a method can link to them: second pass.
        for arxiv, section in self.trl_no_method:
            trainer = TRL_TRAINER_TECHNIQUE[section]
            slug = trainer if (trainer in self.techniques or trainer in self.new_techniques) else self.resolve_technique(trainer)
            if slug is None:
                slug = TRL_PARENTS[section]
            self.add_link(slug, self.ref_by_arxiv[arxiv], ROLE_USES if section in ("Distributed Training",) else ROLE_DESCRIBES)

    def awesome_rows(self):
        top = sub = None
        for line in self.awesome_md.splitlines():
            if line.startswith("### "):
                top, sub = line[4:].strip(), None
            elif line.startswith("#### "):
                sub = line[5:].strip()
            elif top in AWESOME_SECTIONS and line.startswith("| ") and not line.startswith("| Date") and sub:
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                if len(cells) < 4:
                    continue
                name = re.sub(r"`", "", cells[1]).strip()
                link = re.search(r"\((https?://[^)]+)\)\s*$", cells[3]) or re.search(r"\]\((https?://[^)]+)\)", cells[3])
                url = link.group(1) if link else None
                arxiv = re.search(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})", url or "")
                arxiv = arxiv.group(1) if arxiv else None
                yield top, sub, cells[0], (None if name in ("", "-") else name), cells[2], url, AWESOME_ARXIV_FIXES.get(arxiv, arxiv)

    def build_awesome(self):
        for top, (slug, en, zh) in AWESOME_SECTIONS.items():
            if slug not in self.new_techniques:
                self.new_techniques[slug] = OrderedDict(
                    slug=slug, parent="reinforcement-learning-for-reasoning", kind="technique", name=OrderedDict(en=en, zh=zh),
                    description=self.section_description(top), verified=True, references=[],
                    source=OrderedDict(section=f"Awesome RL for LRMs: {top}", reference=AWESOME))
        groups = {}
        for top, sub, date, name, title, url, arxiv in self.awesome_rows():
            if arxiv in AWESOME_LEFT_OUT:
                self.report["awesome rows left out"].append(f"{arxiv}: {AWESOME_LEFT_OUT[arxiv]}")
                continue
            gslug = groups.get((top, sub))
            if gslug is None:
                gslug = self.new_slug(kebab(f"rl-reasoning {sub}"), set(self.techniques) | set(self.new_techniques))
                groups[(top, sub)] = gslug
                self.new_techniques[gslug] = OrderedDict(
                    slug=gslug, parent=AWESOME_SECTIONS[top][0], kind="technique",
                    name=OrderedDict(en=sub), description=self.subsection_description(top, sub), verified=True,
                    references=[], source=OrderedDict(section=f"Awesome RL for LRMs: {top} / {sub}", reference=AWESOME))
            section = f"Awesome RL for LRMs: {top} / {sub}"
            ref = self.post_survey_reference(arxiv, title, section, AWESOME) if arxiv else None
            key = arxiv or name
            if name is None:
                # A row without a short name is a paper of its group, not a method.
                if ref:
                    self.add_link(gslug, ref, ROLE_DESCRIBES)
                continue
            existing = self.awesome_methods.get(norm(name))
            spelled = self.desc["awesome"].get(key, {}).get("enName")
            held = self.new_techniques.get(existing, {})
            held_papers = {l["reference"] for l in held.get("references", [])}
            if existing and ref and ref not in held_papers and held_papers:
                # One acronym over another paper (ARPO, SPO): the lists' rows name different methods, so one method
                # each, told apart in the slug by the name its title spells out, else by its arXiv id.
                base = kebab(spelled) if spelled and norm(spelled) != norm(held.get("name", {}).get("en", "")) else f"{kebab(name)}-{arxiv.replace('.', '-')}"
                slug = self.list_method(name, spelled, gslug, "awesome", key, section, AWESOME, ref, None, slug_base=base)
                continue
            slug = self.list_method(name, None, gslug, "awesome", key, section, AWESOME, ref, None) if not existing else existing
            if existing and ref:
                self.add_link(existing, ref, ROLE_INTRODUCES)
            self.awesome_methods.setdefault(norm(name), slug)

    def section_description(self, top):
        texts = {
            "Reward Design": ("Work on what the reward of reinforcement learning for reasoning models should be: generative judges, dense step-level signals, rewards without labels, and the shaping of all of these. The group follows the Reward Design section of the Awesome RL for LRMs list.",
                              "研究推理模型强化学习中奖励应当如何设计：生成式评判、稠密的步骤级信号、无需标注的奖励，以及对这些奖励的整形。本组沿用 Awesome RL for LRMs 列表的“奖励设计”部分。"),
            "Policy Optimization": ("Algorithms that turn rewards into updates of a reasoning model's policy, from critic-based and critic-free policy gradients to off-policy and regularised objectives. The group follows the Policy Optimization section of the Awesome RL for LRMs list.",
                                    "把奖励转化为推理模型策略更新的算法，涵盖基于评论家与无评论家的策略梯度，以及离策略和带正则项的目标。本组沿用 Awesome RL for LRMs 列表的“策略优化”部分。"),
            "Sampling Strategy": ("Choices about which rollouts a reasoning model generates and learns from during reinforcement learning, such as dynamic or structured sampling and the sampling hyper-parameters. The group follows the Sampling Strategy section of the Awesome RL for LRMs list.",
                                  "关于推理模型在强化学习中生成并学习哪些轨迹的选择，例如动态或结构化采样以及采样超参数。本组沿用 Awesome RL for LRMs 列表的“采样策略”部分。"),
        }
        en, zh = texts[top]
        return OrderedDict(en=en, zh=zh)

    SUBSECTIONS = {
        "Generative Rewards": ("Reward signals produced by a language model that judges or verifies an answer in text, in place of a scalar classifier head. The list gathers generative verifiers, judges and critique-based rewards here.",
                               "由语言模型以文本形式评判或验证答案而产生的奖励信号，取代标量分类头。该列表在此收录生成式验证器、评判模型和基于批评的奖励。"),
        "Dense Rewards": ("Rewards given to intermediate steps, tokens or turns rather than only to the final answer, so that credit reaches the part of a long reasoning trace that earned it.",
                          "奖励分配给中间步骤、词元或对话轮次，而不只给最终答案，使功劳能落到长推理轨迹中真正起作用的部分。"),
        "Unsupervised Rewards": ("Training signals that need no ground-truth answers, drawn instead from the model itself, for example from its confidence, its agreement with itself or its entropy.",
                                 "无需标准答案的训练信号，转而取自模型自身，例如它的置信度、自我一致性或熵。"),
        "Rewards Shaping": ("Adjustments to an existing reward, such as combining verifiable and model-based signals or reweighting them, so that optimisation follows the intended behaviour more closely.",
                            "对已有奖励的调整，例如组合可验证信号与基于模型的信号或重新加权，使优化更贴近期望的行为。"),
        "Policy Gradient Objective": ("The classic objectives that every policy-optimisation method of this list starts from: policy gradients, REINFORCE, trust regions and PPO.",
                                      "本列表中各种策略优化方法共同的出发点：策略梯度、REINFORCE、信赖域方法与 PPO。"),
        "Critic-based Algorithms": ("Policy-optimisation methods that keep a learned value model (a critic) to estimate advantages, in the line of PPO.",
                                    "沿袭 PPO 思路、保留一个学习得到的价值模型（评论家）来估计优势的策略优化方法。"),
        "Critic-Free Algorithms": ("Methods that drop the value model and estimate advantages from groups of sampled answers or other baselines, as GRPO does.",
                                   "去掉价值模型、改由成组采样的答案或其他基线来估计优势的方法，GRPO 即属此类。"),
        "Off-policy Optimization": ("Methods that learn from samples generated by an older or different policy, correcting for the mismatch, so that rollouts can be reused or produced asynchronously.",
                                    "从较旧或不同策略生成的样本中学习并校正两者差异的方法，使轨迹可以复用或异步生成。"),
        "Off-policy Optimization (Exp replay)": ("Off-policy methods built around a replay buffer that stores earlier rollouts and feeds selected ones back into training.",
                                                 "以回放缓冲区为核心的离策略方法：保存先前的轨迹，并把挑选出的轨迹重新送回训练。"),
        "Regularization Objectives": ("Extra terms added to the policy objective, such as KL penalties, entropy bonuses or length controls, that keep training stable and exploration alive.",
                                      "在策略目标上附加的项，例如 KL 惩罚、熵奖励或长度控制，用来保持训练稳定并维持探索。"),
        "Dynamic and Structured Sampling": ("Ways of choosing which prompts and rollouts to generate and keep during training, for instance filtering by difficulty or sampling along trees.",
                                            "在训练中决定生成并保留哪些提示与轨迹的做法，例如按难度过滤或沿树结构采样。"),
        "Sampling Hyper-Parameters": ("Settings of rollout generation, such as temperature, number of samples per prompt and response length, studied for their effect on reinforcement learning for reasoning.",
                                      "轨迹生成的设置，例如温度、每个提示的采样数和回答长度，研究它们对推理强化学习的影响。"),
    }

    def subsection_description(self, top, sub):
        en, zh = self.SUBSECTIONS[sub]
        return OrderedDict(en=en, zh=zh)

    # ---- fixes to curated.json ---------------------------------------------------------------------------------
    def repair_curated(self):
        changed = 0
        for t in self.curated["techniques"]:
            if t["slug"] in self.redescribed:
                (desc, supported) = self.redescribed[t["slug"]]
                t["description"] = desc
                changed += 1
        # Known defects (issue 12, item 6).
        for r in self.curated["relationships"]:
            if r["type"] == "builds-on" and r["source"] == "technique:reinforce" and r["target"] == "technique:policy-gradient-theorem":
                r["type"] = "related-to"
                r["note"] = OrderedDict(en="REINFORCE (1992) predates the policy gradient theorem (1999); the theorem later gave the likelihood-ratio estimator REINFORCE uses a general footing.",
                                        zh="REINFORCE（1992 年）早于策略梯度定理（1999 年）；该定理后来为 REINFORCE 所用的似然比估计提供了一般性的理论基础。")
            if r["type"] == "builds-on" and r["source"] == "technique:rlhf" and r["target"] == "reference:arxiv-1706-03741":
                # Not a foundation RLHF builds on: the paper RLHF's own link names as the one that introduces it.
                r["type"] = "introduced-in"
                r["note"] = OrderedDict(en="Deep reinforcement learning from human preferences first fitted a reward model to human comparisons and optimised a policy against it, the recipe RLHF names.",
                                        zh="《基于人类偏好的深度强化学习》首次用人类比较结果拟合奖励模型，并针对该模型优化策略，这正是 RLHF 所指的做法。")
        for t in self.curated["techniques"]:
            if t["slug"] == "rft" and "ReFT" in t.get("aliases", []):
                t["aliases"] = [a for a in t["aliases"] if a != "ReFT"]
        for p in self.curated["paradigms"]:
            for a in HEADING_ALIASES.get(p["slug"], []):
                p.setdefault("aliases", [])
                if a not in p["aliases"]:
                    p["aliases"].append(a)
        for r in self.curated["references"]:
            if r["slug"] == SURVEY:
                r["title"] = "A Survey on Post-training of Large Language Models"
            if r.get("arxivId") and arxiv_year(r["arxivId"]) and r.get("year") != arxiv_year(r["arxivId"]):
                r["year"] = arxiv_year(r["arxivId"])
        return changed

    # ---- output -----------------------------------------------------------------------------------------------
    def run(self):
        self.redescribed = {}
        self.new_models, self.new_datasets, self.model_additions = OrderedDict(), OrderedDict(), OrderedDict()
        self.trl_no_method = []
        self.awesome_methods = {}
        self.bib_by_arxiv = {}
        for e in self.awesome_bib:
            a = re.search(r"(\d{4}\.\d{4,5})", " ".join(e["fields"].get(k, "") for k in ("eprint", "journal", "url", "note", "volume")))
            if a:
                self.bib_by_arxiv.setdefault(a.group(1), e)
        # Two list-credit references: each record from them says where it came from. Their year is that of the copy read
        # (../shared/reference/external/README.md: awesome list at 8e1040a, 2026-08-20; TRL at f2cd577, 2026-07-24).
        self.out_refs[AWESOME] = OrderedDict(slug=AWESOME, title="Awesome RL for LRMs: A Survey of Reinforcement Learning for Large Reasoning Models (paper list)",
                                             authors=["TsinghuaC3I"], year=2026, url="https://github.com/TsinghuaC3I/Awesome-RL-for-LRMs",
                                             language="en", verified=True,
                                             description=OrderedDict(en="A public list (MIT licence) of work on reinforcement learning for large reasoning models, read at commit 8e1040a; its Reward Design, Policy Optimization and Sampling Strategy tables supplied methods and papers here.",
                                                                     zh="一份公开的大型推理模型强化学习文献列表（MIT 许可），本处读取的是提交 8e1040a；其中“奖励设计”“策略优化”“采样策略”三张表为这里提供了方法与论文。"))
        self.out_refs[TRL] = OrderedDict(slug=TRL, title="TRL paper index", authors=["Hugging Face"], year=2026,
                                         url="https://github.com/huggingface/trl/blob/main/docs/source/paper_index.md", language="en", verified=True,
                                         description=OrderedDict(en="The index of papers behind the trainers of TRL, Hugging Face's post-training library (Apache-2.0), read at commit f2cd577; it supplied post-survey methods such as KTO, ORPO, GSPO and Dr. GRPO with their papers.",
                                                                 zh="Hugging Face 后训练库 TRL 各训练器所依据的论文索引（Apache-2.0 许可），本处读取的是提交 f2cd577；它提供了 KTO、ORPO、GSPO、Dr. GRPO 等综述之后的方法及其论文。"))
        self.build_bibliography()
        self.build_methods()
        survey_refs = OrderedDict(self.out_refs)
        self.build_trl()
        self.build_awesome()
        self.repair_curated()

        survey_tech_keys = [k for k, v in self.new_techniques.items() if v["source"]["reference"] == SURVEY]
        survey_ref_keys = set(survey_refs)
        survey_file = OrderedDict()
        survey_file["$schema"] = "./curated.schema.json"
        survey_file["references"] = [v for k, v in self.out_refs.items() if k in survey_ref_keys and k not in (AWESOME, TRL)]
        survey_file["techniques"] = ([v for k, v in self.new_techniques.items() if k in survey_tech_keys] +
                                     [v for k, v in self.additions.items() if self.addition_is_survey(v)])
        survey_file["models"] = list(self.new_models.values()) + list(self.model_additions.values())
        survey_file["datasets"] = list(self.new_datasets.values())
        post = OrderedDict()
        post["$schema"] = "./curated.schema.json"
        post["references"] = [self.out_refs[AWESOME], self.out_refs[TRL]] + [v for k, v in self.out_refs.items() if k not in survey_ref_keys]
        post["techniques"] = ([v for k, v in self.new_techniques.items() if k not in survey_tech_keys] +
                              [v for k, v in self.additions.items() if not self.addition_is_survey(v)])
        post["relationships"] = self.relationships
        return survey_file, post

    def addition_is_survey(self, addition):
        return all(l["reference"] in self.citation_slug.values() for l in addition.get("references", []))


def mark_unreferenced(techs):
    for t in techs:
        if t.get("kind") == "method" and not t.get("references"):
            t["lacksReference"] = True
        if "references" in t and not t["references"]:
            del t["references"]


def order_techniques(techs, known):
    """Parents before children, so the loader sees a parent first."""
    placed, out, pending = set(known), [], list(techs)
    while pending:
        rest = []
        for t in pending:
            parent = t.get("parent")
            if "paradigm" in t and t.get("parent") is None or parent in placed or "kind" not in t:
                out.append(t)
                placed.add(t["slug"])
            else:
                rest.append(t)
        if len(rest) == len(pending):
            raise SystemExit("unplaceable: " + ", ".join(f"{t['slug']}<{t.get('parent')}" for t in rest))
        pending = rest
    return out


def write(path, data):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    args = ap.parse_args()
    b = Builder(args.shared)
    survey, post = b.run()
    known = set(b.techniques)
    # Additions carry no parent: they only add to existing entries.
    survey["techniques"] = order_techniques(survey["techniques"], known)
    post["techniques"] = order_techniques(post["techniques"], known | {t["slug"] for t in survey["techniques"]})
    mark_unreferenced(survey["techniques"] + post["techniques"])
    # Chinese names of the groups no description file named (written by us; tools/curation/zh-names.json).
    zh_names = load(os.path.join(HERE, "zh-names.json"))
    for t in survey["techniques"] + post["techniques"]:
        if "name" in t and not t["name"].get("zh") and t["slug"] in zh_names:
            t["name"]["zh"] = zh_names[t["slug"]]
    write(os.path.join(ROOT, "data", "survey.json"), survey)
    write(os.path.join(ROOT, "data", "post-survey.json"), post)
    write(os.path.join(ROOT, "data", "curated.json"), b.curated)
    write(os.path.join(ROOT, "data", "comparisons.json"), comparisons.build(args.shared, b))
    for k, v in b.report.items():
        print(f"{k}: {len(v)}: {', '.join(map(str, v[:40]))}", file=sys.stderr)
    print(f"survey.json: {len(survey['references'])} references, {len(survey['techniques'])} techniques, "
          f"{len(survey['models'])} models, {len(survey['datasets'])} datasets; post-survey.json: "
          f"{len(post['references'])} references, {len(post['techniques'])} techniques, {len(post['relationships'])} relationships",
          file=sys.stderr)


if __name__ == "__main__":
    main()
