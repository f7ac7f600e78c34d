"""indicator.unquantified: a target or actual in words where a number or tier is expected.

Guidance asks for targets that are 细化、量化: a number, or a graded tier where numbers are
impossible (好/较好/一般, 达到预期) or a yes/no fact (无问题, 合规), including the judgement
that a common 决策/过程 indicator names (立项依据充分性 → 充分). Vague words (有效保障,
效果明显, 全年, 及时, 长期), or a target that merely restates the indicator's name, measure
nothing; nor does an actual of just 完成. Satisfaction (满意度) targets always need a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.annotate.score_tables import Indicator, table_indicators
from auditor.annotate.targets import Value
from auditor.check.registry import CheckContext, Rule, register
from auditor.check.score_arithmetic import short
from auditor.model.document import Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

_VAGUE = re.compile(r"有效|明显|全年|及时|长期|持续|逐步|进一步|稳步|显著|不断|积极|大力|切实|提升|提高"
                    r"|加强|改善|保障|促进|推动|正常运转|按时|按期")
_TIER_OR_FACT = re.compile(r"达到预期|符合预期|^好|较好|^优|良好|一般|合格|达标|合规|无问题|^无|零|不发生"
                           r"|未发生|^是$|^否$|通过|齐全|完整|[好优良中差]\s*[/／、]")
_BARE_ACTUAL = re.compile(r"^(?:已|全部|基本)?(?:完成|达到|实现|达成)(?:目标|任务)?$|^有效(?:保障|提升|加强)$"
                          r"|^效果明显$|^明显提升$")


def _is_judgement(name: str, target: str) -> bool:
    """The yes/no judgement of a common 决策/过程 indicator: 立项依据充分性 → 充分, 管理制度
    健全性 → 健全, 制度执行有效性 → 有效. The scoring guide defines what each means, so the
    word is the target, not a restatement of the name."""
    word = re.sub(r"[\s。.]", "", target)
    return name.endswith("性") and 2 <= len(word) <= 3 and name[: -1].endswith(word)


def _target_problem(ind: Indicator) -> str | None:
    t = ind.target
    if t is None or t.empty or t.number is not None:
        return None
    if "满意" in ind.name:
        return "satisfaction"
    if _TIER_OR_FACT.search(t.text):
        return None
    name = re.sub(r"\s", "", ind.name)
    if _is_judgement(name, t.text):
        return None
    if _VAGUE.search(t.text) or (len(name) >= 4 and (name in t.text or t.text in name)):
        return "vague"
    return None


def _actual_problem(ind: Indicator) -> bool:
    a: Value | None = ind.actual
    if a is None or a.empty or a.number is not None:
        return False
    bare = re.sub(r"[\s。，,；;]", "", a.text)
    if _BARE_ACTUAL.match(bare):
        return True
    return ind.target is not None and ind.target.number is not None and a.tier is None


@register
class IndicatorUnquantified(Rule):
    id = "indicator.unquantified"
    category = "indicator.unquantified"
    severity = "low"
    name = L10n("指标值未量化", "Indicator value not quantified")
    description = L10n(
        "目标值用“有效保障”“效果明显”“全年”“及时”“长期”等词语或照抄指标名称，既无数值也无分档；"
        "完成值只写“完成”；满意度目标没有数值。分档的定性指标（好/较好/一般、达到预期）不报。",
        "A target in words (有效保障, 效果明显, 全年, 及时, 长期, or the indicator's own name) "
        "with neither number nor tier, an actual of just 完成, or a satisfaction target with "
        "no number. Graded qualitative targets (好/较好/一般, 达到预期) are fine.",
    )
    example = "目标值：有效保障；完成值：完成"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for ind in table_indicators(doc):
            target = _target_problem(ind)
            actual = _actual_problem(ind)
            if target is None and not actual:
                continue
            zh: list[str] = []
            en: list[str] = []
            if target == "satisfaction" and ind.target:
                zh.append(f"满意度目标“{ind.target.text}”没有数值（如≥90%）")
                en.append(f"satisfaction target “{ind.target.text}” has no figure (e.g. ≥90%)")
            elif target and ind.target:
                zh.append(f"目标值“{short(ind.target.text, 20)}”既无数值也无分档")
                en.append(f"target “{short(ind.target.text, 20)}” has neither a number nor a tier")
            if actual and ind.actual:
                zh.append(f"完成值只写“{short(ind.actual.text, 20)}”，没有实际数据")
                en.append(f"actual is only “{short(ind.actual.text, 20)}”, no measured value")
            yield self.finding(
                doc, ind.start, ind.end,
                L10n(f"指标“{short(ind.name)}”未量化：" + "；".join(zh),
                     f"Indicator “{short(ind.name)}” is not quantified: " + "; ".join(en)),
                L10n("绩效目标应细化、量化：写明数值，无法量化的写明分档标准（如好/较好/一般）；"
                     "完成值应为可与目标值比较的实际数据。",
                     "Targets should be quantified, or graded in tiers where numbers are "
                     "impossible; actuals should be measured values comparable with the target."),
                L10n("把目标值改为数值或分档标准，并填写实际完成数值。",
                     "Give the target as a number or tier and the actual as a measured value."),
                confidence=0.7 if target else 0.6,
                data={"indicator": ind.name, "target": ind.target.text if ind.target else None,
                      "actual": ind.actual.text if ind.actual else None},
            )
