"""Entry point of the ``auditor`` command.

Every subcommand module ``auditor/cli/*_cmd.py`` registers itself; errors meant for users
are printed as one line in the chosen language, never as a traceback (``--debug`` shows it).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import pkgutil
import sys

import auditor.cli
from auditor import __version__
from auditor.cli.common import UsageError
from auditor.config import ConfigError
from auditor.read.errors import ReadError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="auditor",
        description="绩效自评报告审核工具 / audit budget performance self-evaluation reports",
    )
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="输出语言 / language")
    parser.add_argument("--config", metavar="FILE", help="auditor.toml or pyproject.toml")
    parser.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in sorted(pkgutil.iter_modules(auditor.cli.__path__), key=lambda m: m.name):
        if module.name.endswith("_cmd"):
            importlib.import_module(f"auditor.cli.{module.name}").register(sub)
    return parser


def _say(message: str) -> None:
    sys.stderr.write(f"auditor: {message}\n")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except (UsageError, ConfigError) as exc:
        _say(exc.l10n.get(args.lang))
        return 2
    except ReadError as exc:
        _say(exc.message(args.lang))
        return 2
    except KeyboardInterrupt:
        resumable = args.command == "batch"  # the store keeps every finished file
        _say(("已中断；重新运行同一命令即可从中断处继续" if resumable else "已中断")
             if args.lang != "en" else
             ("interrupted; run the same command again to continue where it stopped"
              if resumable else "interrupted"))
        return 130
    except BrokenPipeError:
        # the output went to a program that stopped reading (auditor rules | head): not an
        # error of ours; stop quietly, as other command-line tools do
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the interpreter closes it
        return 141
    except Exception as exc:
        if args.debug:
            raise
        _say(
            f"内部错误（{type(exc).__name__}: {exc}）；加 --debug 查看详情并反馈给维护者"
            if args.lang != "en"
            else f"internal error ({type(exc).__name__}: {exc}); rerun with --debug and report it"
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
