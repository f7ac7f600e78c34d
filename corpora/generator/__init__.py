"""Synthetic self-evaluation reports with defects injected at known places.

``generate(seed, kind)`` writes a realistic report whose figures all reconcile;
``inject(report, name)`` puts one defect of ``DEFECTS`` into it and says where, and the
returned ``Injection.repair()`` takes it out again. Tests use this to show that every
injected defect is found at its place and that a clean report raises nothing; the batch
benchmark writes many reports with ``python -m corpora.generator --out DIR --n 200``.

It lives in ``corpora/`` (project-written data and the code that makes it), not in the
installed ``auditor`` package: users auditing reports never need it, while tests and
benchmarks run from the repository, where ``corpora`` is importable.
"""

from __future__ import annotations

from pathlib import Path

from corpora.generator.defects import DEFECTS, Defect, Expected, Injection, inject
from corpora.generator.facts import make_facts
from corpora.generator.render import build
from corpora.generator.report import Report

__all__ = ["DEFECTS", "Defect", "Expected", "Injection", "Report", "generate", "inject",
           "write_corpus"]


def generate(seed: int, kind: str | None = None) -> Report:
    """A clean report, the same for the same seed and kind."""
    return build(make_facts(seed, kind))


def write_corpus(out: Path, n: int, seed: int = 1) -> list[Path]:
    """Write ``n`` clean reports to ``out`` as UTF-8 .txt files; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for i in range(n):
        report = generate(seed * 100_003 + i)
        f = report.facts
        path = out / f"{i:04d}_{f.year}_{f.department}_{f.kind}.txt"
        path.write_text(report.text(), encoding="utf-8")
        paths.append(path)
    return paths
