"""Warm-up of the worker processes, imported once by the forkserver they are forked from.

The first report a fresh process audits pays for importing every annotator and rule and
for loading jieba's dictionary and the trained models (seconds, against a tenth of a
second per report afterwards). Doing it once in the forkserver lets every worker of every
pool start warm. A failure here costs only that speed, so it never stops the batch.
"""

from __future__ import annotations

import contextlib

from auditor.annotate import annotate
from auditor.check import run_checks
from auditor.read import read_text

_SAMPLE = (
    "示例局2024年度部门整体支出绩效自评报告\n一、基本情况\n本局年初预算100万元，支出90万元。\n"
    "二、存在的问题\n绩效管理有待加强。\n三、改进措施\n进一步完善制度。\n四、评价结论\n自评得分90分，等级为优。\n"
)

with contextlib.suppress(Exception):
    run_checks([annotate(read_text(_SAMPLE, "<warm-up>"))], {})
