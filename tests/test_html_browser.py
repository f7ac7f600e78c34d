"""The HTML report: findings highlighted in place, hostile report text shown and never run.

The escaping is checked in a real browser (Debian chromium, headless): a report containing a
script and an ``onerror`` handler is rendered, and the DOM after the page ran must show the
text and no trace of either having executed, while the page's own script did run.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from auditor.config import load_config
from auditor.engine import ReportResult, audit_paths
from auditor.report import renderer
from tests.fake_rules import FAKE_ID, register_fake_rule

HOSTILE = (
    "某局2024年度部门整体支出绩效自评报告\n"
    "一、基本情况\n"
    "正文<script>document.title='PWNED';document.documentElement.setAttribute('data-pwned','1')"
    "</script>继续\n"
    '图片<img src=x onerror="document.documentElement.setAttribute(\'data-pwned\',\'2\')">结束\n'
    "【标记】<b>粗体</b>标记【/标记】\n"
    "\t项目\n\t<i>斜体</i>\n\n\t合计\n\t【标记】100【/标记】\n"
    "【全文】\n"
)


@pytest.fixture(autouse=True)
def _fake_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    register_fake_rule(monkeypatch)


def _results(tmp_path: Path, *texts: str) -> list[ReportResult]:
    paths = []
    for i, text in enumerate(texts):
        path = tmp_path / f"report{i}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return audit_paths(paths, load_config(start=tmp_path), only=[FAKE_ID])


def _finding_id(results: list[ReportResult], evidence: str) -> str:
    """The page's id of the first report's finding quoting ``evidence``."""
    n = next(i for i, f in enumerate(results[0].findings, 1) if evidence in f.evidence)
    return f"r0-f{n}"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_hostile_text_is_escaped_in_the_markup(tmp_path: Path) -> None:
    html = renderer("html")(_results(tmp_path, HOSTILE), lang="zh")
    tags = _tags(html)
    assert [t for t, _ in tags].count("script") == 1  # the page's own script only
    assert "img" not in [t for t, _ in tags]
    assert "<b>粗体" not in html and "<i>斜体" not in html
    assert not any(k.startswith("on") for _, attrs in tags for k in attrs)
    assert "&lt;script&gt;document.title=" in html
    assert "default-src 'none'" in html  # CSP: nothing loads, no other script runs
    assert not re.search(r"(src|href)=\"(https?:)?//", html)  # works offline


def test_every_finding_is_highlighted_in_place_and_listed(tmp_path: Path) -> None:
    results = _results(tmp_path, HOSTILE)
    html = renderer("html")(results, lang="zh")
    tags = _tags(html)
    findings = results[0].findings
    listed = [a["data-id"] for t, a in tags if t == "li"]
    assert len(listed) == len(findings) == 3
    ids = {a.get("id") for _, a in tags}
    assert all(fid in ids for fid in listed)  # every list entry has a target in the text
    bold = _finding_id(results, "粗体")
    marked = re.findall(r'<mark class="high" data-f="(r0-f\d)"[^>]*>(.*?)</mark>', html)
    assert (bold, "&lt;b&gt;粗体&lt;/b&gt;标记") in marked
    assert any(text == "100" for _, text in marked)  # inside a table cell
    assert re.search(r"<td>[^<]*<span class=\"anchor\"[^>]*></span><mark", html)
    assert 'class="doc-level"' in html  # the finding without a position
    assert "<table>" in html and "&lt;i&gt;斜体&lt;/i&gt;" in html


def test_score_and_breakdown_on_top_and_english(tmp_path: Path) -> None:
    results = _results(tmp_path, HOSTILE)
    zh = renderer("html")(results, lang="zh")
    en = renderer("html")(results, lang="en")
    score = results[0].score
    assert score is not None
    assert f'<div class="value">{score["score"]:g}</div>' in zh
    assert zh.index('class="score-card') < zh.index('class="card doc"')
    assert 'class="bar-row"' in zh and "格式转换残留" in zh and "严重程度" in zh
    assert '<html lang="en">' in en and "Conversion debris" in en and "Severity" in en
    assert "严重程度" not in en


def test_several_reports_get_an_overview_and_a_selector(tmp_path: Path) -> None:
    results = _results(tmp_path, HOSTILE, "另一份报告【标记】甲【/标记】\n")
    results.append(ReportResult("missing.txt", error=results[0].error))
    html = renderer("html")(results, lang="zh")
    assert 'id="report-select"' in html and 'class="card overview"' in html
    assert html.count('<article class="report"') == 3
    single = renderer("html")(results[:1], lang="zh")
    assert 'id="report-select"' not in single


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _dump_dom(page: Path, tmp_path: Path, fragment: str = "") -> str:
    browser = _chromium()
    assert browser is not None
    profile = tmp_path / "profile"
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--no-first-run", f"--user-data-dir={profile}", "--dump-dom",
               page.resolve().as_uri() + fragment]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


needs_chromium = pytest.mark.skipif(_chromium() is None, reason="chromium is not installed")


@needs_chromium
def test_browser_shows_hostile_text_and_runs_none_of_it(tmp_path: Path) -> None:
    results = _results(tmp_path, HOSTILE, "第二份报告【标记】乙【/标记】\n")
    page = tmp_path / "report.html"
    page.write_text(renderer("html")(results, lang="zh"), encoding="utf-8")
    bold = _finding_id(results, "粗体")
    dom = _dump_dom(page, tmp_path, "#" + bold)
    assert "<title>绩效自评报告审核结果</title>" in dom  # the hostile script did not retitle
    assert "PWNED" not in dom.split("</title>")[0]
    assert "data-pwned" not in dom.split("<body")[0]  # no attribute set on <html>
    assert "&lt;script&gt;document.title='PWNED'" in dom  # shown as text
    assert "&lt;img src=x onerror=" in dom
    assert "<img" not in dom
    # the page's own script did run: second report hidden, the finding in the hash selected
    assert re.search(r'<article class="report" id="r1" hidden', dom)
    assert re.search(rf'<li class="finding high active" data-id="{bold}"', dom)
    assert re.search(rf'<mark class="high current" data-f="{bold}"', dom)
