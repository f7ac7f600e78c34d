"""``auditor batch DIR``: audit every report under a folder into a results database.

Prints the spot-check list (riskiest first), the optional stratified random sample and the
files that could not be read with their reasons; details are in the store (docs/store.md)
and, with ``--out`` naming them or a folder, in results.xlsx and results.html.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from auditor.batch import BatchOptions, BatchSummary, run_batch, scan
from auditor.batch.outputs import resolve, write_documents
from auditor.batch.scan import other_files
from auditor.batch.spotcheck import parse_sample
from auditor.check.registry import load_rules
from auditor.cli.common import UsageError, common_options
from auditor.config import load_config
from auditor.model.l10n import L10n
from auditor.read import SUPPORTED_SUFFIXES
from auditor.store import StoreError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("batch", parents=[common_options()],
                       help="审核整个文件夹的报告 / audit every report in a folder")
    p.add_argument("folder", metavar="DIR", help="含 .txt/.docx/.pdf/.doc/.wps 报告的文件夹 / folder of reports")
    p.add_argument("--out", default="results.db", metavar="results.db|results.xlsx|DIR",
                   help="结果数据库、xlsx/html 文件或文件夹 / database, xlsx/html file or folder")
    p.add_argument("--workers", type=int, metavar="N",
                   help="并行进程数，默认为CPU核数 / parallel processes (default: CPU cores)")
    p.add_argument("--sample", metavar="10%|20",
                   help="按部门分层随机抽样 / stratified random sample by department")
    p.add_argument("--seed", type=int, default=0, help="抽样随机种子 / sample seed (default 0)")
    p.add_argument("--top", type=int, default=20, metavar="N",
                   help="列出风险最高的N份 / list the N riskiest reports (default 20)")
    p.add_argument("--rules", help="只运行这些规则（逗号分隔） / only these rule ids")
    p.set_defaults(func=run)


def _options(args: argparse.Namespace, config: dict[str, Any]) -> BatchOptions:
    workers = args.workers
    if workers is None:
        workers = config.get("batch", {}).get("workers") or os.cpu_count() or 1
    if workers < 1:
        raise UsageError(L10n("--workers 至少为 1", "--workers must be at least 1"))
    sample = None
    if args.sample:
        try:
            sample = parse_sample(args.sample)
        except ValueError:
            raise UsageError(L10n(f"--sample {args.sample} 无效：请写百分比（如 10%）或份数（如 20）",
                                  f"invalid --sample {args.sample}: give a share (10%) or a "
                                  "count (20)")) from None
    only = [r.strip() for r in args.rules.split(",")] if args.rules else None
    unknown = sorted(set(only or []) - set(load_rules()))
    if unknown:
        raise UsageError(L10n(f"未知规则：{', '.join(unknown)}（用 auditor rules 查看）",
                              f"unknown rule(s): {', '.join(unknown)} (see auditor rules)"))
    return BatchOptions(workers=workers, only=only, sample=sample, seed=args.seed,
                        lang=args.lang)


def _listing(out: Callable[[str], object], en: bool, title_en: str, title_zh: str,
             lines: list[str]) -> None:
    """A titled list of the summary (files not audited, read in part, handed in twice)."""
    if lines:
        out(f"== {title_en if en else title_zh}\n")
        for line in lines:
            out(f"      {line}\n")


def _print_summary(summary: BatchSummary, args: argparse.Namespace, written: list[Path]) -> None:
    en = args.lang == "en"
    out = sys.stdout.write
    ranked = summary.ranked
    shown = ranked[: max(args.top, 0)]
    if en:
        out(f"== Spot-check list, riskiest first ({len(shown)} of {len(ranked)})\n")
    else:
        out(f"== 抽查清单，按风险从高到低（{len(ranked)} 份中的前 {len(shown)} 份）\n")
    for row in shown:
        dept = row["department"] or ("department unknown" if en else "部门未识别")
        if en:
            detail = (f"score {row['score']} ({row['grade_en']})  high {row['high']} "
                      f"medium {row['medium']} low {row['low']}")
        else:
            detail = (f"得分 {row['score']}（{row['grade']}）  高 {row['high']} 中 {row['medium']} "
                      f"低 {row['low']}")
        out(f"{row['risk_rank']:>4}. {row['path']}  {detail}  {dept}\n")
    if args.sample:
        if en:
            out(f"== Random sample {args.sample} (seed {args.seed}, stratified by department):"
                f" {len(summary.sample)}\n")
        else:
            out(f"== 随机抽样 {args.sample}（种子 {args.seed}，按部门分层）：{len(summary.sample)} 份\n")
        for row in summary.sample:
            dept = row["department"] or ("department unknown" if en else "部门未识别")
            out(f"      {row['path']}  {dept}\n")
    n_err, n_read, n_same = len(summary.errors), len(summary.read_notes), len(summary.identical)
    _listing(out, en, f"Files not audited ({n_err})", f"未能审核的文件（{n_err} 份）",
             [f"{err['path']}: {err['error'].get(args.lang)}" for err in summary.errors])
    _listing(out, en, f"Audited in part: content that could not be read ({n_read})",
             f"部分内容未能读取的文件（{n_read} 份，这些内容未审核）",
             [f"{source}: {note['message_en' if en else 'message_zh']}"
              for source, notes in summary.read_notes.items() for note in notes])
    _listing(out, en, f"Identical files, audited once ({n_same} groups)",
             f"内容完全相同的文件（{n_same} 组，各只审核一次）",
             [" = ".join(paths) for paths in summary.identical])
    counts = {s: sum(1 for v in summary.statuses.values() if v == s)
              for s in ("audited", "cached", "unreadable", "crashed")}
    if en:
        out(f"== run {summary.run_id}: {counts['audited']} audited, {counts['cached']} reused "
            "(audited in an earlier run, or identical to another file of this one), "
            f"{counts['unreadable'] + counts['crashed']} failed\n")
        out(f"   database: {summary.db}\n")
    else:
        out(f"== 第 {summary.run_id} 次运行：新审核 {counts['audited']} 份，沿用已有结果 "
            f"{counts['cached']} 份（以前审核过，或与本批次其他文件内容相同），失败 "
            f"{counts['unreadable'] + counts['crashed']} 份\n")
        out(f"   数据库：{summary.db}\n")
    for path in written:
        out(f"   {path}\n")


def _print_skipped(skipped: list[Path], suffixes: tuple[str, ...], lang: str) -> None:
    kinds = "/".join(suffixes)
    sys.stdout.write(f"== Other files, not audited ({len(skipped)}; reports are {kinds})\n"
                     if lang == "en" else
                     f"== 未审核的其他文件（{len(skipped)} 份；报告应为 {kinds} 格式）\n")
    for path in skipped:
        sys.stdout.write(f"      {path}\n")


def run(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    root = Path(args.folder)
    if root.is_file():
        raise UsageError(L10n(f"{root} 是一个文件；auditor batch 需要一个文件夹，单个文件请用 "
                              f"auditor audit {root}",
                              f"{root} is a file; auditor batch takes a folder, use "
                              f"`auditor audit {root}` for a single file"))
    if not root.is_dir():
        raise UsageError(L10n(f"找不到文件夹：{root}；auditor batch 需要一个文件夹，单个文件请用 auditor audit",
                              f"folder not found: {root}; auditor batch takes a folder, "
                              "use `auditor audit` for single files"))
    suffixes = tuple(config.get("batch", {}).get("suffixes") or SUPPORTED_SUFFIXES)
    files = scan(root, suffixes)
    skipped = other_files(root, suffixes)
    if not files:
        raise UsageError(L10n(f"{root} 中没有报告文件（{'/'.join(suffixes)}）",
                              f"no report files ({'/'.join(suffixes)}) in {root}"))
    targets = resolve(args.out)
    opts = _options(args, config)
    opts.keep_documents = bool(targets.documents)
    try:
        summary = run_batch(files, root, targets.db, config, opts)
    except StoreError as exc:
        raise UsageError(exc.l10n) from None
    written = write_documents(targets, summary.results, args.lang, config)
    _print_summary(summary, args, written)
    if skipped:
        _print_skipped(skipped, suffixes, args.lang)
    return 0 if summary.ranked else 2
