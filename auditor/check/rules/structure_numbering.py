"""structure.numbering: heading numbers that skip (五、 then 七、) or switch style mid-list
(（一） then （2）).

Siblings are the headings of one style between two headings of a shallower style. Two
styles that number the same level are "twins" (（一）/（1）, 一、/1、): a heading that
continues its twin's count (（2） right after （一）) is a style mix, reported once, and the
list then continues from it, so one slip does not also show up as a skip. A numbered
paragraph counts as the missing item: （六）年末结转和结余情况。 ends in a full stop and a long
（1）… item is prose, so neither is a heading, yet the next heading continues their count.
"""

from __future__ import annotations

from collections.abc import Iterator

from auditor.annotate.numbering import DEPTH, STYLE_NAMES_ZH, TWINS
from auditor.check.registry import CheckContext, Rule, register
from auditor.model.document import Block, Document
from auditor.model.finding import Finding
from auditor.model.l10n import L10n


def _numbered_headings(doc: Document) -> list[Block]:
    return [b for b in doc.headings if b.style in DEPTH and b.ordinal is not None]


def _filled(doc: Document, after: Block, before: Block, styles: set[str], n: int) -> bool:
    """A numbered paragraph (not a heading) of these styles numbered ``n`` lies between."""
    return any(b.kind != "heading" and b.style in styles and b.ordinal == n
               for b in doc.blocks[after.index + 1 : before.index])


def _previous(headings: list[Block], i: int, style: str) -> Block | None:
    """The nearest earlier heading of ``style`` within the parent scope of heading ``i``.

    The scope ends at a heading shallower than both styles that is neither of the twins.
    """
    current = headings[i].style or ""
    depth = min(DEPTH[current], DEPTH[style])
    for prev in reversed(headings[:i]):
        if prev.style == style:
            return prev
        if DEPTH[prev.style or ""] < depth and prev.style not in (current, TWINS.get(current)):
            return None
    return None


@register
class HeadingNumbering(Rule):
    id = "structure.numbering"
    category = "structure.numbering"
    severity = "low"
    name = L10n("标题编号错误", "Heading numbering")
    description = L10n(
        "检查标题编号跳号（五、之后是七、）或同级编号样式混用（（一）之后是（2））。",
        "Finds heading numbers that skip (五、 then 七、) or mix styles ((一) then (2)).",
    )
    example = "（一）自评的组织工作 …… （2）自评的方法和过程"

    def check(self, doc: Document, ctx: CheckContext) -> Iterator[Finding]:
        headings = _numbered_headings(doc)
        for i, block in enumerate(headings):
            style, n = block.style or "", block.ordinal or 0
            marker = (block.marker or "").strip()
            same = _previous(headings, i, style)
            twin_style = TWINS.get(style)
            twin = _previous(headings, i, twin_style) if twin_style else None
            twin_continues = twin is not None and twin.ordinal == n - 1 and (
                same is None or same.index < twin.index)
            if n >= 2 and twin_continues and twin is not None and same is None \
                    and not _filled(doc, twin, block, {style}, n - 1):
                expected = STYLE_NAMES_ZH[twin.style or ""]
                twin_marker = (twin.marker or "").strip()
                yield self.finding(
                    doc, block.start, block.end,
                    L10n(f"同级标题编号样式不一致：“{twin_marker}”之后是“{marker}”",
                         f"Mixed numbering at one level: “{twin_marker}” followed by “{marker}”"),
                    L10n(f"上一个同级标题“{twin.text[:20]}”使用“{expected}”样式，本标题续接其序号"
                         f"（第{n}项）却改用了“{STYLE_NAMES_ZH[style]}”样式。",
                         f"The previous heading at this level, “{twin.text[:20]}”, uses the "
                         f"“{expected}” style; this one continues its count (item {n}) in another style."),
                    L10n(f"统一使用“{expected}”样式编号", f"number it in the “{expected}” style"),
                    confidence=0.85,
                    data={"previous": twin_marker, "current": marker},
                )
                continue
            reference = twin if twin_continues else same
            if reference is None or reference.ordinal is None:
                continue
            prev_n = reference.ordinal or 0
            ref_marker = (reference.marker or "").strip()
            if n > prev_n + 1 and prev_n >= 1 and not _filled(
                    doc, reference, block, {style, twin_style or style}, n - 1):
                missing = "、".join(str(k) for k in range(prev_n + 1, n))
                yield self.finding(
                    doc, block.start, block.end,
                    L10n(f"标题编号跳号：“{ref_marker}”之后是“{marker}”",
                         f"Heading numbering skips: “{ref_marker}” is followed by “{marker}”"),
                    L10n(f"同级上一个标题是第{prev_n}项“{reference.text[:20]}”，本标题是第{n}项，"
                         f"缺少第{missing}项。",
                         f"The previous sibling is item {prev_n} (“{reference.text[:20]}”) and this is "
                         f"item {n}; item(s) {missing} are missing."),
                    L10n("补上缺失的部分或重新编号", "add the missing part or renumber"),
                    confidence=0.85,
                    data={"previous": prev_n, "current": n},
                )
