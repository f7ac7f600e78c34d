"""Table header rows and the money unit stated for a table (单位：万元).

Title rows (one non-empty cell) and unit rows come before the real header; the header is
the first row whose cells are mostly words, not figures. A unit may also sit in the
paragraph just above the table.
"""

from __future__ import annotations

import re
from typing import Any

from auditor.annotate.registry import annotator
from auditor.model.document import Document, Table

UNIT = re.compile(r"(?:单位|金额单位)\s*[：:]\s*(亿元|万元|千元|元)")
_NUMERIC = re.compile(r"^[-+−]?[\d,，.]+%?$")


def _is_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(text.replace(" ", "")))


def header_rows(table: Table) -> int:
    for i, row in enumerate(table.rows[:5]):
        texts = [c.text for c in row if c.text.strip()]
        if len(texts) <= 1 or all(UNIT.search(t) for t in texts):
            continue
        if sum(_is_numeric(t) for t in texts) <= len(texts) // 3:
            return i + 1
        return i
    return 1 if table.rows else 0


@annotator(12)
def mark_tables(doc: Document, config: dict[str, Any]) -> None:
    for block in doc.tables:
        table = block.table
        assert table is not None
        table.header_rows = header_rows(table)
        unit = None
        for row in table.rows[:4]:
            for cell in row:
                m = UNIT.search(cell.text)
                unit = unit or (m.group(1) if m else None)
        if unit is None and block.index > 0:
            above = doc.blocks[block.index - 1]
            m = UNIT.search(above.text) if above.kind != "table" else None
            unit = m.group(1) if m else None
        table.unit = unit
