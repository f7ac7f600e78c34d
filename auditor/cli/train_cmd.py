"""``auditor train``: rebuild every trained model in models/ from corpora/.

Each ``auditor/learn/*_model.py`` trainer is run with the same seed; trainers are
deterministic, so two runs on the same corpora write byte-identical files.
"""

from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path

from auditor.cli.common import UsageError, common_options
from auditor.model.l10n import L10n


def _default_models_dir() -> Path:
    return Path(str(resources.files("auditor.trained")))


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("train", parents=[common_options()],
                       help="重新训练模型 / retrain the shipped models")
    p.add_argument("--corpora", default="corpora", metavar="DIR",
                   help="训练数据目录 / training data folder (default: ./corpora)")
    p.add_argument("--out", metavar="DIR",
                   help="模型输出目录 / output folder (default: the installed models/)")
    p.add_argument("--seed", type=int, default=0, help="随机种子 / random seed")
    p.add_argument("--only", metavar="NAME", help="只训练该模型 / train only this model")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from auditor.learn import trainers
    from auditor.learn.section_data import CorpusError

    corpora = Path(args.corpora)
    if not corpora.is_dir():
        raise UsageError(L10n(f"找不到训练数据目录：{corpora}（用 --corpora 指定）",
                              f"training data folder not found: {corpora} (use --corpora)"))
    found = trainers()
    if args.only:
        if args.only not in found:
            raise UsageError(L10n(f"未知模型：{args.only}（可选：{', '.join(found)}）",
                                  f"unknown model: {args.only} (choose from {', '.join(found)})"))
        found = {args.only: found[args.only]}
    out = Path(args.out) if args.out else _default_models_dir()
    for name, fn in found.items():
        try:
            metrics = fn(corpora, out, args.seed)
        except CorpusError as exc:
            raise UsageError(L10n(f"训练数据有误（{name}）：{exc}",
                                  f"bad training data ({name}): {exc}")) from None
        summary = metrics.get("summary") or json.dumps(metrics, ensure_ascii=False)[:200]
        print(f"{name}: {summary}")
    return 0
