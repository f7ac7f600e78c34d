"""Configuration: where it is found, what it changes, and one-line errors naming the key."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from auditor.cli.main import main
from auditor.config import (
    PHRASE_LISTS,
    ConfigError,
    config_hash,
    default_file,
    grade_schemes,
    has_default_file,
    load_config,
    phrase_list,
    validate,
)
from auditor.engine import audit_paths
from auditor.model.l10n import L10n

REPORT = "示例局2024年度部门整体支出绩效自评报告\n一、基本情况\n本局选举了了新的负责人。\n"


def test_shipped_defaults_are_valid(tmp_path: Path) -> None:
    config = load_config(start=tmp_path)
    assert config["_source"] is None
    validate(config)
    assert config["batch"]["suffixes"] == [".txt", ".docx", ".pdf", ".doc", ".wps"]


def test_auditor_toml_found_in_parent_folder(tmp_path: Path) -> None:
    (tmp_path / "auditor.toml").write_text('[severity]\n"text.typo" = "high"\n', encoding="utf-8")
    sub = tmp_path / "reports" / "2024"
    sub.mkdir(parents=True)
    config = load_config(start=sub)
    assert config["severity"] == {"text.typo": "high"}
    assert config["_source"] == str(tmp_path / "auditor.toml")
    assert config["rules"]["disable"] == []  # defaults kept for what the file does not set


def test_tool_auditor_section_of_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.auditor.rules]\ndisable = ["text.typo"]\n',
        encoding="utf-8")
    assert load_config(start=tmp_path)["rules"]["disable"] == ["text.typo"]
    assert load_config(str(tmp_path / "pyproject.toml"))["rules"]["disable"] == ["text.typo"]


def _audit(tmp_path: Path, toml: str) -> list[tuple[str, str]]:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    cfg = tmp_path / "auditor.toml"
    cfg.write_text(toml, encoding="utf-8")
    results = audit_paths([str(report)], load_config(str(cfg)), only=["text.typo"])
    return [(f.rule_id, f.severity) for f in results[0].findings]


def test_disable_and_severity_overrides_take_effect(tmp_path: Path) -> None:
    assert _audit(tmp_path, "") == [("text.typo", "low")]
    assert _audit(tmp_path, '[severity]\n"text.typo" = "high"\n') == [("text.typo", "high")]
    assert _audit(tmp_path, '[severity]\n"text.typo" = "medium"\n') == [("text.typo", "medium")]
    assert _audit(tmp_path, '[rules]\ndisable = ["text.typo"]\n') == []
    assert _audit(tmp_path, '[rules]\ndisable_categories = ["text.typo"]\n') == []


def test_outline_override_in_the_shipped_shape(tmp_path: Path) -> None:
    cfg = tmp_path / "auditor.toml"
    cfg.write_text('[outline]\nmin_top_headings = 2\n[outline.project]\nrequired = [\n'
                   '  { zh = "存在的问题", en = "problems", types = ["problems"] },\n]\n'
                   '[outline.mismatch]\ncompatible = [["goals", "results"]]\n', encoding="utf-8")
    outline = load_config(str(cfg))["outline"]
    assert outline["project"]["required"][0]["types"] == ["problems"]


@pytest.mark.parametrize(("name", "section"), [("outline.toml", "outline"), ("grades.toml", "grades")])
def test_shipped_rule_files_fit_the_override_schema(name: str, section: str) -> None:
    if not has_default_file(name):
        pytest.skip(f"rules/{name} not installed")
    shipped = tomllib.loads(default_file(name))
    validate({section: shipped}, f"rules/{name}")


def test_own_grade_scheme_can_be_selected(tmp_path: Path) -> None:
    cfg = tmp_path / "auditor.toml"
    cfg.write_text('[grades]\nscheme = "city"\n[grades.schemes.city]\nlabel = "某市"\n'
                   'bands = [{ grade = "优", min = 80 }, { grade = "差", min = 0 }]\n',
                   encoding="utf-8")
    assert load_config(str(cfg))["grades"]["scheme"] == "city"


@pytest.mark.skipif(not grade_schemes(), reason="rules/grades.toml not installed")
def test_shipped_grade_schemes_include_the_district_variant(tmp_path: Path) -> None:
    cfg = tmp_path / "auditor.toml"
    for name in grade_schemes():
        cfg.write_text(f'[grades]\nscheme = "{name}"\n', encoding="utf-8")
        assert load_config(str(cfg))["grades"]["scheme"] == name
    bands = [b["min"] for s in grade_schemes().values() for b in s["bands"]]
    assert 85 in bands and 90 in bands


BAD = [
    ("[rule]\n[colors]\nx = 1\n", "colors"),
    ('[rules]\ndisable = ["text.tyop"]\n', "rules.disable[0]"),
    ('[rules]\ndisable = "text.typo"\n', "rules.disable"),
    ('[rules]\ndisabled = ["text.typo"]\n', "rules.disabled"),
    ('[rules]\ndisable_categories = ["text"]\n', "rules.disable_categories[0]"),
    ('[severity]\n"text.typo" = "hihg"\n', 'severity."text.typo"'),
    ('[severity]\n"no.such" = "high"\n', 'severity."no.such"'),
    ('[grades]\nscheme = "nowhere"\n', "grades.scheme"),
    ('[grades.schemes.city]\nbands = []\n', "grades.schemes.city.bands"),
    ('[grades.schemes.city]\nbands = [{ grade = "优", min = 180 }]\n',
     "grades.schemes.city.bands[0].min"),
    ("[outline.annual]\nrequired = []\n", "outline.annual"),
    ('[outline.project]\nrequired = ["budget"]\n', "outline.project.required[0]"),
    ('[outline.project]\nrequired = [{ zh = "预算", en = "budget", types = ["money"] }]\n',
     "outline.project.required[0].types[0]"),
    ('[outline.project]\nrequired = [{ zh = "预算", types = ["budget"] }]\n',
     "outline.project.required[0].en"),
    ('[outline.project]\nrequire = []\n', "outline.project.require"),
    ("[outline]\nmin_confidence = 2\n", "outline.min_confidence"),
    ('[outline.mismatch]\ncompatible = [["goals"]]\n', "outline.mismatch.compatible[0]"),
    ('[phrases]\nno_such_list = ["加强管理"]\n', "phrases.no_such_list"),
    ('[phrases]\n"test.words" = "加强管理"\n', 'phrases.test.words'),
    ('[phrases]\n"test.words" = ["加强管理", ""]\n', 'phrases.test.words[1]'),
    ("[score]\ndecay = 1.5\n", "score.decay"),
    ('[score]\nweights = { high = "ten" }\n', "score.weights.high"),
    ('[score.category_weights]\n"text.typo" = -1\n', 'score.category_weights."text.typo"'),
    ('[rule."no.such"]\nx = 1\n', 'rule."no.such"'),
    ("[batch]\nworkers = 0\n", "batch.workers"),
    ('[batch]\nsuffixes = ["txt"]\n', "batch.suffixes[0]"),
]


@pytest.fixture
def phrase_list_declared(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setitem(PHRASE_LISTS, "test.words", L10n("测试词表", "test list"))
    return "test.words"


def test_phrase_lists_replace_the_shipped_ones(tmp_path: Path, phrase_list_declared: str) -> None:
    (tmp_path / "bureau").mkdir()
    cfg = tmp_path / "bureau" / "auditor.toml"
    cfg.write_text(f'[phrases]\n"{phrase_list_declared}" = ["加强管理", "完善制度"]\n',
                   encoding="utf-8")
    config = load_config(str(cfg))
    assert phrase_list(config, phrase_list_declared, ["原有"]) == ["加强管理", "完善制度"]
    assert phrase_list(load_config(start=tmp_path), phrase_list_declared, ["原有"]) == ["原有"]


@pytest.mark.parametrize(("toml", "key"), BAD, ids=[k for _, k in BAD])
@pytest.mark.usefixtures("phrase_list_declared")
def test_bad_settings_name_file_and_key(tmp_path: Path, toml: str, key: str) -> None:
    cfg = tmp_path / "auditor.toml"
    cfg.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(str(cfg))
    for lang in ("zh", "en"):
        message = err.value.l10n.get(lang)
        assert "\n" not in message
        assert str(cfg) in message, message
        assert f"{key}：" in message or f"{key}: " in message, message


def test_cli_reports_config_error_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                              ) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    cfg = tmp_path / "auditor.toml"
    cfg.write_text('[severity]\n"text.typo" = "urgent"\n', encoding="utf-8")
    assert main(["--lang", "en", "audit", str(report), "--config", str(cfg)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert 'severity."text.typo"' in err and "urgent" in err and "high, medium, low" in err


def test_config_hash_follows_settings_not_location() -> None:
    a = {"rules": {"disable": []}, "_source": "a/auditor.toml"}
    b = {"rules": {"disable": []}, "_source": "b/auditor.toml"}
    c = {"rules": {"disable": ["text.typo"]}, "_source": "a/auditor.toml"}
    assert config_hash(a) == config_hash(b) != config_hash(c)
