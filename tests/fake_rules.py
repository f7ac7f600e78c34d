"""A rule the output-format tests register themselves, so they never depend on what the
real rules find: it flags every 【标记】…【/标记】 passage, and a whole-document finding for
reports that contain 【全文】."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from auditor.check.registry import RULES, CheckContext, Rule
from auditor.model.document import Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n
from auditor.model.location import Location

FAKE_ID = "test.marked"
_MARKED = re.compile(r"【标记】(.+?)【/标记】")


class MarkedPassage(Rule):
    id = FAKE_ID
    category = "text.artifact"
    severity = "high"
    name = L10n("测试标记", "Test marker")
    description = L10n("测试用规则：标出【标记】包围的文字。", "Test rule: flags text inside 【标记】.")
    example = "【标记】示例【/标记】"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for m in _MARKED.finditer(doc.text):
            yield self.finding(
                doc, m.start(1), m.end(1),
                L10n(f"标记的文字：{m.group(1)}", f"Marked text: {m.group(1)}"),
                L10n("测试规则标出的文字。", "Text flagged by the test rule."),
                L10n("删除标记", "remove the marker"), confidence=1.0)
        if "【全文】" in doc.text:
            yield Finding(FAKE_ID, self.category, "medium", 0.5,
                          L10n("全文问题", "Whole-document problem"), "【全文】", Location(),
                          L10n("测试用。", "For tests."), L10n("无", "none"))


def register_fake_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the fake rule for one test only (the registry is restored afterwards)."""
    from auditor.check.registry import load_rules

    load_rules()
    monkeypatch.setitem(RULES, FAKE_ID, MarkedPassage)
