"""The model card's numbers come from the metrics files, never from a hand-edited table."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from auditor.cli.main import main
from auditor.learn.metrics import classification_report
from auditor.learn.model_card import (
    CARD_FILE,
    TARGET_MACRO_F1,
    CardError,
    fill,
    generated,
    render_blocks,
    section_heldout,
    section_target,
)
from tests.conftest import REPO

MODELS = REPO / "models"
STALE = ("models/README.md does not match the shipped metrics: run `auditor train` (after a "
         "retrain) or `auditor train --card-only` (after editing the card's renderer)")


def test_shipped_card_matches_shipped_metrics() -> None:
    card = generated((MODELS / CARD_FILE).read_text(encoding="utf-8"))
    rendered = render_blocks(MODELS)
    assert sorted(card) == sorted(rendered), STALE
    for name, body in rendered.items():
        assert card[name] == body, f"block {name}: {STALE}"


def test_card_keeps_the_figures_issue_4_asks_for() -> None:
    blocks = render_blocks(MODELS)
    assert "| real reports |" in blocks["section-data"]
    assert "**Held-out results: cross-validation**" in blocks["section-heldout"]
    assert "keyword F1" in blocks["section-heldout"]
    assert "keyword baseline, cross-validation (rows: gold" in blocks["section-heldout"]
    assert "model, cross-validation (rows: gold" in blocks["section-heldout"]


def _held(gold: list[str], pred: list[str], base: list[str]) -> dict[str, object]:
    labels = sorted(set(gold) | set(pred) | set(base))
    model = classification_report(gold, pred, labels)
    return {"documents": 2, "model": model,
            "keyword_baseline": classification_report(gold, base, labels),
            "by_source": {"corpus": {"model": model, "keyword_baseline": model}}}


def test_tables_are_rendered_from_the_metrics() -> None:
    gold = ["basic_info", "budget", "budget", "goals", "goals", "other"]
    pred = ["basic_info", "budget", "goals", "goals", "goals", "other"]
    base = ["basic_info", "basic_info", "budget", "budget", "goals", "other"]
    held = _held(gold, pred, base)
    text = section_heldout({"heldout": held})
    model = classification_report(gold, pred, sorted(set(gold + pred + base)))
    keyword = classification_report(gold, base, sorted(set(gold + pred + base)))
    assert f"**{model['macro_f1']:.3f}** | **{keyword['macro_f1']:.3f}** |" in text
    assert "| `budget` | 0 | 1 | 1 | 0 |" in text  # model row: one budget block read as goals
    assert "| `budget` | 1 | 1 | 0 | 0 |" in text  # keyword row
    lines = text.splitlines()
    assert lines.index("| `basic_info` | 1 | 0 | 0 | 0 |") < lines.index(
        "| `budget` | 0 | 1 | 1 | 0 |")  # taxonomy order, not the JSON's key order


def test_verdict_follows_the_scores() -> None:
    gold = ["basic_info", "budget", "goals"]
    perfect = _held(gold, gold, ["other"] * 3)
    assert section_target({"heldout": perfect, "final_test": None}).endswith(
        "It meets the target.")
    poor = _held(gold, ["budget", "budget", "budget"], gold)
    assert poor["model"]["macro_f1"] < TARGET_MACRO_F1  # type: ignore[index]
    assert section_target({"heldout": poor, "final_test": None}).endswith(
        "It does not meet the target.")


def test_fill_replaces_only_between_markers() -> None:
    card = ("# Card\n\nProse before 0.5.\n\n<!-- metrics:section-target:start -->\n\nold 0.1\n\n"
            "<!-- metrics:section-target:end -->\n\nProse after.\n"
            "<!-- metrics:phrase-data:start -->\nkept\n<!-- metrics:phrase-data:end -->\n")
    filled = fill(card, {"section-target": "new 0.9"})
    assert generated(filled) == {"section-target": "new 0.9", "phrase-data": "kept"}
    assert filled.startswith("# Card\n\nProse before 0.5.\n\n")
    assert "\n\nProse after.\n" in filled and "old 0.1" not in filled
    assert fill(filled, {"section-target": "new 0.9"}) == filled


def test_missing_markers_are_named() -> None:
    with pytest.raises(CardError, match="metrics:section-final:start"):
        fill("# Card without markers\n", {"section-final": "x"})


def _copy_models(target: Path) -> Path:
    target.mkdir()
    for path in MODELS.glob("*.json"):
        shutil.copy(path, target / path.name)
    return target


def test_card_only_rewrites_a_stale_card(tmp_path: Path) -> None:
    out = _copy_models(tmp_path / "models")
    shipped = (MODELS / CARD_FILE).read_text(encoding="utf-8")
    stale = fill(shipped, {name: "stale numbers" for name in generated(shipped)})
    (out / CARD_FILE).write_text(stale, encoding="utf-8")
    assert main(["train", "--card-only", "--out", str(out)]) == 0
    assert (out / CARD_FILE).read_text(encoding="utf-8") == shipped


def test_card_only_without_a_card_is_a_usage_error(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train", "--card-only", "--out", str(tmp_path)]) == 2
    assert "模型说明" in capsys.readouterr().err


def test_train_rewrites_the_card_beside_the_models(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A small written-only corpus: the card's blocks say there is no held-out score."""
    monkeypatch.setenv("AUDITOR_SHARED", str(tmp_path / "absent"))
    folder = tmp_path / "corpora" / "sections"
    folder.mkdir(parents=True)
    written = yaml.safe_load((REPO / "corpora" / "sections" / "written.yml")
                             .read_text(encoding="utf-8"))
    written["documents"] = written["documents"][:4]
    (folder / "written.yml").write_text(yaml.safe_dump(written, allow_unicode=True),
                                        encoding="utf-8")
    out = tmp_path / "models"
    out.mkdir()
    names = [name for name in render_blocks(MODELS) if name.startswith("section-")]
    (out / CARD_FILE).write_text("Prose.\n" + "".join(
        f"<!-- metrics:{name}:start -->\nold\n<!-- metrics:{name}:end -->\n" for name in names),
        encoding="utf-8")
    assert main(["train", "--corpora", str(tmp_path / "corpora"), "--out", str(out),
                 "--only", "section"]) == 0
    card = (out / CARD_FILE).read_text(encoding="utf-8")
    assert card.startswith("Prose.\n")
    assert generated(card) == render_blocks(out)
    assert generated(card)["section-heldout"].startswith("No held-out score")
