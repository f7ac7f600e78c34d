"""The stylesheet and script inlined into every HTML report.

Kept apart from html_format.py so the markup builder stays readable. The page must work
offline from one file (a reviewer mails it or opens it from a shared drive), so nothing is
loaded from anywhere. The script never reads report text: everything it needs is in
``data-`` attributes of escaped elements, and the page's Content-Security-Policy admits
only this script (by hash), so even text that escaped escaping could not run.
"""

from __future__ import annotations

import base64
import hashlib

CSS = """
:root {
  --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --paper: #ffffff; --ground: #f0f4f8;
  --brand: #1d3f6e; --brand-2: #27558f;
  --high: #c62828; --medium: #c77700; --low: #1f6fb2;
  --high-bg: rgba(229, 57, 53, .20); --medium-bg: rgba(255, 160, 0, .26);
  --low-bg: rgba(33, 150, 243, .18);
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
html { scroll-padding-top: 80px; }
body {
  margin: 0; color: var(--ink); background: var(--ground); line-height: 1.7; font-size: 15px;
  font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC",
    "WenQuanYi Micro Hei", "Helvetica Neue", Arial, sans-serif;
}
header.top {
  background: linear-gradient(90deg, var(--brand), var(--brand-2)); color: #fff;
  padding: 14px 28px; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 24px;
  position: sticky; top: 0; z-index: 10; box-shadow: 0 2px 6px rgba(0,0,0,.18);
}
header.top h1 { font-size: 19px; margin: 0; font-weight: 600; letter-spacing: .5px; }
header.top .summary { opacity: .85; font-size: 14px; }
header.top .picker { margin-left: auto; font-size: 14px; }
header.top select { font: inherit; padding: 3px 6px; border-radius: 4px; border: 0; max-width: 46vw; }
main { padding: 20px 28px 40px; max-width: 1500px; margin: 0 auto; }
.card {
  background: var(--paper); border: 1px solid var(--line); border-radius: 8px;
  box-shadow: 0 1px 2px rgba(16,42,67,.06); margin-bottom: 18px;
}
.overview { padding: 14px 18px; }
.overview h2, .report-head h2 { font-size: 17px; margin: 0 0 8px; }
table.grid { border-collapse: collapse; width: 100%; font-size: 14px; }
table.grid th, table.grid td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; }
table.grid th { background: #f5f7fa; color: var(--muted); font-weight: 600; }
table.grid td.num, table.grid th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.grid tr.failed td { color: var(--high); }
.report-head { display: grid; grid-template-columns: auto minmax(0, 1fr) minmax(260px, 420px); gap: 22px; padding: 18px 20px; align-items: start; }
.score-card {
  width: 132px; height: 132px; border-radius: 50%; display: flex; flex-direction: column;
  align-items: center; justify-content: center; color: #fff; text-align: center;
}
.score-card .value { font-size: 40px; font-weight: 700; line-height: 1; }
.score-card .grade { font-size: 16px; margin-top: 4px; }
.score-card .label { font-size: 12px; opacity: .85; }
.score-card.band-a { background: #2e7d32; } .score-card.band-b { background: #00897b; }
.score-card.band-c { background: #ef8f00; } .score-card.band-d { background: #c62828; }
.score-card.none { background: #9aa5b1; }
.meta dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 10px; font-size: 14px; }
.meta dt { color: var(--muted); } .meta dd { margin: 0; }
.badge {
  display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; line-height: 20px;
  color: #fff; white-space: nowrap;
}
.badge.high { background: var(--high); } .badge.medium { background: var(--medium); }
.badge.low { background: var(--low); } .badge.cat { background: #e4e7eb; color: var(--ink); }
.counts .badge { margin-right: 6px; }
.chart h3 { font-size: 14px; margin: 0 0 6px; color: var(--muted); font-weight: 600; }
.bar-row { display: grid; grid-template-columns: minmax(7em, 12em) minmax(0, 1fr) 3.5em; gap: 8px; align-items: center; font-size: 13px; margin: 3px 0; }
.bar-row .track { background: #edf1f5; border-radius: 3px; height: 12px; overflow: hidden; }
.bar-row .fill { background: linear-gradient(90deg, #e57373, var(--high)); height: 100%; }
.bar-row .pts { text-align: right; font-variant-numeric: tabular-nums; color: var(--muted); }
.formula { font-size: 12px; color: var(--muted); margin-top: 6px; }
.empty-chart { font-size: 13px; color: var(--muted); }
.body { display: grid; grid-template-columns: minmax(0, 1fr) 380px; gap: 18px; align-items: start; }
.doc { padding: 26px 34px; }
.doc p { margin: 0 0 .7em; text-indent: 2em; white-space: pre-wrap; }
.doc .h { margin: 1.1em 0 .5em; font-weight: 650; white-space: pre-wrap; }
.doc .h1 { font-size: 17px; } .doc .h2 { font-size: 16px; } .doc .h3 { font-size: 15px; }
.doc .doc-title { text-align: center; font-size: 20px; margin: .2em 0 1em; }
.sec-tag { font-size: 11px; font-weight: 400; color: var(--brand-2); border: 1px solid #b6c8e2; border-radius: 3px; padding: 0 4px; margin-left: 8px; vertical-align: middle; }
.doc table { border-collapse: collapse; margin: .4em 0 1em; font-size: 13px; width: 100%; }
.doc td, .doc th { border: 1px solid #bcccdc; padding: 4px 6px; vertical-align: top; white-space: pre-wrap; }
.doc th { background: #f0f4f8; font-weight: 600; }
.doc caption { caption-side: top; text-align: right; font-size: 12px; color: var(--muted); }
mark { color: inherit; border-radius: 2px; cursor: pointer; padding: 1px 0; }
mark.high { background: var(--high-bg); border-bottom: 2px solid var(--high); }
mark.medium { background: var(--medium-bg); border-bottom: 2px solid var(--medium); }
mark.low { background: var(--low-bg); border-bottom: 2px solid var(--low); }
mark.off { background: none; border-bottom-color: transparent; cursor: text; }
mark.current, .pin.current { outline: 2px solid var(--brand); outline-offset: 1px; animation: flash 1.2s ease 1; }
@keyframes flash { 0%, 60% { box-shadow: 0 0 0 5px rgba(29,63,110,.25); } 100% { box-shadow: none; } }
.pin { display: inline-block; font-size: 11px; line-height: 16px; padding: 0 4px; border-radius: 3px; color: #fff; cursor: pointer; text-indent: 0; vertical-align: middle; }
.pin.high { background: var(--high); } .pin.medium { background: var(--medium); } .pin.low { background: var(--low); }
.pin.off { display: none; }
.doc-level { border-left: 4px solid var(--medium); background: #fff8e1; padding: 8px 12px; margin-bottom: 16px; font-size: 14px; }
.doc-level .pin { margin-right: 6px; }
.side { position: sticky; top: 76px; max-height: calc(100vh - 92px); display: flex; flex-direction: column; }
.filters { padding: 12px 14px; border-bottom: 1px solid var(--line); font-size: 13px; }
.filters .row { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; margin-bottom: 6px; }
.filters label { cursor: pointer; white-space: nowrap; }
.filters select { font: inherit; max-width: 100%; padding: 2px 4px; }
.filters .shown { color: var(--muted); }
ol.findings { list-style: none; margin: 0; padding: 6px; overflow-y: auto; }
.finding a { display: block; color: inherit; text-decoration: none; padding: 8px 10px; border-radius: 6px; border-left: 3px solid transparent; }
.finding a:hover { background: #f5f7fa; }
.finding.high a { border-left-color: var(--high); } .finding.medium a { border-left-color: var(--medium); }
.finding.low a { border-left-color: var(--low); }
.finding.active a { background: #e8f0fb; }
.finding .msg { font-size: 14px; font-weight: 600; margin: 3px 0 2px; }
.finding .where { font-size: 12px; color: var(--muted); }
.finding .more { display: none; font-size: 13px; margin-top: 6px; }
.finding.active .more { display: block; }
.finding .more div { margin-top: 3px; }
.finding .more b { color: var(--muted); font-weight: 600; margin-right: 4px; }
.error-box { padding: 16px 20px; color: var(--high); }
.read-notes { border-left: 4px solid var(--low); padding: 10px 16px; font-size: 14px; }
.read-notes ul { margin: 6px 0 0; padding-left: 20px; }
.unread { font-size: 12px; color: var(--medium); border: 1px solid var(--medium); border-radius: 3px; padding: 0 4px; margin-left: 4px; }
.no-findings { padding: 14px; color: var(--muted); font-size: 14px; }
@media (max-width: 1000px) {
  .body, .report-head { grid-template-columns: minmax(0, 1fr); }
  .side { position: static; max-height: none; }
}
@media print {
  header.top { position: static; } .side, .picker { display: none; }
  .body { grid-template-columns: minmax(0, 1fr); } article.report[hidden] { display: block !important; }
}
"""

JS = """
(function () {
  "use strict";
  var reports = Array.prototype.slice.call(document.querySelectorAll("article.report"));
  var picker = document.getElementById("report-select");
  function each(root, selector, fn) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), fn);
  }
  function show(id) {
    if (!picker) { return; }
    reports.forEach(function (r) { r.hidden = r.id !== id; });
    picker.value = id;
  }
  function activate(report, fid) {
    each(report, ".finding.active", function (el) { el.classList.remove("active"); });
    each(report, ".current", function (el) { el.classList.remove("current"); });
    var item = report.querySelector('.finding[data-id="' + fid + '"]');
    if (item) { item.classList.add("active"); item.scrollIntoView({block: "nearest"}); }
    each(report, '[data-f~="' + fid + '"]', function (el) {
      void el.offsetWidth; el.classList.add("current");
    });
  }
  function jump(report, fid, smooth) {
    var anchor = document.getElementById(fid);
    if (anchor) { anchor.scrollIntoView({behavior: smooth ? "smooth" : "auto", block: "center"}); }
    activate(report, fid);
    if (history.replaceState) { history.replaceState(null, "", "#" + fid); }
  }
  function applyFilters(report) {
    var wanted = {};
    each(report, ".filters input[data-sev]", function (cb) { wanted[cb.getAttribute("data-sev")] = cb.checked; });
    var select = report.querySelector(".filters select");
    var category = select ? select.value : "";
    var visible = {};
    var shown = 0;
    each(report, ".finding", function (item) {
      var ok = wanted[item.getAttribute("data-sev")] &&
        (category === "" || item.getAttribute("data-cat") === category);
      item.hidden = !ok;
      if (ok) { visible[item.getAttribute("data-id")] = true; shown += 1; }
    });
    each(report, "[data-f]", function (el) {
      var on = el.getAttribute("data-f").split(" ").some(function (id) { return visible[id]; });
      el.classList.toggle("off", !on);
    });
    var counter = report.querySelector(".shown-count");
    if (counter) { counter.textContent = String(shown); }
  }
  reports.forEach(function (report) {
    report.addEventListener("click", function (event) {
      var item = event.target.closest(".finding");
      if (item) { event.preventDefault(); jump(report, item.getAttribute("data-id"), true); return; }
      var mark = event.target.closest("[data-f]");
      if (mark && !mark.classList.contains("off")) {
        activate(report, mark.getAttribute("data-f").split(" ")[0]);
      }
    });
    var filters = report.querySelector(".filters");
    if (filters) { filters.addEventListener("change", function () { applyFilters(report); }); }
  });
  if (picker) {
    picker.addEventListener("change", function () { show(picker.value); window.scrollTo(0, 0); });
    each(document, "a.open-report", function (a) {
      a.addEventListener("click", function (event) {
        event.preventDefault(); show(a.getAttribute("data-report"));
        document.getElementById(a.getAttribute("data-report")).scrollIntoView();
      });
    });
  }
  var target = decodeURIComponent(location.hash.slice(1));
  var owner = target ? document.getElementById(target) : null;
  var report = owner ? owner.closest("article.report") : null;
  if (report) {
    show(report.id);
    if (target !== report.id) { jump(report, target, false); }
  } else if (reports.length) {
    show(reports[0].id);
  }
})();
"""


def script_hash() -> str:
    """The CSP source that admits exactly the inline script above."""
    digest = hashlib.sha256(JS.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
