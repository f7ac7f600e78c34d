"""Read notes for what a Word report holds outside its text: embedded objects and pictures.

A score sheet pasted as an Excel object, or as a screenshot, is part of the report as the
department sees it, but it has no text the auditor can read; rules that look for the score
table would then speak as if there were none. The user is told where such content sits.
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn

from auditor.model.document import ReadNote
from auditor.model.l10n import L10n
from auditor.model.location import Location

_OLE = "{urn:schemas-microsoft-com:office:office}OLEObject"
_RID = qn("r:id")
_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"
_EXTENT = qn("wp:extent")
_EMU_PER_CM = 360_000
# A picture large enough to hold a table: most of the text width and a third of a page
# (A4 text area 15.9 × 24.7 cm); logos, seals and signatures are far smaller.
LARGE_PICTURE_CM = (9.0, 8.0)
# Formula objects are maths, not report content that could be audited.
_IGNORED_OBJECTS = ("Equation.", "MathType")
_OBJECT_NAMES = (("Excel", L10n("Excel 表格", "Excel worksheet")),
                 ("KET.", L10n("WPS 表格", "WPS spreadsheet")),
                 ("Word", L10n("Word 文档", "Word document")),
                 ("WPS.", L10n("WPS 文档", "WPS document")))


def embedded_objects(element: Any) -> list[tuple[str, str | None]]:
    """(ProgID, relationship id of the embedded part) of the OLE objects inside a paragraph
    or table, formula objects left out."""
    found = []
    for node in element.iter(_OLE):
        prog = node.get("ProgID") or ""
        if not prog.startswith(_IGNORED_OBJECTS):
            found.append((prog, node.get(_RID)))
    return found


def large_pictures(element: Any) -> int:
    """Pictures inside a paragraph or table shown at least LARGE_PICTURE_CM in size."""
    count = 0
    for drawing in element.iter(qn("w:drawing")):
        extent = drawing.find(f".//{_EXTENT}")
        if extent is None or next(drawing.iter(_PIC), None) is None:
            continue
        width = int(extent.get("cx") or 0) / _EMU_PER_CM
        height = int(extent.get("cy") or 0) / _EMU_PER_CM
        if width >= LARGE_PICTURE_CM[0] and height >= LARGE_PICTURE_CM[1]:
            count += 1
    return count


def _object_name(prog: str) -> L10n:
    for prefix, name in _OBJECT_NAMES:
        if prog.upper().startswith(prefix.upper()):
            return name
    return L10n(f"对象（{prog or '未知类型'}）", f"object ({prog or 'unknown type'})")


def object_note(prog: str, loc: Location) -> ReadNote:
    name = _object_name(prog)
    where = loc.describe()
    return ReadNote(
        "embedded_object",
        L10n(f"{where.zh}嵌入了一个{name.zh}，其中的内容未读取、未审核",
             f"{where.en.capitalize()} holds an embedded {name.en}; its content was not read "
             "or audited"),
        L10n("如果其中是评分表或数据表，请在 Word/WPS 中把它粘贴为普通表格后重新提交",
             "if it holds the score sheet or figures, paste it into the report as a normal "
             "Word table and submit again"),
        loc)


def picture_note(locs: list[Location]) -> ReadNote:
    """One note for all large pictures of the report, placed at the first."""
    places = [loc.describe() for loc in locs]
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
