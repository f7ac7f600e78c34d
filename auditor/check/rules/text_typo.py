"""text.typo: an accidental doubled character (选举了了, 人员员).

Chinese reduplicates characters on purpose (常常, 人人, 看看, 实实在在), and a doubled
character at a word boundary is often correct too (委员会|会议). jieba tells them apart: a
slip leaves a stray single-character token: a doubled particle (选举|了|了) or a copy
dangling at the end of a clause (委员|员，). Correct doubling sits inside one word, or the
second copy starts another word (委员会|会议, 耕地|地力).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from auditor.annotate.tokens import segment
from auditor.check.registry import CheckContext, Rule, register
from auditor.model.document import Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n

# Function characters that are never doubled in report prose outside an idiom.
FUNCTION_CHARS = set("了的地得和与及或在对把被将从向于其之所并且而但是")
# Reduplicated measure and time words ("every ..."), which jieba does not list as words,
# and numerals, which repeat in names such as 十五五 (the 15th five-year plan).
EVERY = set("年月日天周时事处家户村条项个人层步次件样种级代岁片批") | set("〇一二三四五六七八九十百千万")
_HAN_PAIR = re.compile(r"([\u4e00-\u9fa5])\1")


def _is_slip(sentence: str, pos: int) -> bool:
    """True when the pair at ``pos`` reads as a typing slip, not as Chinese."""
    if sentence[pos] in EVERY:
        return False  # 年年, 层层, 人人: "every year / level / person"
    before = sentence[pos - 2 : pos]
    after = sentence[pos + 2 : pos + 4]
    if (len(after) == 2 and after[0] == after[1]) or (len(before) == 2 and before[0] == before[1]):
        return False  # AABB form: 实实在在, 清清楚楚
    if after[:1] in ("、", "，", ",") and after[1:2] == sentence[pos]:
        return False  # 账账、账实相符: 账账(相符) shortened in a list of like terms
    owner = [(word, start, end) for word, start, end in segment(sentence)
             if start <= pos < end or start <= pos + 1 < end]
    if len(owner) != 2:
        return False  # one word holds both copies: 常常, 谢谢, 不了了之
    first, second = owner[0][0], owner[1][0]
    if sentence[pos] in FUNCTION_CHARS:
        # 选举|了|了: both copies stray; 耕地|地|力 keeps the first inside a word.
        return len(first) == 1 and len(second) == 1
    # A content character is a slip only when the second copy dangles at the end of a
    # clause (委员员，): followed by more Chinese it may start a word jieba does not know
    # (水利厅|厅直), and before digits it may be a given name (黄蓓蓓0557…).
    after = sentence[pos + 2 : pos + 3]
    return len(second) == 1 and not after.isalnum()  # Han characters count as alnum


@register
class RepeatedCharacter(Rule):
    id = "text.typo"
    category = "text.typo"
    severity = "low"
    name = L10n("重复字", "Repeated character")
    description = L10n(
        "检查误输入的重复字（如“了了”“员员”），正常叠词（常常、人人、看看）不报。",
        "Finds accidentally doubled characters (了了, 员员); correct reduplication is ignored.",
    )
    example = "依法选举了了区人大常委会组成人员员。"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        for sentence in doc.sentences:
            for m in _HAN_PAIR.finditer(sentence.text):
                if not _is_slip(sentence.text, m.start()):
                    continue
                pair = m.group(0)
                start = sentence.start + m.start()
                yield self.finding(
                    doc, max(sentence.start, start - 8), min(sentence.end, start + 10),
                    L10n(f"疑似多打了一个字：“{pair}”", f"Probably a doubled character: “{pair}”"),
                    L10n(
                        f"“{pair[0]}”连续出现两次，分词后其中一个成为孤立的单字，不构成叠词或词语衔接。",
                        f"“{pair[0]}” appears twice in a row and one copy is left as a stray "
                        "single-character word, so it is neither reduplication nor a word boundary.",
                    ),
                    L10n(f"删去一个“{pair[0]}”", f"delete one “{pair[0]}”"),
                    confidence=0.85 if pair[0] in FUNCTION_CHARS else 0.65,
                    data={"pair": pair},
                )
