"""Preloaded first by the forkserver the batch workers are forked from (pool.py).

Ctrl-C is the parent's to handle: the terminal sends it to every process of the group, and
a forkserver interrupted while importing the pipeline for its warm-up printed a traceback
on the user's terminal. The forkserver ignores it; it ends with the parent, and its workers
set their own handling. Imported anywhere else this module changes nothing.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType


def _in_forkserver() -> bool:
    """Whether this import runs inside multiprocessing's forkserver loop (its preload)."""
    frame: FrameType | None = sys._getframe()
    while frame is not None:
        if frame.f_code.co_name == "main" and frame.f_code.co_filename.endswith("forkserver.py"):
            return True
        frame = frame.f_back
    return False


if _in_forkserver():
    signal.signal(signal.SIGINT, signal.SIG_IGN)
