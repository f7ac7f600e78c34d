"""text.template_residue: template instructions or placeholders left in the submitted text.

Report templates tell the author what to write (可从…等方面概括, 根据实际情况填写, （如有）)
and leave placeholders (XXX, ×××, 【】, 此处填写). Left in, they show the section was not
written. Guidance inside the official scoring table's criteria column is part of the form
and is not flagged; placeholders are flagged wherever they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.check.registry import CheckContext, Rule, register
from auditor.model.document import Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

PLACEHOLDERS = re.compile(
    r"此处填写|请填写|请在此(?:处)?(?:填写|输入)|在此输入|填写说明|请输入"
    r"|(?<![A-Za-z])(?:XXX+|xxx+|XX(?=[\u4e00-\u9fa5])|xx(?=[\u4e00-\u9fa5]))"
    r"|×{2,}|＊{2,}|(?<![0-9])\*{3,}(?![0-9])|○{2,}|【\s*】|【[^】]{0,40}(?:填写|说明|示例|此处|请|可从)[^】]{0,40}】"
)
GUIDANCE = re.compile(
    r"(?:^|[。；])\s*(?:[（(][^）)]{0,6}[）)])?\s*(?:可|应|请|需|主要)?(?:从|围绕|结合)"
    r"[^。；]{2,120}?等(?:方面|角度)(?:进行)?(?:归纳|概括|反映|说明|分析|阐述|描述|填写|总结|展开)"
    r"|根据(?:本单位)?实际情况(?:填写|增减|选择填写)|（如有）|\(如有\)|（可根据实际情况[^）]{0,20}）"
    r"|（(?:参考)?模板[^）]{0,20}）|(?:以下|此处)为(?:参考)?模板"
)


def _message(kind: str, text: str) -> tuple[L10n, L10n, L10n]:
    if kind == "placeholder":
        return (
            L10n(f"残留占位符：“{text}”", f"Placeholder left in: “{text}”"),
            L10n("占位符是模板中待替换的内容，提交的报告中不应出现。",
                 "A placeholder is template text meant to be replaced before submission."),
            L10n("用实际内容替换占位符", "replace the placeholder with the actual content"),
        )
    return (
        L10n(f"残留模板填写说明：“{text[:30]}”", f"Template instruction left in: “{text[:30]}”"),
        L10n("这句话是模板对填写者的指引（告诉作者从哪些方面撰写），而不是报告本身的内容。",
             "The sentence instructs the author what to write; it is template guidance, not content."),
        L10n("删除填写说明，按要求写出实际情况", "delete the instruction and write the actual content"),
    )


@register
class TemplateResidue(Rule):
    id = "text.template_residue"
    category = "text.template_residue"
    severity = "medium"
    name = L10n("模板残留", "Template residue")
    description = L10n(
        "检查报告中残留的模板填写说明（如“可从……等方面概括”）和占位符（XXX、【】、此处填写）。",
        "Finds template instructions (可从…等方面概括) and placeholders (XXX, 【】, 此处填写).",
    )
    example = "可从资金分配、资金拨付和资金使用管理等方面概括存在的主要问题。"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for block in doc.blocks:
            hits: list[tuple[int, int, str]] = []
            for m in PLACEHOLDERS.finditer(block.text):
                hits.append((m.start(), m.end(), "placeholder"))
            if block.kind != "table":
                for m in GUIDANCE.finditer(block.text):
                    start = m.start() + len(m.group(0)) - len(m.group(0).lstrip("。； "))
                    hits.append((start, m.end(), "guidance"))
            reported: set[tuple[int, int]] = set()
            for start, end, kind in hits:
                if kind == "guidance":
                    sentence = next((s for s in doc.sentences_in(block)
                                     if s.start <= block.start + start < s.end), None)
                    s_start, s_end = ((sentence.start, sentence.end) if sentence
                                      else (block.start + start, block.start + end))
                else:
                    s_start, s_end = block.start + start, block.start + end
                if (s_start, s_end) in reported:
                    continue
                reported.add((s_start, s_end))
                message, explanation, suggestion = _message(kind, block.text[start:end].strip("。； "))
                yield self.finding(doc, s_start, s_end, message, explanation, suggestion,
                                   confidence=0.9 if kind == "placeholder" else 0.8)
