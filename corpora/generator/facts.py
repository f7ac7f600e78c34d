"""The facts of one synthetic report, drawn from a seed: every figure reconciles.

Amounts are in 万元 with two decimals: basic spending = personnel + public, the budget =
basic + projects (or the sum of a project's cost items), income = fiscal + other = budget;
each indicator's score follows the forward-target rule (full weight when the actual reaches
the target, else actual ÷ target × weight); the total is the sum of the scores and the grade
follows the Ministry of Finance bands (优秀 ≥ 90, 良好 80–89, 一般 60–79, 较差 < 60).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from corpora.generator.profiles import PROFILES, Profile

CENT = Decimal("0.01")
REGIONS = ("青川", "临江", "安平", "长宁", "凤翔", "云溪", "南屏", "北塘", "江阳", "石门")
REGION_SUFFIX = ("区", "县")
FIRST_YEAR, LAST_YEAR = 2018, 2025


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt(value: Decimal) -> str:
    """A figure without trailing zeros after the point: 92.50 → 92.5, 96.00 → 96."""
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass
class Line:
    """A row of the budget table: a spending line with its budget and actual."""

    name: str
    budget: Decimal
    actual: Decimal

    @property
    def rate(self) -> Decimal:
        return money(self.actual / self.budget * 100)


@dataclass
class Indicator:
    level1: str
    level2: str
    name: str
    unit: str
    target: Decimal
    actual: Decimal
    weight: Decimal
    score: Decimal
    target_text: str = ""
    actual_text: str = ""

    def texts(self) -> tuple[str, str]:
        return (self.target_text or f"≥{fmt(self.target)}{self.unit}",
                self.actual_text or f"{fmt(self.actual)}{self.unit}")


def grade_of(total: Decimal) -> str:
    if total >= 90:
        return "优秀"
    if total >= 80:
        return "良好"
    return "一般" if total >= 60 else "较差"


def forward_score(actual: Decimal, target: Decimal, weight: Decimal) -> Decimal:
    return weight if actual >= target else money(actual / target * weight)


@dataclass
class Facts:
    seed: int
    kind: str
    year: int
    region: str
    profile: Profile
    project: str
    lines: list[Line]
    fiscal: Decimal
    personnel: Decimal
    public: Decimal
    indicators: list[Indicator] = field(default_factory=list)
    satisfaction: Decimal = Decimal("95")
    survey: tuple[int, int] = (300, 290)
    staff: tuple[int, int, int] = (8, 40, 38)
    notice_no: int = 3
    date: tuple[int, int] = (3, 15)
    task: str = ""
    cause: str = ""

    @property
    def department(self) -> str:
        return self.region + self.profile.name

    @property
    def budget(self) -> Decimal:
        return sum((line.budget for line in self.lines), Decimal(0))

    @property
    def spent(self) -> Decimal:
        return sum((line.actual for line in self.lines), Decimal(0))

    @property
    def rate(self) -> Decimal:
        return money(self.spent / self.budget * 100)

    @property
    def balance(self) -> Decimal:
        return self.budget - self.spent

    @property
    def other_income(self) -> Decimal:
        return self.budget - self.fiscal

    @property
    def project_budget(self) -> Decimal:
        return sum((line.budget for line in self.lines[1:]), Decimal(0))

    @property
    def total(self) -> Decimal:
        return sum((i.score for i in self.indicators), Decimal(0))

    @property
    def grade(self) -> str:
        return grade_of(self.total)

    def rescore(self) -> None:
        """Recompute the execution indicator and every score from targets and actuals."""
        execution = self.indicators[0]
        execution.actual = self.rate
        for ind in self.indicators:
            ind.score = forward_score(ind.actual, ind.target, ind.weight)


def _amount(rng: random.Random, low: int, high: int) -> Decimal:
    return money(Decimal(rng.randint(low * 100, high * 100)) / 100)


def _indicators(rng: random.Random, profile: Profile) -> list[Indicator]:
    out = [Indicator("预算执行", "预算执行率", "预算执行率", "%", Decimal(100), Decimal(0),
                     Decimal(10), Decimal(0), target_text="100%")]
    weights = [Decimal(15), Decimal(15), Decimal(10), Decimal(10)]
    for (level2, name, unit, base), weight in zip(profile.outputs, weights, strict=True):
        target = Decimal(base)
        actual = target if unit == "%" and base >= 98 else (
            min(Decimal(100), target + rng.randint(0, 5)) if unit == "%" else
            target + Decimal(rng.randint(0, max(1, base // 8))))
        out.append(Indicator("产出指标", level2, name, unit, target, actual, weight, weight))
    short = rng.randrange(len(profile.effects))
    for n, (level2, name, unit, base) in enumerate(profile.effects):
        target = Decimal(base)
        ratio = Decimal(rng.randint(86, 97)) / 100 if n == short else Decimal(1)
        step = Decimal("0.1") if unit.startswith("万") else Decimal(1)
        actual = (target * ratio).quantize(step) if n == short else target + rng.randint(0, 3)
        out.append(Indicator("效益指标", level2, name, unit, target, actual, Decimal(15),
                             Decimal(15)))
    out.append(Indicator("满意度指标", "服务对象满意度指标", "服务对象满意度", "%", Decimal(90),
                         Decimal(rng.randint(920, 985)) / 10, Decimal(10), Decimal(10)))
    return out


def make_facts(seed: int, kind: str | None = None) -> Facts:
    """The facts of report ``seed``; ``kind`` is department or project (else drawn)."""
    rng = random.Random(seed)
    kind = kind or rng.choice(("department", "project"))
    profile = rng.choice(PROFILES)
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    region = rng.choice(REGIONS) + rng.choice(REGION_SUFFIX)
    project = rng.choice(profile.projects)
    if kind == "department":
        personnel = _amount(rng, 300, 900)
        public = money(personnel * Decimal(rng.randint(12, 20)) / 100)
        lines = [Line("基本支出", personnel + public, personnel + public)]
        for name in rng.sample(profile.projects, rng.randint(2, 4)):
            budget = _amount(rng, 20, 260)
            lines.append(Line(f"{name}项目", budget, budget))
    else:
        personnel = public = Decimal(0)
        items = ("设备购置", "工程施工", "培训宣传", "劳务服务", "资料印制")
        lines = [Line(name, _amount(rng, 8, 120), Decimal(0)) for name in rng.sample(items, 3)]
        for line in lines:
            line.actual = line.budget
    for line in rng.sample(lines[1:], 1):
        line.actual = money(line.budget * Decimal(rng.randint(80, 95)) / 100)
    budget = sum((line.budget for line in lines), Decimal(0))
    fiscal = budget - money(budget * Decimal(rng.randint(0, 5)) / 100)
    issued = rng.randint(300, 600)
    facts = Facts(
        seed=seed, kind=kind, year=year, region=region, profile=profile, project=project,
        lines=lines, fiscal=fiscal, personnel=personnel, public=public,
        indicators=_indicators(rng, profile),
        survey=(issued, issued - rng.randint(3, 20)),
        staff=(rng.randint(4, 12), rng.randint(20, 80), 0),
        notice_no=rng.randint(2, 30), date=(rng.randint(2, 4), rng.randint(1, 28)),
        task=rng.choice(profile.tasks), cause=rng.choice(profile.causes),
    )
    facts.staff = (facts.staff[0], facts.staff[1], facts.staff[1] - rng.randint(0, 4))
    facts.satisfaction = facts.indicators[-1].actual
    facts.rescore()
    return facts
