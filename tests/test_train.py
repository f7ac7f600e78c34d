"""``auditor train``: discovery of trainers, determinism, and the shipped metrics reproduced."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from auditor.cli.main import main
from auditor.learn import trainers
from auditor.learn.section_model import METRICS_FILE, MODEL_FILE
from auditor.learn.section_model import train as train_sections
from tests.conftest import REPO, SHARED, requires_shared

CORPORA = REPO / "corpora"
MODELS = REPO / "models"


def _small_corpus(root: Path, seeds: int) -> Path:
    """A copy of part of the project's corpus: six written reports and a few seed labels."""
    folder = root / "corpora" / "sections"
    folder.mkdir(parents=True)
    written = yaml.safe_load((CORPORA / "sections" / "written.yml").read_text(encoding="utf-8"))
    written["documents"] = written["documents"][:6]
    (folder / "written.yml").write_text(yaml.safe_dump(written, allow_unicode=True),
                                        encoding="utf-8")
    lines = (CORPORA / "sections" / "seeds.labels.jsonl").read_text(encoding="utf-8").splitlines()
    (folder / "seeds.labels.jsonl").write_text("\n".join(lines[:seeds]) + "\n", encoding="utf-8")
    return root / "corpora"


def test_section_trainer_is_discovered() -> None:
    assert "section" in trainers()


@requires_shared
def test_retraining_small_corpus_reproduces_metrics(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_SHARED", str(SHARED))
    corpora = _small_corpus(tmp_path, seeds=3)
    first = train_sections(corpora, tmp_path / "a", seed=0)
    second = train_sections(corpora, tmp_path / "b", seed=0)
    assert first == second
    assert first["data"]["documents_real"] == 3
    held = first["heldout"]["model"]
    assert held["n"] == sum(sum(row.values()) for row in held["confusion"].values())
    assert 0.0 < held["macro_f1"] <= 1.0
    for name in (MODEL_FILE, METRICS_FILE):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@requires_shared
def test_final_test_set_is_kept_out_of_cross_validation(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_SHARED", str(SHARED))
    corpora = _small_corpus(tmp_path, seeds=3)
    lines = (CORPORA / "sections" / "seeds.labels.jsonl").read_text(encoding="utf-8").splitlines()
    (corpora / "sections" / "seeds.final.labels.jsonl").write_text(lines[3] + "\n",
                                                                 encoding="utf-8")
    metrics = train_sections(corpora, tmp_path / "out", seed=0)
    assert metrics["heldout"]["documents"] == 3
    final = metrics["final_test"]
    assert final["documents"] == metrics["data"]["documents_final_test"] == 1
    assert final["model"]["n"] == sum(sum(row.values()) for row in final["model"]["confusion"].values())
    assert final["model"]["n"] > 0


def test_written_only_corpus_has_no_heldout_score(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_SHARED", str(tmp_path / "absent"))
    corpora = _small_corpus(tmp_path, seeds=0)
    metrics = train_sections(corpora, tmp_path / "out", seed=0)
    assert metrics["heldout"] is None
    assert metrics["data"]["documents_real"] == 0
    assert "no real reports" in metrics["summary"]


@requires_shared
def test_train_command_rebuilds_the_shipped_model(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The model card's numbers are what ``auditor train`` produces, byte for byte."""
    monkeypatch.setenv("AUDITOR_SHARED", str(SHARED))
    corpora = tmp_path / "corpora"
    shutil.copytree(CORPORA / "sections", corpora / "sections")
    out = tmp_path / "models"
    assert main(["train", "--corpora", str(corpora), "--out", str(out), "--only", "section"]) == 0
    shipped = json.loads((MODELS / METRICS_FILE).read_text(encoding="utf-8"))
    rebuilt = json.loads((out / METRICS_FILE).read_text(encoding="utf-8"))
    assert rebuilt["heldout"] == shipped["heldout"]
    assert rebuilt["final_test"] == shipped["final_test"]
    assert (out / MODEL_FILE).read_bytes() == (MODELS / MODEL_FILE).read_bytes()


def test_train_command_rejects_missing_corpora(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--corpora", str(tmp_path / "nope")]) == 2
    assert "训练数据目录" in capsys.readouterr().err
