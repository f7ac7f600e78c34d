"""``auditor train``: rebuild every trained model in models/ from corpora/.

Each ``auditor/learn/*_model.py`` trainer is run with the same seed; trainers are
deterministic, so two runs on the same corpora write byte-identical files. Afterwards the
model card (README.md in the output folder) gets its generated metric blocks rewritten from
the metrics files just written, so the card never quotes an older model.
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
    p.add_argument("--card-only", action="store_true",
                   help="不训练，只按现有指标文件重写模型说明中的指标 / rewrite the model "
                        "card's metric blocks from the metrics files, without training")
    p.set_defaults(func=run)


def _update_card(out: Path, required: bool) -> None:
    """Rewrite the card's metric blocks; a scratch ``--out`` folder without a card is fine
    after training, but ``--card-only`` there is a mistake."""
    from auditor.learn.model_card import CARD_FILE, CardError, update_card

    path = out / CARD_FILE
    try:
        card = update_card(out)
    except CardError as exc:
        raise UsageError(L10n(f"模型说明 {path} 的指标标记有误：{exc}",
                              f"model card {path}: {exc}")) from None
    if card is not None:
        print(f"model card: {card}")
    elif required:
        raise UsageError(L10n(f"找不到模型说明：{path}（用 --out 指定模型目录）",
                              f"model card not found: {path} (use --out for the models folder)"))


def run(args: argparse.Namespace) -> int:
    from auditor.learn import trainers
    from auditor.learn.section_data import CorpusError

    out = Path(args.out) if args.out else _default_models_dir()
    if args.card_only:
        _update_card(out, required=True)
        return 0
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
    for name, fn in found.items():
        try:
            metrics = fn(corpora, out, args.seed)
        except CorpusError as exc:
            raise UsageError(L10n(f"训练数据有误（{name}）：{exc}",
                                  f"bad training data ({name}): {exc}")) from None
        summary = metrics.get("summary") or json.dumps(metrics, ensure_ascii=False)[:200]
        print(f"{name}: {summary}")
    _update_card(out, required=False)
    return 0
