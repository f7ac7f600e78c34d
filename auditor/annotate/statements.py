"""Problem, cause and measure statements, each scored for boilerplate.

A reviewer asks of every sentence under 存在的问题 / 改进措施: could any department have
written it? Three measures from disclosure research answer that, and every one is kept on
the span so that a finding can show it:

- phrase share (Lang & Stice-Lawrence): the share of the sentence's words covered by
  4-grams that many reports share (the phrase model, auditor/learn/phrase_model.py);
- specificity (Hope, Hu & Lu): words naming something checkable (a project, place or
  organisation, money, a percentage, a date, a count) ÷ all words;
- the nearest known boilerplate sentence (project-written list) and its similarity;
- for measures, which stated problems they answer (shared key words).

Only sentences inside problems/measures sections are statements, so the statutory duty
lists of 基本情况 are never scored, and an annex or signature after the last of them (read
by the section classifier as annex or closing lines) is not a measure. A numbered item whose
first sentence is only its title (1.配套条件论证不充分。透析机采购前未同步测算…) is one
statement, judged with the facts that follow the title. A sentence of the problems part that
has no problem or cause wording (书记员流动性大，全年离职9人) is kept as ``context``: it is
not scored and not counted as a stated problem, but a measure may answer it. The layer is
``doc.spans["statements"]``; it is absent when the phrase model is not installed, and then
the boilerplate rules do not run.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from auditor.annotate.registry import annotator
from auditor.annotate.section_classifier import CLOSING_MATTER
from auditor.learn.phrase_model import PhraseModel, load_model, tag, words
from auditor.model.document import Block, Document, Span

SCOPES = ("problems", "measures")
# Block types that are never statements even inside a problems/measures section's span:
# the annex and closing lines after the last section, and a results-use item (三是评价结果
# 运用…) that reports often put at the end of the measures.
NOT_STATEMENTS = (*CLOSING_MATTER, "application")
# Cells of a table flattened into one line by a converter: 改进措施 | 针对… | |||
_FLATTENED_ROW = re.compile(r"[|｜][^|｜]*[|｜]")
# The longest first sentence of a numbered item that is read as the item's title
# (三、项目资金支付进度前慢后快，与项目实施进度衔接不够紧密。 is one, and 28 characters).
ITEM_TITLE_CHARS = 30
# Decision thresholds; the rules accept overrides under [rule."boilerplate.problem"] etc.
DEFAULTS: dict[str, float] = {
    "max_specificity": 0.05,  # at most one checkable word in twenty
    "min_phrase_share": 0.3,  # at least 30% of the words inside common 4-grams …
    "min_similarity": 0.5,  # … or this close (0–1) to a known boilerplate sentence
    "min_words": 4,
}

_MARKER = re.compile(
    r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十\d]+\s*[、.．]|"
    r"[①-⑳]|[一二三四五六七八九十]+是|其[一二三四五六七八九十]|第[一二三四五六七八九十]+[，,、]?)"
    r"\s*[：:，,]?\s*"
)
_CAUSE = re.compile(r"由于|因为|原因|导致|造成|致使|受[^，。；]{0,12}(?:影响|制约)|因[^此而为素]")
_PROBLEM = re.compile(
    r"不足|不够|不到位|有待|缺乏|欠缺|偏差|薄弱|滞后|不健全|不完善|不强|不高|不深|难以|不及时|"
    r"不均衡|困难|差距|较慢|较低|偏低|偏高|不规范|不明确|不清晰|未达到|未能|未按|尚未|不充分|不精准|"
    r"不准确|不合理|缺少|较弱|单一|流于形式|不畅|不顺|推诿|无章可循|还需|仍需|需进一步|需要进一步|"
    r"仍有|依然存在|仍然存在|时有|较多|频繁|低于|少于|超出|超过|结余|未完工|未开工|停工|推迟|延误|"
    r"偏晚|偏慢|存在[^，。；]{0,12}(?:差异|偏差|现象)"
)
# 全年未发生因调解不及时引发的…: an outcome that did not happen, not a problem or its cause
_NOTHING_HAPPENED = re.compile(r"(?:未|没有|无一起|杜绝)(?:发生|出现)")
_MEASURE = re.compile(
    r"^(?:进一步|继续|持续|不断|切实|认真|积极|着力|全面|严格|及时|定期|逐步|尽快|努力|加快|加大|"
    r"加强|强化|完善|健全|建立|提高|提升|推进|推动|细化|量化|优化|规范|落实|做好|抓好|注重|坚持|"
    r"深化|增强|明确|改进|创新|组织|督促|统筹|合理|科学|结合|围绕|聚焦|对照|针对|建议|制定|修订|"
    r"保持|营造|树立|确保|实行|探索|夯实|理顺|压实|补齐|调整|采取|引入|聘请|提前|把|将|要|应|拟)"
)
_SPECIFIC = re.compile(
    r"\d[\d,，.]*\s*(?:亿元|万元|元|%|％|‰|个百分点)"  # money, percentages
    r"|(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"  # dates
    r"|\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|第?[一二三四1-4]季度"
    r"|每(?:半年|季度|个?月|周|学期)|按(?:月|季度?|周)"  # a schedule one can check
    r"|\d[\d,，.]*\s*(?:个工作日|工作日|"  # counts, with their measure word
    r"平方米|公里|万亩|亩|人次|批次|小时|公斤|千克|吨|米|个|项|次|"
    r"人|名|件|场|家|户|所|台|套|辆|条|批|篇|期|份|册|处|座|天|日|月|年|岁|间|张|块|栋|笔|类|万|亿)?"
    r"|[两二三四五六七八九十百千]+(?:个|项|次|名|所|家|座|批|期|台|套|辆|条|处|场|户|公里|亩|人次|年|天)"
    r"|《[^》]{2,40}》"  # a named law, plan or notice
)
_NAME_FLAGS = {"ns", "nt", "nr"}  # jieba tags of places, organisations and people
_NOUNISH = {"n", "nz", "ns", "nt", "vn", "b", "j", "l", "v", "eng"}
_NOUN = {"n", "nz", "ns", "nt", "j", "b", "eng"}
_PROJECT = {"项目", "工程", "建设项目"}
# Words that never make a name specific: 各乡镇, 全区, 部分项目, 实施项目, 反映项目.
_NOT_A_NAME = {
    "全区", "本区", "我区", "辖区", "城区", "各区", "全县", "本县", "我县", "全市", "本市", "我市",
    "各县", "乡镇", "各乡镇", "农村", "社区", "全镇", "本镇", "各村", "全省", "本省", "我省",
    "部分", "各", "该", "本", "相关", "有关", "个别", "重点", "所有", "全部", "其他", "具体", "各类",
    "新增", "递延", "实施", "预算", "支出", "资金", "专项", "绩效", "这些", "上述", "年度", "工作",
    "管理", "整体", "财政", "政府", "部门", "单位", "反映", "开展", "推进", "申报", "完成", "安排",
    "支持", "涉及", "包括", "评价", "审核", "跟踪", "监督", "加强", "做好", "落实", "全面", "很多",
    "多数", "少数", "民生", "续建", "在建", "基建", "财政部门", "业务", "建设", "满意度", "云",
    # common words jieba's dictionary tags as names: 建立健全 (nr), 养老 (nr)
    "建立健全", "养老",
}
# Words too common in this genre to tie a measure to a problem.
_LINK_STOP = {
    "进一步", "加强", "提高", "提升", "完善", "健全", "推进", "推动", "确保", "有效", "情况", "方面",
    "问题", "存在", "不足", "有待", "不够", "到位", "不到位", "相关", "切实", "认真", "积极", "不断",
    "持续", "强化", "落实", "开展", "做好", "及时", "严格", "按照", "根据", "要求", "以及", "进行",
    "实现", "部分", "工作", "管理", "预算", "绩效", "需要", "一定", "各项", "建立", "形成", "加大",
}


def _scopes(doc: Document) -> list[str | None]:
    """Per block, problems/measures for a block inside such a section, else None.

    The nearest enclosing problems/measures section wins over the block's own type, so a
    sub-heading typed by its words (2、绩效目标设定不够… under 存在的主要问题) stays a
    problem; the block type set by the section classifier is the fallback. Of equally deep
    enclosing sections the first counts. One pass over the (usually two or three)
    problems/measures sections rather than a search per block."""
    out: list[str | None] = [None] * len(doc.blocks)
    depth: list[int] = [0] * len(doc.blocks)
    for section in doc.sections:
        if section.type not in SCOPES:
            continue
        for ix in range(max(section.first, 0), min(section.last, len(doc.blocks) - 1) + 1):
            if out[ix] is None or section.level > depth[ix]:
                out[ix], depth[ix] = section.type, section.level
    return [None if block.section in NOT_STATEMENTS
            else own if own is not None else block.section if block.section in SCOPES else None
            for own, block in zip(out, doc.blocks, strict=True)]


def _reads_as_sentence(block: Block) -> bool:
    """A heading that is really a sentence broken by conversion (long, with a comma)."""
    body = block.body_text
    return len(body) >= 15 and ("，" in body or "," in body)


def strip_marker(text: str) -> str:
    """The sentence without its list marker (1、 （二） 一是)."""
    m = _MARKER.match(text)
    return text[m.end() :] if m else text


def statement_kind(text: str, scope: str) -> str | None:
    """problem / cause / measure; in a problems part, context for a sentence with none of
    their wording (书记员流动性大…); None for a fragment or an annex line."""
    body = strip_marker(text)
    body = re.sub(r"^究其原因[：:，,]?", "", body) if "究其原因" in body[:6] else body
    if scope == "measures":
        return None if len(body) < 6 or body.startswith(("附件", "附表")) else "measure"
    if _NOTHING_HAPPENED.search(body):
        return "context"
    if _CAUSE.search(text):
        return "cause"
    if _PROBLEM.search(body):
        return "problem"
    if _MEASURE.match(body):
        return "measure"
    return "context" if len(body) >= 6 else None


def find_statements(doc: Document) -> list[tuple[Span, str]]:
    """Every statement with its kind, in reading order (no model needed): a sentence, or a
    numbered item whose first sentence is its title (see the module docstring)."""
    out: list[tuple[Span, str]] = []
    scopes = _scopes(doc)
    sentences = doc.sentences
    i = 0
    while i < len(sentences):
        sentence = sentences[i]
        i += 1
        scope = scopes[sentence.block]
        if scope is None:
            continue
        block = doc.blocks[sentence.block]
        if block.kind == "heading" and not _reads_as_sentence(block):
            continue
        if _FLATTENED_ROW.search(block.text):
            continue  # a form's row flattened into text (改进措施 | 针对…(200字以内) |), not prose
        rest = i
        while rest < len(sentences) and sentences[rest].block == sentence.block:
            rest += 1
        if rest > i and _heads_a_list(sentence, block, sentences[i]):
            continue  # （一）专项政策设计不够科学合理。一是…二是…: the items say it
        if rest > i and _is_item_title(sentence, block, sentences[i]):
            last = sentences[rest - 1]
            sentence = Span(sentence.start, last.end, sentence.label,
                            doc.text[sentence.start : last.end], sentence.block)
            i = rest
        kind = statement_kind(sentence.text, scope)
        if kind is not None:
            out.append((sentence, kind))
    return out


def _opens_item(sentence: Span, block: Block) -> bool:
    """The first sentence of a numbered item, short enough to be only its title and closed
    by a full stop or colon."""
    text = sentence.text.rstrip()
    return (sentence.start <= block.start + len(block.text) - len(block.text.lstrip())
            and _MARKER.match(text) is not None and text.endswith(("。", "：", ":"))
            and len(strip_marker(text).rstrip("。：:")) <= ITEM_TITLE_CHARS)


def _is_item_title(sentence: Span, block: Block, following: Span) -> bool:
    """An item's title followed by text rather than by the next item: judged with it."""
    return _opens_item(sentence, block) and _MARKER.match(following.text) is None


def _heads_a_list(sentence: Span, block: Block, following: Span) -> bool:
    """An item's title followed by its own sub-items (一是…；二是…), which are judged
    instead: the title only names what they say."""
    return (_opens_item(sentence, block) and _MARKER.match(following.text) is not None
            and _MARKER.match(sentence.text.lstrip()) is not None
            and _marker_style(following.text) != _marker_style(sentence.text))


def _marker_style(text: str) -> str:
    """The kind of list marker: 一是 and （一） and 1、 are different levels."""
    marker = _MARKER.match(text.lstrip())
    if marker is None:
        return ""
    m = marker.group(0).strip()
    return re.sub(r"[一二三四五六七八九十]+", "一", re.sub(r"\d+", "1", m))[:4]


class _References:
    """Squashed references and, for shortlisting, which of them hold each character bigram:
    bigrams as integer codes (two code points) sorted for ``searchsorted``, and per bigram
    the references holding it (CSR: ``refs[starts[g]:starts[g + 1]]``)."""

    def __init__(self, refs: tuple[str, ...]) -> None:
        self.squashed = [_squash(r) for r in refs]
        holders: dict[int, list[int]] = {}
        sizes: list[int] = []
        for i, ref in enumerate(self.squashed):
            bigrams = {ref[j : j + 2] for j in range(len(ref) - 1)}
            sizes.append(max(len(bigrams), 1))
            for gram in bigrams:
                holders.setdefault(ord(gram[0]) << 21 | ord(gram[1]), []).append(i)
        self.codes = np.array(sorted(holders), dtype=np.int64)
        lists = [holders[c] for c in self.codes.tolist()]
        self.starts = np.cumsum([0] + [len(h) for h in lists], dtype=np.int64)
        self.refs = np.array([i for h in lists for i in h], dtype=np.int64)
        self.sizes = np.array(sizes, dtype=np.int64)

    def shared(self, texts: list[str]) -> np.ndarray:
        """texts × references: how many distinct bigrams of the text each reference holds."""
        out = np.zeros((len(texts), len(self.squashed)), dtype=np.int64)
        if not len(self.codes):
            return out
        chars = np.frombuffer("\n".join(texts).encode("utf-32-le"), dtype=np.uint32)
        chars = chars.astype(np.int64)  # "\n" is never in a squashed text: it ends each one
        codes = chars[:-1] << 21 | chars[1:]
        rows = np.cumsum(chars == 10)[:-1]
        found = np.minimum(np.searchsorted(self.codes, codes), len(self.codes) - 1)
        keep = (self.codes[found] == codes) & (chars[:-1] != 10) & (chars[1:] != 10)
        width = len(self.codes)
        pairs = np.unique(rows[keep] * width + found[keep])  # distinct (text, bigram)
        grams = pairs % width
        first = self.starts[grams]
        count = self.starts[grams + 1] - first
        holders = self.refs[np.repeat(first - np.cumsum(count) + count, count)
                            + np.arange(count.sum())]
        cells = np.repeat(pairs // width, count) * len(self.squashed) + holders
        return np.bincount(cells, minlength=out.size).reshape(out.shape)


@lru_cache(maxsize=4)
def _reference_index(refs: tuple[str, ...]) -> _References:
    return _References(refs)


def nearest_references(texts: list[str], refs: tuple[str, ...],
                       shortlist: int = 8) -> list[tuple[int, float]]:
    """Index and similarity (rapidfuzz partial ratio, 0–1) of each text's closest reference,
    -1 and 0.0 when nothing is alike.

    The partial ratio finds a known boilerplate sentence inside a longer one, but costs
    microseconds a pair; references are first shortlisted by the share of their character
    bigrams found in the text, which is what a high partial ratio needs anyway, ties to the
    earlier reference. The bigram counts of all texts against all references are a few
    numpy calls, and each shortlist is scored by one rapidfuzz ``extractOne`` call (the
    first best, as a loop keeping a strictly higher score would)."""
    index = _reference_index(refs)
    squashed = [_squash(t) for t in texts]
    shared = index.shared(squashed)
    key = np.where(shared > 0, -(shared / index.sizes), np.inf)
    ranked = np.argsort(key, axis=1, kind="stable")[:, :shortlist].tolist()
    counts = np.minimum((shared > 0).sum(axis=1), shortlist).tolist()
    out = [(-1, 0.0)] * len(texts)
    for row, (order, count) in enumerate(zip(ranked, counts, strict=True)):
        if count:
            choices = [index.squashed[i] for i in order[:count]]
            best = process.extractOne(squashed[row], choices, scorer=fuzz.partial_ratio)
            if best is not None and best[1] > 0:
                out[row] = (order[best[2]], best[1] / 100)
    return out


def _squash(text: str) -> str:
    return re.sub(r"[^\u4e00-\u9fa5A-Za-z0-9]", "", text)


def _specific_words(body: str, toks: list[tuple[str, int, int]],
                    tagged: list[tuple[str, str, int, int]],
                    own: tuple[str, ...] = ()) -> tuple[list[str], int]:
    """The checkable things a sentence names, and how many of its words they cover. The
    report's own department and region (``own``) are not among them: 江临区民政局在养老服务
    资金管理中… names nothing a reader could check that any department could not write."""
    spans = [(m.start(), m.end()) for m in _SPECIFIC.finditer(body) if m.group(0).strip()]
    # few words are names or 项目: pick them out first, then look at each closely
    for i in [i for i, (word, flag, _, _) in enumerate(tagged)
              if flag in _NAME_FLAGS or word in _PROJECT]:
        word, flag, start, _ = tagged[i]
        if flag in _NAME_FLAGS and len(word) >= 2 and word not in _NOT_A_NAME:
            if not any(word in name for name in own):
                spans.append((start, start + len(word)))
        elif word in _PROJECT:
            name: list[tuple[str, str, int, int]] = []
            for prev in reversed(tagged[max(0, i - 3) : i]):
                if prev[1] not in _NOUNISH or prev[0] in _NOT_A_NAME:
                    break
                name.insert(0, prev)
            while name and name[0][1] not in _NOUN:  # 深入调研项目: a verb phrase, no name
                name.pop(0)
            if sum(len(w) for w, _, _, _ in name) >= 4:
                spans.append((name[0][2], start + len(word)))
    if not spans:  # the usual case for a generic statement
        return [], 0
    spans.sort()
    names = [body[s:e] for s, e in spans]
    marked = bytearray(len(body))  # 1 under a name: a word counts if it overlaps one
    for a, b in spans:
        marked[a:b] = b"\x01" * (b - a)
    covered = len([s for _, s, e in toks if marked.find(1, s, e) >= 0])
    return list(dict.fromkeys(n.strip() for n in names if n.strip())), covered


def keywords(toks: list[tuple[str, int, int]], body: str) -> set[str]:
    """Content words that could tie a measure to a problem."""
    return {body[s:e] for _, s, e in toks if e - s >= 2} - _LINK_STOP


def score_sentences(statements: list[tuple[str, str]], model: PhraseModel,
                    own: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    """The boilerplate measures of (text, kind) statements (see the module docstring);
    ``own`` are the names of the report's department and region.

    Nearest references are found for all statements of a kind at once."""
    bodies = [strip_marker(text) for text, _ in statements]
    firsts = frozenset(gram.split(" ", 1)[0] for gram in model.kept)
    scored = [_measures(body, kind, model, firsts, own)
              for body, (_, kind) in zip(bodies, statements, strict=True)]
    for group in ("problem", "measure"):
        refs = tuple(model.references.get(group, []))
        rows = [i for i, (_, kind) in enumerate(statements)
                if ("measure" if kind == "measure" else "problem") == group]
        if not refs or not rows:
            continue
        for i, (best, similarity) in zip(rows, nearest_references([bodies[i] for i in rows],
                                                                   refs), strict=True):
            scored[i]["nearest"] = refs[best] if best >= 0 else ""
            scored[i]["similarity"] = round(similarity, 3)
    return scored


def score_sentence(text: str, kind: str, model: PhraseModel) -> dict[str, Any]:
    """The boilerplate measures of one statement."""
    return score_sentences([(text, kind)], model)[0]


def _measures(body: str, kind: str, model: PhraseModel,
              firsts: frozenset[str], own: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every measure but the nearest reference (left empty, similarity 0). ``firsts`` are
    the first words of the model's n-grams: a window starting with another word is
    skipped without building its key."""
    tagged = tag(body)
    toks = words(body, tagged)
    tokens = [w for w, _, _ in toks]
    covered = [False] * len(tokens)
    phrases: list[str] = []
    n = model.n
    for i in [i for i in range(len(tokens) - n + 1) if tokens[i] in firsts]:
        gram = " ".join(tokens[i : i + n])
        if gram in model.kept:
            phrases.append(gram.replace(" ", ""))
            for j in range(i, i + n):
                covered[j] = True
    specific, specific_count = _specific_words(body, toks, tagged, own)
    n_words = max(len(tokens), 1)
    return {
        "kind": kind,
        "words": len(tokens),
        "phrases": list(dict.fromkeys(phrases)),
        "phrase_share": round(sum(covered) / n_words, 3),
        "specific": specific,
        "specificity": round(specific_count / n_words, 3),
        "nearest": "",
        "similarity": 0.0,
        "keywords": sorted(keywords(toks, body)),
    }


def link_answers(scored: list[dict[str, Any]]) -> None:
    """For each measure, the problem/cause statements it shares key words with
    (``answers``: index into ``scored``, i.e. into the statements layer, and the words).

    Words match when one contains the other (制度 answers 制度体系不健全); problem key
    words are indexed whole and by their substrings so a long section is not
    measures × problems, and each distinct measure word is looked up once (the genre
    repeats its words from measure to measure)."""
    problems = [i for i, a in enumerate(scored) if a["kind"] != "measure"]
    # context sentences can be answered but are not counted as stated problems: a report
    # that says 未发现问题 and then lists measures has not left a problem unanswered
    stated = sum(1 for i in problems if scored[i]["kind"] != "context")
    exact: dict[str, list[int]] = {}  # a problem's key word → problems
    for i in problems:
        for word in scored[i]["keywords"]:
            owners = exact.get(word)
            if owners is None:
                exact[word] = [i]
            else:
                owners.append(i)
    measures = [a for a in scored if a["kind"] == "measure"]
    wanted = {word for attrs in measures for word in attrs["keywords"]}
    inside: dict[str, set[int]] = {}  # a measure's key word → problems with it inside theirs
    for word, owners in exact.items():
        for sub in _substrings(word):
            if sub in wanted:
                inside.setdefault(sub, set()).update(owners)
    hits: dict[str, list[int]] = {}  # a measure's key word → the problems it ties to
    for attrs in measures:
        shared: dict[int, list[str]] = {}
        for word in attrs["keywords"]:  # sorted and distinct, so each list stays sorted
            found = hits.get(word)
            if found is None:  # ``inside`` covers a problem's word equal to this one
                ties = inside.get(word, set())
                if len(word) > 2:  # a problem's word inside it
                    ties = ties.union(*[exact.get(sub, ()) for sub in _substrings(word)])
                found = hits[word] = sorted(ties)
            for i in found:
                if i in shared:
                    shared[i].append(word)
                else:
                    shared[i] = [word]
        attrs["problems_stated"] = stated
        attrs["answers"] = [{"statement": i, "shared": shared[i]} for i in sorted(shared)]


def _substrings(word: str) -> list[str]:
    """Every substring of two or more characters, the word itself included."""
    return [word[a:b] for a in range(len(word)) for b in range(a + 2, len(word) + 1)]


def score_section(problems: list[str], measures: list[str],
                  model: PhraseModel) -> list[tuple[str, dict[str, Any]]]:
    """Score plain sentences of one problems/measures part (training and evaluation)."""
    scored = score_sentences([(t, statement_kind(t, "problems") or "problem") for t in problems]
                             + [(t, "measure") for t in measures], model)
    for a in scored[: len(problems)]:
        a["kind"] = "cause" if a["kind"] == "cause" else "problem"
    link_answers(scored)
    return [(a["kind"], a) for a in scored]


def is_generic(kind: str, attrs: dict[str, Any], cfg: dict[str, Any]) -> bool:
    """The decision both boilerplate rules make, from the scores on the span."""
    if attrs["words"] < cfg["min_words"] or attrs["specificity"] > cfg["max_specificity"]:
        return False
    common = attrs["phrase_share"] >= cfg["min_phrase_share"]
    close = attrs["similarity"] >= cfg["min_similarity"]
    unanswered = (kind == "measure" and attrs.get("problems_stated", 0) > 0
                  and not attrs.get("answers"))
    return common or close or unanswered


@annotator(70)
def mark_statements(doc: Document, config: dict[str, Any]) -> None:
    model = load_model()
    if model is None:
        return
    found = find_statements(doc)
    own = tuple(n for n in (doc.metadata.department, doc.metadata.region) if n)
    scored = score_sentences([(span.text, kind) for span, kind in found], model, own)
    link_answers(scored)
    layer: list[Span] = []
    for (span, kind), attrs in zip(found, scored, strict=True):
        for answer in attrs.get("answers", []):
            answer["text"] = found[answer["statement"]][0].text
        layer.append(Span(span.start, span.end, kind, span.text, span.block, attrs))
    doc.spans["statements"] = layer
