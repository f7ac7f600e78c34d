"""Configuration: shipped defaults (rules/), then auditor.toml or [tool.auditor].

Later sources override earlier ones key by key, so a bureau's file only lists what it
changes. The merged result is validated before anything runs: a misspelt rule id or a
severity of "hihg" would otherwise silently do nothing, and a reviewer would trust a
configuration that is not in force. Errors name the file and the key, in one line.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from auditor.model.l10n import L10n

SEVERITIES = ("high", "medium", "low")
REPORT_KINDS = ("department", "project", "other")
# The sections a bureau may require, the codes of docs/taxonomy.md ("Section types").
SECTION_CODES = ("basic_info", "budget", "goals", "process", "results", "conclusion",
                 "problems", "measures", "application", "other", "appendix")
GRADES_FILE = "grades.toml"


class ConfigError(Exception):
    def __init__(self, message: L10n) -> None:
        super().__init__(message.zh)
        self.l10n = message


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def default_file(name: str) -> str:
    """Text of a file shipped in rules/ (installed as ``auditor.defaults``)."""
    return resources.files("auditor.defaults").joinpath(name).read_text(encoding="utf-8")


def has_default_file(name: str) -> bool:
    return resources.files("auditor.defaults").joinpath(name).is_file()


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            L10n(f"配置文件格式错误：{where}：{exc}", f"Invalid configuration file {where}: {exc}")
        ) from None


def find_user_config(start: Path) -> tuple[dict[str, Any], str | None]:
    """auditor.toml, else [tool.auditor] of pyproject.toml, in ``start`` or its parents."""
    for folder in [start, *start.parents]:
        candidate = folder / "auditor.toml"
        if candidate.is_file():
            return _parse(candidate.read_text(encoding="utf-8"), str(candidate)), str(candidate)
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            data = _parse(pyproject.read_text(encoding="utf-8"), str(pyproject))
            section = data.get("tool", {}).get("auditor")
            if section is not None:
                return section, str(pyproject)
    return {}, None


def load_config(path: str | None = None, start: Path | None = None) -> dict[str, Any]:
    config = _parse(default_file("defaults.toml"), "rules/defaults.toml")
    if path:
        file = Path(path)
        if not file.is_file():
            raise ConfigError(L10n(f"找不到配置文件：{path}", f"Configuration file not found: {path}"))
        user = _parse(file.read_text(encoding="utf-8"), path)
        user = user.get("tool", {}).get("auditor", user) if file.name == "pyproject.toml" else user
        source: str | None = path
    else:
        user, source = find_user_config(start or Path.cwd())
    config = merge(config, user)
    validate(config, source or "rules/defaults.toml")
    config["_source"] = source
    return config


def config_hash(config: dict[str, Any]) -> str:
    """A digest of the settings in force (not of where they came from), for batch resume."""
    settings = {k: v for k, v in config.items() if not k.startswith("_")}
    text = json.dumps(settings, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- validation -----------------------------------------------------------------------

def _fail(where: str, key: str, zh: str, en: str) -> ConfigError:
    return ConfigError(L10n(f"配置错误（{where}）：{key}：{zh}", f"Configuration error ({where}): {key}: {en}"))


def _names(items: object) -> str:
    return ", ".join(str(i) for i in items)  # type: ignore[attr-defined]


class _Check:
    """Validators for one file: each raises a ConfigError naming the dotted key."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, key: str, zh: str, en: str) -> ConfigError:
        return _fail(self.where, key, zh, en)

    def table(self, value: object, key: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(key, "应为表（[...] 段）", "must be a table ([...] section)")
        return value

    def keys(self, table: dict[str, Any], key: str, allowed: tuple[str, ...]) -> None:
        for name in table:
            if name not in allowed:
                raise self.fail(f"{key}.{name}" if key else name,
                                f"未知配置项（可用：{_names(allowed)}）",
                                f"unknown setting (known: {_names(allowed)})")

    def number(self, value: object, key: str, low: float = 0.0, high: float | None = None) -> None:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, f"应为数字，实为 {value!r}", f"must be a number, got {value!r}")
        if value < low or (high is not None and value > high):
            upper = "∞" if high is None else high
            raise self.fail(key, f"应在 {low}–{upper} 之间，实为 {value}",
                            f"must be between {low} and {upper}, got {value}")

    def text(self, value: object, key: str) -> None:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"应为非空文字，实为 {value!r}", f"must be non-empty text, got {value!r}")

    def strings(self, value: object, key: str, allowed: tuple[str, ...] | None = None,
                hint: L10n | None = None) -> list[str]:
        if not isinstance(value, list):
            raise self.fail(key, f"应为列表，实为 {value!r}", f"must be a list, got {value!r}")
        for i, item in enumerate(value):
            self.text(item, f"{key}[{i}]")
            if allowed is not None and item not in allowed:
                extra = hint or L10n(f"可用：{_names(allowed)}", f"known: {_names(allowed)}")
                raise self.fail(f"{key}[{i}]", f"未知取值 {item!r}（{extra.zh}）",
                                f"unknown value {item!r} ({extra.en})")
        return value

    def choice(self, value: object, key: str, allowed: tuple[str, ...]) -> None:
        if value not in allowed:
            raise self.fail(key, f"取值 {value!r} 无效（可用：{_names(allowed)}）",
                            f"invalid value {value!r} (known: {_names(allowed)})")


def _rule_ids_and_categories() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from auditor.check.registry import CATEGORIES, load_rules

    return tuple(sorted(load_rules())), CATEGORIES


_RULE_HINT = L10n("用 auditor rules 查看规则编号", "see `auditor rules` for rule ids")


def _check_rules(c: _Check, value: object) -> None:
    table = c.table(value, "rules")
    c.keys(table, "rules", ("disable", "disable_categories", "enable_only"))
    rule_ids, categories = _rule_ids_and_categories()
    for key in ("disable", "enable_only"):
        if key in table:
            c.strings(table[key], f"rules.{key}", rule_ids, _RULE_HINT)
    if "disable_categories" in table:
        c.strings(table["disable_categories"], "rules.disable_categories", categories)


def _check_severity(c: _Check, value: object) -> None:
    table = c.table(value, "severity")
    rule_ids, categories = _rule_ids_and_categories()
    for name, severity in table.items():
        key = f'severity."{name}"'
        if name not in rule_ids and name not in categories:
            raise c.fail(key, "既不是规则编号也不是问题类别（用 auditor rules 查看）",
                         "neither a rule id nor a category (see `auditor rules`)")
        c.choice(severity, key, SEVERITIES)


def grade_schemes() -> dict[str, Any]:
    """Grade schemes shipped in rules/grades.toml: ``[schemes.<name>]`` tables."""
    if not has_default_file(GRADES_FILE):
        return {}
    data = _parse(default_file(GRADES_FILE), f"rules/{GRADES_FILE}")
    schemes = data.get("schemes", data)
    return {k: v for k, v in schemes.items() if isinstance(v, dict)}


def grade_scheme(config: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """The scheme a report's stated grade is judged by when the report states none.

    ``[grades] scheme`` of the configuration, else the ``default`` named in grades.toml,
    else its first scheme; None when no grades file is installed (the check does not run).
    """
    shipped = grade_schemes()
    if not shipped:
        return None
    data = _parse(default_file(GRADES_FILE), f"rules/{GRADES_FILE}")
    fallback = data.get("default") if data.get("default") in shipped else next(iter(shipped))
    name = config.get("grades", {}).get("scheme") or fallback
    return name, shipped[name]


def _check_grades(c: _Check, value: object) -> None:
    table = c.table(value, "grades")
    c.keys(table, "grades", ("scheme",))
    if "scheme" in table:
        c.text(table["scheme"], "grades.scheme")
        shipped = grade_schemes()
        if shipped and table["scheme"] not in shipped:
            raise c.fail("grades.scheme", f"未知的等级方案 {table['scheme']!r}（rules/{GRADES_FILE} 中有："
                         f"{_names(sorted(shipped))}）",
                         f"unknown grade scheme {table['scheme']!r} (rules/{GRADES_FILE} has: "
                         f"{_names(sorted(shipped))})")


def _check_outline(c: _Check, value: object) -> None:
    table = c.table(value, "outline")
    c.keys(table, "outline", REPORT_KINDS)
    for kind, spec in table.items():
        spec = c.table(spec, f"outline.{kind}")
        c.keys(spec, f"outline.{kind}", ("required",))
        if "required" in spec:
            c.strings(spec["required"], f"outline.{kind}.required", SECTION_CODES)


def _check_phrases(c: _Check, value: object) -> None:
    for name, phrases in c.table(value, "phrases").items():
        c.strings(phrases, f"phrases.{name}")


def _check_score(c: _Check, value: object) -> None:
    table = c.table(value, "score")
    c.keys(table, "score", ("weights", "decay", "category_cap", "category_weights", "grades"))
    _, categories = _rule_ids_and_categories()
    if "weights" in table:
        weights = c.table(table["weights"], "score.weights")
        c.keys(weights, "score.weights", SEVERITIES)
        for sev, weight in weights.items():
            c.number(weight, f"score.weights.{sev}")
    if "decay" in table:
        c.number(table["decay"], "score.decay", 0.0, 1.0)
    if "category_cap" in table:
        c.number(table["category_cap"], "score.category_cap")
    if "category_weights" in table:
        weights = c.table(table["category_weights"], "score.category_weights")
        c.keys(weights, "score.category_weights", categories)
        for cat, weight in weights.items():
            c.number(weight, f'score.category_weights."{cat}"')
    if "grades" in table:
        grades = table["grades"]
        if not isinstance(grades, list) or not grades:
            raise c.fail("score.grades", "应为非空的 [[score.grades]] 列表",
                         "must be a non-empty list of [[score.grades]]")
        for i, grade in enumerate(grades):
            grade = c.table(grade, f"score.grades[{i}]")
            c.keys(grade, f"score.grades[{i}]", ("floor", "zh", "en"))
            c.number(grade.get("floor"), f"score.grades[{i}].floor", 0.0, 100.0)
            c.text(grade.get("zh"), f"score.grades[{i}].zh")
            c.text(grade.get("en"), f"score.grades[{i}].en")


def _check_rule_settings(c: _Check, value: object) -> None:
    rule_ids, _ = _rule_ids_and_categories()
    for rule_id, settings in c.table(value, "rule").items():
        if rule_id not in rule_ids:
            raise c.fail(f'rule."{rule_id}"', f"未知规则（{_RULE_HINT.zh}）",
                         f"unknown rule ({_RULE_HINT.en})")
        c.table(settings, f'rule."{rule_id}"')


def _check_batch(c: _Check, value: object) -> None:
    table = c.table(value, "batch")
    c.keys(table, "batch", ("workers", "suffixes"))
    if "workers" in table:
        c.number(table["workers"], "batch.workers", 1, 256)
        if not isinstance(table["workers"], int):
            raise c.fail("batch.workers", "应为整数", "must be a whole number")
    if "suffixes" in table:
        suffixes = c.strings(table["suffixes"], "batch.suffixes")
        for i, suffix in enumerate(suffixes):
            if not suffix.startswith("."):
                raise c.fail(f"batch.suffixes[{i}]", f"扩展名应以点开头，如 .txt，实为 {suffix!r}",
                             f"a suffix starts with a dot, like .txt; got {suffix!r}")


SECTIONS: dict[str, Callable[[_Check, object], None]] = {
    "rules": _check_rules,
    "severity": _check_severity,
    "grades": _check_grades,
    "outline": _check_outline,
    "phrases": _check_phrases,
    "score": _check_score,
    "rule": _check_rule_settings,
    "batch": _check_batch,
}


def validate(config: dict[str, Any], where: str = "auditor.toml") -> None:
    """Raise ConfigError for the first unknown key or bad value, naming file and key."""
    c = _Check(where)
    c.keys({k: v for k, v in config.items() if not k.startswith("_")}, "", tuple(SECTIONS))
    for name, check in SECTIONS.items():
        if name in config:
            check(c, config[name])
