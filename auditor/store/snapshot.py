"""A document as its reader produced it, as compressed JSON, so it can be rebuilt later.

The batch keeps this snapshot of every audited report: cross-report rules and the xlsx/html
outputs need the documents of reports a resumed batch skipped, and rebuilding from the
snapshot (then annotating) spares re-parsing PDFs and re-converting .doc files. It is
plain JSON, not pickle, so a results.db received from someone else cannot run code. The
snapshot is taken before annotation; annotators then run on the rebuilt blocks exactly as
on the freshly read ones.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import fields
from typing import Any

from auditor.model.document import Block, Cell, Document, ReadNote, Table
from auditor.model.location import Location

_NESTED = {"loc", "table", "pieces"}


def _block_dict(block: Block) -> dict[str, Any]:
    out: dict[str, Any] = {f.name: getattr(block, f.name) for f in fields(Block)
                           if f.name not in _NESTED}
    out["loc"] = block.loc.to_dict()
    out["pieces"] = [[start, loc.to_dict()] for start, loc in block.pieces]
    if block.table is not None:
        out["table"] = {
            "header_rows": block.table.header_rows,
            "unit": block.table.unit,
            "rows": [[[c.text, c.loc.to_dict()] for c in row] for row in block.table.rows],
        }
    return out


def dump(doc: Document) -> bytes | None:
    """The snapshot, or None when a reader put something in a block JSON cannot hold."""
    try:
        text = json.dumps({"format": doc.format, "blocks": [_block_dict(b) for b in doc.blocks],
                           "notes": [n.record() for n in doc.notes]}, ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    return zlib.compress(text.encode("utf-8"), 6)


def _block(data: dict[str, Any]) -> Block:
    table = None
    if data.get("table"):
        t = data["table"]
        table = Table([[Cell(text, Location(**loc)) for text, loc in row] for row in t["rows"]],
                      header_rows=t["header_rows"], unit=t["unit"])
    scalars = {k: v for k, v in data.items() if k not in _NESTED}
    return Block(loc=Location(**data["loc"]), table=table,
                 pieces=[(start, Location(**loc)) for start, loc in data["pieces"]], **scalars)


def load(blob: bytes, source: str, sha256: str) -> Document:
    """Rebuild the finalised, not yet annotated document of a snapshot."""
    data = json.loads(zlib.decompress(blob).decode("utf-8"))
    return Document(source, data["format"], sha256, [_block(b) for b in data["blocks"]],
                    notes=[ReadNote.from_record(n) for n in data.get("notes", [])]).finalize()
