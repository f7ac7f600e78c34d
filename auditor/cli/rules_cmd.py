"""``auditor rules``: every rule with its id, category, severity, description and example.

``auditor rules --format markdown > docs/rules.md`` regenerates the rule documentation;
a test fails when docs/rules.md is out of date.
"""

from __future__ import annotations

import argparse

from auditor.cli.common import common_options, write_output
from auditor.report.rule_docs import as_json, as_markdown, as_text

RENDER = {"text": as_text, "json": as_json, "markdown": as_markdown}


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("rules", parents=[common_options()],
                       help="列出全部审核规则 / list every rule")
    p.add_argument("--format", default="text", choices=sorted(RENDER))
    p.add_argument("-o", "--output", metavar="OUT", help="输出文件 / output file")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    write_output(RENDER[args.format](args.lang), args.output)
    return 0
