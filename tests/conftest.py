"""Shared test helpers: the real reports beside the repo, and fixture documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.annotate import annotate
from auditor.model.document import Document
from auditor.read import read_text

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"


def seed_files(kind: str = "txt") -> list[Path]:
    folder = SEEDS if kind == "txt" else SEEDS / kind
    return sorted(folder.glob(f"*.{kind}"))


def doc_from_text(text: str, source: str = "<fixture>") -> Document:
    return annotate(read_text(text, source))


@pytest.fixture
def make_doc():
    return doc_from_text


requires_shared = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
