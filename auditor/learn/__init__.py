"""Training of the project's models: one ``*_model.py`` module per model.

``auditor train`` imports every ``auditor/learn/*_model.py`` that defines
``train(corpora_dir, out_dir, seed) -> dict`` and runs them in name order, so a new model is
added by adding its module, never by editing a shared list. Each trainer must be
deterministic: the same corpora and seed give byte-identical files in ``out_dir``. After the
trainers, ``auditor train`` rewrites the model card's metric blocks from the metrics files
(``model_card.py``, not a trainer: its name does not end in ``_model``).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

Trainer = Callable[[Path, Path, int], dict[str, Any]]


def trainers() -> dict[str, Trainer]:
    """Model name (module name without ``_model``) → its ``train`` function."""
    found: dict[str, Trainer] = {}
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.name.endswith("_model"):
            continue
        mod = importlib.import_module(f"{__name__}.{module.name}")
        fn = getattr(mod, "train", None)
        if callable(fn):
            found[module.name[: -len("_model")]] = fn
    return found
