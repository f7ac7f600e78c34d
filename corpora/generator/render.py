"""Write a report's facts out as keyed parts, in the usual outline of a self-evaluation.

Sentences are the project's own; the seed picks among a few phrasings so that reports
differ in wording as well as in figures. Keys name the parts defects act on.
"""

from __future__ import annotations

import random

from corpora.generator.facts import Facts, Indicator, fmt
from corpora.generator.report import Part, Report

CN = "一二三四五六七八九十"
SCALE = ("综合绩效评价分为四个等级：得分≥90分为优秀；80≤得分＜90分为良好；60≤得分＜80分为一般；"
         "得分＜60分为较差。")


def plan_sentence(year: int) -> str:
    """Where the year sits in its five-year plan, stated correctly."""
    first, name = (2021, "十四五") if year >= 2021 else (2016, "十三五")
    nth = year - first + 1
    if nth == 5:
        return f"{year}年是“{name}”规划收官之年，{{who}}围绕年度重点任务统筹安排预算。"
    if nth == 1:
        return f"{year}年是“{name}”规划开局之年，{{who}}围绕年度重点任务统筹安排预算。"
    return f"{year}年是“{name}”规划实施的第{CN[nth - 1]}年，{{who}}围绕年度重点任务统筹安排预算。"


def _scope(f: Facts) -> str:
    return "部门整体支出" if f.kind == "department" else f"{f.project}项目支出"


def _heading(n: int, title: str) -> str:
    return f"{CN[n - 1]}、{title}"


def _budget_table(f: Facts) -> list[list[str]]:
    head = "支出项目" if f.kind == "department" else "支出内容"
    rows = [[head, f"{f.year}年预算数", f"{f.year}年执行数", "执行率"]]
    for line in f.lines:
        rows.append([line.name, str(line.budget), str(line.actual), f"{line.rate}%"])
    rows.append(["合计", str(f.budget), str(f.spent), f"{f.rate}%"])
    return rows


def indicator_row(ind: Indicator) -> list[str]:
    target, actual = ind.texts()
    return [ind.level1, ind.level2, ind.name, target, actual, str(ind.weight), str(ind.score)]


def _indicator_table(f: Facts) -> list[list[str]]:
    rows = [["一级指标", "二级指标", "三级指标", "目标值", "实际值", "分值", "得分"]]
    rows.extend(indicator_row(ind) for ind in f.indicators)
    rows.append(["合计", "", "", "", "", "100", str(f.total)])
    return rows


def _narrative(ind: Indicator, cause: str) -> str:
    target, actual = ind.texts()
    if ind.actual >= ind.target:
        return f"{ind.name}：年度目标{target}，实际完成{actual}，达到预期。"
    return f"{ind.name}：年度目标{target}，实际完成{actual}，未达到目标，主要原因是{cause}。"


def render(f: Facts) -> list[Part]:
    rng = random.Random(f.seed * 7919 + 1)
    who = f.profile.short
    scope = _scope(f)
    kind_title = "部门整体支出绩效自评报告" if f.kind == "department" else f"{f.project}项目支出绩效自评报告"
    abbr = f.region[:2]
    p: list[Part] = [
        Part("title.department", f.department),
        Part("title.year", f"{f.year}年度{kind_title}"),
        Part("intro", f"根据{f.region}财政局《关于开展{f.year}年度{'部门整体支出' if f.kind == 'department' else '项目支出'}"
                      f"绩效自评工作的通知》（{abbr}财绩〔{f.year + 1}〕{f.notice_no}号）要求，{who}对{f.year}年度"
                      f"{scope}开展了绩效自评，现将有关情况报告如下。"),
        Part("h.basic", _heading(1, "基本情况")),
        Part("h.duties", "（一）主要职能"),
        Part("duties", "；".join(f.profile.duties) + "。"),
        Part("h.staff", "（二）机构和人员情况"),
        Part("staff", f"{who}内设科室{f.staff[0]}个，核定编制{f.staff[1]}人，年末实有在职人员{f.staff[2]}人。"),
        Part("h.budget", _heading(2, "预算收支及执行情况")),
    ]
    if f.kind == "department":
        p += [
            Part("income", f"{f.year}年预算收入{f.budget}万元，其中财政拨款收入{f.fiscal}万元，"
                           f"其他收入{f.other_income}万元。"),
            Part("spending", f"{f.year}年支出预算{f.budget}万元，其中基本支出{f.lines[0].budget}万元，"
                             f"项目支出{f.project_budget}万元。"),
            Part("basic_split", f"基本支出中人员经费{f.personnel}万元，公用经费{f.public}万元。"),
        ]
    else:
        p.append(Part("income", f"{f.year}年{f.project}项目预算资金{f.budget}万元，其中财政拨款"
                                f"{f.fiscal}万元，单位自筹资金{f.other_income}万元。"))
    slow = next(line for line in f.lines if line.actual < line.budget)
    p += [
        Part("execution", f"全年实际支出{f.spent}万元，预算执行率为{f.rate}%，年末结余{f.balance}万元。"),
        Part("difference", f"{slow.name}因{f.cause}，预算数与执行数存在一定差异。"),
        Part("unit", "单位：万元"),
        Part("budget_table", rows=_budget_table(f)),
        Part("h.goals", _heading(3, "绩效目标设立情况")),
        Part("goals", "年度绩效目标为：" + "，".join(
            f"{ind.name}{ind.texts()[0]}" for ind in f.indicators[1:4]) + "。"),
        Part("plan", plan_sentence(f.year).format(who=who)),
        Part("h.process", _heading(4, "自评工作开展情况")),
        Part("process", rng.choice((
            f"{who}成立了由主要负责同志任组长的绩效自评工作小组，采取查阅资料、核对账目、"
            f"实地查看和问卷调查相结合的方式开展了自评，共发放调查问卷{f.survey[0]}份，"
            f"回收有效问卷{f.survey[1]}份。",
            f"{who}由分管财务的负责同志牵头，组织{f.staff[0]}个科室采取自查、抽查凭证和问卷调查"
            f"相结合的办法开展了自评，面向服务对象发放问卷{f.survey[0]}份，收回有效问卷"
            f"{f.survey[1]}份。"))),
        Part("h.results", _heading(5, "绩效目标实现情况")),
        Part("h.outputs", "（一）产出情况"),
    ]
    p += [Part(f"ind.{i}", _narrative(ind, f.cause)) for i, ind in enumerate(f.indicators)
          if ind.level1 == "产出指标"]
    p.append(Part("h.effects", "（二）效益情况"))
    p += [Part(f"ind.{i}", _narrative(ind, f.cause)) for i, ind in enumerate(f.indicators)
          if ind.level1 == "效益指标"]
    p += [
        Part("h.satisfaction", "（三）满意度情况"),
        Part("satisfaction", f"通过问卷调查，服务对象满意度为{fmt(f.satisfaction)}%。"),
        Part("h.table", "（四）绩效指标完成情况"),
        Part("indicator_table", rows=_indicator_table(f)),
        Part("h.conclusion", _heading(6, "评价结论")),
        Part("conclusion", rng.choice((
            f"经综合评定，{who}{f.year}年度{scope}绩效自评得分{f.total}分，评价等级为“{f.grade}”。",
            f"对照评分标准逐项打分，{f.year}年度{scope}自评总得分{f.total}分，"
            f"评价等级为“{f.grade}”。"))),
        Part("h.problems", _heading(7, "存在的问题及原因")),
        Part("problem", f"{f.task}受{f.cause}影响尚未完成，已结转下年继续实施。"),
        Part("h.measures", _heading(8, "改进措施")),
        Part("measure", rng.choice((
            f"对{f.task}实行月调度，明确完工节点并按进度拨付资金。",
            f"加强{f.task}的前期论证，提前完成招标和设计审查。"))),
        Part("h.application", _heading(9, "结果应用情况")),
        Part("application", rng.choice((
            f"自评结果已在{f.region}人民政府网站公开，并作为{who}编制下一年度预算的参考依据。",
            f"{who}将自评中发现的{f.task}进度问题列入整改清单，自评报告随部门决算一并公开。",
            f"自评结果报送{f.region}财政局备案，{f.project}的绩效情况将作为下一年度安排该项资金的依据。"))),
        Part("sign.department", f.department),
        Part("sign.date", f"{f.year + 1}年{f.date[0]}月{f.date[1]}日"),
    ]
    return p


def build(facts: Facts) -> Report:
    return Report(facts, render(facts))


def rerender(report: Report) -> None:
    """Write the parts again from the (changed) facts."""
    report.parts = render(report.facts)
