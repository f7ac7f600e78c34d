"""``auditor classify FILE``: the section type of every block, as the classifier sees it.

One entry per block: ``line`` is the line the block starts on — the text line of a .txt
file, the line on its page of a PDF (``location`` adds the page) and, for a .docx, which has
no lines, the 1-based paragraph number (``location`` holds the 0-based paragraph or table
index). ``type`` is a section code of docs/taxonomy.md and ``confidence`` its probability.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from auditor.cli.common import UsageError, common_options, write_output
from auditor.config import load_config
from auditor.model.l10n import L10n
from auditor.model.location import Location
from auditor.report.labels import section_type_name


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("classify", parents=[common_options()],
                       help="识别每段所属章节 / section type of every block")
    p.add_argument("file", metavar="FILE", help=".txt / .docx / .pdf")
    p.add_argument("--format", default="text", choices=["text", "json"])
    p.add_argument("-o", "--output", metavar="OUT", help="输出文件 / output file")
    p.set_defaults(func=run)


def _line(loc: Location) -> int | None:
    if loc.line is not None:
        return loc.line
    if loc.paragraph is not None:
        return loc.paragraph + 1
    return None


def entries(path: str, config: dict[str, Any]) -> list[dict[str, Any]]:
    from auditor.annotate import annotate
    from auditor.annotate.section_classifier import block_types
    from auditor.read import read_path

    doc = annotate(read_path(path), config)
    types = block_types(doc)
    if types is None:
        raise UsageError(L10n("没有可用的章节分类模型（models/section_model.json），请先运行 auditor train",
                              "no section model (models/section_model.json): run auditor train"))
    return [
        {"line": _line(b.loc), "location": b.loc.to_dict(), "type": t.type,
         "confidence": t.confidence, "text": b.text}
        for b, t in zip(doc.blocks, types, strict=False)
    ]


def run(args: argparse.Namespace) -> int:
    config = load_config(getattr(args, "config", None))
    rows = entries(args.file, config)
    if args.format == "json":
        content = json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    else:  # a table to read: a header, the section's name in the chosen language
        en = args.lang == "en"
        header = ("line\tsection\tconfidence\ttext\n" if en else "行号\t章节\t置信度\t文本\n")
        content = header + "".join(
            f"{r['line'] if r['line'] is not None else '-'}\t"
            f"{r['type'] if en else section_type_name(r['type']).zh + '（' + r['type'] + '）'}\t"
            f"{r['confidence']:.2f}\t{r['text'].replace(chr(10), ' ')[:60]}\n" for r in rows)
    write_output(content, args.output)
    return 0
