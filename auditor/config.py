"""Configuration: shipped defaults (rules/), then auditor.toml or [tool.auditor].

Later sources override earlier ones key by key, so a bureau's file only lists what it
changes. The merged result is validated before anything runs: a misspelt rule id or a
severity of "hihg" would otherwise silently do nothing, and a reviewer would trust a
configuration that is not in force. Errors name the file and the key, in one line.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import Any, get_args

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from auditor.model.document import ReportKind
from auditor.model.finding import SEVERITIES
from auditor.model.l10n import L10n

REPORT_KINDS: tuple[str, ...] = get_args(ReportKind)
# Outlines chosen by the report's headings rather than its kind (rules/outline.toml).
OUTLINE_TEMPLATES: tuple[str, ...] = ("transfer",)
GRADES_FILE = "grades.toml"


# Phrase lists a bureau may replace under [phrases], declared by the rules that read them.
PHRASE_LISTS: dict[str, L10n] = {}


def declare_phrase_list(name: str, description: L10n) -> str:
    """Called at import by a rule module that reads ``phrase_list(config, name, …)``."""
    PHRASE_LISTS[name] = description
    return name


def phrase_list(config: dict[str, Any], name: str, shipped: list[str]) -> list[str]:
    """The configured ``[phrases] <name>`` list, else the rule's shipped one."""
    return list(config.get("phrases", {}).get(name, shipped))


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

def _names(items: Iterable[object]) -> str:
    return ", ".join(str(i) for i in items)


class _Check:
    """Validators for one file: each raises a ConfigError naming the dotted key."""

    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, key: str, zh: str, en: str) -> ConfigError:
        return ConfigError(L10n(f"配置错误（{self.where}）：{key}：{zh}",
                                f"Configuration error ({self.where}): {key}: {en}"))

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

    def count(self, value: object, key: str) -> None:
        self.number(value, key)
        if not isinstance(value, int):
            raise self.fail(key, f"应为整数，实为 {value!r}", f"must be a whole number, got {value!r}")

    def text(self, value: object, key: str) -> None:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"应为非空文字，实为 {value!r}", f"must be non-empty text, got {value!r}")

    def regex(self, value: object, key: str) -> None:
        self.text(value, key)
        try:
            re.compile(str(value))
        except re.error as exc:
            raise self.fail(key, f"正则表达式无效：{value!r}（{exc}）",
                            f"invalid regular expression {value!r} ({exc})") from None

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
    """Grade schemes shipped in rules/grades.toml (``[schemes.<name>]``); read by
    auditor.annotate.grades, which judges a report's stated grade."""
    if not has_default_file(GRADES_FILE):
        return {}
    data = _parse(default_file(GRADES_FILE), f"rules/{GRADES_FILE}")
    return {k: v for k, v in data.get("schemes", {}).items() if isinstance(v, dict)}


def _check_grades(c: _Check, value: object) -> None:
    table = c.table(value, "grades")
    c.keys(table, "grades", ("scheme", "schemes"))
    own = c.table(table.get("schemes", {}), "grades.schemes")
    for name, scheme in own.items():
        key = f"grades.schemes.{name}"
        scheme = c.table(scheme, key)
        c.keys(scheme, key, ("label", "bands"))
        if "label" in scheme:
            c.text(scheme["label"], f"{key}.label")
        bands = scheme.get("bands")
        if not isinstance(bands, list) or not bands:
            raise c.fail(f"{key}.bands", '应为非空列表，如 [{ grade = "优秀", min = 85 }, …]',
                         'must be a non-empty list like [{ grade = "优秀", min = 85 }, …]')
        for i, band in enumerate(bands):
            band = c.table(band, f"{key}.bands[{i}]")
            c.keys(band, f"{key}.bands[{i}]", ("grade", "min"))
            c.text(band.get("grade"), f"{key}.bands[{i}].grade")
            c.number(band.get("min"), f"{key}.bands[{i}].min", 0.0, 100.0)
    if "scheme" in table:
        c.text(table["scheme"], "grades.scheme")
        known = sorted({*grade_schemes(), *own})
        if table["scheme"] not in known:
            raise c.fail("grades.scheme", f"未知的等级方案 {table['scheme']!r}（可用：{_names(known)}）",
                         f"unknown grade scheme {table['scheme']!r} (known: {_names(known)})")


def _section_codes() -> tuple[str, ...]:
    """The section type codes of docs/taxonomy.md, as the section annotator assigns them."""
    from auditor.annotate.sections import SECTION_TYPES

    return tuple(SECTION_TYPES)


def _check_outline(c: _Check, value: object) -> None:
    """``[outline]`` overrides rules/outline.toml (read by the structure.* rules)."""
    table = c.table(value, "outline")
    c.keys(table, "outline", ("min_top_headings", "min_confidence", "mismatch", "not_a_report",
                              *REPORT_KINDS, *OUTLINE_TEMPLATES))
    if "min_top_headings" in table:
        c.count(table["min_top_headings"], "outline.min_top_headings")
    if "min_confidence" in table:
        c.number(table["min_confidence"], "outline.min_confidence", 0.0, 1.0)
    if "not_a_report" in table:
        c.regex(table["not_a_report"], "outline.not_a_report")
    for kind in (*REPORT_KINDS, *OUTLINE_TEMPLATES):
        if kind not in table:
            continue
        spec = c.table(table[kind], f"outline.{kind}")
        c.keys(spec, f"outline.{kind}", ("required", "match") if kind in OUTLINE_TEMPLATES
               else ("required",))
        if "match" in spec:
            c.regex(spec["match"], f"outline.{kind}.match")
        required = spec.get("required", [])
        if not isinstance(required, list):
            raise c.fail(f"outline.{kind}.required", "应为列表", "must be a list")
        for i, entry in enumerate(required):
            key = f"outline.{kind}.required[{i}]"
            if not isinstance(entry, dict):
                raise c.fail(key, '应写成 { zh = "存在的问题", en = "problems", types = ["problems"] }',
                             'write it as { zh = "存在的问题", en = "problems", types = ["problems"] }')
            c.keys(entry, key, ("zh", "en", "types"))
            c.text(entry.get("zh"), f"{key}.zh")
            c.text(entry.get("en"), f"{key}.en")
            if not c.strings(entry.get("types"), f"{key}.types", _section_codes()):
                raise c.fail(f"{key}.types", "至少列出一种章节类型", "list at least one section type")
    if "mismatch" in table:
        _check_mismatch(c, table["mismatch"])


def _check_mismatch(c: _Check, value: object) -> None:
    table = c.table(value, "outline.mismatch")
    c.keys(table, "outline.mismatch", ("max_depth", "min_share", "max_claimed_probability",
                                       "min_blocks", "min_chars", "compatible"))
    for key in ("max_depth", "min_blocks", "min_chars"):
        if key in table:
            c.count(table[key], f"outline.mismatch.{key}")
    for key in ("min_share", "max_claimed_probability"):
        if key in table:
            c.number(table[key], f"outline.mismatch.{key}", 0.0, 1.0)
    pairs = table.get("compatible", [])
    if not isinstance(pairs, list):
        raise c.fail("outline.mismatch.compatible", "应为列表", "must be a list")
    for i, pair in enumerate(pairs):
        c.strings(pair, f"outline.mismatch.compatible[{i}]", _section_codes())
        if len(pair) != 2:
            raise c.fail(f"outline.mismatch.compatible[{i}]", "应为两个章节类型，如 [\"goals\", \"results\"]",
                         'must be two section types, like ["goals", "results"]')


def _check_phrases(c: _Check, value: object) -> None:
    _rule_ids_and_categories()  # importing the rules declares their phrase lists
    for name, phrases in c.table(value, "phrases").items():
        if name not in PHRASE_LISTS:
            known = _names(sorted(PHRASE_LISTS)) or "—"
            raise c.fail(f"phrases.{name}", f"没有规则使用这个词表（可用：{known}）",
                         f"no rule reads this phrase list (known: {known})")
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
        c.count(table["workers"], "batch.workers")
        c.number(table["workers"], "batch.workers", 1, 256)
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
