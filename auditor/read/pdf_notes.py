"""Read notes for PDF pages whose content is not in the text layer.

A report is often a text PDF with a scanned, stamped score sheet appended, or has text in a
font the machine cannot decode. Those pages are still part of what the department submitted;
the user is told which pages were not audited and what to do, once per run of pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from auditor.model.document import ReadNote
from auditor.model.l10n import L10n
from auditor.model.location import Location
from auditor.read.pdf_objects import PageObjects

# A page counts as a picture when images cover at least this share of it and the text layer
# holds almost nothing (a page number): a photo beside text is not a scan, and a signing
# page (单位（盖章）and a date over a letterhead) has more text than that.
IMAGE_PAGE_SHARE = 0.25
IMAGE_PAGE_MAX_CHARS = 12
# Text extracted through a wrong character map (an embedded font without ToUnicode) comes
# out as accented Latin letters, private-use or replacement characters instead of Chinese.
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ODD = re.compile(r"[\u0080-\u024f\u2020-\u2030\ue000-\uf8ff\ufffd]")
GARBLED_MIN_CHARS = 20
GARBLED_SHARE = 0.3
# A page with no text and no picture but this many vector paths is text drawn as outlines.
OUTLINED_TEXT_PATHS = 200


def _pages(numbers: list[int]) -> tuple[str, str]:
    """第3页 / 第3–5页 and page 3 / pages 3–5."""
    if len(numbers) == 1:
        return f"第{numbers[0]}页", f"page {numbers[0]}"
    return f"第{numbers[0]}至{numbers[-1]}页", f"pages {numbers[0]}–{numbers[-1]}"


def _runs(numbers: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for n in numbers:
        if runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs


def _per_run(numbers: list[int], code: str, message: Callable[[str, str, bool], L10n],
             action: L10n) -> list[ReadNote]:
    """One note per run of consecutive pages, worded for the run (第3至5页 / pages 3–5)."""
    notes = []
    for run in _runs(numbers):
        zh, en = _pages(run)
        notes.append(ReadNote(code, message(zh, en, len(run) > 1), action, Location(page=run[0])))
    return notes


def image_page_notes(pages: list[tuple[int, int, PageObjects]]) -> list[ReadNote]:
    """Runs of picture pages; ``pages`` holds (page number, characters of text read on it,
    its objects)."""
    numbers = [n for n, chars, objects in pages
               if chars <= IMAGE_PAGE_MAX_CHARS and objects.image_share >= IMAGE_PAGE_SHARE]
    return _per_run(numbers, "image_page", lambda zh, en, many: L10n(
        f"{zh}是图片（可能是扫描页），图片中的内容未读取、未审核",
        f"{en.capitalize()} {'are pictures' if many else 'is a picture'} (probably scanned); "
        "what they show was not read or audited"),
        L10n("如果这些页是评分表或报告正文，请提供文字版（Word 或可复制文字的 PDF），或先做 OCR 识别",
             "if these pages hold the score sheet or report text, submit a text version "
             "(Word, or a PDF whose text can be copied) or run OCR on them first"))


def lost_glyph_notes(pages: list[tuple[int, int, PageObjects]]) -> list[ReadNote]:
    """One note per page where text drawn in a missing font came out empty."""
    return [ReadNote(
        "lost_text",
        L10n(f"第{n}页有{objects.lost_glyphs}处文字无法提取（字体未嵌入 PDF，本机也没有该字体），"
             "这些文字未审核",
             f"Page {n}: {objects.lost_glyphs} piece(s) of text could not be extracted (the font "
             "is not embedded in the PDF and not installed here); they were not audited"),
        L10n("请提供 Word 版本，或导出 PDF 时选择“嵌入字体”",
             "submit the Word version, or export the PDF again with fonts embedded"),
        Location(page=n)) for n, _, objects in pages if objects.lost_glyphs]


def outlined_text_notes(pages: list[tuple[int, int, PageObjects]]) -> list[ReadNote]:
    """Runs of pages drawn only with vector paths (文字转曲)."""
    numbers = [n for n, chars, objects in pages if chars == 0
               and objects.image_share < IMAGE_PAGE_SHARE and objects.paths >= OUTLINED_TEXT_PATHS]
    return _per_run(numbers, "outlined_text", lambda zh, en, many: L10n(
        f"{zh}没有可读取的文字，只有图形（文字可能已转为曲线），内容未审核",
        f"{en.capitalize()} {'have' if many else 'has'} no readable text, only vector "
        "graphics (text converted to outlines?); not audited"),
        L10n("请提供 Word 版本，或导出 PDF 时不要把文字转为曲线",
             "submit the Word version, or export the PDF without converting text to outlines"))


def garbled(text: str) -> bool:
    """Whether a page's text reads as mojibake rather than Chinese."""
    chars = "".join(text.split())
    return (len(chars) >= GARBLED_MIN_CHARS and len(_CJK.findall(chars)) < 0.05 * len(chars)
            and len(_ODD.findall(chars)) >= GARBLED_SHARE * len(chars))


def garbled_text_notes(pages: list[tuple[int, str]]) -> list[ReadNote]:
    """Runs of pages whose text came out garbled; ``pages``: (number, text)."""
    return _per_run([n for n, text in pages if garbled(text)], "garbled_text",
                    lambda zh, en, many: L10n(
                        f"{zh}的文字提取出来是乱码（PDF 中的字体缺少字符映射），这些内容无法正确审核",
                        f"The text of {en} comes out garbled (a font in the PDF has no "
                        "character map); it cannot be audited correctly"),
                    L10n("请提供 Word 版本，或用其他软件重新导出 PDF",
                         "submit the Word version, or export the PDF again with other software"))
