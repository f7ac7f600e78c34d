"""Grade words, grade bands and the thresholds a report states for itself.

Reports use two vocabularies for the same four ranks (优/良/中/差 of the Ministry of Finance,
优秀/良好/一般/较差 of many districts), so grades are compared by rank. A report that states
its thresholds (得分≥85分为优秀；75≤得分＜85分为良好…) is judged by them; otherwise the
bureau's configured scheme from rules/grades.toml applies.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from auditor.config import ConfigError, default_file, merge
from auditor.model.l10n import L10n

RANKS: dict[str, int] = {"优秀": 1, "优": 1, "良好": 2, "良": 2, "中等": 3, "中": 3, "一般": 3,
                         "合格": 3, "较差": 4, "差": 4, "不合格": 4}
GRADE_WORD = r"不合格|优秀|良好|中等|一般|合格|较差|优|良|中|差"
_GRADE_IN_CLAUSE = re.compile(rf"为[“\"]?({GRADE_WORD})|[（(]?({GRADE_WORD})[”\"]?[（(：:]")
_BOUND = re.compile(r"(\d+(?:\.\d+)?)\s*分?")


@dataclass(frozen=True)
class Band:
    grade: str
    minimum: Decimal


@dataclass(frozen=True)
class Scheme:
    """Bands from the highest minimum down; ``source`` says where they were defined."""

    name: str
    bands: tuple[Band, ...]
    source: str
    start: int | None = None
    end: int | None = None

    def grade_for(self, score: Decimal) -> Band:
        for band in self.bands:
            if score >= band.minimum:
                return band
        return self.bands[-1]

    def describe(self) -> str:
        """优秀≥85；良好75–85；一般60–75；较差<60."""
        parts = []
        for upper, band in zip((None, *self.bands), self.bands, strict=False):
            if upper is None:
                parts.append(f"{band.grade}≥{band.minimum}")
            elif band.minimum == 0:
                parts.append(f"{band.grade}<{upper.minimum}")
            else:
                parts.append(f"{band.grade}{band.minimum}–{upper.minimum}")
        return "；".join(parts)


def rank(grade: str) -> int | None:
    return RANKS.get(grade)


@cache
def _shipped() -> dict[str, Any]:
    return tomllib.loads(default_file("grades.toml"))


def configured_scheme(config: dict[str, Any]) -> Scheme:
    """The scheme named by ``[grades] scheme`` (auditor.toml), from rules/grades.toml."""
    settings = merge(_shipped(), config.get("grades", {}))
    name = settings.get("scheme", "mof")
    schemes = settings.get("schemes", {})
    if name not in schemes:
        raise ConfigError(L10n(
            f"未知的等级方案“{name}”（[grades] scheme），可选：{'、'.join(sorted(schemes))}",
            f"Unknown grade scheme “{name}” ([grades] scheme); choose one of "
            f"{', '.join(sorted(schemes))}"))
    try:
        bands = tuple(Band(str(b["grade"]), Decimal(str(b["min"])))
                      for b in schemes[name]["bands"])
        if not bands or any(not 0 <= b.minimum <= 100 for b in bands):
            raise ValueError
    except (KeyError, TypeError, ValueError, ArithmeticError):
        raise ConfigError(L10n(
            f"等级方案“{name}”格式错误：每个等级需写成 {{ grade = \"优秀\", min = 85 }}，"
            "min 在0到100之间",
            f"Grade scheme “{name}” is malformed: write each band as "
            f"{{ grade = \"优秀\", min = 85 }} with min between 0 and 100")) from None
    ordered = tuple(sorted(bands, key=lambda b: b.minimum, reverse=True))
    return Scheme(name, ordered, str(schemes[name].get("label", name)))


def _clause_minimum(clause: str, grade_start: int, grade_end: int) -> Decimal | None:
    """Lower bound of the band a clause such as 75≤得分＜85分为良好 or 优（90-100分） states."""
    before = re.split(r"[：:]", clause[:grade_start])[-1]
    text = before if _BOUND.search(before) else clause[grade_end:]
    text = text.replace("＜", "<").replace("≤", "<=").replace("≥", ">=").replace("＞", ">")
    m = _BOUND.search(text)
    if m is None:
        return None
    first = Decimal(m.group(1))
    lead, rest = text[: m.start()], text[m.start() :]
    if re.search(r">=|>|不低于|达到", lead) or re.match(r"[\d.]+\s*分?\s*(?:<=|（含）|\(含\))", rest):
        return first
    if "以上" in text or re.search(r"[\d.]+\s*分?\s*[-－–—~～至到]\s*\d", text):
        return first
    if re.search(r"<|以下|低于|不足|不到", text):
        return Decimal(0)
    return None


def _band(clause: str) -> Band | None:
    """The band a clause defines (75≤得分＜85分为良好 → 良好 from 75), if it defines one."""
    m = _GRADE_IN_CLAUSE.search(clause)
    minimum = _clause_minimum(clause, m.start(), m.end()) if m else None
    return Band(m.group(1) or m.group(2), minimum) if m and minimum is not None else None


def threshold_clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of each clause that defines a band (75≤得分＜85分为良好), not one that
    awards it: the grade words in a threshold list are not the report's grade. In 评价等级为优
    （90分及以上为优，… only the bracket defines a band; the grade before it is awarded."""
    out = []
    for clause in re.finditer(r"[^；;，,、。]+", text):
        body = clause.group(0)
        if _band(body) is None:
            continue
        cut = min((body.find(b) for b in "（(" if b in body), default=-1)
        if cut > 0 and _band(body[cut:]) is not None and _band(body[:cut]) is None:
            out.append((clause.start() + cut, clause.end()))
        else:
            out.append(clause.span())
    return out


def stated_scheme(sentence: str, offset: int) -> Scheme | None:
    """Thresholds stated in one sentence, when at least three grades get a lower bound."""
    bands: dict[int, Band] = {}
    for start, end in threshold_clauses(sentence):
        band = _band(sentence[start:end])
        if band is not None and RANKS[band.grade] not in bands:
            bands[RANKS[band.grade]] = band
    if len(bands) < 3:
        return None
    ordered = tuple(bands[r] for r in sorted(bands))
    if any(a.minimum <= b.minimum for a, b in zip(ordered, ordered[1:], strict=False)):
        return None
    return Scheme("stated", ordered, "report", offset, offset + len(sentence))
