"""``auditor audit FILE...``: audit reports as one batch and print or save the findings."""

from __future__ import annotations

import argparse

from auditor.cli.common import UsageError, available_formats, common_options, write_output
from auditor.config import load_config
from auditor.engine import audit_paths
from auditor.model.finding import SEVERITY_RANK
from auditor.model.l10n import L10n
from auditor.report import renderer


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("audit", parents=[common_options()],
                       help="审核一份或多份报告 / audit one or more reports")
    p.add_argument("files", nargs="+", metavar="FILE", help=".txt / .docx / .pdf")
    p.add_argument("--format", default="text", choices=available_formats())
    p.add_argument("-o", "--output", metavar="OUT", help="输出文件 / output file")
    p.add_argument("--fail-on", default="high", choices=["high", "medium", "low", "none"],
                   help="出现该级别及以上问题时退出码为1 / exit 1 at or above this severity")
    p.add_argument("--rules", help="只运行这些规则（逗号分隔） / only these rule ids")
    p.add_argument("--baseline", metavar="FILE", help="SARIF baseline for --format sarif")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    only = [r.strip() for r in args.rules.split(",")] if args.rules else None
    if only:
        from auditor.check.registry import load_rules

        unknown = sorted(set(only) - set(load_rules()))
        if unknown:
            raise UsageError(L10n(f"未知规则：{', '.join(unknown)}（用 auditor rules 查看）",
                                  f"unknown rule(s): {', '.join(unknown)} (see auditor rules)"))
    results = audit_paths(args.files, config, only)
    content = renderer(args.format)(results, lang=args.lang, baseline=args.baseline, config=config)
    write_output(content, args.output)
    if all(r.error for r in results):
        return 2
    if args.fail_on == "none":
        return 0
    floor = SEVERITY_RANK[args.fail_on]
    return 1 if any(f.rank >= floor for r in results for f in r.findings) else 0
