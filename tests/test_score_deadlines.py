"""score.unearned on timeliness indicators: deadlines are compared as dates, not as numbers.

Each case is one indicator row (target, actual, score of 10); a finding is expected only
when the completion lies wholly after the most lenient reading of the deadline and the
row still got full marks.
"""

from __future__ import annotations

import pytest

from auditor.check import run_checks
from tests.conftest import doc_from_text

_HEAD = ("示范区文旅局2024年度景区设施提升项目支出绩效自评报告\n一、项目基本情况\n"
         "项目预算80.00万元，执行78.00万元。\n二、绩效目标实现情况\n")
_TAIL = "三、评价结论\n总得分95分。\n四、存在的问题\n个别设施验收资料归档不及时。\n"
_COLUMNS = ("二级指标", "三级指标", "分值", "目标值", "实际值", "得分")


def _findings(target: str, actual: str, score: str = "10") -> list[str]:
    rows = [_COLUMNS, ("时效", "设施改造完工时间", "10", target, actual, score)]
    table = "\n".join("".join(f"\t{c}\n" for c in row) for row in rows)
    doc = doc_from_text(_HEAD + table + "\n" + _TAIL)
    return [f.message.zh for f in run_checks([doc], {}, only=["score.unearned"])[0]]


@pytest.mark.parametrize(("target", "actual"), [
    ("9月前", "8月底"),                  # 8 < 9 as numbers, yet on time
    ("9月底前", "9月下旬"),
    ("12月31日前", "12月20日"),
    ("年底前", "11月"),
    ("第三季度", "8月中旬"),
    ("上半年", "6月底"),
    ("2024年10月底前", "2024年9月"),
    ("10月前", "9-10月"),                # a range that may end in time
    ("9月前", "9月20日"),                 # late only under the strict reading of 前
    ("9月后", "8月底"),                   # a start date: the direction is not known
    ("9.30前", "10.15"),                  # a date form not understood: not judged
    ("11月底前", "10月底、12月下旬"),      # one part in time
    ("9月前", "按期完成"),
])
def test_on_time_or_unclear_completion_is_not_flagged(target: str, actual: str) -> None:
    assert _findings(target, actual) == []


@pytest.mark.parametrize(("target", "actual"), [
    ("9月前", "10月底"),
    ("10月底前", "11月"),
    ("12月底前", "次年1月中旬"),
    ("第三季度", "11月"),
    ("上半年", "7月中旬"),
    ("2024年12月底前", "2025年1月10日"),
])
def test_late_completion_with_full_marks_is_flagged(target: str, actual: str) -> None:
    found = _findings(target, actual)
    assert len(found) == 1 and "未按期完成" in found[0]


def test_late_completion_with_points_deducted_stands() -> None:
    assert _findings("9月前", "10月底", score="7") == []
