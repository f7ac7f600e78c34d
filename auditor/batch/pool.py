"""Run a function over many tasks in worker processes; one bad file never ends the batch.

An exception inside a task comes back as that task's error. A worker that dies outright
(a segfault in a PDF library, the OOM killer) breaks the whole process pool: the tasks in
flight at that moment are retried in a fresh pool one at a time, and a task that breaks
the pool while running alone is reported as the crashing one. At most ``2 × workers``
tasks are in flight, which bounds both the retries and what an interrupted batch loses.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from auditor.model.l10n import L10n

T = TypeVar("T")
R = TypeVar("R")
_STRIKES = 2


def _context() -> Any:
    """forkserver where available: forking a parent that runs a progress thread is unsafe."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["auditor.batch.forkserver_signals", "auditor.batch.worker",
                                   "auditor.batch.warm"])
        return ctx
    return multiprocessing.get_context()


def _ignore_interrupt() -> None:
    """Ctrl-C is the parent's to handle: it stops the batch and marks the run interrupted,
    while workers finish or drop their file quietly instead of printing tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextlib.contextmanager
def _interrupt_deferred() -> Iterator[None]:
    """Hold Ctrl-C while worker processes start: a parent that exits mid-start leaves the
    forkserver starting children that die with a traceback on the user's terminal."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:
        raise KeyboardInterrupt


def crash_message(exc: BaseException) -> L10n:
    return L10n(f"处理该文件时发生内部错误（{type(exc).__name__}: {exc}）；请将该文件反馈给维护者",
                f"internal error while processing this file ({type(exc).__name__}: {exc}); "
                "please report the file to the maintainers")


DIED = L10n("处理该文件的工作进程意外退出（可能是内存不足或解析库崩溃）；可单独用 auditor audit 重试",
            "the worker process died on this file (out of memory or a crashing parser); "
            "retry it alone with `auditor audit`")


def parallel(fn: Callable[[T], R], tasks: list[T], workers: int
             ) -> Iterator[tuple[T, R | None, L10n | None]]:
    """Yield ``(task, result, None)`` or ``(task, None, error)`` as tasks finish."""
    pending: deque[T] = deque(tasks)
    strikes: Counter[int] = Counter()
    while pending:
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                                   initializer=_ignore_interrupt)
        inflight: dict[Future[R], T] = {}
        broken = False
        try:
            while (pending or inflight) and not broken:
                # a task in flight at a break runs alone next, so a second break is its own
                suspect = any(strikes[id(t)] for t in inflight.values()) or bool(
                    pending and strikes[id(pending[0])])
                limit = 1 if suspect else 2 * workers
                with _interrupt_deferred():  # a submit may start a worker process
                    while pending and len(inflight) < limit:
                        task = pending.popleft()
                        inflight[pool.submit(fn, task)] = task
                done, _ = wait(inflight, return_when=FIRST_COMPLETED)
                for future in done:
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        broken = True
                        continue
                    except Exception as exc:
                        yield inflight.pop(future), None, crash_message(exc)
                        continue
                    yield inflight.pop(future), result, None
            for task in inflight.values() if broken else ():
                strikes[id(task)] += 1
                if strikes[id(task)] >= _STRIKES:
                    yield task, None, DIED
                else:
                    pending.appendleft(task)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
