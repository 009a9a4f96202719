"""Where grading work runs: one interface, so that a cluster engine can take over from the local pool.

An executor runs ``function(worker, item)`` for each item and yields ``(item, result)`` as each
finishes; an item whose work could not be done at all yields ``(item, exception)``.  ``worker`` is
made by ``make_worker()`` (a context manager: the grader) once per process that does work, and
closed when that process is done, so that its warm sandboxes serve every item it gets.  Both
callables must be picklable.
"""

from __future__ import annotations

import atexit
import pickle
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import util as multiprocessing_util
from typing import Protocol


class Executor(Protocol):
    def run(self, make_worker: Callable, function: Callable, items: Iterable) -> Iterator[tuple[object, object]]: ...

    def close(self) -> None: ...


class InlineExecutor:
    """In this process, one item after another (``--jobs 1``)."""

    def run(self, make_worker, function, items):
        with make_worker() as worker:
            for item in items:
                try:
                    yield item, function(worker, item)
                except Exception as exc:
                    yield item, exc

    def close(self) -> None:
        pass


class _ProcessWorker:
    """The one worker of a pool or cluster process: made by its first item, closed when the process
    exits (a pool's worker exits through multiprocessing, which runs its finalizers but not atexit)."""

    worker = None
    factory = None  # the pickled make_worker: each task brings its own unpickled copy, never the same object
    lock = threading.Lock()

    @classmethod
    def run(cls, make_worker, function, item):
        factory = pickle.dumps(make_worker)
        with cls.lock:
            if cls.worker is None or cls.factory != factory:
                cls.close()
                cls.factory, cls.worker = factory, make_worker().__enter__()
                multiprocessing_util.Finalize(None, cls.close, exitpriority=10)
                atexit.register(cls.close)
        return function(cls.worker, item)

    @classmethod
    def close(cls) -> None:
        worker, cls.worker, cls.factory = cls.worker, None, None
        if worker is not None:
            worker.__exit__(None, None, None)


class LocalPoolExecutor:
    """A pool of ``jobs`` worker processes on this machine (``--jobs N``).

    A worker that dies (killed, out of memory) breaks the pool: the items it held are retried once in
    a fresh pool, so a batch never loses a row.
    """

    def __init__(self, jobs: int):
        self.jobs = jobs

    def run(self, make_worker, function, items):
        pending = list(items)
        for attempt in range(2):
            failed = []
            with ProcessPoolExecutor(max_workers=self.jobs) as pool:
                futures = {pool.submit(_ProcessWorker.run, make_worker, function, item): item for item in pending}
                for future in as_completed(futures):
                    item = futures[future]
                    try:
                        yield item, future.result()
                    except Exception as exc:
                        if attempt == 0:
                            failed.append(item)
                        else:
                            yield item, exc
            pending = failed
            if not pending:
                return

    def close(self) -> None:
        pass


class DaskExecutor:
    """The workers of a Dask distributed cluster (``--executor dask://HOST:PORT``).

    Dask reruns the tasks of a worker that dies on the other workers (up to its
    ``distributed.scheduler.allowed-failures``), so a batch loses no row; ``retries`` also reruns a
    task that raised.
    """

    def __init__(self, address: str, retries: int = 2):
        from distributed import Client

        self.client = Client(address, timeout="30s")
        self.retries = retries

    def run(self, make_worker, function, items):
        from distributed import as_completed as dask_completed

        items = list(items)
        futures = self.client.map(
            _ProcessWorker.run,
            [make_worker] * len(items),
            [function] * len(items),
            items,
            pure=False,
            retries=self.retries,
        )
        index = {future.key: item for future, item in zip(futures, items)}
        for future in dask_completed(futures):
            try:
                yield index[future.key], future.result()
            except Exception as exc:
                yield index[future.key], exc

    def close(self) -> None:
        self.client.close()


def make_executor(jobs: int = 1, address: str | None = None) -> Executor:
    """The executor for ``--jobs N``, or for ``--executor dask://HOST:PORT``."""
    if address:
        if not address.startswith("dask://"):
            raise ValueError(f"unknown executor {address!r}: use dask://HOST:PORT")
        return DaskExecutor("tcp://" + address[len("dask://") :])
    return InlineExecutor() if jobs <= 1 else LocalPoolExecutor(jobs)
