"""duplicate.cross_report: text copied between departments' reports, and year-over-year text.

Copies are found sentence by sentence with MinHash LSH (datasketch) over character
3-grams, so a batch of 10,000 reports costs one pass plus the candidates the index
returns, not a comparison of every pair; each candidate is confirmed with a rapidfuzz ratio.
A department's own name is masked first, so a paragraph copied with only the name changed
still matches; a sentence whose figures differ counts as adapted, not copied.

Template text that every report of a district legitimately shares is not a copy: a sentence
shared by ``template_min_reports`` or more departments, or by at least three that are
``template_min_share`` of the batch's departments (a small batch has few departments to
share it), or one made mostly of template clauses (the cited notice, the evaluation
principles and stages, the grading scale, the standard weighting of the indicator groups,
现将…报告如下, where the results are reported, published and used). A batch of two or three
departments of one district cannot show by counting that a sentence is district wording, so
these clauses are what keeps its procedure text from being called a copy. Sentences of 基本情况 sections are skipped: their duty lists restate the law.

A copy is asserted only between reports whose departments are both known and differ: when
a name is missing, or one contains the other (保山市人民政府 / 保山市人民政府办公室), the two
reports may be one department's projects, whose shared procedure text is its own. A passage
found in several reports gives one finding that lists them all.

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
    "template_min_share": 0.5,  # … or this share of the batch's departments, if at least 3
    "template_share": 0.6,  # share of a sentence's characters in template clauses
    "template_patterns": [],  # extra regexes, matched clause by clause like TEMPLATE_PATTERNS
    "stickiness": 0.5,
    "num_perm": 64,
    # 3-gram Jaccard the LSH index aims at; the ratio then confirms. Each edited character
    # changes three 3-grams, so a sentence with a few words edited (ratio ≥ 90) can fall to
    # a Jaccard of 0.6, which the index returns only 38% of the time (71% at 0.7). A lower
    # threshold would make the cost grow with the square of the batch (sentences written to
    # one template with other figures come back as candidates), so sentences next to a
    # confirmed match are compared directly instead (``_extend``).
    "lsh_threshold": 0.6,
    # 基本情况 restates statutory duties in the words of the law: shared, not copied
    "skip_sections": ["basic_info"],
}
TEMPLATE_PATTERNS = [
    r"(?:根据|按照|依据|贯彻落实|贯彻|落实|遵照).{0,30}《[^》]+》",  # the cited notice or opinion
    # … or the notice described without its title: 根据省财政厅关于开展…工作的通知要求
    r"^(?:根据|按照|依据|遵照).{0,40}(?:通知|意见|办法|规定|文件|部署)(?:的?(?:要求|精神|规定))?$",
    r"《[^》]*(?:通知|意见|办法|规定|细则|方案)》.{0,12}(?:要求|精神|规定)",
    r"(?:遵循|坚持|本着|按照|秉承|秉持|贯彻).{0,30}原则",  # the evaluation principles
    r"分为.{0,30}(?:阶段|步骤|环节)",  # the stages of the self-evaluation procedure
    # where the results go: reported to the finance bureau, published, used in next budgets
    r"(?:报送?|上报|提交|报告)(?:至|给)?.{0,12}财政(?:局|厅|部门|所)",
    r"(?:网站|门户|政务公开|信息公开|公开栏|公示栏).{0,8}(?:公开|公示)|(?:予以|向社会|主动)公开",
    r"作为.{0,24}(?:预算|资金)安排.{0,12}(?:依据|参考)",
    r"(?:实施|开展|进行)了?.{0,12}(?:绩效)?(?:自评价|自评|评价)$",
    r"形成(?:本|了)?.{0,8}报告",
    r"现将.{0,48}(?:报告|汇报)如下",
    r"分为\s*[\d一二三四五]\s*个?(?:等级|档次)",
    r"满分\s*\d+\s*分|评价等级",
    # the standard weighting: 预算执行率10分，产出指标50分，效益指标30分，满意度10分
    r"(?:预算执行率?|执行率|决策|过程|产出|效益|满意度|其余|其他|其它)(?:各项)?(?:指标)?\s*"
    r"(?:权重|分值)?(?:为|占)?\s*\d+(?:\.\d+)?\s*分",
    r"百分制|决策[、，,]\s*过程[、，,]\s*产出[、，,和及]\s*效益",  # the standard framework
    r"(?:得分|评分|分值|完成|指标完成)(?:情况)?(?:详|具体)?见(?:下表|附表|附件)",
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
    """The department as compared; a report without one is a department of its own."""
    return squash(doc.metadata.department or "") or f"<{doc.source}>"


def different_departments(a: Document, b: Document) -> bool:
    """Both departments known and neither name inside the other (a unit and its office)."""
    x, y = squash(a.metadata.department or ""), squash(b.metadata.department or "")
    return bool(x and y) and x not in y and y not in x


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
        title = set(doc.attrs.get("title_blocks", []))  # 2024年度…项目绩效自评报告: a name
        for sentence in doc.sentences:
            block = doc.blocks[sentence.block]
            order += 1  # a heading between two matches ends the passage
            if block.kind != "paragraph" or block.section in cfg["skip_sections"] \
                    or block.index in title:
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
    figures = [_figures(k) for k in keys]
    similar: dict[int, set[int]] = {}
    for index, minhash in enumerate(hashes):
        found = {index}
        for other in lsh.query(minhash):
            if (other != index and figures[index] == figures[other]
                    and fuzz.ratio(keys[index], keys[other]) >= cfg["min_ratio"]):
                found.add(other)
        similar[index] = found
    return similar


def _figures(key: str) -> tuple[str, ...]:
    """A sentence whose figures differ was adapted, not copied (全年开展培训12次 / 培训9次);
    years are left out, a copied paragraph keeps its copy even where a year was edited."""
    return tuple(n for n in re.findall(r"\d+", key) if not re.fullmatch(r"(?:19|20)\d\d", n))


def _same(a: Unit, b: Unit, cfg: dict[str, Any]) -> bool:
    return _figures(a.key) == _figures(b.key) and fuzz.ratio(a.key, b.key) >= cfg["min_ratio"]


def _extend(pairs: list[tuple[Unit, Unit]], mine: list[Unit], theirs: list[Unit],
            skip: set[str], cfg: dict[str, Any]) -> list[tuple[Unit, Unit]]:
    """Grow each match sentence by sentence in both reports while the neighbours also match:
    the rest of a copied passage whose sentences were edited more than the index can see."""
    at_mine = {id(u): n for n, u in enumerate(mine)}
    at_theirs = {id(u): n for n, u in enumerate(theirs)}
    seen = {(id(a), id(b)) for a, b in pairs}
    out = list(pairs)
    todo = list(pairs)
    while todo:
        a, b = todo.pop()
        for step in (-1, 1):
            x, y = at_mine[id(a)] + step, at_theirs[id(b)] + step
            if not (0 <= x < len(mine) and 0 <= y < len(theirs)):
                continue
            pair = (mine[x], theirs[y])
            if (id(pair[0]), id(pair[1])) in seen or pair[0].key in skip \
                    or not _same(pair[0], pair[1], cfg):
                continue
            seen.add((id(pair[0]), id(pair[1])))
            out.append(pair)
            todo.append(pair)
    return out


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
        template_count = max(3, min(cfg["template_min_reports"],
                                    cfg["template_min_share"] * len(set(depts))))
        # matches[(doc, other doc)] = [(unit in doc, unit in other)]
        matches: dict[tuple[int, int], list[tuple[Unit, Unit]]] = defaultdict(list)
        templates: set[str] = set()
        for k, group in by_key.items():
            partners = [u for j in similar[k] for u in by_key[j]]
            if len({depts[u.doc] for u in partners}) >= template_count:
                templates.add(keys[k])
                continue  # shared by many departments: a district template
            for unit in group:
                for other in partners:
                    if different_departments(docs[unit.doc], docs[other.doc]):
                        matches[(unit.doc, other.doc)].append((unit, other))
        # passages[(doc, first sentence, last sentence)] = [(other doc, its run)]
        passages: dict[tuple[int, int, int], list[tuple[int, list[tuple[Unit, Unit]]]]] = \
            defaultdict(list)
        per_doc: dict[int, list[Unit]] = defaultdict(list)
        for unit in units:
            per_doc[unit.doc].append(unit)
        for (i, j), pairs in sorted(matches.items()):
            pairs = _extend(pairs, per_doc[i], per_doc[j], templates, cfg)
            for run in _runs(pairs):
                if sum(len(u.key) for u, _ in run) >= cfg["min_passage_chars"]:
                    passages[(i, run[0][0].order, run[-1][0].order)].append((j, run))
        for (i, _, _), found in sorted(passages.items()):
            yield i, self._copy_finding(docs, i, found)

    def _copy_finding(self, docs: list[Document], i: int,
                      partners: list[tuple[int, list[tuple[Unit, Unit]]]]) -> Finding:
        doc = docs[i]
        run = partners[0][1]
        first, last = run[0], run[-1]
        names = [docs[j].metadata.department or docs[j].source for j, _ in partners]
        places = [(docs[j], docs[j].location_at(r[0][1].span.start)) for j, r in partners]
        ratio = min(fuzz.ratio(u.key, o.key) for _, r in partners for u, o in r)
        where = places[0][1].describe()
        # identical after masking the department, or edited a little: say which
        same_zh, same_en = ("文字相同", "Same text") if ratio >= 100 else ("文字高度相似",
                                                                         "Nearly the same text")
        others = list(dict.fromkeys(names))
        if len(partners) == 1:
            title = L10n(f"与“{names[0]}”的报告（{where.zh}）{same_zh}",
                         f"{same_en} as the report of “{names[0]}” ({where.en})")
        elif len(others) == 1:
            title = L10n(f"与“{names[0]}”的 {len(partners)} 份报告{same_zh}",
                         f"{same_en} as {len(partners)} reports of “{names[0]}”")
        else:
            title = L10n(f"与“{others[0]}”等 {len(others)} 个部门的报告{same_zh}",
                         f"{same_en} as the reports of “{others[0]}” and {len(others) - 1} "
                         "other department(s)")
        sources_zh = "、".join(f"{d.source}（{loc.describe().zh}）" for d, loc in places)
        sources_en = "; ".join(f"{d.source} ({loc.describe().en})" for d, loc in places)
        shared = len({department_key(d) for d, _ in places} | {department_key(doc)})
        return self.finding(
            doc, first[0].span.start, last[0].span.end,
            title,
            L10n(f"本段 {len(run)} 句与{sources_zh}中的句子一致（去标点、屏蔽部门名称后相似度最低"
                 f" {ratio:.0f}%，阈值 90%）；这些报告属于不同部门，这些句子不是模板句"
                 f"（引用通知、评价原则、评分标准），且只有 {shared} 个部门共有，不足以视为全区通用"
                 "的模板。",
                 f"{len(run)} sentence(s) match sentences of {sources_en} (lowest similarity "
                 f"{ratio:.0f}% after removing punctuation and masking department names; "
                 "threshold 90%); the reports belong to different departments, the sentences "
                 "are not template text (cited notice, principles, grading scale), and only "
                 f"{shared} departments share them, too few for a district template."),
            L10n("按本部门的实际情况重写该段，写明本部门的数据和做法。",
                 "Rewrite the passage with this department's own facts and figures."),
            confidence=min(0.95, 0.6 + 0.1 * len(run)),
            data={"sentences": len(run), "min_ratio": ratio, "reports": len(partners)},
            related=[{"source": d.source, "location": loc.to_dict(),
                      "evidence": "".join(o.span.text for _, o in r)}
                     for (d, loc), (_, r) in zip(places, partners, strict=True)],
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
            L10n(f"本报告连续八个词的片段共 {total} 个，其中 {same} 个与上年报告相同，占 {share:.0%}"
                 f"（达到 {cfg['stickiness']:.0%} 即视为基本照搬上年）；上年报告：{prior.source}。"
                 "所引为未改动的最长一句。",
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
