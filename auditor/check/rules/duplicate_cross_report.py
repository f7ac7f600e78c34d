"""duplicate.cross_report: text copied between departments' reports, and year-over-year text.

Copies are found sentence by sentence with MinHash LSH (datasketch) over character
3-grams, so a batch of 10,000 reports costs one pass plus the candidates the index
returns, not a comparison of every pair; each candidate is confirmed with a rapidfuzz ratio.
A department's own name is masked first, so a paragraph copied with only the name changed
still matches; a sentence whose figures differ counts as adapted, not copied.

Template text that every report of a district legitimately shares is not a copy: a sentence
shared by ``template_min_reports`` or more departments, or one made mostly of template
clauses (the cited notice, the evaluation principles, the grading scale, the standard
weighting of the indicator groups, 现将…报告如下).
Sentences of 基本情况 sections are skipped: their duty lists restate the law.

For the same department, the report of a prior year in the batch gives stickiness (Lang &
Stice-Lawrence style, domain.md): the share of the report's 8-word n-grams also present in
the prior year's text; it is reported only at or above ``stickiness``.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from datasketch import MinHash, MinHashLSH
from rapidfuzz import fuzz

from auditor.annotate.tokens import segment
from auditor.check.registry import BatchRule, CheckContext, register
from auditor.config import ConfigError
from auditor.model.document import Document, Span
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

DEFAULTS: dict[str, Any] = {
    "min_chars": 12,  # shorter sentences (无。 合计) are shared by chance
    "min_passage_chars": 24,
    "min_ratio": 90,  # rapidfuzz ratio confirming an LSH candidate
    "template_min_reports": 5,
    "template_share": 0.6,  # share of a sentence's characters in template clauses
    "template_patterns": [],  # extra regexes, matched clause by clause like TEMPLATE_PATTERNS
    "stickiness": 0.5,
    "num_perm": 64,
    # 3-gram Jaccard the LSH index aims at: low enough to catch a copy with a few words
    # edited (each edit changes three 3-grams), the ratio then confirms
    "lsh_threshold": 0.6,
    # 基本情况 restates statutory duties in the words of the law: shared, not copied
    "skip_sections": ["basic_info"],
}
TEMPLATE_PATTERNS = [
    r"(?:根据|按照|依据|贯彻落实|贯彻|落实|遵照).{0,30}《[^》]+》",  # the cited notice or opinion
    # … or the notice described without its title: 根据省财政厅关于开展…工作的通知要求
    r"^(?:根据|按照|依据|遵照).{0,40}(?:通知|意见|办法|规定|文件|部署)(?:的?(?:要求|精神|规定))?$",
    r"《[^》]*(?:通知|意见|办法|规定|细则|方案)》.{0,12}(?:要求|精神|规定)",
    r"遵循.{0,30}原则",
    r"(?:实施|开展|进行)了?.{0,12}(?:绩效)?(?:自评价|自评|评价)$",
    r"形成(?:本|了)?.{0,8}报告",
    r"现将.{0,48}(?:报告|汇报)如下",
    r"分为\s*[\d一二三四五]\s*个?(?:等级|档次)",
    r"满分\s*\d+\s*分|评价等级",
    # the standard weighting: 预算执行率10分，产出指标50分，效益指标30分，满意度10分
    r"(?:预算执行率?|执行率|决策|过程|产出|效益|满意度)(?:指标)?\s*(?:权重|分值)?(?:为|占)?\s*"
    r"\d+(?:\.\d+)?\s*分",
    r"百分制|决策[、，,]\s*过程[、，,]\s*产出[、，,和及]\s*效益",  # the standard framework
    r"(?:得分|评分|分值)(?:情况)?详?见(?:下表|附表|附件)",
    r"得分\s*[≥≤<>＜＞]|[≥≤<>＜＞]\s*得分",
    r"\d+\s*分?(?:以上|以下|及以上|（含）)?(?:为|的为|评为)\s*[“\"]?(?:优|良|中|差|合格|不合格|一般)",
]
_CLAUSE = re.compile(r"[^，,：:；;。！？]+")
# A table flattened into a line (cells split by | or wide gaps) is a form's header row,
# shared by every report that fills in the same form.
_FLATTENED_ROW = re.compile(r"(?:\S+(?:\s*\|\s*|\s{2,}|\t)){3,}")
_WORD = re.compile(r"[\u4e00-\u9fa5A-Za-z0-9]")


def squash(text: str) -> str:
    """Only letters and digits, without conversion debris such as [bookmark: _GoBack]."""
    return re.sub(r"[^\u4e00-\u9fa5A-Za-z0-9]", "", re.sub(r"\[bookmark:[^\]]*\]", "", text))


def is_template(text: str, patterns: list[re.Pattern[str]], share: float) -> bool:
    """True when most of the sentence is template clauses (cited notice, grading scale)."""
    clauses = [m.group(0) for m in _CLAUSE.finditer(text) if m.group(0).strip()]
    total = sum(len(c) for c in clauses)
    hit = sum(len(c) for c in clauses if any(p.search(c.strip()) for p in patterns))
    return total > 0 and hit / total >= share


def department_key(doc: Document) -> str:
    return squash(doc.metadata.department or "") or f"<{doc.source}>"


@dataclass
class Unit:
    """One sentence of one report, as compared."""

    doc: int
    order: int
    span: Span
    key: str


def _units(docs: list[Document], cfg: dict[str, Any],
           patterns: list[re.Pattern[str]]) -> list[Unit]:
    units: list[Unit] = []
    for i, doc in enumerate(docs):
        own = [squash(n) for n in (doc.metadata.department, doc.metadata.region) if n]
        order = 0
        for sentence in doc.sentences:
            block = doc.blocks[sentence.block]
            order += 1  # a heading between two matches ends the passage
            if block.kind != "paragraph" or block.section in cfg["skip_sections"]:
                continue
            key = squash(sentence.text)
            for name in sorted(own, key=len, reverse=True):
                if len(name) >= 2:
                    key = key.replace(name, "〇")
            if len(key) < cfg["min_chars"]:
                continue
            if is_template(sentence.text, patterns, cfg["template_share"]):
                continue
            if _FLATTENED_ROW.search(sentence.text) and not re.search(r"[，。；]", sentence.text):
                continue
            units.append(Unit(i, order, sentence, key))
    return units


def _similar_keys(keys: list[str], cfg: dict[str, Any]) -> dict[int, set[int]]:
    """For every distinct sentence key, the indexes of keys confirmed as near-identical."""
    lsh = MinHashLSH(threshold=cfg["lsh_threshold"], num_perm=cfg["num_perm"])
    shingles = [[k[i : i + 3].encode("utf-8") for i in range(len(k) - 2)] for k in keys]
    # crc32: deterministic like datasketch's sha1 default, several times faster
    hashes = list(MinHash.generator(shingles, num_perm=cfg["num_perm"], seed=1,
                                    hashfunc=zlib.crc32))
    with lsh.insertion_session() as session:
        for index, minhash in enumerate(hashes):
            session.insert(index, minhash)
    # A sentence whose figures differ was adapted, not copied (全年开展培训12次 / 培训9次);
    # years are left out, a copied paragraph keeps its copy even where a year was edited.
    figures = [tuple(n for n in re.findall(r"\d+", k) if not re.fullmatch(r"(?:19|20)\d\d", n))
               for k in keys]
    similar: dict[int, set[int]] = {}
    for index, minhash in enumerate(hashes):
        found = {index}
        for other in lsh.query(minhash):
            if (other != index and figures[index] == figures[other]
                    and fuzz.ratio(keys[index], keys[other]) >= cfg["min_ratio"]):
                found.add(other)
        similar[index] = found
    return similar


def stickiness(current: Document, prior: Document, n: int = 8) -> tuple[float, int, int]:
    """Share of the current report's word 8-grams also in the prior year's report."""

    def ngrams(doc: Document) -> set[tuple[str, ...]]:
        out: set[tuple[str, ...]] = set()
        for block in doc.paragraphs:
            if block.index == doc.metadata.title_block:
                continue  # the title always changes its year
            words = [w for w, _, _ in segment(block.text) if _WORD.search(w)]
            out.update(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
        return out

    now, before = ngrams(current), ngrams(prior)
    if not now:
        return 0.0, 0, 0
    same = len(now & before)
    return same / len(now), same, len(now)


@register
class CrossReportDuplicate(BatchRule):
    id = "duplicate.cross_report"
    category = "duplicate.cross_report"
    severity = "medium"
    name = L10n("跨报告雷同", "Text copied between reports")
    description = L10n(
        "同一批次中不同部门的报告出现相同段落（模板句除外：引用的通知、评分标准、法定职责等）；同一部门的上年报告在批次中时，计算逐年未改动文字的比例（黏性）。",
        "Passages shared by reports of different departments in one batch (template sentences "
        "such as the cited notice or the grading scale, and statutory duties, excepted); for the same department, the "
        "share of text unchanged from its prior-year report in the batch (stickiness).",
    )
    example = "两个部门的报告都写有“从整体情况来看，严格按照年初预算进行部门整体支出。”"

    def check_batch(self, docs: list[Document], ctx: CheckContext) -> Iterator[tuple[int, Finding]]:
        cfg = {**DEFAULTS, **ctx.rule_config(self.id)}
        patterns = [re.compile(p) for p in TEMPLATE_PATTERNS]
        for extra in cfg["template_patterns"]:
            try:
                patterns.append(re.compile(extra))
            except (re.error, TypeError) as exc:
                raise ConfigError(L10n(
                    f'rule."{self.id}".template_patterns 中的正则表达式无效：{extra!r}（{exc}）',
                    f'invalid regular expression in rule."{self.id}".template_patterns: '
                    f"{extra!r} ({exc})")) from None
        yield from self._copies(docs, cfg, patterns)
        yield from self._stickiness(docs, cfg)

    def _copies(self, docs: list[Document], cfg: dict[str, Any],
                patterns: list[re.Pattern[str]]) -> Iterator[tuple[int, Finding]]:
        if len(docs) < 2:
            return
        units = _units(docs, cfg, patterns)
        keys = sorted({u.key for u in units})
        index = {k: i for i, k in enumerate(keys)}
        by_key: dict[int, list[Unit]] = defaultdict(list)
        for unit in units:
            by_key[index[unit.key]].append(unit)
        similar = _similar_keys(keys, cfg)
        depts = [department_key(d) for d in docs]
        # matches[(doc, other doc)] = [(unit in doc, unit in other)]
        matches: dict[tuple[int, int], list[tuple[Unit, Unit]]] = defaultdict(list)
        for k, group in by_key.items():
            partners = [u for j in similar[k] for u in by_key[j]]
            if len({depts[u.doc] for u in partners}) >= cfg["template_min_reports"]:
                continue  # shared by many departments: a district template
            for unit in group:
                for other in partners:
                    if depts[other.doc] != depts[unit.doc]:
                        matches[(unit.doc, other.doc)].append((unit, other))
        for (i, j), pairs in sorted(matches.items()):
            for run in _runs(pairs):
                if sum(len(u.key) for u, _ in run) >= cfg["min_passage_chars"]:
                    yield i, self._copy_finding(docs[i], docs[j], run)

    def _copy_finding(self, doc: Document, other: Document,
                      run: list[tuple[Unit, Unit]]) -> Finding:
        first, last = run[0], run[-1]
        there = other.location_at(first[1].span.start)
        where = there.describe()
        name = other.metadata.department or other.source
        ratio = min(fuzz.ratio(u.key, o.key) for u, o in run)
        return self.finding(
            doc, first[0].span.start, last[0].span.end,
            L10n(f"与“{name}”的报告（{where.zh}）文字相同",
                 f"Same text as the report of “{name}” ({where.en})"),
            L10n(f"本段 {len(run)} 句与{other.source}中的句子一致（去标点、屏蔽部门名称后相似度最低"
                 f" {ratio:.0f}%，阈值 90%）；两份报告属于不同部门，且这些句子不是模板句"
                 "（引用通知、评价原则、评分标准）或多数部门共有的句子。",
                 f"{len(run)} sentence(s) match sentences of {other.source} (lowest similarity "
                 f"{ratio:.0f}% after removing punctuation and masking department names; "
                 "threshold 90%); the reports belong to different departments and the sentences "
                 "are not template text (cited notice, principles, grading scale) or shared by "
                 "most departments."),
            L10n("按本部门的实际情况重写该段，写明本部门的数据和做法。",
                 "Rewrite the passage with this department's own facts and figures."),
            confidence=min(0.95, 0.6 + 0.1 * len(run)),
            data={"sentences": len(run), "min_ratio": ratio},
            related=[{"source": other.source, "location": there.to_dict(),
                      "evidence": "".join(o.span.text for _, o in run)}],
        )

    def _stickiness(self, docs: list[Document], cfg: dict[str, Any]) -> Iterator[tuple[int, Finding]]:
        by_dept: dict[str, list[int]] = defaultdict(list)
        for i, doc in enumerate(docs):
            if doc.metadata.department and doc.metadata.fiscal_year:
                by_dept[department_key(doc)].append(i)
        for members in by_dept.values():
            for i in members:
                year = docs[i].metadata.fiscal_year or 0
                earlier = [j for j in members if (docs[j].metadata.fiscal_year or 0) < year]
                if not earlier:
                    continue
                j = max(earlier, key=lambda m: docs[m].metadata.fiscal_year or 0)
                share, same, total = stickiness(docs[i], docs[j])
                if share >= cfg["stickiness"]:
                    yield i, self._sticky_finding(docs[i], docs[j], share, same, total, cfg)

    def _sticky_finding(self, doc: Document, prior: Document, share: float, same: int,
                        total: int, cfg: dict[str, Any]) -> Finding:
        before = {squash(s.text): s for s in prior.sentences}
        unchanged = [s for s in doc.sentences
                     if doc.blocks[s.block].kind == "paragraph" and squash(s.text) in before]
        quote = max(unchanged, key=lambda s: len(s.text)) if unchanged else doc.sentences[0]
        year = prior.metadata.fiscal_year
        there = prior.location_at(before[squash(quote.text)].start) if unchanged else None
        return self.finding(
            doc, quote.start, quote.end,
            L10n(f"与本部门{year}年度报告相比，{share:.0%}的文字未改动",
                 f"{share:.0%} of the text is unchanged from the department's {year} report"),
            L10n(f"黏性 = 与上年报告相同的八词组 {same} ÷ 本报告八词组 {total} = {share:.2f}"
                 f"（阈值 {cfg['stickiness']:.2f}）；上年报告：{prior.source}。所引为未改动的最长一句。",
                 f"Stickiness = 8-word n-grams also in the prior-year report {same} / all 8-word "
                 f"n-grams {total} = {share:.2f} (threshold {cfg['stickiness']:.2f}); prior "
                 f"report: {prior.source}. The quote is the longest unchanged sentence."),
            L10n("按本年度的实际情况更新报告内容，尤其是问题、措施和绩效分析。",
                 "Update the report to this year's facts, especially problems, measures and "
                 "the performance analysis."),
            confidence=min(0.9, 0.5 + (share - cfg["stickiness"])),
            data={"stickiness": round(share, 4), "same_ngrams": same, "ngrams": total,
                  "prior_year": year},
            related=[{"source": prior.source,
                      "location": there.to_dict() if there else {},
                      "evidence": quote.text}],
        )


def _runs(pairs: list[tuple[Unit, Unit]]) -> list[list[tuple[Unit, Unit]]]:
    """Matched sentences grouped into passages: consecutive in this report."""
    best: dict[int, tuple[Unit, Unit]] = {}
    for unit, other in pairs:
        if unit.order not in best or (fuzz.ratio(unit.key, other.key)
                                      > fuzz.ratio(unit.key, best[unit.order][1].key)):
            best[unit.order] = (unit, other)
    runs: list[list[tuple[Unit, Unit]]] = []
    for order in sorted(best):
        if runs and runs[-1][-1][0].order == order - 1:
            runs[-1].append(best[order])
        else:
            runs.append([best[order]])
    return runs
