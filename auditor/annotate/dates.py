"""Years and dates: the ``dates`` span layer that the year checks read.

A report names many years and only some of them must equal its fiscal year, so each
mention is labelled with what it is:

- ``date``: 2025年3月5日 or 2025年3月 (``year``, ``month``, ``day``);
- ``range``: 2021—2025年 (``first``, ``last``), a span of years, never a mismatch by itself;
- ``doc_number``: 鹿发〔2019〕8号 (``year`` it was issued, ``issuer``, ``number``);
- ``document``: a 《…》 title that contains a year (``year``, ``title``, ``notice`` when it
  is a 通知, ``evaluation`` when it is about performance evaluation work, ``issued`` from a
  document number right after it);
- ``plan``: a 十四五-style five-year plan (``plan``, ``first``, ``last`` year);
- ``year``: any other year (``year``, ``annual`` for 年度, ``cell``/``header`` in tables).

The report's own year is ``doc.attrs["report_year"]``: the title's year unless the body
plainly speaks of another one (then the title is the mistake and every other comparison
should use the body's year); ``doc.attrs["body_year"]`` is the body's dominant year.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from auditor.annotate.registry import annotator
from auditor.model.document import Document, Span

_Y = r"((?:19|20)\d{2})"
# 鹿发〔2019〕8号 is found from its bracket: a pattern that starts with the issuer's
# characters would be tried at every Chinese character of the report (most of its cost).
_DOC_NUMBER_CORE = re.compile(
    rf"[〔﹝［\[【(（]\s*{_Y}\s*[〕﹞］\]】)）]\s*第?\s*(\d{{1,4}})\s*号"
)
_ISSUER = re.compile(r"[\u4e00-\u9fa5]*$")
_ISSUER_MAX = 10


def doc_numbers(text: str) -> Iterator[tuple[int, int, str, int, int]]:
    """(start, end, issuer, year, number) of every document number, left to right.

    The issuer is the run of up to ten Chinese characters before the bracket (blanks
    between them allowed), never reaching back into the previous number.
    """
    previous = 0
    for m in _DOC_NUMBER_CORE.finditer(text):
        j = m.start()
        while j > previous and text[j - 1].isspace():
            j -= 1
        issuer = _ISSUER.search(text, max(previous, j - _ISSUER_MAX), j)
        name = issuer.group(0) if issuer else ""
        yield j - len(name), m.end(), name, int(m.group(1)), int(m.group(2))
        previous = m.end()


FULL_DATE = re.compile(rf"(?<!\d){_Y}\s*年\s*(\d{{1,2}})\s*月(?:\s*(\d{{1,2}})\s*[日号])?")
YEAR_RANGE = re.compile(rf"(?<!\d){_Y}\s*年?\s*(?:[-—–~～]+|至|到)\s*{_Y}\s*年")
YEAR = re.compile(rf"(?<!\d){_Y}\s*年(度)?")
BOOK = re.compile(r"《([^《》\n]{2,120})》")
PLAN = re.compile(r"十([一二三四五六七八九])五")
_CN = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
EVALUATION = re.compile(r"绩效.{0,6}(?:自评|评价)|自评|评价工作")

# A body year must be this dominant before it overrides the title's year.
_BODY_MIN = 3
_BODY_SHARE = 0.6


def plan_years(ordinal: int) -> tuple[int, int]:
    """First and last year of the n-th five-year plan (regular since the 6th, 1981–1985)."""
    start = 1981 + 5 * (ordinal - 6)
    return start, start + 4


def _inside(pos: int, taken: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in taken)


def _header_offsets(doc: Document) -> tuple[set[int], list[tuple[int, int]]]:
    """Starts of header cells, and the (start, end) of every table block."""
    starts: set[int] = set()
    tables: list[tuple[int, int]] = []
    for block in doc.tables:
        assert block.table is not None
        tables.append((block.start, block.end))
        for row in block.table.header:
            starts.update(c.start for c in row)
    return starts, tables


def _cell_start(doc: Document, offset: int) -> int | None:
    block = doc.block_at(offset)
    if block.table is None:
        return None
    for row in block.table.rows:
        for cell in row:
            if cell.start <= offset <= cell.end:
                return cell.start
    return None


def find_dates(doc: Document) -> list[Span]:
    text = doc.text
    out: list[Span] = []
    taken: list[tuple[int, int]] = []
    numbers: dict[int, Span] = {}
    for start, end, issuer, year, number in doc_numbers(text):
        span = doc.span(start, end, "doc_number", year=year, issuer=issuer, number=number)
        out.append(span)
        numbers[start] = span
        taken.append((start, end))
    number_places = list(taken)
    titles: list[tuple[int, int]] = []
    for m in BOOK.finditer(text):
        title = m.group(1)
        years = [int(g[0]) for g in YEAR.findall(title)]
        if not years:
            continue
        issued = next((n.attrs["year"] for start, n in numbers.items()
                       if m.end() <= start <= m.end() + 3), None)
        out.append(doc.span(m.start(), m.end(), "document", year=years[0], title=title,
                            notice=title.endswith("通知"),
                            evaluation=bool(EVALUATION.search(title)), issued=issued))
        taken.append((m.start(), m.end()))
        titles.append((m.start(), m.end()))
    for m in YEAR_RANGE.finditer(text):
        # a plan's years inside its title are still its years (《…“十五五”…规划（2021—2025年）》)
        if _inside(m.start(), number_places) or (
                _inside(m.start(), titles) and not PLAN.search(text, max(0, m.start() - 30),
                                                                    m.start())):
            continue
        out.append(doc.span(m.start(), m.end(), "range", first=int(m.group(1)),
                            last=int(m.group(2))))
        taken.append((m.start(), m.end()))
    for m in FULL_DATE.finditer(text):
        if _inside(m.start(), taken) or not 1 <= int(m.group(2)) <= 12:
            continue
        day = int(m.group(3)) if m.group(3) else None
        out.append(doc.span(m.start(), m.end(), "date", year=int(m.group(1)),
                            month=int(m.group(2)), day=day))
        taken.append((m.start(), m.end()))
    headers, tables = _header_offsets(doc)
    for m in YEAR.finditer(text):
        if _inside(m.start(), taken):
            continue
        in_table = _inside(m.start(), tables)
        cell = _cell_start(doc, m.start()) if in_table else None
        out.append(doc.span(m.start(), m.end(), "year", year=int(m.group(1)),
                            annual=bool(m.group(2)), cell=in_table,
                            header=cell is not None and cell in headers))
    for m in PLAN.finditer(text):
        ordinal = 10 + _CN[m.group(1)]
        start, end = plan_years(ordinal)
        out.append(doc.span(m.start(), m.end(), "plan", plan=m.group(0), first=start, last=end))
    out.sort(key=lambda s: s.start)
    return out


def _report_year(doc: Document, spans: list[Span]) -> tuple[int | None, int | None]:
    """(body year, report year): the body's dominant year, and the year to judge against."""
    title_blocks = set(doc.attrs.get("title_blocks", []))
    counts = Counter(s.attrs["year"] for s in spans
                     if s.label == "year" and s.block not in title_blocks and not s.attrs["cell"])
    body_year = None
    if counts:
        year, n = counts.most_common(1)[0]
        if n >= _BODY_MIN and n >= _BODY_SHARE * sum(counts.values()):
            body_year = year
    title_year = doc.metadata.fiscal_year if doc.attrs.get("title_has_year") else None
    if title_year is None:
        return body_year, doc.metadata.fiscal_year
    # the title's year may appear only in a full date (截至2025年12月31日) or in the cited
    # notice's title; either shows the body is about it
    mentioned = {s.attrs.get("year") for s in spans if s.block not in title_blocks}
    if body_year is not None and body_year != title_year and title_year not in mentioned:
        return body_year, body_year
    return body_year, title_year


@annotator(55)
def mark_dates(doc: Document, config: dict[str, Any]) -> None:
    spans = find_dates(doc)
    doc.spans["dates"] = spans
    body_year, report_year = _report_year(doc, spans)
    doc.attrs["body_year"] = body_year
    doc.attrs["report_year"] = report_year
