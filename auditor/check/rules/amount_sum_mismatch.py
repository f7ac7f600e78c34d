"""amount.sum_mismatch: a total in the text against the parts the text gives for it.

Three shapes. In one sentence, a total broken down by 其中/包括/主要为 (the parse is in
auditor/annotate/amount_groups.py). Across sentences, the standard breakdown of a
department's spending — 支出 = 基本支出 + 项目支出 (+ 其他), 基本支出 = 人员经费 + 公用经费
— when the figures sit in different sentences of the same budget stage. And the budget's
own balance: 预算收入 stated against 支出预算 (only for budget figures, never actuals).

All are conservative, because a finding a reviewer would dismiss is as much a bug as a
missed one. Following XBRL US DQC, a check does not fire when a component may be missing:
a list only fails for falling short when it claims to be the whole total — a named split
(基本支出/项目支出, 人员经费/公用经费, 中央/省级/县级资金), a catch-all (其他…), 分别为 or
a closing 共计/合计, or parts that come to at least 90% of the total. A list led by 主要,
closed by 等, or naming a few items of a much larger total (支出409.52万元，其中A项目96万元、
B项目38万元) fails only when its parts exceed the total. A 结转/结余 after the spending's
parts is what is left over, not a part (支出合计…，其中基本支出…、项目支出…，年末结转…).
Across sentences every stated candidate (总支出 or the 财政拨款 part, each stated value of a
role) is tried, and the check fails only when no combination adds up. A total is compared
only with parts of its own stage: parts that name no stage (支出预算….其中基本支出…；项目
支出…, then 实际支出…) may split the budget or the spending, so beside a staged total they
are left alone — the spending is lower than the budget's parts by the 结余, not wrong.
Tolerance is the rounding-interval rule (numbers.consistent).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from decimal import Decimal

from auditor.annotate.quantities import exact_text_amounts, quantities, role_text
from auditor.annotate.roles import PARTITIONS, ROLE_NAMES
from auditor.check.amounts import Amount, describe_sum, labelled_start, reconciles
from auditor.check.registry import CheckContext, Rule, register
from auditor.model.document import Document, Span
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

_OTHER_PERIOD = re.compile(r"上年|上一年|去年|以前年度|历年|同期")
_YEAR = re.compile(r"(\d{4})\s*年")
_TOTALS = {"expense_total": ("expense_total", "fiscal", "total"), "basic": ("basic",)}
_MAX_VALUES = 3
_SCOPE_WORDS = re.compile(r"\d{4}\s*年度?|全年|本年度?|当年|部门|单位|本部门|本单位|的")
_INCOME_TOTAL = re.compile(r"^(?:预算|总|本年|年初预算)?收入(?:预算|合计|总计|总额)?数?$")


# A part named only by who pays it (中央资金, 中央和省级资金, 县级配套, 上级专项转移支付): such
# parts split the whole total by source, unlike 县级医院设备采购, which is one project.
_SOURCE = re.compile(r"(?:中央|省|市|州|县|区|乡镇|地方|本级|上级|级|自筹|配套|财政|资金|补助|"
                     r"专项|转移支付|拨款|投入|承担|安排|下达|和|及|与|、|的|一般公共预算|"
                     r"政府性基金|债券|贷款|银行|社会资本|单位|部门)+")
_CATCH_ALL = re.compile(r"^(?:其他|其它|其余|剩余)")
_SUMMED = re.compile(r"^[，,]?\s*(?:共计|合计|总计|共\d|共[一二两三四五六七八九十])")
# Parts that come to this share of the total were meant as the whole of it; a list that
# names less is a few items picked out of a larger total (其中A项目…、B项目…).
_WHOLE_SHARE = Decimal("0.9")


def _claims_whole(total: Span, parts: list[Span], marker: str, after: str) -> bool:
    """Whether a list says it is the whole total, so that a shortfall is an error.

    It does when it is a named split (基本支出/项目支出, 人员经费/公用经费, 中央/省级/县级
    资金), ends with a catch-all (其他…, 其余…), says 分别为 or closes with 共计/合计/共N项,
    or comes to nearly the total. Otherwise it may name only some items (XBRL US DQC: a rule
    does not fire when a component is missing), and only parts exceeding the total are an
    error.
    """
    if any(_CATCH_ALL.match(p.attrs["label"]) for p in parts):
        return True
    roles = {p.attrs["role"] for p in parts}
    if any(total.attrs["role"] in _TOTALS[name] and len(roles & set(split)) >= 2
           and roles <= set(split) for name, split in PARTITIONS.items()):
        return True
    if all(_SOURCE.fullmatch(role_text(p.attrs["label"])) for p in parts):
        return True
    if marker.startswith("分别") or _SUMMED.match(after):
        return True
    part_sum = sum((p.attrs["canonical"].value for p in parts), Decimal(0))
    return part_sum >= total.attrs["canonical"].value * _WHOLE_SHARE


def _values(spans: list[Span]) -> list[Span]:
    """One span per distinct stated value."""
    seen: dict[tuple[object, int], Span] = {}
    for span in spans:
        fig = span.attrs["canonical"]
        seen.setdefault((fig.value, fig.decimals), span)
    return list(seen.values())


def _related(doc: Document, amount: Span) -> dict[str, object]:
    """Where a figure the finding relies on stands, when it is not the quoted one."""
    return {"evidence": amount.text, "label": amount.attrs["label"],
            "location": doc.location_at(amount.start).to_dict()}


@register
class AmountSumMismatch(Rule):
    id = "amount.sum_mismatch"
    category = "amount.sum_mismatch"
    severity = "high"
    name = L10n("金额合计与分项之和不符", "Amount total differs from its parts")
    description = L10n(
        "检查正文中合计金额与其分项（“其中…”“包括…”，以及跨句的支出=基本支出+项目支出、"
        "基本支出=人员经费+公用经费、预算收入=支出预算）是否一致，按各数字小数位的舍入区间判断。",
        "Checks that a total stated in the text equals its parts (其中/包括 lists, and across "
        "sentences spending = basic + project, basic = personnel + public, budgeted income = "
        "budgeted spending), allowing for the rounding of each figure.",
    )
    example = "基本支出822.21万元，其中人员经费713.94万元，公用经费90.27万元。"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        covered: set[tuple[str, str | None]] = set()
        for group in doc.spans.get("amount_groups", []):
            total: Span = group.attrs["total"]
            parts: list[Span] = group.attrs["parts"]
            for name, roles in PARTITIONS.items():
                if len({p.attrs["role"] for p in parts} & set(roles[:2])) == 2:
                    covered.add((name, total.attrs["stage"]))
            if group.attrs["valid"]:
                finding = self._check_group(doc, group.start, group.end, total, parts,
                                            group.attrs["segments"], group.attrs["exhaustive"],
                                            group.attrs["marker"])
                if finding is not None:
                    yield finding
        yield from self._cross_sentence(doc, covered)
        yield from self._budget_balance(doc)

    def _check_group(self, doc: Document, start: int, end: int, total: Span,
                     parts: list[Span], segments: list[int], exhaustive: bool,
                     marker: str) -> Finding | None:
        figures = [p.attrs["canonical"] for p in parts]
        if reconciles(total.attrs["canonical"], figures, segments):
            return None
        kept = len(parts)
        while kept > 2 and parts[kept - 1].attrs["role"] == "balance":
            kept -= 1
        if kept < len(parts) and total.attrs["role"] != "income" and reconciles(
                total.attrs["canonical"], figures[:kept]):
            return None  # 支出…，其中基本支出…、项目支出…，年末结转…: what is left, not a part
        part_sum = sum((f.lo for f in figures), figures[0].lo * 0)
        whole = exhaustive and _claims_whole(total, parts, marker, doc.text[end:end + 5])
        if not whole and part_sum <= total.attrs["canonical"].hi:
            return None  # 主要为…等, or a few named items of a larger total
        report = describe_sum(Amount.of(total), [Amount.of(p) for p in parts])
        return self.finding(doc, min(start, labelled_start(doc, total)), end, report.message,
                            report.explanation,
                            report.suggestion, confidence=0.9 if exhaustive else 0.8,
                            data={**report.data, "scope": "sentence"})

    def _candidates(self, doc: Document) -> list[Span]:
        year = doc.metadata.fiscal_year
        out = []
        for q in exact_text_amounts(doc):
            label = q.attrs["label"]
            if _OTHER_PERIOD.search(label):
                continue
            years = {int(y) for y in _YEAR.findall(label)}
            if year and years and year not in years:
                continue
            out.append(q)
        return out

    def _cross_sentence(self, doc: Document,
                        covered: set[tuple[str, str | None]]) -> Iterator[Finding]:
        amounts = self._candidates(doc)
        reported: set[int] = set()
        for name, roles in PARTITIONS.items():
            for stage in ("budget", "actual", None):
                if (name, stage) in covered or (name, None) in covered:
                    continue
                finding = self._check_partition(doc, amounts, name, roles, stage)
                if finding is not None and finding.start not in reported:
                    reported.add(finding.start or 0)
                    yield finding

    def _check_partition(self, doc: Document, amounts: list[Span], name: str,
                         roles: tuple[str, ...], stage: str | None) -> Finding | None:
        def pool(wanted: tuple[str, ...], unsaid: bool) -> list[Span]:
            return [q for q in amounts if q.attrs["role"] in wanted
                    and (q.attrs["stage"] == stage or unsaid and q.attrs["stage"] is None)]

        # A total may leave its stage unsaid (a bare 支出 is what was spent), parts may not:
        # 基本支出…、项目支出… after 支出预算… split the budget, not the 实际支出 that follows.
        totals = pool(_TOTALS[name], True)
        first, second = pool(roles[:1], False), pool(roles[1:2], False)
        others = pool(roles[2:], False) if len(roles) > 2 else []
        if not totals or not first or not second:
            return None
        involved = totals + first + second
        if stage is not None and not any(q.attrs["stage"] == stage for q in involved):
            return None
        if stage is None and any(q.attrs["role"] in _TOTALS[name] and q.attrs["stage"]
                                 for q in amounts):
            return None  # parts of no stated stage, beside staged totals: whose parts?
        t_values, a_values, b_values = _values(totals), _values(first), _values(second)
        if any(len(p) > _MAX_VALUES for p in (t_values, a_values, b_values)):
            return None  # many different 项目支出 figures: per-project amounts, not one total
        extras: list[Span | None] = [None, *_values(others)]
        for t, a, b, o in itertools.product(t_values, a_values, b_values, extras):
            addends = [a, b] + ([o] if o is not None else [])
            if reconciles(t.attrs["canonical"], [p.attrs["canonical"] for p in addends]):
                return None
        total = next((t for t in totals if t.attrs["stage"] == stage), totals[0])
        parts = [first[0], second[0]]
        report = describe_sum(
            Amount.of(total, total.attrs["label"] or ROLE_NAMES[name]),
            [Amount.of(p, p.attrs["label"] or ROLE_NAMES[p.attrs["role"]]) for p in parts])
        related = [_related(doc, p) for p in parts]
        return self.finding(
            doc, labelled_start(doc, total), total.end, report.message,
            report.explanation + L10n("（合计与分项分别出现在不同句子中。）",
                                      " (The total and its parts are stated in different "
                                      "sentences.)"),
            report.suggestion, confidence=0.7,
            data={**report.data, "scope": "document", "stage": stage}, related=related)

    def _budget_balance(self, doc: Document) -> Iterator[Finding]:
        """预算收入 against 支出预算: a budget is drawn up balanced, so the two totals the
        report states for the budget must agree. Runs only when each is stated with one
        value, both explicitly as budget figures, and no carry-over (结转/结余) is mentioned
        that could explain a gap; actual income and spending may differ and are left alone."""
        if any(q.attrs["role"] == "balance" for q in quantities(doc, "amount")):
            return
        amounts = self._candidates(doc)
        budget = [q for q in amounts if q.attrs["stage"] == "budget"]
        income = _values([q for q in budget if q.attrs["role"] == "income"
                          and _INCOME_TOTAL.match(_SCOPE_WORDS.sub("", q.attrs["label"]))])
        spending = _values([q for q in budget if q.attrs["role"] == "expense_total"])
        if len(income) != 1 or len(spending) != 1:
            return
        total, spent = income[0], spending[0]
        if reconciles(total.attrs["canonical"], [spent.attrs["canonical"]]):
            return
        report = describe_sum(Amount.of(total), [Amount.of(spent)])
        yield self.finding(
            doc, labelled_start(doc, spent), spent.end,
            L10n(f"预算收入{total.text}与支出预算{spent.text}不一致",
                 f"Budgeted income {total.text} differs from budgeted spending {spent.text}"),
            L10n(f"部门预算按收支平衡编制，报告所写预算收入（{total.attrs['label']} {total.text}）"
                 f"应等于支出预算（{spent.attrs['label']} {spent.text}），"
                 f"相差{report.data['difference']}{report.data['unit'] or ''}，且报告未提及"
                 "结转结余。",
                 f"A budget is balanced, so the stated budgeted income ({total.text}) should "
                 f"equal the budgeted spending ({spent.text}); they differ by "
                 f"{report.data['difference']} {report.data['unit'] or ''} and the report "
                 "mentions no carry-over."),
            L10n("核对预算收入与支出预算；如有上年结转或结余，请在报告中说明。",
                 "Check the budgeted income and spending; state any carry-over that explains "
                 "the gap."),
            confidence=0.6, severity="medium",
            data={**report.data, "scope": "budget_balance"},
            related=[_related(doc, total)])
