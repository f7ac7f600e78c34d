"""A synthetic report as keyed parts, written out in the seeds' .txt convention.

Paragraph parts are one line; a table part writes each cell as a line starting with a tab
and separates rows (and the table's end) with a blank line. Parts keep their key, so a
defect can find "the income sentence" or "row 3 of the indicator table" and say on which
line of the written file it put the defect.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from corpora.generator.facts import Facts


@dataclass
class Part:
    key: str
    text: str = ""
    rows: list[list[str]] | None = None


@dataclass
class Report:
    facts: Facts
    parts: list[Part] = field(default_factory=list)

    @property
    def year(self) -> int:
        return self.facts.year

    @property
    def today(self) -> date:
        """The audit date the report is meant for: the end of the year it was written."""
        return date(self.facts.year + 1, 12, 31)

    def audit_config(self) -> dict[str, Any]:
        return {"rule": {"year.future_date": {"today": self.today.isoformat()}}}

    def text(self) -> str:
        return "\n".join(self._lines()) + "\n"

    def _lines(self) -> list[str]:
        out: list[str] = []
        for part in self.parts:
            if part.rows is None:
                out.append(part.text)
                continue
            for row in part.rows:
                out.extend(f"\t{cell}" for cell in row)
                out.append("")
        return out

    def part(self, key: str) -> Part:
        return next(p for p in self.parts if p.key == key)

    def index(self, key: str) -> int:
        return next(i for i, p in enumerate(self.parts) if p.key == key)

    def lines(self, key: str, row: int | None = None, col: int | None = None) -> set[int]:
        """1-based file lines of a part, of one table row, or of one cell."""
        line = 1
        for part in self.parts:
            if part.rows is None:
                if part.key == key:
                    return {line}
                line += 1
                continue
            found: set[int] = set()
            for r, cells in enumerate(part.rows):
                for c in range(len(cells)):
                    if part.key == key and (row is None or row == r) and (col is None or col == c):
                        found.add(line)
                    line += 1
                line += 1
            if part.key == key:
                return found
        raise KeyError(key)

    def snapshot(self) -> tuple[Facts, list[Part]]:
        return copy.deepcopy(self.facts), copy.deepcopy(self.parts)

    def restore(self, state: tuple[Facts, list[Part]]) -> None:
        facts, parts = state
        self.facts, self.parts = copy.deepcopy(facts), copy.deepcopy(parts)
