"""HTML output: one self-contained page that shows each report with its findings in place.

The page is what a reviewer reads: the report's own text (headings, paragraphs, tables)
with every finding highlighted where it occurs, a side list filterable by severity and
category whose entries jump to the text, and the score with its breakdown on top. Several
reports get an overview table and a selector. Every piece of report text goes through
``html.escape``; the Content-Security-Policy admits only the page's own script (see
html_assets.py), so a report containing ``<script>`` is shown, never run.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from html import escape
from typing import Any

from auditor.engine import ReportResult
from auditor.model.document import Block, Document
from auditor.model.finding import SEVERITIES, SEVERITY_RANK, Finding
from auditor.report.html_assets import CSS, JS, script_hash
from auditor.report.labels import (
    category_name,
    kind_name,
    main_finding,
    score_formula,
    section_type_name,
    severity_name,
    spot_check_order,
    summary_line,
    ui,
)
from auditor.score import grade_label


def _e(text: object) -> str:
    return escape(str(text), quote=True)


@dataclass
class _Mark:
    """A finding as the page shows it: its anchor id and its character range."""

    id: str
    finding: Finding
    start: int
    end: int


class _Highlighter:
    """Wraps the findings' character ranges in ``<mark>`` across blocks and table cells."""

    def __init__(self, doc: Document, marks: list[_Mark], lang: str) -> None:
        self.doc = doc
        self.lang = lang
        size = len(doc.text)
        self.ranged = [m for m in marks if 0 <= m.start < m.end and m.start < size]
        self.points = [m for m in marks if 0 <= m.start == m.end <= size]
        self.anchored: set[str] = set()

    def render(self, start: int, end: int) -> str:
        """The escaped text of ``doc.text[start:end]`` with marks, pins and anchors."""
        inside = [m for m in self.ranged if m.start < end and m.end > start]
        pins = [m for m in self.points if start <= m.start <= end and m.id not in self.anchored]
        cuts = {start, end}
        cuts.update(x for m in inside for x in (m.start, m.end) if start < x < end)
        cuts.update(m.start for m in pins)
        bounds = sorted(cuts)
        out: list[str] = []
        for left, right in zip(bounds, bounds[1:] + [end], strict=True):
            for pin in pins:
                if pin.start == left and pin.id not in self.anchored:
                    out.append(self.pin(pin))
            if right <= left:
                continue
            covering = [m for m in inside if m.start <= left and m.end >= right]
            text = _e(self.doc.text[left:right])
            if not covering:
                out.append(text)
                continue
            for m in covering:
                if m.id not in self.anchored:
                    self.anchored.add(m.id)
                    out.append(f'<span class="anchor" id="{m.id}"></span>')
            worst = max(covering, key=lambda m: SEVERITY_RANK[m.finding.severity]).finding
            ids = " ".join(m.id for m in covering)
            title = " / ".join(m.finding.message.get(self.lang) for m in covering)
            out.append(f'<mark class="{worst.severity}" data-f="{ids}" title="{_e(title)}">'
                       f"{text}</mark>")
        return "".join(out)

    def pin(self, m: _Mark) -> str:
        self.anchored.add(m.id)
        label = severity_name(m.finding.severity).get(self.lang)
        return (f'<span class="pin {m.finding.severity}" id="{m.id}" data-f="{m.id}" '
                f'title="{_e(m.finding.message.get(self.lang))}">⚑ {_e(label)}</span>')

    def unplaced(self, marks: list[_Mark]) -> list[_Mark]:
        return [m for m in marks if m.id not in self.anchored]


def _block_html(doc: Document, block: Block, hl: _Highlighter, section_types: dict[int, str],
                title_blocks: set[int], lang: str) -> str:
    if block.table is not None:
        rows = []
        for r, row in enumerate(block.table.rows):
            tag = "th" if r < block.table.header_rows else "td"
            cells = "".join(f"<{tag}>{hl.render(c.start, c.end)}</{tag}>" for c in row)
            rows.append(f"<tr>{cells}</tr>")
        caption = f"<caption>{_e(block.table.unit)}</caption>" if block.table.unit else ""
        return f"<table>{caption}{''.join(rows)}</table>"
    body = hl.render(block.start, block.end)
    if block.index in title_blocks:
        return f'<h3 class="h doc-title">{body}</h3>'
    if block.kind == "heading":
        level = min(max(block.level or 1, 1), 3)
        tag = ""
        if block.index in section_types:
            tag = f'<span class="sec-tag">{_e(section_type_name(section_types[block.index]).get(lang))}</span>'
        return f'<h{level + 2} class="h h{level}">{body}{tag}</h{level + 2}>'
    return f"<p>{body}</p>"


def _band(score: float) -> str:
    return "band-a" if score >= 90 else "band-b" if score >= 80 else "band-c" if score >= 60 else "band-d"


def _head(result: ReportResult, lang: str) -> str:
    doc = result.document
    assert doc is not None
    meta = doc.metadata
    unknown = ui("unknown", lang)
    score = result.score
    if score:
        card = (f'<div class="score-card {_band(score["score"])}"><div class="value">{score["score"]:g}'
                f'</div><div class="grade">{_e(grade_label(score, lang))}</div>'
                f'<div class="label">{_e(ui("score", lang))}</div></div>')
    else:
        card = f'<div class="score-card none"><div class="label">{_e(ui("score", lang))}</div></div>'
    counts = Counter(f.severity for f in result.findings)
    badges = "".join(f'<span class="badge {s}">{_e(severity_name(s).get(lang))} {counts[s]}</span>'
                     for s in SEVERITIES)
    meta_html = (
        f'<div class="meta"><h2>{_e(meta.title or result.source)}</h2><dl>'
        f'<dt>{_e(ui("file", lang))}</dt><dd>{_e(result.source)}</dd>'
        f'<dt>{_e(ui("department", lang))}</dt><dd>{_e(meta.department or unknown)}</dd>'
        f'<dt>{_e(ui("year", lang))}</dt><dd>{_e(meta.fiscal_year or unknown)}</dd>'
        f'<dt>{_e(ui("kind", lang))}</dt><dd>{_e(kind_name(meta.kind).get(lang))}</dd>'
        f'</dl><div class="counts">{badges}</div></div>'
    )
    return f'<div class="card report-head">{card}{meta_html}{_chart(score, lang)}</div>'


def _chart(score: dict[str, Any] | None, lang: str) -> str:
    title = f"<h3>{_e(ui('breakdown', lang))}</h3>"
    deductions = (score or {}).get("deductions", {})
    if not deductions:
        return f'<div class="chart">{title}<div class="empty-chart">{_e(ui("no_findings", lang))}</div></div>'
    top = max(deductions.values()) or 1.0
    rows = []
    for category, points in sorted(deductions.items(), key=lambda kv: (-kv[1], kv[0])):
        width = round(100 * points / top, 1)
        rows.append(
            f'<div class="bar-row" title="{_e(category)}"><span>{_e(category_name(category).get(lang))}'
            f'</span><div class="track"><div class="fill" style="width:{width}%"></div></div>'
            f'<span class="pts">−{points:g}</span></div>')
    formula = f'<div class="formula">{_e(score_formula(score or {}, lang))}</div>'
    return f'<div class="chart">{title}{"".join(rows)}{formula}</div>'


def _side(marks: list[_Mark], lang: str) -> str:
    counts = Counter(m.finding.severity for m in marks)
    checks = "".join(
        f'<label><input type="checkbox" data-sev="{s}" checked> '
        f'<span class="badge {s}">{_e(severity_name(s).get(lang))}</span> {counts[s]}</label>'
        for s in SEVERITIES)
    categories = Counter(m.finding.category for m in marks)
    options = "".join(f'<option value="{_e(c)}">{_e(category_name(c).get(lang))} ({n})</option>'
                      for c, n in sorted(categories.items()))
    shown = "shown" if lang == "en" else "显示"
    filters = (
        f'<div class="filters"><div class="row">{_e(ui("severity", lang))}: {checks}</div>'
        f'<div class="row"><label>{_e(ui("category", lang))}: <select>'
        f'<option value="">{_e(ui("all", lang))} ({len(marks)})</option>{options}</select></label>'
        f'<span class="shown">{shown} <span class="shown-count">{len(marks)}</span></span></div></div>'
    )
    if not marks:
        return (f'<aside class="card side">{filters}'
                f'<div class="no-findings">{_e(ui("no_findings", lang))}</div></aside>')
    items = []
    for m in marks:
        f = m.finding
        items.append(
            f'<li class="finding {f.severity}" data-id="{m.id}" data-sev="{f.severity}" '
            f'data-cat="{_e(f.category)}"><a href="#{m.id}">'
            f'<span class="badge {f.severity}">{_e(severity_name(f.severity).get(lang))}</span> '
            f'<span class="badge cat">{_e(category_name(f.category).get(lang))}</span>'
            f'<div class="msg">{_e(f.message.get(lang))}</div>'
            f'<div class="where">{_e(f.location.describe().get(lang))} · {_e(f.rule_id)} · '
            f'{_e(ui("confidence", lang))} {f.confidence:.2f}</div>'
            f'<div class="more"><div><b>{_e(ui("evidence", lang))}</b>{_e(f.evidence)}</div>'
            f'<div><b>{_e(ui("explanation", lang))}</b>{_e(f.explanation.get(lang))}</div>'
            f'<div><b>{_e(ui("suggestion", lang))}</b>{_e(f.suggestion.get(lang))}</div></div>'
            f"</a></li>")
    return f'<aside class="card side">{filters}<ol class="findings">{"".join(items)}</ol></aside>'


def _report(index: int, result: ReportResult, lang: str) -> str:
    rid = f"r{index}"
    if result.document is None:
        message = result.error.get(lang) if result.error else ui("unreadable", lang)
        return (f'<article class="report" id="{rid}"><div class="card error-box">'
                f"<h2>{_e(result.source)}</h2><p>{_e(ui('error', lang))}: {_e(message)}</p>"
                f"</div></article>")
    doc = result.document
    marks = [_Mark(f"{rid}-f{n}", f, *_range(f, doc)) for n, f in enumerate(result.findings, 1)]
    hl = _Highlighter(doc, marks, lang)
    section_types = _section_tags(doc)
    title_blocks = set(doc.attrs.get("title_blocks", []))
    blocks = "".join(_block_html(doc, b, hl, section_types, title_blocks, lang) for b in doc.blocks)
    loose = hl.unplaced(marks)
    top = ""
    if loose:
        pins = "".join(f"<div>{hl.pin(m)} {_e(m.finding.message.get(lang))}</div>" for m in loose)
        top = f'<div class="doc-level"><b>{_e(ui("whole_document", lang))}</b>{pins}</div>'
    return (f'<article class="report" id="{rid}">{_head(result, lang)}{_read_notes(doc, lang)}'
            f'<div class="body"><div class="card doc">{top}{blocks}</div>{_side(marks, lang)}'
            f'</div></article>')


def _read_notes(doc: Document, lang: str) -> str:
    """What the reader could not read (scanned pages, embedded objects), above the text."""
    if not doc.notes:
        return ""
    items = "".join(f"<li>{_e(n.message.get(lang))} — {_e(n.action.get(lang))}</li>"
                    for n in doc.notes)
    return f'<div class="card read-notes"><b>{_e(ui("read_notes", lang))}</b><ul>{items}</ul></div>'



def _section_tags(doc: Document) -> dict[int, str]:
    """Heading index -> section type, only where the type changes (a tag per part, not per
    sub-heading that repeats its parent's type)."""
    tags: dict[int, str] = {}
    previous = None
    for section in sorted(doc.sections, key=lambda s: s.first):
        if section.heading is not None and section.type != previous:
            tags[section.heading] = section.type
            previous = section.type
    return tags


def _range(f: Finding, doc: Document) -> tuple[int, int]:
    """The finding's range in ``doc.text``; a finding without one belongs to the whole text."""
    if f.start is None:
        return -1, -1
    end = f.end if f.end is not None else f.start
    return f.start, max(end, f.start)


def _overview(results: list[ReportResult], lang: str) -> str:
    """One row a report; a batch's rows in spot-check order, with the order, the random
    sample and the finding that put each report where it is."""
    ranked = any(r.risk_rank for r in results)
    lead = [ui("risk_rank", lang), ui("sampled", lang)] if ranked else []
    names = [*lead, ui("file", lang), ui("department", lang), ui("year", lang),
             ui("score", lang), ui("grade", lang), *(severity_name(s).get(lang) for s in SEVERITIES),
             *([ui("main_finding", lang)] if ranked else [])]
    numeric = {len(lead) + k for k in range(3, 5 + len(SEVERITIES))}
    head = "".join(f"<th{' class=num' if i in numeric else ''}>{_e(h)}</th>"
                   for i, h in enumerate(names))
    index = {id(r): i for i, r in enumerate(results)}
    rows = []
    for r in spot_check_order(results):
        i = index[id(r)]
        first = (f'<td class="num">{_e(r.risk_rank or "")}</td>'
                 f'<td>{_e(ui("yes", lang) if r.sampled else "")}</td>') if ranked else ""
        link = f'<a class="open-report" href="#r{i}" data-report="r{i}">{_e(r.source)}</a>'
        if r.document is not None and r.document.notes:  # audited only in part
            notes = "；".join(n.message.get(lang) for n in r.document.notes)
            link += (f' <span class="unread" title="{_e(notes)}">'
                     f'{_e(ui("read_notes", lang))}</span>')
        if r.document is None:
            message = r.error.get(lang) if r.error else ui("unreadable", lang)
            rows.append(f'<tr class="failed">{first}<td>{link}</td>'
                        f'<td colspan="{len(names) - len(lead) - 1}">{_e(ui("error", lang))}: '
                        f"{_e(message)}</td></tr>")
            continue
        meta = r.document.metadata
        counts = Counter(f.severity for f in r.findings)
        score = r.score or {}
        rows.append(
            f"<tr>{first}<td>{link}</td><td>{_e(meta.department or '')}</td>"
            f"<td>{_e(meta.fiscal_year or '')}</td>"
            f'<td class="num">{_e(score.get("score", ""))}</td>'
            f'<td class="num">{_e(grade_label(score, lang) if score else "")}</td>'
            + "".join(f'<td class="num">{counts[s]}</td>' for s in SEVERITIES)
            + (f"<td>{_e(main_finding(r, lang))}</td>" if ranked else "") + "</tr>")
    return (f'<section class="card overview"><h2>{_e(ui("overview", lang))}</h2>'
            f'<table class="grid"><tr>{head}</tr>{"".join(rows)}</table></section>')


def _picker(results: list[ReportResult], lang: str) -> str:
    options = []
    for i, r in enumerate(results):
        score = f" · {r.score['score']:g}" if r.score else f" · {ui('error', lang)}"
        name = r.document.metadata.title if r.document and r.document.metadata.title else r.source
        options.append(f'<option value="r{i}">{_e(name + score)}</option>')
    return (f'<div class="picker"><label>{_e(ui("report", lang))}: '
            f'<select id="report-select">{"".join(options)}</select></label></div>')


def render(results: list[ReportResult], lang: str = "zh", **_: Any) -> str:
    total = sum(len(r.findings) for r in results)
    failed = sum(1 for r in results if r.error)
    several = len(results) > 1
    csp = f"default-src 'none'; style-src 'unsafe-inline'; script-src {script_hash()}; img-src data:"
    title = ui("title", lang)
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{"en" if lang == "en" else "zh-CN"}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f'<header class="top"><h1>{_e(title)}</h1>'
        f'<div class="summary">{_e(summary_line(len(results), total, failed, lang))}</div>'
        f'{_picker(results, lang) if several else ""}</header><main>',
        _overview(results, lang) if several else "",
        *(_report(i, r, lang) for i, r in enumerate(results)),
        f"</main><script>{JS}</script></body></html>",
    ]
    return "\n".join(parts) + "\n"
