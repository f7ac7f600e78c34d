"""Read notes for what a Word report holds outside its text: embedded objects and pictures.

A score sheet pasted as an Excel object, or as a screenshot, is part of the report as the
department sees it, but it has no text the auditor can read; rules that look for the score
table would then speak as if there were none. The user is told where such content sits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docx.oxml.ns import qn

from auditor.model.document import ReadNote
from auditor.model.l10n import L10n
from auditor.model.location import Location

_OLE = "{urn:schemas-microsoft-com:office:office}OLEObject"
_RID = qn("r:id")
_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"
_DRAWING = qn("w:drawing")
_EXTENT = qn("wp:extent")
_ANCHOR = qn("wp:anchor")
_VML_IMAGE = "{urn:schemas-microsoft-com:vml}imagedata"
_VML_SHAPE = "{urn:schemas-microsoft-com:vml}shape"
# the second copy of content Word stores twice (a text box in DrawingML and in VML)
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# a VML shape inside these is an OLE object's preview or a DrawingML picture's fallback copy
_NOT_OWN_PICTURE = (qn("w:object"), FALLBACK)
_EMU_PER_CM = 360_000
_CM = {"pt": 2.54 / 72, "in": 2.54, "cm": 1.0, "mm": 0.1, "px": 2.54 / 96}
_VML_SIZE = re.compile(r"(width|height)\s*:\s*([\d.]+)\s*(pt|in|cm|mm|px)")
# A picture large enough to hold a table: most of the text width and a third of a page
# (A4 text area 15.9 × 24.7 cm); logos, seals and signatures are far smaller.
LARGE_PICTURE_CM = (9.0, 8.0)
# Formula objects are maths, not report content that could be audited.
_IGNORED_OBJECTS = ("Equation.", "MathType")
_TABLE_ADVICE = L10n("如果其中是评分表或数据表，请在 Word/WPS 中把它粘贴为普通表格后重新提交",
                     "if it holds the score sheet or figures, paste it into the report as a "
                     "normal Word table and submit again")
_OTHER_ADVICE = L10n("如果其中有需要审核的内容（如评分表、数据），请把内容写入报告正文或表格后重新提交",
                     "if it holds content to be audited (the score sheet, figures), put that "
                     "content into the report's text or tables and submit again")
# (ProgID prefix, name, whether it holds a table)
_OBJECT_KINDS = (("Excel.Chart", L10n("Excel 图表", "Excel chart"), False),
                 ("Excel", L10n("Excel 表格", "Excel worksheet"), True),
                 ("KET.", L10n("WPS 表格", "WPS spreadsheet"), True),
                 ("ET.", L10n("WPS 表格", "WPS spreadsheet"), True),
                 ("Word.Picture", L10n("Word 图片", "Word picture"), False),
                 ("Word", L10n("Word 文档", "Word document"), False),
                 ("WPS.", L10n("WPS 文档", "WPS document"), False),
                 ("KWPS.", L10n("WPS 文档", "WPS document"), False),
                 ("AcroExch", L10n("PDF 文件", "PDF file"), False),
                 ("Package", L10n("文件附件", "attached file"), False),
                 ("PowerPoint", L10n("PowerPoint 演示文稿", "PowerPoint presentation"), False),
                 ("Visio", L10n("Visio 图", "Visio drawing"), False))


@dataclass(frozen=True)
class EmbeddedObject:
    prog: str
    rid: str | None  # relationship to the embedded part (or the linked file)
    linked: bool  # a link to an outside file rather than a copy inside the report


def embedded_objects(element: Any) -> list[EmbeddedObject]:
    """The OLE objects inside a paragraph or table, formula objects left out, each once: a
    text box is stored twice and its fallback copy holds the same objects again."""
    return [EmbeddedObject(node.get("ProgID") or "", node.get(_RID), node.get("Type") == "Link")
            for node in element.iter(_OLE)
            if not (node.get("ProgID") or "").startswith(_IGNORED_OBJECTS)
            and _ancestor(node, (FALLBACK,)) is None]


def _ancestor(node: Any, tags: tuple[str, ...]) -> Any:
    """The nearest enclosing element with one of ``tags``, or None."""
    parent = node.getparent()
    while parent is not None and parent.tag not in tags:
        parent = parent.getparent()
    return parent


def _large(width_cm: float, height_cm: float) -> bool:
    return width_cm >= LARGE_PICTURE_CM[0] and height_cm >= LARGE_PICTURE_CM[1]


def large_pictures(element: Any) -> int:
    """Pictures inside a paragraph or table shown at least LARGE_PICTURE_CM in size.

    A picture is measured by the drawing that holds it, once even when that drawing sits in
    a text box; one anchored behind the text is a page background (a red-header letterhead),
    and a VML picture (older .doc files, WPS) is measured by its style."""
    drawings = {id(d): d for pic in element.iter(_PIC)
                if (d := _ancestor(pic, (_DRAWING,))) is not None}
    count = 0
    for drawing in drawings.values():
        anchor = drawing.find(_ANCHOR)
        extent = drawing.find(f".//{_EXTENT}")
        if extent is None or (anchor is not None and anchor.get("behindDoc") == "1"):
            continue
        count += _large(int(extent.get("cx") or 0) / _EMU_PER_CM,
                        int(extent.get("cy") or 0) / _EMU_PER_CM)
    for image in element.iter(_VML_IMAGE):
        shape = image.getparent()
        if (shape is None or shape.tag != _VML_SHAPE
                or _ancestor(shape, _NOT_OWN_PICTURE) is not None):
            continue
        size = {k: float(v) * _CM[u] for k, v, u in _VML_SIZE.findall(shape.get("style") or "")}
        count += _large(size.get("width", 0.0), size.get("height", 0.0))
    return count


def _kind(prog: str) -> tuple[L10n, bool]:
    for prefix, name, table in _OBJECT_KINDS:
        if prog.upper().startswith(prefix.upper()):
            return name, table
    return L10n(f"对象（{prog or '未知类型'}）", f"object ({prog or 'unknown type'})"), False


def _spaced(name: str) -> str:
    """A space before a Latin product name after Chinese text (嵌入了 Excel 表格)."""
    return f" {name}" if name[:1].isascii() else name


def object_note(obj: EmbeddedObject, loc: Location, in_table: bool = False) -> ReadNote:
    name, table = _kind(obj.prog)
    where = loc.describe()
    if obj.linked:
        message = L10n(f"{where.zh}链接了外部的{_spaced(name.zh)}，其内容不在报告文件中，未审核",
                       f"{where.en.capitalize()} links to an outside {name.en}; its content "
                       "is not in the report file and was not audited")
    elif in_table:
        message = L10n(f"{where.zh}的单元格中嵌入了{_spaced(name.zh)}，其中的内容未读取、未审核",
                       f"A cell of {where.en} holds an embedded {name.en}; its content was "
                       "not read or audited")
    else:
        message = L10n(f"{where.zh}嵌入了{_spaced(name.zh)}，其中的内容未读取、未审核",
                       f"{where.en.capitalize()} holds an embedded {name.en}; its content was "
                       "not read or audited")
    return ReadNote("embedded_object", message, _TABLE_ADVICE if table else _OTHER_ADVICE, loc)


def uncached_note(count: int, loc: Location) -> ReadNote:
    where = loc.describe()
    return ReadNote(
        "uncached_formulas",
        L10n(f"{where.zh}嵌入的 Excel 表格中有{count}个公式单元格没有保存计算结果，读作空白，未审核",
             f"The Excel worksheet embedded at {where.en} has {count} formula cell(s) with no "
             "saved result; they read as empty and were not audited"),
        L10n("请在 Excel 中打开该表格重新计算并保存，或把计算结果粘贴为数值",
             "open the worksheet in Excel, recalculate and save it, or paste the results as "
             "values"),
        loc)


def picture_note(locs: list[Location]) -> ReadNote:
    """One note for all large pictures of the report, placed at the first."""
    places = [loc.describe() for loc in dict.fromkeys(locs)]
    shown_zh = "、".join(p.zh for p in places[:5]) + ("等" if len(places) > 5 else "")
    shown_en = ", ".join(p.en for p in places[:5]) + (" and more" if len(places) > 5 else "")
    return ReadNote(
        "large_picture",
        L10n(f"报告中有{len(locs)}张较大的图片（{shown_zh}），图片中的文字不会被读取和审核",
             f"The report has {len(locs)} large picture(s) ({shown_en}); text inside pictures "
             "is not read or audited"),
        L10n("如果图片是表格或评分表的截图，请改为 Word 表格",
             "if a picture is a screenshot of a table or the score sheet, use a Word table "
             "instead"),
        locs[0])
