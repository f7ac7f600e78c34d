"""claim.contradiction: two statements about the same figures that cannot both be true.

Three pairs are recognised, each only when both statements are about the same thing:

- a difference: 预算数与决算数无差异 against 存在一定差异, both about budget against actual
  (a 结构性差异 in the composition, or differing baselines such as 年初 and 调整后, are not
  the same figures);
- a balance: 无结余 / 结余为0 against 结余X万元 (X > 0) with the same subject once generic
  words (年末, 资金, 全年…) are removed;
- completion: 全部完成 against 未完成 for an item both statements name (a shared name of at
  least four characters, generic words such as 任务, 工作 excluded), unless the unfinished
  thing is a part of it (…建设中原规划的200亩喷灌区块未完成 after 建设任务全部完成: a part
  dropped from the task, which a reviewer reads as a change of scope, not a contradiction);
  and a claim that the targets as a whole are done (年度绩效目标已全部完成) against anything
  left unfinished within three paragraphs of the same section (3台彩超尚未完成安装调试), or
  against a target the results or conclusion say was missed (…83.2%，未达到年度目标).

Plans (measures section, 确保…全部完成) and negated questions (是否存在差异) are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from auditor.annotate.quantities import LIST_MARKER
from auditor.check.registry import CheckContext, Rule, register
from auditor.model.document import Document, Span
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

NO_DIFF = re.compile(r"(?:无|没有|不存在|未发生|未出现)(?:明显|较大|重大|任何)?差异|差异(?:率)?为\s*0(?:\.0+)?\s*%?(?![\d.])")
HAS_DIFF = re.compile(r"(?<![不未无否])(?:存在|有|出现|产生)(?:一定|较大|一些|部分|少量|明显|轻微|较小)?的?差异")
BUDGET_ACTUAL = re.compile(r"预决算|预算.{0,12}(?:决算|执行|实际|支出)|(?:决算|执行|实际|支出).{0,12}预算")
BASELINE = re.compile(r"年初|调整后|调整前|追加")
NO_BALANCE = re.compile(r"(?:无|没有|不存在|未形成|未产生)(?:资金)?(?:结转)?结余|结余(?:资金)?(?:为|是)?\s*(?:0|零)(?:\.0+)?\s*(?:万元|元)?(?![\d.])")
BALANCE = re.compile(r"结余(?:资金|金额|额)?(?:为|是|共|合计|共计|约)?\s*(\d+(?:\.\d+)?)\s*(万元|元|亿元)")
ALL_DONE = re.compile(r"全部完成|均已完成|已全部完成|全面完成|均完成|均按期完成|全部按期完成")
NOT_DONE = re.compile(r"(?<![无否])(?:未完成|未能完成|没有完成|尚未完成|未全部完成|未按期完成|未如期完成)")
_PLAN = re.compile(r"确保|力争|争取|计划|预计|将于|将在|将会|拟|如果|如若|若(?!干)|是否|应当|要求|务必")
_GENERIC = re.compile(
    r"(?:19|20)\d{2}年(?:度|末|底)?|年末|年底|全年|本年度|本年|当年|年度|截至|截止|期末|资金|预算|财政|拨款|"
    r"部门|单位|本部门|本单位|我局|我单位|整体|累计|合计|总计|实现|形成|产生|其中|均|已|的|有|共|"
    r"各项|工作|任务|目标|指标|计划|绩效|完成|情况|内容|按时|按期|如期|全部|全面|了|等|及|和|与|为|"
    r"项目|支出|经费|[，,、：:\s“”\"]"
)
_PLAN_SECTIONS = {"measures", "goals"}
# A word every match of the pattern contains: sentences without it are skipped unsearched.
_NEEDLE = {NO_DIFF: "差异", HAS_DIFF: "差异", NO_BALANCE: "结余", BALANCE: "结余",
           ALL_DONE: "完成", NOT_DONE: "完成"}
_NEGATION = re.compile(r"[不未无没否]")
# a target the report itself says was missed
MISSED_TARGET = re.compile(r"(?:未|没有|未能)(?:达到|实现|完成)(?:年度|预期|既定|绩效|计划)*目标(?:值|要求)?|"
                           r"目标(?:值)?(?:未|没有|未能)(?:达到|实现|完成)")
# a completion claim about the whole: 年度绩效目标已全部完成, 各项任务均已完成
_WHOLE = re.compile(r"目标|任务")
_NEAR_BLOCKS = 3
# the subject names a part of something: 建设中的…区块, 其中2个标段, 部分子项目
_PART = re.compile(r"中(?:的|原|有)?|其中|部分|个别|之一|区块|标段|子项")


@dataclass(frozen=True)
class Statement:
    sentence: Span
    start: int
    end: int
    subject: str


def _clause_subject(sentence: Span, pos: int) -> str:
    """The words of the clause before ``pos``: what the statement is about."""
    head = sentence.text[:pos]
    cut = max(head.rfind(ch) for ch in "，,；;：:")
    return head[cut + 1:]


def _core(subject: str) -> str:
    return _GENERIC.sub("", subject)


def _near(doc: Document, a: Statement, b: Statement) -> bool:
    """Statements a few paragraphs apart in one section (the whole target declared done, an
    unfinished item right below), where one is read against the other."""
    first, second = doc.blocks[a.sentence.block], doc.blocks[b.sentence.block]
    return first.section == second.section and abs(first.index - second.index) <= _NEAR_BLOCKS


def _shared_name(a: str, b: str, size: int = 4) -> str | None:
    for i in range(len(a) - size + 1):
        if a[i:i + size] in b:
            return a[i:i + size]
    return None


def _statements(doc: Document, pattern: re.Pattern[str], positive: bool = False
                ) -> list[Statement]:
    """Matches of ``pattern`` outside plans; ``positive`` ones must not follow a negation
    (没有出现差异 and 未全部完成 are not claims of a difference or of completion)."""
    out: list[Statement] = []
    needle = _NEEDLE[pattern]
    for sentence in doc.sentences:
        if needle not in sentence.text or doc.blocks[sentence.block].section in _PLAN_SECTIONS:
            continue
        for m in pattern.finditer(sentence.text):
            subject = _clause_subject(sentence, m.start())
            if _PLAN.search(subject):
                continue
            if positive and _NEGATION.search(sentence.text[max(0, m.start() - 3):m.start()]):
                continue
            out.append(Statement(sentence, sentence.start + m.start(), sentence.start + m.end(),
                                 subject))
    return out


@register
class Contradiction(Rule):
    id = "claim.contradiction"
    category = "claim.contradiction"
    severity = "medium"
    name = L10n("前后表述矛盾", "Contradictory statements")
    description = L10n(
        "同一报告中关于同一数据的两处表述不能同时成立：有差异与无差异、无结余与结余X万元、全部完成与未完成。",
        "Two statements about the same figures cannot both be true: a difference and no "
        "difference, no balance and a balance of X, all completed and not completed.",
    )
    example = "由于…等因素，存在一定差异，全年预算数与决算数无差异。"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        yield from self._differences(doc)
        yield from self._balances(doc)
        yield from self._completion(doc)

    def _differences(self, doc: Document) -> Iterator[Finding]:
        none = _statements(doc, NO_DIFF)
        some = _statements(doc, HAS_DIFF, positive=True)
        for a in none:
            topic_a = doc.text[a.sentence.start:a.end]
            if not BUDGET_ACTUAL.search(topic_a):
                continue
            for b in some:
                topic_b = doc.text[b.sentence.start:b.end]
                if "结构" in doc.text[b.start - 6:b.end] or not BUDGET_ACTUAL.search(topic_b):
                    continue
                base_a, base_b = set(BASELINE.findall(topic_a)), set(BASELINE.findall(topic_b))
                if base_a and base_b and base_a != base_b:
                    continue
                yield self._pair(doc, a, b, "difference")
                break

    def _balances(self, doc: Document) -> Iterator[Finding]:
        none = _statements(doc, NO_BALANCE)
        some = [s for s in _statements(doc, BALANCE, positive=True)
                if Decimal(BALANCE.match(doc.text, s.start).group(1)) > 0]  # type: ignore[union-attr]
        for a in none:
            for b in some:
                if _core(a.subject) == _core(b.subject):
                    yield self._pair(doc, a, b, "balance")
                    break

    def _completion(self, doc: Document) -> Iterator[Finding]:
        done = _statements(doc, ALL_DONE, positive=True)
        undone = _statements(doc, NOT_DONE)
        for a in done:
            subject = LIST_MARKER.sub("", a.subject.strip())
            whole = not _core(subject) and _WHOLE.search(subject)
            for b in undone:
                name = _shared_name(_core(a.subject), _core(b.subject))
                if name and not (_PART.search(b.subject) and not _PART.search(a.subject)):
                    yield self._pair(doc, a, b, "completion", name)
                    break
                if whole and _near(doc, a, b):
                    yield self._pair(doc, a, b, "completion", subject)
                    break
            else:
                if whole:
                    yield from self._missed_targets(doc, a, subject)

    def _missed_targets(self, doc: Document, claim: Statement,
                        subject: str) -> Iterator[Finding]:
        """The targets declared done as a whole, and a target the report says it missed
        (优良天数83.2%，未达到年度目标) anywhere in its results or conclusion."""
        for sentence in doc.sentences:
            section = doc.blocks[sentence.block].section
            if section not in ("results", "conclusion") or sentence.start == claim.sentence.start:
                continue
            m = MISSED_TARGET.search(sentence.text)
            if m and not _PLAN.search(sentence.text[:m.start()]):
                missed = Statement(sentence, sentence.start + m.start(), sentence.start + m.end(),
                                   _clause_subject(sentence, m.start()))
                yield self._pair(doc, claim, missed, "completion", subject)
                return

    def _pair(self, doc: Document, a: Statement, b: Statement, kind: str,
              item: str | None = None) -> Finding:
        first, second = sorted((a, b), key=lambda s: s.start)
        quote_1 = doc.text[first.start:first.end]
        quote_2 = doc.text[second.start:second.end]
        ctx_1 = doc.text[first.sentence.start:first.end][-40:]
        ctx_2 = doc.text[second.sentence.start:second.end][-40:]
        what = {"difference": L10n("预算数与执行（决算）数是否有差异", "whether budget and actual differ"),
                "balance": L10n("是否有结余", "whether there is a balance"),
                "completion": L10n(f"“{item}”是否完成", f"whether “{item}” was completed")}[kind]
        loc_1 = doc.location_at(first.start).describe()
        return self.finding(
            doc, second.sentence.start, second.sentence.end,
            L10n(f"前后表述矛盾：“{quote_1}”与“{quote_2}”",
                 f"Contradiction: “{quote_1}” and “{quote_2}”"),
            L10n(f"关于{what.zh}，{loc_1.zh}写“…{ctx_1}”，此处又写“…{ctx_2}”，两者不能同时成立。",
                 f"On {what.en}, {loc_1.en} says “…{ctx_1}” while this passage says “…{ctx_2}”; "
                 "both cannot be true."),
            L10n("核对数据，删除或改正其中一处表述", "check the figures and correct one of the "
                 "statements"),
            confidence=0.7,
            data={"kind": kind, "first": ctx_1, "second": ctx_2},
            related=[{"evidence": doc.text[first.sentence.start:first.sentence.end],
                      "location": doc.location_at(first.start).to_dict()}],
        )
