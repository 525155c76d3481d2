"""Running the chunks: in this process or on a pool of worker processes (forkserver, else
spawn), in input order, a dead worker's chunk built again, a missing main guard reported."""

from __future__ import annotations

import ast
import collections
import concurrent.futures
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator

from timeline.bulk.chunk import build_chunk, chunk_result
from timeline.bulk.columns import ChunkColumns, build_columns
from timeline.bulk.inputs import Job
from timeline.bulk.result import BatchResult

__all__ = [
    "MAX_POOL_BREAKS",
    "importing_main",
    "pool_context",
    "process_pool",
    "run_chunks",
    "worker_count",
]


def worker_count(jobs: int) -> int:
    """The number of worker processes ``jobs`` asks for (-1: every core)."""
    if not isinstance(jobs, int) or isinstance(jobs, bool) or jobs == 0 or jobs < -1:
        raise ValueError(f"jobs must be a positive number of processes or -1 (all cores), not {jobs!r}")
    return os.cpu_count() or 1 if jobs == -1 else jobs


def pool_context() -> multiprocessing.context.BaseContext:
    """The start method of the workers: ``forkserver`` (preloading the builder) where there is one, else ``spawn``."""
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # Workers fork from a server that has already imported the builder and built one
        # article (rules compiled, word lists loaded): they start warm. They build columns,
        # not DataFrames (build_columns), so neither the server nor they import pandas.
        context.set_forkserver_preload(["timeline.bulk.columns", "timeline.bulk.warm"])
    return context


def process_pool(workers: int) -> concurrent.futures.Executor:
    """A process pool of ``workers`` workers, started as :func:`pool_context` says."""
    return concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=pool_context())


def run_chunks(
    chunks: Iterator[list[Job]],
    workers: int,
    mode: str,
    executor_factory: Callable[[int], concurrent.futures.Executor],
    date_order: str | None = None,
) -> Iterator[BatchResult]:
    """Chunk results in input order; at most ``2 * workers`` chunks in flight."""
    if workers == 1:
        for chunk in chunks:
            yield build_chunk(chunk, mode, date_order)
        return
    pool = _Pool(executor_factory, workers, mode, date_order)
    pending: _Pending = collections.deque()
    try:
        for chunk in chunks:
            pool.submit(chunk, pending)
            if len(pending) >= 2 * workers:
                yield pool.collect(pending)
        while pending:
            yield pool.collect(pending)
    finally:
        pool.close(pending)


#: after this many dead pools, the remaining chunks are built in the calling process
MAX_POOL_BREAKS = 3

_Pending = collections.deque[tuple["concurrent.futures.Future[ChunkColumns] | None", list[Job]]]


class _Pool:
    """The worker pool of one run. A chunk whose worker failed is built again in this process;
    a broken pool (a worker that died) is replaced and its other chunks resubmitted, at most
    :data:`MAX_POOL_BREAKS` times. A pool broken because the main script lacks the
    ``if __name__ == "__main__":`` guard raises :class:`RuntimeError` saying so."""

    def __init__(self, factory: Callable[[int], concurrent.futures.Executor], workers: int, mode: str,
                 date_order: str | None = None) -> None:
        self.factory = factory
        self.workers = workers
        self.mode = mode
        self.date_order = date_order
        self.breaks = 0
        self.executor: concurrent.futures.Executor | None = factory(workers)

    def _submit(self, chunk: list[Job]) -> concurrent.futures.Future[ChunkColumns] | None:
        if self.executor is None:
            return None  # built in this process when its turn comes
        return self.executor.submit(build_columns, chunk, self.mode, self.date_order)

    def _submit_or_none(self, chunk: list[Job]) -> concurrent.futures.Future[ChunkColumns] | None:
        try:
            return self._submit(chunk)
        except concurrent.futures.process.BrokenProcessPool:
            return None  # a pool dead already: built here; the next submit replaces the pool

    def submit(self, chunk: list[Job], pending: _Pending) -> None:
        """Send ``chunk`` to a worker and queue it behind ``pending``."""
        try:
            future = self._submit(chunk)
        except concurrent.futures.process.BrokenProcessPool:
            self._replace(pending)
            future = self._submit_or_none(chunk)
        pending.append((future, chunk))

    def collect(self, pending: _Pending) -> BatchResult:
        """The oldest chunk's result (its columns, made DataFrames here), built here if its
        worker failed."""
        future, chunk = pending.popleft()
        if future is not None:
            try:
                return chunk_result(future.result())
            except concurrent.futures.process.BrokenProcessPool:
                self._replace(pending)
            except Exception:  # noqa: BLE001, S110 - e.g. a result that could not be sent back
                pass
        return build_chunk(chunk, self.mode, self.date_order)

    def _replace(self, pending: _Pending) -> None:
        script = _unguarded_script()
        if script is not None:
            raise RuntimeError(
                f"jobs={self.workers}: every worker process died because {script} starts the batch "
                "at its top level. Worker processes import the main script again (multiprocessing's "
                f"{pool_context().get_start_method()} start method), so each one ran it and tried to "
                'start workers of its own. Put the script\'s work under `if __name__ == "__main__":` '
                "(or use jobs=1)."
            ) from None
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
        self.breaks += 1
        self.executor = self.factory(self.workers) if self.breaks < MAX_POOL_BREAKS else None
        for i, (_, waiting) in enumerate(pending):
            pending[i] = (self._submit_or_none(waiting), waiting)

    def close(self, pending: _Pending) -> None:
        """Cancel what is left and stop the workers."""
        for future, _ in pending:
            if future is not None:
                future.cancel()
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)


def _unguarded_script() -> str | None:
    """The main script's path when it runs the batch from top-level code that the
    ``if __name__ == "__main__":`` guard does not protect (worker processes then run it again).

    Read from the call stack (the main module's top-level frame) and the script's syntax tree.
    """
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if main is None or not path or pool_context().get_start_method() == "fork":
        return None
    frame = sys._getframe(1)
    while frame is not None and not (frame.f_globals is vars(main) and frame.f_code.co_name == "<module>"):
        frame = frame.f_back  # type: ignore[assignment]
    if frame is None:
        return None
    line = frame.f_lineno
    try:
        with open(path, encoding="utf-8") as handle:
            tree = ast.parse(handle.read(), path)
    except (OSError, SyntaxError, ValueError):
        return None
    for statement in tree.body:
        if statement.lineno <= line <= (statement.end_lineno or statement.lineno):
            guarded = isinstance(statement, ast.If) and "__name__" in ast.unparse(statement.test)
            return None if guarded else os.fspath(path)
    return None


def importing_main() -> bool:
    """True in a worker process that is still importing the main script (its bootstrap)."""
    return bool(getattr(multiprocessing.current_process(), "_inheriting", False))
