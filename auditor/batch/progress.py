"""Progress of a batch: a rich bar with ETA on a terminal, plain lines otherwise.

A log file or a CI console cannot redraw a bar, so there each file gets one line with the
count, the elapsed time and the estimated time left.
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


def interactive(stream: TextIO) -> bool:
    return stream.isatty() and not os.environ.get("CI")


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"{minutes:02d}:{secs:02d}"


class Reporter:
    """One phase of work (auditing, restoring); ``advance`` once per finished file."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None,
                 bar: bool | None = None) -> None:
        self.label = label
        self.total = total
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = time.monotonic()
        use_bar = interactive(self.stream) if bar is None else bar
        self._bar: Progress | None = None
        if use_bar and total:
            self._bar = Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                console=Console(file=self.stream), transient=False)
            self._task = self._bar.add_task(label, total=total)

    def __enter__(self) -> Reporter:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._bar is not None:
            self._bar.stop()

    def advance(self, name: str, note: str) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.advance(self._task)
            return
        elapsed = time.monotonic() - self.started
        left = elapsed / self.done * (self.total - self.done)
        width = len(str(self.total))
        self.stream.write(f"[{self.done:>{width}}/{self.total} {_clock(elapsed)} ETA {_clock(left)}]"
                          f" {self.label} {name}: {note}\n")
        self.stream.flush()
