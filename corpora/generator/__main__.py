"""``python -m corpora.generator --out DIR --n 200 --seed 1``: write synthetic reports."""

from __future__ import annotations

import argparse
from pathlib import Path

from corpora.generator import write_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m corpora.generator",
                                     description="Write synthetic self-evaluation reports.")
    parser.add_argument("--out", type=Path, required=True, help="folder to write .txt files to")
    parser.add_argument("--n", type=int, default=20, help="number of reports (default 20)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the series (default 1)")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    paths = write_corpus(args.out, args.n, args.seed)
    print(f"wrote {len(paths)} reports to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
