"""Where grading work runs: one interface, so that a cluster engine can take over from the local pool.

An executor maps a picklable function over items and yields ``(item, result)`` as each finishes;
an item whose work could not be done at all yields ``(item, exception)``.
"""
from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Callable, Iterable, Iterator, Protocol


class Executor(Protocol):
    def run(self, function: Callable, items: Iterable) -> Iterator[tuple[object, object]]: ...

    def close(self) -> None: ...


class InlineExecutor:
    """In this process, one item after another (``--jobs 1``)."""

    def run(self, function, items):
        for item in items:
            try:
                yield item, function(item)
            except Exception as exc:
                yield item, exc

    def close(self) -> None:
        pass


class LocalPoolExecutor:
    """A pool of ``jobs`` worker processes on this machine (``--jobs N``).

    A worker that dies (killed, out of memory) breaks the pool: the items it held are retried once in
    a fresh pool, so a batch never loses a row.
    """

    def __init__(self, jobs: int):
        self.jobs = jobs

    def run(self, function, items):
        pending = list(items)
        for attempt in range(2):
            failed = []
            with ProcessPoolExecutor(max_workers=self.jobs) as pool:
                futures = {pool.submit(function, item): item for item in pending}
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

    def run(self, function, items):
        from distributed import as_completed as dask_completed

        items = list(items)
        futures = self.client.map(function, items, pure=False, retries=self.retries)
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
        return DaskExecutor("tcp://" + address[len("dask://"):])
    return InlineExecutor() if jobs <= 1 else LocalPoolExecutor(jobs)
