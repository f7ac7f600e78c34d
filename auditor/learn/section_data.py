"""Section-labelled documents for training: project-written reports and labelled references.

Real reports are never copied into the repository. ``corpora/sections/*.labels.jsonl`` holds,
per real document, its path inside the shared folder (plus the ``url`` for an excerpt of
``corpus/excerpts.jsonl``) and line ranges with a section type; the text is read from the
shared folder at training time and goes through the same reader and annotators as any
audited report. Project-written reports live in ``corpora/sections/written.yml``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from auditor.annotate import annotate
from auditor.annotate.sections import SECTION_TYPES
from auditor.model.document import Document
from auditor.read import read_path, read_text

# Annotation settings for training: the classifier itself must not run on its training data.
TRAINING_CONFIG: dict[str, Any] = {"sections": {"classifier": False}}
# Reference files named ``*.final.labels.jsonl`` hold the final test set: documents kept out
# of the cross-validation that features and settings were tuned on, scored once at the end.
FINAL_SUFFIX = ".final.labels.jsonl"


class CorpusError(Exception):
    """A labelled reference that cannot be resolved; the message says which and where."""


@dataclass
class LabelledDoc:
    id: str
    real: bool
    doc: Document
    labels: list[str | None]
    # in the final test set: never used while choosing features or settings (see FINAL_SUFFIX)
    final: bool = False


def shared_root(corpora_dir: Path) -> Path:
    """The folder with the real reports: $AUDITOR_SHARED, else ``../shared`` of the repo."""
    env = os.environ.get("AUDITOR_SHARED")
    return Path(env) if env else corpora_dir.resolve().parent.parent / "shared"


def _label_blocks(doc: Document, ranges: list[list[Any]], where: str) -> list[str | None]:
    for first, last, label in ranges:
        if label not in SECTION_TYPES or first > last:
            raise CorpusError(f"{where}: bad range {[first, last, label]}")
    out: list[str | None] = []
    for block in doc.blocks:
        line = block.loc.line
        out.append(next((lab for a, b, lab in ranges if line is not None and a <= line <= b),
                        None))
    return out


def load_written(path: Path) -> list[LabelledDoc]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    docs: list[LabelledDoc] = []
    for entry in data["documents"]:
        text, ranges = _render(entry["lines"])
        doc = annotate(read_text(text, entry["id"]), TRAINING_CONFIG)
        docs.append(LabelledDoc(entry["id"], False, doc, _label_blocks(doc, ranges, entry["id"])))
    return docs


def _render(items: list[list[Any]]) -> tuple[str, list[list[Any]]]:
    """Plain text of a written report and the line range of each item; an item whose
    content is a list of rows becomes a table in the .txt convention (tab-prefixed cells,
    rows separated by blank lines)."""
    lines: list[str] = []
    ranges: list[list[Any]] = []
    for label, content in items:
        first = len(lines) + 1
        if isinstance(content, list):
            for row in content:
                lines.extend(f"\t{cell}" for cell in row)
                lines.append("")
        else:
            lines.append(content)
        ranges.append([first, len(lines), label])
    return "\n".join(lines) + "\n", ranges


def load_references(path: Path, shared: Path, final: bool = False) -> list[LabelledDoc]:
    """Real documents named in a ``*.labels.jsonl`` file, read from the shared folder."""
    excerpts: dict[str, dict[str, dict[str, Any]]] = {}
    docs: list[LabelledDoc] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        entry = json.loads(line)
        where = f"{path.name}:{number}"
        source = shared / entry["doc"]
        if not source.is_file():
            raise CorpusError(f"{where}: {source} not found (set AUDITOR_SHARED)")
        if "url" in entry:
            if entry["doc"] not in excerpts:
                rows = [json.loads(r) for r in source.read_text(encoding="utf-8").splitlines()
                        if r.strip()]
                excerpts[entry["doc"]] = {r["url"]: r for r in rows}
            row = excerpts[entry["doc"]].get(entry["url"])
            if row is None:
                raise CorpusError(f"{where}: no excerpt with url {entry['url']}")
            doc_id = f"{entry['doc']}#{entry['url']}"
            doc = annotate(read_text(row["text"], doc_id), TRAINING_CONFIG)
        else:
            doc_id = entry["doc"]
            doc = annotate(read_path(source), TRAINING_CONFIG)
        docs.append(LabelledDoc(doc_id, True, doc, _label_blocks(doc, entry["ranges"], where),
                                final))
    return docs


def load_corpus(corpora_dir: Path) -> tuple[list[LabelledDoc], bool]:
    """All labelled documents, sorted by id; the flag says whether the real ones were found."""
    folder = corpora_dir / "sections"
    docs: list[LabelledDoc] = []
    written = folder / "written.yml"
    if written.is_file():
        docs += load_written(written)
    shared = shared_root(corpora_dir)
    has_shared = shared.is_dir()
    if has_shared:
        for path in sorted(folder.glob("*.labels.jsonl")):
            docs += load_references(path, shared, path.name.endswith(FINAL_SUFFIX))
    return sorted(docs, key=lambda d: d.id), has_shared
