"""Configuration: shipped defaults (rules/), then auditor.toml or [tool.auditor].

Later sources override earlier ones key by key, so a bureau's file only lists what it
changes.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from auditor.model.l10n import L10n


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
    config["_source"] = source
    return config
