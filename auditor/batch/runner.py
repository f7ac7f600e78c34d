"""``auditor batch``: audit a folder of reports in parallel, resumably, into the store.

1. Hash every file. A file whose sha256 was audited before under the same ruleset
   fingerprint (fingerprint.py) is *cached*: its own findings come from the store.
2. The other files are read, annotated and checked by the per-document rules in worker
   processes; the parent commits each report as it arrives, so an interrupted batch
   resumes where it stopped. Unreadable files are listed, never cached (a fix on the
   user's side, such as installing LibreOffice for .doc, must take effect on the rerun).
3. Cross-report rules (``BatchRule``) need every document of the batch, cached ones too:
   those are rebuilt from their stored reader snapshot and annotated again in the workers.
   Their findings depend on the batch, so they are stored per run.
4. Every readable report is scored (auditor.score) on all its findings, ranked by risk,
   and optionally sampled (spotcheck.py); the store keeps score, rank and sample per run.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from auditor import __version__
from auditor.batch.fingerprint import ruleset_fingerprint
from auditor.batch.pool import parallel
from auditor.batch.progress import Reporter
from auditor.batch.scan import file_sha256
from auditor.batch.spotcheck import rank, sample_size, stratified_sample
from auditor.batch.worker import Outcome, Task, audit_file, restore_file
from auditor.check import active_rules, run_checks
from auditor.check.registry import BatchRule
from auditor.config import config_hash
from auditor.engine import ReportResult
from auditor.model.document import Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n
from auditor.score import score_report
from auditor.store import Store

NO_OPEN = L10n("无法打开文件（权限或文件已被移走）；请检查该文件",
               "cannot open the file (permissions, or it was moved); check the file")


@dataclass
class BatchOptions:
    """How to run a batch. ``keep_documents``: the results carry annotated documents (for
    xlsx/html); ``on_file(path, status)`` is called after each file is stored (tests use it
    to interrupt a batch at a known point)."""

    workers: int = 1
    only: list[str] | None = None
    keep_documents: bool = False
    sample: tuple[float | None, int | None] | None = None
    seed: int = 0
    lang: str = "zh"
    progress: TextIO | None = None
    bar: bool | None = None
    on_file: Callable[[str, str], None] | None = None


@dataclass
class BatchSummary:
    """``ranked``/``sample``: score rows of readable reports; ``errors``: files not audited;
    ``results``: every file as a ReportResult for the renderers, in path order."""

    run_id: int
    db: str
    ranked: list[dict[str, Any]]
    sample: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    results: list[ReportResult]
    statuses: dict[str, str] = field(default_factory=dict)
    # files with the same content (a report handed in twice, under two names), in path order
    identical: list[list[str]] = field(default_factory=list)
    # audited files with content the reader could not read (scanned pages, embedded objects)
    read_notes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _note(outcome: Outcome | None, error: L10n | None, lang: str, counted: bool = True) -> str:
    if error is not None:
        return error.get(lang)
    assert outcome is not None
    if outcome.result.error is not None:
        return outcome.result.error.get(lang)
    if not counted:
        return "ok"
    n = len(outcome.result.findings)
    return f"{n} finding(s)" if lang == "en" else f"{n} 条发现"


def _sort_key(f: Finding) -> tuple[int, int, str]:
    return (f.start if f.start is not None else -1, -f.rank, f.rule_id)


class _Run:
    """The state of one batch run; the methods are its phases, in order."""

    def __init__(self, files: list[Path], root: Path, store: Store, config: dict[str, Any],
                 opts: BatchOptions) -> None:
        self.files = [str(p) for p in files]
        self.store = store
        self.config = config
        self.opts = opts
        rules = active_rules(config, opts.only)
        self.doc_rules = [r.id for r in rules if not isinstance(r, BatchRule)]
        self.batch_rules = [r.id for r in rules if isinstance(r, BatchRule)]
        self.need_docs = bool(self.batch_rules) or opts.keep_documents
        # only what the cross-report rules read, unless the outputs show whole documents
        self.keep_layers: tuple[str, ...] | None = None if opts.keep_documents else tuple(
            sorted({layer for r in rules if isinstance(r, BatchRule) for layer in r.layers}))
        self.fingerprint = ruleset_fingerprint(config, self.doc_rules + self.batch_rules)
        self.run_id = store.start_run(str(root), __version__, self.fingerprint,
                                      config_hash(config), self.doc_rules + self.batch_rules,
                                      opts.workers)
        self.sha: dict[str, str | None] = {}
        self.report_of: dict[str, int] = {}
        self.status: dict[str, str] = {}
        self.errors: dict[str, tuple[L10n, str | None]] = {}
        self.docs: dict[str, Document] = {}
        # reports audited before whose document could not be rebuilt (file gone, reader bug)
        self.lost: dict[str, tuple[L10n, str | None]] = {}

    def _record(self, path: str, status: str, report_id: int | None = None,
                error: L10n | None = None, code: str | None = None) -> None:
        self.status[path] = status
        if report_id is not None:
            self.report_of[path] = report_id
        if error is not None:
            self.errors[path] = (error, code)
        self.store.save_file(self.run_id, path, self.sha.get(path), report_id, status, error, code)
        if self.opts.on_file is not None:
            self.opts.on_file(path, status)

    def audit(self) -> None:
        """Phase 1-2: hash, reuse cached audits, audit the rest in parallel."""
        first_of: dict[str, str] = {}
        copies: dict[str, list[str]] = {}
        tasks: list[Task] = []
        for path in self.files:
            sha = self.sha[path] = file_sha256(Path(path))
            if sha is None:
                self._record(path, "unreadable", error=NO_OPEN, code="unreadable")
                continue
            cached = self.store.cached_report(sha, self.fingerprint)
            if cached is not None:
                self._record(path, "cached", cached)
            elif sha in first_of:
                copies.setdefault(sha, []).append(path)
            else:
                first_of[sha] = path
                tasks.append(Task(path, sha, self.config, self.doc_rules, self.need_docs,
                                  keep_layers=self.keep_layers))
        label = "auditing" if self.opts.lang == "en" else "审核"
        with Reporter(label, len(tasks), self.opts.progress, self.opts.bar) as progress:
            for task, outcome, error in parallel(audit_file, tasks, self.opts.workers):
                self._store_outcome(task, outcome, error, copies.get(task.sha256, []))
                progress.advance(Path(task.path).name, _note(outcome, error, self.opts.lang))

    def _store_outcome(self, task: Task, outcome: Outcome | None, error: L10n | None,
                       copies: list[str]) -> None:
        if outcome is None:
            for path in [task.path, *copies]:
                self._record(path, "crashed", error=error)
            return
        result = outcome.result
        if result.error is not None:
            for path in [task.path, *copies]:
                self._record(path, "unreadable", error=result.error, code=result.error_code)
            return
        report_id = self.store.save_report(self.run_id, task.sha256, self.fingerprint,
                                           task.path, outcome.meta, result.findings,
                                           outcome.snapshot, outcome.seconds)
        if result.document is not None:
            self.docs[task.path] = result.document
        self._record(task.path, "audited", report_id)
        for path in copies:  # the same content under another name: one audit serves both
            if result.document is not None:
                self.docs[path] = dataclasses.replace(result.document, source=path)
            self._record(path, "cached", report_id)

    def restore(self) -> None:
        """Phase 3a: the annotated documents of cached reports, when anything needs them."""
        if not self.need_docs:
            return
        tasks = [Task(p, self.sha[p] or "", self.config, keep_document=True,
                      snapshot=self.store.snapshot(self.sha[p] or ""),
                      keep_layers=self.keep_layers)
                 for p in self.files if p in self.report_of and p not in self.docs]
        label = "loading" if self.opts.lang == "en" else "载入"
        with Reporter(label, len(tasks), self.opts.progress, self.opts.bar) as progress:
            for task, outcome, error in parallel(restore_file, tasks, self.opts.workers):
                if outcome is not None and outcome.result.document is not None:
                    self.docs[task.path] = outcome.result.document
                elif outcome is not None and outcome.result.error is not None:
                    self.lost[task.path] = (outcome.result.error, outcome.result.error_code)
                else:
                    self.lost[task.path] = (error or NO_OPEN, "crashed")
                progress.advance(Path(task.path).name,
                                 _note(outcome, error, self.opts.lang, counted=False))

    def cross_check(self) -> None:
        """Phase 3b: cross-report rules over every readable document of the batch."""
        paths = [p for p in self.files if p in self.docs and p in self.report_of]
        if not self.batch_rules or not paths:
            return
        per_doc = run_checks([self.docs[p] for p in paths], self.config, self.batch_rules)
        for path, findings in zip(paths, per_doc, strict=True):
            if findings:
                self.store.save_batch_findings(self.run_id, self.report_of[path], findings)

    def score(self) -> BatchSummary:
        """Phase 4: scores, risk ranking, sample; the results for the renderers."""
        rows: list[dict[str, Any]] = []
        results: list[ReportResult] = []
        read_notes: dict[str, list[dict[str, Any]]] = {}
        for path in self.files:
            if path not in self.report_of:
                error, code = self.errors[path]
                results.append(ReportResult(path, self.sha.get(path), error=error,
                                            error_code=code))
                continue
            findings = sorted(self.store.findings(self.report_of[path], self.run_id),
                              key=_sort_key)
            score = score_report(findings, self.config)
            meta = self.store.report_meta(self.report_of[path])
            if meta.get("read_notes"):
                read_notes[path] = meta["read_notes"]
            counts = {sev: sum(1 for f in findings if f.severity == sev)
                      for sev in ("high", "medium", "low")}
            rows.append({"path": path, "score": score["score"], "grade": score["grade"],
                         "grade_en": score.get("grade_en", score["grade"]),
                         "detail": json.dumps(score, ensure_ascii=False, default=str),
                         "department": meta.get("department"), "title": meta.get("title"),
                         "sampled": 0, **counts})
            lost, code = self.lost.get(path, (None, None))
            results.append(ReportResult(path, self.sha.get(path), self.docs.get(path),
                                        findings, error=lost, error_code=code, score=score))
        ranked = rank(rows)
        sample: list[dict[str, Any]] = []
        if self.opts.sample is not None:
            size = sample_size(len(rows), *self.opts.sample)
            sample = stratified_sample(rows, size, self.opts.seed)
            for row in sample:
                row["sampled"] = 1
        by_path = {r.source: r for r in results}
        for row in rows:
            by_path[row["path"]].risk_rank = row["risk_rank"]
            by_path[row["path"]].sampled = bool(row["sampled"])
        self.store.save_scores(self.run_id, [
            {k: row[k] for k in ("path", "score", "grade", "grade_en", "detail", "high",
                                 "medium", "low", "risk_rank", "sampled")} for row in rows])
        errors = [{"path": p, "status": self.status[p], "error": e, "code": c}
                  for p, (e, c) in self.errors.items() if p not in self.report_of]
        by_sha: dict[str, list[str]] = {}
        for path in self.files:
            sha = self.sha.get(path)
            if sha is not None:
                by_sha.setdefault(sha, []).append(path)
        identical = [paths for paths in by_sha.values() if len(paths) > 1]
        return BatchSummary(self.run_id, self.store.path, ranked, sample, errors, results,
                            dict(self.status), identical, read_notes)


def run_batch(files: list[Path], root: Path, db: Path, config: dict[str, Any],
              opts: BatchOptions | None = None) -> BatchSummary:
    """Audit ``files`` (found under ``root``) into the store at ``db``; see the module doc."""
    opts = opts or BatchOptions(workers=os.cpu_count() or 1)
    store = Store(db)
    try:
        run = _Run(files, root, store, config, opts)
        try:
            run.audit()
            run.restore()
            run.cross_check()
            summary = run.score()
        except BaseException:
            store.finish_run(run.run_id, "interrupted")
            raise
        store.finish_run(run.run_id, "finished")
        return summary
    finally:
        store.close()
