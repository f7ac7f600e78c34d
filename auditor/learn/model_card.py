"""The model card's numbers, rendered from the metrics files that ``auditor train`` writes.

models/README.md is hand-written prose around generated blocks, each between the marker
comments ``<!-- metrics:NAME:start -->`` and ``<!-- metrics:NAME:end -->``. Every figure that
a retrain can change lives in such a block, and ``auditor train`` rewrites them all from the
metrics it has just written, so the card cannot quote an older model; the prose refers to the
blocks instead of repeating their numbers. tests/test_model_card.py fails when the shipped
card and the shipped metrics disagree. Rendering is deterministic (fixed label order, fixed
rounding), so a retrain that changes nothing leaves the card byte-identical.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from auditor.annotate.sections import SECTION_TYPES
from auditor.learn.phrase_model import MODEL_FILE as PHRASE_FILE
from auditor.learn.section_model import METRICS_FILE as SECTION_METRICS_FILE

CARD_FILE = "README.md"
# issue 4: macro-F1 on held-out real report text
TARGET_MACRO_F1 = 0.95
# classes with fewer held-out blocks than this swing by a whole step per block
MIN_SUPPORT = 8
_SHORT = {"basic_info": "basic", "budget": "budg", "goals": "goal", "process": "proc",
          "results": "res", "conclusion": "concl", "problems": "prob", "measures": "meas",
          "application": "appl", "other": "oth", "appendix": "appx"}
_SYSTEMS = (("model", "model"), ("keyword_baseline", "keyword baseline"))

Metrics = dict[str, Any]


class CardError(ValueError):
    """The card lacks the markers of a block that has numbers to show."""


def _f(x: float) -> str:
    return f"{x:.3f}"


def _blocks(n: int) -> str:
    return f"{n} block" if n == 1 else f"{n} blocks"


def _order(labels: Any) -> list[str]:
    """Labels in taxonomy order (the metrics JSON is key-sorted)."""
    return [lab for lab in SECTION_TYPES if lab in labels]


def _per_class_table(report: Metrics) -> list[str]:
    model, base = report["model"], report["keyword_baseline"]
    rows = ["| type | support | model P | model R | model F1 | keyword F1 |",
            "|---|---:|---:|---:|---:|---:|"]
    for lab in _order(model["per_class"]):
        m = model["per_class"][lab]
        rows.append(f"| `{lab}` | {m['support']} | {_f(m['precision'])} | {_f(m['recall'])} "
                    f"| {_f(m['f1'])} | {_f(base['per_class'][lab]['f1'])} |")
    rows.append(f"| **macro** | {model['n']} | | | **{_f(model['macro_f1'])}** "
                f"| **{_f(base['macro_f1'])}** |")
    rows.append(f"| accuracy | | | | {_f(model['accuracy'])} | {_f(base['accuracy'])} |")
    return rows


def _confusion_tables(report: Metrics, title: str) -> list[str]:
    out: list[str] = []
    for key, name in _SYSTEMS:
        confusion = report[key]["confusion"]
        columns = _order(next(iter(confusion.values()))) if confusion else []
        out += ["", f"{name}, {title} (rows: gold, columns: predicted)", "",
                "| gold \\ pred | " + " | ".join(_SHORT.get(c, c) for c in columns) + " |",
                "|---|" + "---:|" * len(columns)]
        for gold in _order(confusion):
            cells = " | ".join(str(confusion[gold][c]) for c in columns)
            out.append(f"| `{gold}` | {cells} |")
    return out


def _mean_f1(report: Metrics, labels: list[str]) -> float:
    return sum(report["per_class"][lab]["f1"] for lab in labels) / len(labels)


def _small_classes(report: Metrics) -> tuple[list[str], list[str]]:
    per = report["model"]["per_class"]
    small = [lab for lab in _order(per) if per[lab]["support"] < MIN_SUPPORT]
    large = [lab for lab in _order(per) if per[lab]["support"] >= MIN_SUPPORT]
    return small, large


def section_data(metrics: Metrics) -> str:
    data, held, final = metrics["data"], metrics["heldout"], metrics["final_test"]
    params = metrics["params"]
    rows = ["| data | documents | labelled blocks |", "|---|---:|---:|",
            f"| real reports | {data['documents_real']} | {data['blocks_real']} |"]
    if held:
        rows.append(f"| … in cross-validation | {held['documents']} | {held['model']['n']} |")
    if final:
        rows.append(f"| … in the final test set | {final['documents']} "
                    f"| {final['model']['n']} |")
    rows.append(f"| project-written reports | {data['documents_written']} "
                f"| {data['blocks_written']} |")
    rows += ["", f"Features kept (seen in at least {params['min_df']} blocks): "
                 f"{metrics['features']}. Training parameters: C = {params['C']:g}, "
                 f"transition power {params['transition_power']:g}, seed {params['seed']}. "
                 f"Corpus digest `{data['corpus_sha256'][:16]}`."]
    if not data["shared_found"]:
        rows += ["", "The real reports (`../shared`) were not found when this model was "
                     "trained: it was trained on the project-written reports only."]
    return "\n".join(rows)


def section_heldout(metrics: Metrics) -> str:
    held = metrics["heldout"]
    if not held:
        return "No held-out score: no real reports were available for cross-validation."
    rows = [f"**Held-out results: cross-validation** ({held['documents']} real documents, "
            f"{held['model']['n']} blocks).", "", *_per_class_table(held), "",
            "By source (same predictions; seeds are whole reports, corpus excerpts are "
            "report openings):", "",
            "| source | blocks | model macro-F1 | keyword macro-F1 | model accuracy "
            "| keyword accuracy |",
            "|---|---:|---:|---:|---:|---:|"]
    for source, report in sorted(held["by_source"].items()):
        m, b = report["model"], report["keyword_baseline"]
        rows.append(f"| {source} | {m['n']} | {_f(m['macro_f1'])} | {_f(b['macro_f1'])} "
                    f"| {_f(m['accuracy'])} | {_f(b['accuracy'])} |")
    rows += _confusion_tables(held, "cross-validation")
    return "\n".join(rows)


def section_final(metrics: Metrics) -> str:
    final = metrics["final_test"]
    if not final:
        return "No final test set: no `*.final.labels.jsonl` labels were found."
    rows = [f"**Held-out results: final test set** ({final['documents']} documents, "
            f"{final['model']['n']} blocks, scored once).", "", *_per_class_table(final), ""]
    small, large = _small_classes(final)
    if small:
        listed = ", ".join(f"`{lab}` ({_blocks(final['model']['per_class'][lab]['support'])}, "
                           f"F1 {_f(final['model']['per_class'][lab]['f1'])})" for lab in small)
        rows.append(f"Classes with fewer than {MIN_SUPPORT} blocks, where one block moves the "
                    f"F1 by a large step: {listed}.")
    if large:
        rows.append(f"Over the {len(large)} classes with at least {MIN_SUPPORT} blocks the mean "
                    f"F1 is {_f(_mean_f1(final['model'], large))} (keyword "
                    f"{_f(_mean_f1(final['keyword_baseline'], large))}).")
    absent = [lab for lab in SECTION_TYPES if lab not in final["model"]["per_class"]]
    if absent:
        rows.append("Types with no block in the set (not tested by it): "
                    + ", ".join(f"`{lab}`" for lab in absent) + ".")
    rows += _confusion_tables(final, "final test set")
    return "\n".join(rows)


def _verdict(cv: float | None, final: float | None) -> str:
    met = [name for name, score in (("cross-validation", cv), ("the final test set", final))
           if score is not None and score >= TARGET_MACRO_F1]
    scored = [score for score in (cv, final) if score is not None]
    if not scored:
        return "There is no held-out score to compare with the target."
    if len(met) == len(scored):
        return "It meets the target."
    if met:
        return f"It meets the target only in {met[0]}."
    return "It does not meet the target."


def section_target(metrics: Metrics) -> str:
    held, final = metrics["heldout"], metrics["final_test"]
    parts: list[str] = []
    if held:
        spread = held.get("interval_95")
        within = (f"; 95% interval over resampled documents {_f(spread['model'][0])}–"
                  f"{_f(spread['model'][1])}, baseline {_f(spread['keyword_baseline'][0])}–"
                  f"{_f(spread['keyword_baseline'][1])}" if spread else "")
        parts.append(f"**{_f(held['model']['macro_f1'])}** in cross-validation (keyword "
                     f"baseline {_f(held['keyword_baseline']['macro_f1'])}{within})")
    if final:
        _, large = _small_classes(final)
        spread = (f"{_f(_mean_f1(final['model'], large))} over its classes with "
                  f"{MIN_SUPPORT} or more blocks; " if large else "")
        parts.append(f"**{_f(final['model']['macro_f1'])}** on the final test set "
                     f"(keyword baseline {_f(final['keyword_baseline']['macro_f1'])}; "
                     f"{spread}accuracy {_f(final['model']['accuracy'])})")
    reached = f"The classifier reaches {' and '.join(parts)}. " if parts else ""
    return reached + _verdict(held["model"]["macro_f1"] if held else None,
                              final["model"]["macro_f1"] if final else None)


def section_weak(metrics: Metrics) -> str:
    held = metrics["heldout"]
    if not held:
        return "No held-out score, so no weak classes to list."
    model = held["model"]
    weak = sorted((lab for lab in _order(model["per_class"])
                   if model["per_class"][lab]["f1"] < TARGET_MACRO_F1),
                  key=lambda lab: (model["per_class"][lab]["f1"], lab))
    if not weak:
        return f"Every class reaches F1 {TARGET_MACRO_F1:g} in cross-validation."
    rows = [f"Classes below F1 {TARGET_MACRO_F1:g} in cross-validation, weakest first, with "
            "where their blocks went:"]
    for lab in weak:
        per = model["per_class"][lab]
        errors = sorted(((n, pred) for pred, n in model["confusion"][lab].items()
                         if pred != lab and n), key=lambda e: (-e[0], e[1]))
        went = ", ".join(f"`{pred}` {n}" for n, pred in errors) or "none"
        rows.append(f"- `{lab}`: F1 {_f(per['f1'])} on {per['support']} blocks "
                    f"(precision {_f(per['precision'])}, recall {_f(per['recall'])}); "
                    f"missed blocks predicted as {went}.")
    return "\n".join(rows)


def phrase_data(payload: Metrics) -> str:
    docs, thresholds, metrics = payload["documents"], payload["thresholds"], payload["metrics"]
    top = sorted(payload["kept"], key=lambda k: (-k["df"], k["ngram"]))[:4]
    examples = ", ".join(f"{k['ngram'].replace(' ', '')} ({k['df']})" for k in top)
    return (f"Documents: {docs['total']} ({docs['real']} real reports with problem, cause or "
            f"measure sentences, {docs['written']} written sections); "
            f"{metrics['generic_problems'] + metrics['generic_measures']} generic written "
            f"sentences, {metrics['specific_problems'] + metrics['specific_measures']} specific "
            f"ones. Kept: {payload['n']}-grams found in at least "
            f"{thresholds['min_share']:.0%} of the documents and in at least "
            f"{thresholds['min_docs']}, and in under {thresholds['max_share']:.0%}: "
            f"{metrics['ngrams_kept']} kept; the most frequent (document count) are "
            f"{examples}.")


def phrase_heldout(payload: Metrics) -> str:
    m = payload["metrics"]
    return (f"Held-out, seed {payload['seed']}: generic problems flagged "
            f"**{m['recall_generic_problem']:.1%}** (of {m['generic_problems']}), generic "
            f"measures **{m['recall_generic_measure']:.1%}** (of {m['generic_measures']}), "
            f"specific problems flagged **{m['false_flag_specific_problem']:.1%}** "
            f"(of {m['specific_problems']}), specific measures "
            f"**{m['false_flag_specific_measure']:.1%}** (of {m['specific_measures']}).")


_Renderer = Callable[[Metrics], str]
_BLOCKS: dict[str, tuple[str, _Renderer]] = {
    "section-data": (SECTION_METRICS_FILE, section_data),
    "section-heldout": (SECTION_METRICS_FILE, section_heldout),
    "section-final": (SECTION_METRICS_FILE, section_final),
    "section-target": (SECTION_METRICS_FILE, section_target),
    "section-weak": (SECTION_METRICS_FILE, section_weak),
    "phrase-data": (PHRASE_FILE, phrase_data),
    "phrase-heldout": (PHRASE_FILE, phrase_heldout),
}


def render_blocks(models_dir: Path) -> dict[str, str]:
    """Block name → generated Markdown, for every block whose metrics file is in
    ``models_dir`` (``auditor train --only`` may have written just one model)."""
    loaded: dict[str, Metrics] = {}
    blocks: dict[str, str] = {}
    for name, (file, render) in _BLOCKS.items():
        path = models_dir / file
        if not path.is_file():
            continue
        if file not in loaded:
            loaded[file] = json.loads(path.read_text(encoding="utf-8"))
        blocks[name] = render(loaded[file])
    return blocks


def _marker(name: str, end: str) -> str:
    return f"<!-- metrics:{name}:{end} -->"


_BLOCK = re.compile(r"<!-- metrics:([a-z-]+):start -->(.*?)<!-- metrics:\1:end -->", re.S)


def generated(card: str) -> dict[str, str]:
    """The generated blocks currently in ``card``: name → content between its markers."""
    return {m.group(1): m.group(2).strip("\n") for m in _BLOCK.finditer(card)}


def fill(card: str, blocks: dict[str, str]) -> str:
    """``card`` with each block's content replaced; everything outside the markers is kept."""
    present = generated(card)
    missing = [name for name in blocks if name not in present]
    if missing:
        raise CardError("model card has no markers for "
                        + ", ".join(f"{_marker(n, 'start')} … {_marker(n, 'end')}"
                                    for n in missing))

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        body = blocks.get(name, match.group(2).strip("\n"))
        # blank lines keep the comments from running into a table or a paragraph
        return f"{_marker(name, 'start')}\n\n{body}\n\n{_marker(name, 'end')}"

    return _BLOCK.sub(replace, card)


def update_card(models_dir: Path) -> Path | None:
    """Rewrite the generated blocks of ``models_dir``/README.md from the metrics files beside
    it; the card's path, or None when the folder has no card (a scratch ``--out`` folder)."""
    path = models_dir / CARD_FILE
    if not path.is_file():
        return None
    card = path.read_text(encoding="utf-8")
    updated = fill(card, render_blocks(models_dir))
    if updated != card:
        path.write_text(updated, encoding="utf-8")
    return path
