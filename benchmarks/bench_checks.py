"""Cost of the checks per 20,000-character report, one function per rule group.

Each ``bench_<group>`` times a group's own work on documents already annotated by the
rest of the pipeline: the annotators the group owns (re-run, as they would be once) plus
its rules through ``run_checks``. Inputs: the synthetic 20,000-character report of
bench_read.py, and the seed reports of ../shared/seeds joined and cut to 20,000 characters
(read at run time, never stored). Median of 20 runs after a warm-up, as wall-clock and as
process CPU time (the steadier number when other jobs share the machine).

Run: ``python benchmarks/bench_checks.py``; record the table in docs/benchmarks.md
("Number checks" and the other check sections).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from auditor.annotate import annotate
from auditor.annotate.amount_groups import find_amount_groups
from auditor.annotate.dates import mark_dates
from auditor.annotate.indicators import annotate_indicators
from auditor.annotate.quantities import find_quantities
from auditor.check import run_checks
from auditor.model.document import Document
from auditor.read import read_text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_read import SEEDS, synthetic_report  # noqa: E402

CHARS = 20_000
REPEAT = 20
AMOUNT_RULES = ["amount.sum_mismatch", "amount.table_total", "amount.text_table",
                "amount.rate_mismatch"]


def median_ms(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) median milliseconds; CPU time is the steadier figure on a shared machine."""
    fn()
    wall, cpu = [], []
    for _ in range(REPEAT):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return statistics.median(wall), statistics.median(cpu)


def bench_amounts(doc: Document) -> tuple[float, float]:
    """Number checks: quantities and amount lists annotators, then the four money rules."""

    def run() -> None:
        find_quantities(doc, {})
        find_amount_groups(doc, {})
        run_checks([doc], {}, AMOUNT_RULES)

    return median_ms(run)


SCORE_RULES = ["score.sum_mismatch", "score.grade_mismatch", "score.unearned", "score.inflated",
               "indicator.missing_value", "indicator.unquantified"]
YEAR_RULES = ["year.title_body", "year.notice", "year.future_date", "year.five_year_plan",
              "year.table_column"]
CLAIM_RULES = ["structure.missing_conclusion", "claim.satisfaction_unsupported",
               "claim.score_without_table", "claim.contradiction"]


def bench_scores(doc: Document) -> tuple[float, float]:
    """Indicator and score tables annotator, then the score and indicator rules."""

    def run() -> None:
        annotate_indicators(doc, {})
        run_checks([doc], {}, SCORE_RULES)

    return median_ms(run)


def bench_years(doc: Document) -> tuple[float, float]:
    """Dates annotator, then the year rules."""

    def run() -> None:
        mark_dates(doc, {})
        run_checks([doc], {}, YEAR_RULES)

    return median_ms(run)


def bench_claims(doc: Document) -> tuple[float, float]:
    """The conclusion and claim rules (they read layers built by the groups above)."""
    return median_ms(lambda: run_checks([doc], {}, CLAIM_RULES))


GROUPS: dict[str, Callable[[Document], tuple[float, float]]] = {
    "amounts": bench_amounts, "scores": bench_scores, "years": bench_years,
    "claims": bench_claims,
}


def seeds_report(chars: int = CHARS) -> str | None:
    files = sorted(SEEDS.glob("*.txt"))
    if not files:
        return None
    return "\n".join(f.read_text(encoding="utf-8") for f in files)[:chars]


def main() -> None:
    inputs = {"synthetic 20,000-char report": synthetic_report(CHARS)}
    seeds = seeds_report()
    if seeds is not None:
        inputs["seeds joined, 20,000 chars"] = seeds
    print(f"{'input':32} {'group':10} {'wall ms':>8} {'cpu ms':>7}")
    for name, text in inputs.items():
        doc = annotate(read_text(text, name))
        total_wall = total_cpu = 0.0
        for group, bench in GROUPS.items():
            wall, cpu = bench(doc)
            total_wall += wall
            total_cpu += cpu
            print(f"{name:32} {group:10} {wall:8.1f} {cpu:7.1f}")
        print(f"{name:32} {'all':10} {total_wall:8.1f} {total_cpu:7.1f}")


if __name__ == "__main__":
    main()
