"""SARIF 2.1.0 output, for code-scanning dashboards and for tracking findings over time.

Each finding is a result with its rule, level, location and ``partialFingerprints`` (the
finding's fingerprint: rule plus quoted evidence, so it survives unrelated edits). With
``--baseline`` an earlier SARIF log is compared: results are marked ``new`` or
``unchanged``, results only in the baseline are carried over as ``absent``, and a result a
reviewer acknowledged (it has ``suppressions`` in the baseline) keeps its suppressions,
so a dismissed finding stays dismissed in the next run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from auditor import __version__
from auditor.cli.common import UsageError
from auditor.engine import ReportResult
from auditor.model.finding import Finding
from auditor.model.l10n import L10n
from auditor.read.encoding import decode_text
from auditor.read.errors import ReadError
from auditor.report.labels import category_name, severity_name, ui
from auditor.report.rule_docs import rule_entries
from auditor.score import grade_label

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"high": "error", "medium": "warning", "low": "note"}
FINGERPRINT_KEY = "auditorFinding/v1"


def _uri(source: str) -> str:
    path = Path(source)
    if path.is_absolute():
        return path.as_uri()
    return quote(path.as_posix())


def _rules(lang: str) -> list[dict[str, Any]]:
    out = []
    for r in rule_entries():
        description = r["description"].get(lang)
        help_text = description + (f"\n{ui('example', lang)}: {r['example']}" if r["example"] else "")
        out.append({
            "id": r["id"],
            "name": r["name"].en,
            "shortDescription": {"text": r["name"].get(lang)},
            "fullDescription": {"text": description},
            "help": {"text": help_text},
            "defaultConfiguration": {"level": LEVEL[r["severity"]]},
            "properties": {
                "category": r["category"],
                "categoryName": category_name(r["category"]).get(lang),
                "tags": [r["category"]],
                "crossReport": r["batch"],
            },
        })
    return out


class _SourceLines:
    """Lines of the .txt files as the reviewer sees them, for the column of a finding.

    The reader strips indentation (often 　　) from each line, so the offset inside the
    normalised text is not the column in the file; the column is where the evidence starts
    in the original line, found by search, and left out when it cannot be found.
    """

    def __init__(self) -> None:
        self._cache: dict[str, list[str] | None] = {}

    def column(self, result: ReportResult, f: Finding) -> int | None:
        doc = result.document
        if doc is None or doc.format != "txt" or f.location.line is None or not f.evidence:
            return None
        if result.source not in self._cache:
            self._cache[result.source] = self._read(result.source)
        lines = self._cache[result.source]
        if not lines or f.location.line > len(lines):
            return None
        head = re.split(r"[\t\n]", f.evidence.strip(), maxsplit=1)[0][:30]
        if not head:
            return None
        index = lines[f.location.line - 1].replace("\u3000", " ").find(head)
        return index + 1 if index >= 0 else None

    @staticmethod
    def _read(source: str) -> list[str] | None:
        try:
            text, _ = decode_text(Path(source).read_bytes(), source)
        except (OSError, ReadError):
            return None
        return text.split("\n")


def _location(result: ReportResult, f: Finding, lines: _SourceLines) -> dict[str, Any]:
    loc = f.location
    physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(result.source)}}
    out: dict[str, Any] = {}
    if loc.line is not None and loc.page is None:
        region: dict[str, Any] = {"startLine": loc.line, "snippet": {"text": f.evidence}}
        column = lines.column(result, f)
        if column is not None:
            region["startColumn"] = column
            if "\n" not in f.evidence and "\t" not in f.evidence:
                region["endColumn"] = column + len(f.evidence)
        physical["region"] = region
    else:
        # .docx paragraphs/tables and PDF page lines have no file line (a region needs
        # one): a logical location names the place in the reader's terms and the property
        # bag carries its coordinates and the quoted evidence.
        physical["properties"] = {"source": loc.to_dict(), "snippet": f.evidence}
        out["logicalLocations"] = [{
            "name": loc.describe().get("zh"),
            "fullyQualifiedName": loc.describe().get("en"),
            "kind": "page" if loc.page is not None else "table" if loc.table is not None
            else "paragraph",
        }]
    out["physicalLocation"] = physical
    return out


def _result(result: ReportResult, f: Finding, rule_index: dict[str, int], lang: str,
            lines: _SourceLines) -> dict[str, Any]:
    out: dict[str, Any] = {
        "ruleId": f.rule_id,
        "level": LEVEL[f.severity],
        "message": {"text": f.message.get(lang)},
        "locations": [_location(result, f, lines)],
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint()},
        "properties": {
            "category": f.category,
            "categoryName": category_name(f.category).get(lang),
            "severity": f.severity,
            "severityName": severity_name(f.severity).get(lang),
            "confidence": round(f.confidence, 3),
            "evidence": f.evidence,
            "explanation": f.explanation.get(lang),
            "suggestion": f.suggestion.get(lang),
            "source": f.location.to_dict(),
        },
    }
    if f.rule_id in rule_index:
        out["ruleIndex"] = rule_index[f.rule_id]
    return out


def _key(result: dict[str, Any]) -> tuple[str, str, str]:
    """Identity of a result across runs: the file, the rule and the fingerprint."""
    uri = ""
    for loc in result.get("locations", []):
        uri = loc.get("physicalLocation", {}).get("artifactLocation", {}).get("uri", "")
        break
    fp = result.get("partialFingerprints", {}).get(FINGERPRINT_KEY, "")
    return uri, str(result.get("ruleId", "")), fp


def load_baseline(path: str) -> list[dict[str, Any]]:
    """Results of an earlier SARIF log; a clear error when the file is not one."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        runs = data["runs"]
        return [r for run in runs for r in run.get("results", [])]
    except FileNotFoundError:
        raise UsageError(L10n(f"找不到基线文件：{path}", f"baseline file not found: {path}")) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError,
            AttributeError):
        raise UsageError(L10n(f"基线文件不是有效的 SARIF 文件：{path}；请用 --format sarif 的输出作基线",
                              f"baseline is not a valid SARIF log: {path}; use an earlier "
                              "--format sarif output")) from None


def apply_baseline(results: list[dict[str, Any]], baseline: list[dict[str, Any]]) -> None:
    """Mark ``baselineState`` in place and append the baseline's absent results."""
    previous: dict[tuple[str, str, str], dict[str, Any]] = {}
    for old in baseline:
        previous.setdefault(_key(old), old)
    seen: set[tuple[str, str, str]] = set()
    for res in results:
        key = _key(res)
        prior = previous.get(key)
        res["baselineState"] = "unchanged" if prior is not None else "new"
        if prior is not None and prior.get("suppressions"):
            res["suppressions"] = prior["suppressions"]
        seen.add(key)
    for key, old in previous.items():
        if key not in seen and old.get("baselineState") != "absent":
            carried = {k: v for k, v in old.items() if k != "ruleIndex"}
            carried["baselineState"] = "absent"
            results.append(carried)


def render(results: list[ReportResult], lang: str = "zh", baseline: str | None = None,
           **_: Any) -> str:
    rules = _rules(lang)
    rule_index = {r["id"]: i for i, r in enumerate(rules)}
    lines = _SourceLines()
    sarif_results = [_result(r, f, rule_index, lang, lines) for r in results for f in r.findings]
    if baseline:
        apply_baseline(sarif_results, load_baseline(baseline))
    artifacts = []
    notifications = []
    for r in results:
        artifact: dict[str, Any] = {"location": {"uri": _uri(r.source)}}
        if r.sha256:
            artifact["hashes"] = {"sha-256": r.sha256}
        if r.score:
            artifact["properties"] = {"score": r.score["score"],
                                      "grade": grade_label(r.score, lang),
                                      "deductions": r.score.get("deductions", {})}
        artifacts.append(artifact)
        if r.error:
            notifications.append({
                "level": "error",
                "message": {"text": r.error.get(lang)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.source)}}}],
                "properties": {"code": r.error_code or "unreadable"},
            })
        for note in r.document.notes if r.document else []:
            notifications.append({
                "level": "warning",
                "message": {"text": note.said(lang)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(r.source)}},
                               "message": {"text": note.loc.describe().get(lang)}}],
                "properties": {"code": note.code, "location": note.loc.to_dict()},
            })
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "auditor",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": rules,
        }},
        "invocations": [{"executionSuccessful": True,
                         "toolExecutionNotifications": notifications}],
        "artifacts": artifacts,
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
        "properties": {"language": lang},
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
