"""The money checks on the real reports, and the computation every money finding shows."""

from __future__ import annotations

from decimal import Decimal

from auditor.annotate.numbers import Figure, parse_number
from auditor.check import run_checks
from auditor.check.table_grid import grids
from tests.conftest import doc_from_text, requires_shared, seed_files

SUM_RULES = ["amount.sum_mismatch", "amount.table_total", "amount.text_table"]


@requires_shared
def test_seed_sums_reconcile_and_raise_nothing() -> None:
    """Every total in the five reports adds up (checked by hand), including table rows given
    to 5–6 decimals against totals given to 2; the checks must have run and stayed quiet."""
    lists = totals = 0
    for path in seed_files():
        doc = doc_from_text(path.read_text(encoding="utf-8"), path.name)
        findings = run_checks([doc], {}, SUM_RULES)[0]
        assert findings == [], (path.name, [f.message.zh for f in findings])
        lists += sum(1 for g in doc.spans["amount_groups"] if g.attrs["valid"])
        for block in doc.tables:
            for grid in grids(doc, block):
                money = [c for c, col in enumerate(grid.region.columns) if col.money]
                totals += sum(1 for row in grid.rows if row.total
                              for c in money if isinstance(row.value(c), Figure))
    assert lists > 0 and totals > 0


@requires_shared
def test_seed_rates_only_flag_real_differences() -> None:
    """A rate finding on a real report must be a real gap, never a rounding artefact."""
    for path in seed_files():
        doc = doc_from_text(path.read_text(encoding="utf-8"), path.name)
        for finding in run_checks([doc], {}, ["amount.rate_mismatch"])[0]:
            assert abs(Decimal(finding.data["difference"])) >= 1, finding.explanation.zh


def test_sum_finding_lists_every_addend() -> None:
    doc = doc_from_text("二、收支\n2024年单位支出预算为919.60万元，其中基本支出822.21万元，"
                        "包括人员经费713.94万元和日常公用经费90.27万元；项目支出97.39万元。\n")
    [finding] = run_checks([doc], {}, ["amount.sum_mismatch"])[0]
    assert finding.data["total"] == {"label": "基本支出", "value": "822.21"}
    assert finding.data["parts"] == [{"label": "人员经费", "value": "713.94"},
                                     {"label": "日常公用经费", "value": "90.27"}]
    assert (finding.data["sum"], finding.data["difference"]) == ("804.21", "18.00")
    for text in ("人员经费 713.94", "日常公用经费 90.27", "804.21", "822.21"):
        assert text in finding.explanation.zh
    assert "804.21" in finding.message.en


def test_rate_finding_shows_its_formula() -> None:
    doc = doc_from_text("二、预算执行\n2024年全年预算数500.00万元，实际支出480.00万元，预算执行率98%。\n")
    [finding] = run_checks([doc], {}, ["amount.rate_mismatch"])[0]
    assert finding.data["computed"] == "96.00%" and finding.data["stated"] == "98%"
    assert "480.00 ÷" in finding.data["formula"] and "500.00" in finding.data["formula"]


def _raise(text: str) -> str:
    """A figure as written, increased well beyond rounding, same number of decimals."""
    fig = parse_number(text)
    assert fig is not None
    bigger = fig.value * Decimal("1.1") + 10
    return format(bigger.quantize(Decimal(1).scaleb(-max(fig.decimals, 0))), "f")


def _mutated(source: str, line: int, old: str, occurrence: int) -> str:
    lines = source.split("\n")
    pieces = lines[line - 1].split(old)
    assert len(pieces) > occurrence + 1, (line, old)
    lines[line - 1] = old.join(pieces[: occurrence + 1]) + _raise(old) + old.join(
        pieces[occurrence + 1:])
    return "\n".join(lines)


@requires_shared
def test_raised_part_of_a_seed_sum_is_caught() -> None:
    """Raise one part of every sentence sum and every table total of the real reports:
    each such defect must be reported (the generic form of the generator's injections)."""
    cases = 0
    for path in seed_files():
        source = path.read_text(encoding="utf-8")
        doc = doc_from_text(source, path.name)
        targets: list[tuple[int, str, int]] = []
        for group in doc.spans["amount_groups"]:
            if not group.attrs["valid"]:
                continue
            part = max(group.attrs["parts"], key=lambda p: p.attrs["value"])
            block = doc.block_at(part.start)
            figure = str(part.attrs["figure"])
            before = block.text[: part.start - block.start]
            targets.append((doc.location_at(part.start).line, figure, before.count(figure)))
        for block in doc.tables:
            for grid in grids(doc, block):
                for row in grid.rows:
                    for c, col in enumerate(grid.region.columns):
                        if row.total and col.money and isinstance(row.value(c), Figure):
                            cell = row.cells[c]
                            targets.append((cell.loc.line, cell.text.strip(), 0))
        for line, figure, occurrence in targets:
            mutated = doc_from_text(_mutated(source, line, figure, occurrence), path.name)
            findings = run_checks([mutated], {}, SUM_RULES)[0]
            assert findings, (path.name, line, figure)
            cases += 1
    assert cases > 0
