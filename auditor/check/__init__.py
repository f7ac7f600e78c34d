"""Stage 3: run the registered rules over annotated documents."""

from __future__ import annotations

from typing import Any

from auditor.check.registry import RULES, BatchRule, CheckContext, Rule, load_rules
from auditor.model.document import Document
from auditor.model.finding import Finding

__all__ = ["CheckContext", "active_rules", "run_checks"]


def active_rules(config: dict[str, Any], only: list[str] | None = None) -> list[Rule]:
    """Rules enabled by the configuration (``[rules]`` disable/enable lists, categories)."""
    load_rules()
    settings = config.get("rules", {})
    disabled = set(settings.get("disable", []))
    disabled_categories = set(settings.get("disable_categories", []))
    enabled_only = set(only or settings.get("enable_only", []))
    chosen: list[Rule] = []
    for rule_id, cls in sorted(RULES.items()):
        if enabled_only and rule_id not in enabled_only:
            continue
        if rule_id in disabled or cls.category in disabled_categories:
            continue
        chosen.append(cls())
    return chosen


def _sort_key(f: Finding) -> tuple[int, int, str]:
    return (f.start if f.start is not None else -1, -f.rank, f.rule_id)


def run_checks(
    docs: list[Document], config: dict[str, Any], only: list[str] | None = None
) -> list[list[Finding]]:
    """Findings per document, in document order, with configured severity overrides."""
    ctx = CheckContext(config=config, batch=docs)
    rules = active_rules(config, only)
    results: list[list[Finding]] = [[] for _ in docs]
    for rule in rules:
        if isinstance(rule, BatchRule):
            for index, finding in rule.check_batch(docs, ctx):
                results[index].append(finding)
        else:
            for i, doc in enumerate(docs):
                results[i].extend(rule.check(doc, ctx))
    overrides = config.get("severity", {})
    for findings in results:
        for f in findings:
            if f.rule_id in overrides:
                f.severity = overrides[f.rule_id]
            elif f.category in overrides:
                f.severity = overrides[f.category]
        findings.sort(key=_sort_key)
    return results
