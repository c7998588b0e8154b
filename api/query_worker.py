"""Run /sparql queries where they can be stopped: killable worker processes.

pyoxigraph has no query timeout, and a thread cannot be stopped, so for an on-disk store each
query runs in a worker process (``multiprocessing`` "spawn") that opens the store read-only
(``pyoxigraph.Store.read_only``). When a query outlives the timeout its worker is killed, the
caller gets :class:`~rightsgraph.errors.QueryTimeoutError` and a fresh worker replaces it.
After every write the service calls :meth:`QueryRunner.invalidate`, so workers reopen the
store and see the new data.

For a store that is not on disk (``:memory:``, remote) :class:`ThreadQueryRunner` runs the
query in a thread: the caller still gets the timeout error in time, but the engine goes on
working until the query ends (documented limitation, docs/decisions/0003-query-timeouts.md).

The result limit is checked before serialising: the query is run once counting solutions (up
to ``limit + 1``) and, when it fits, again to serialise with the engine's serialisers.
"""

from __future__ import annotations

import itertools
import multiprocessing
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from rightsgraph.errors import (
    QueryTimeoutError,
    ResultTooLargeError,
    RightsgraphError,
    StoreError,
    UsageError,
)
from rightsgraph.graph.store import (
    GRAPH_RESULT_FORMATS,
    SOLUTION_RESULT_FORMATS,
    Store,
    check_read_query,
    check_result_format,
    syntax_error,
)

__all__ = ["ProcessQueryRunner", "QueryRunner", "ThreadQueryRunner", "query_runner_for"]

_SPAWN = multiprocessing.get_context("spawn")


class QueryRunner(Protocol):
    def run(self, sparql: str, result_format: str) -> bytes:
        """The serialised results, or a RightsgraphError (timeout, too large, syntax...)."""

    def invalidate(self) -> None:
        """The store changed: later queries must see the change."""

    def close(self) -> None:
        """Stop every worker."""


def query_runner_for(store: Store, timeout: float, limit: int, workers: int) -> QueryRunner:
    """Worker processes for an on-disk embedded store, a thread otherwise."""
    path = getattr(store, "path", None)
    if isinstance(path, Path):
        return ProcessQueryRunner(path, timeout=timeout, limit=limit, size=workers)
    return ThreadQueryRunner(store, timeout=timeout, limit=limit)


# --- what a worker does ------------------------------------------------------------------


def execute(engine: ox.Store, sparql: str, result_format: str, limit: int) -> bytes:
    """Check, count and serialise one read-only query on an Oxigraph engine."""
    form = check_read_query(sparql)
    check_result_format(form, result_format)
    results = _evaluate(engine, sparql)
    if isinstance(results, ox.QueryBoolean):
        check_result_format("ASK", result_format)
        return results.serialize(format=SOLUTION_RESULT_FORMATS[result_format]) or b""
    count = sum(1 for _ in itertools.islice(results, limit + 1))
    if count > limit:
        raise ResultTooLargeError(
            f"the query gives more than {limit} results; add a LIMIT or narrow it",
            details={"limit": limit},
        )
    results = _evaluate(engine, sparql)
    if isinstance(results, ox.QueryTriples):
        check_result_format("CONSTRUCT", result_format)
        return results.serialize(format=GRAPH_RESULT_FORMATS[result_format]) or b""
    check_result_format("SELECT", result_format)
    return results.serialize(format=SOLUTION_RESULT_FORMATS[result_format]) or b""


def _evaluate(engine: ox.Store, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    try:
        return engine.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as error:
        raise syntax_error(str(error)) from error
    except RuntimeError as error:
        raise UsageError(f"the query failed: {error}") from error
    except OSError as error:
        raise StoreError(f"store failure: {error}") from error


def _error_payload(error: RightsgraphError) -> dict[str, Any]:
    return {"status": error.status, "code": error.code, "message": error.message, "details": error.details}


def rebuild_error(payload: dict[str, Any]) -> RightsgraphError:
    """The error a worker reported, with its status and code."""
    error = RightsgraphError(payload["message"], details=payload["details"])
    error.status = payload["status"]
    error.code = payload["code"]
    return error


def worker_main(path: str, conn: Connection) -> None:
    """Entry point of a worker process: answer (sparql, format, limit) requests forever."""
    try:
        engine = ox.Store.read_only(path)
    except OSError as error:
        conn.send(("error", _error_payload(StoreError(f"cannot open the store read-only: {error}"))))
        return
    conn.send(("ready", None))
    while True:
        try:
            sparql, result_format, limit = conn.recv()
        except EOFError:
            return
        try:
            conn.send(("ok", execute(engine, sparql, result_format, limit)))
        except RightsgraphError as error:
            conn.send(("error", _error_payload(error)))


# --- the process pool --------------------------------------------------------------------


@dataclass
class _Worker:
    process: Any  # multiprocessing SpawnProcess
    conn: Connection
    generation: int

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class ProcessQueryRunner:
    """A small pool of killable worker processes reading the on-disk store at ``path``."""

    def __init__(self, path: Path, *, timeout: float, limit: int, size: int = 2) -> None:
        self.path, self.timeout, self.limit, self.size = path, timeout, limit, size
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []
        self._generation = 0
        self._slots = threading.BoundedSemaphore(size * 4)

    def run(self, sparql: str, result_format: str) -> bytes:
        if not self._slots.acquire(timeout=self.timeout):
            raise QueryTimeoutError("the query service is busy; try again", details={"timeout": self.timeout})
        try:
            return self._run_on_worker(sparql, result_format)
        finally:
            self._slots.release()

    def _run_on_worker(self, sparql: str, result_format: str) -> bytes:
        worker = self._take()
        worker.conn.send((sparql, result_format, self.limit))
        if not worker.conn.poll(self.timeout):
            worker.stop()
            self._refill()
            raise QueryTimeoutError(
                f"the query ran longer than {self.timeout:g} s and was stopped",
                details={"timeout": self.timeout},
            )
        status, payload = self._receive(worker)
        self._give_back(worker)
        if status == "error":
            raise rebuild_error(payload)
        return payload

    def _receive(self, worker: _Worker) -> tuple[str, Any]:
        try:
            return worker.conn.recv()
        except EOFError:
            worker.stop()
            raise StoreError("the query worker stopped unexpectedly") from None

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.generation == self._generation and worker.process.is_alive():
                    return worker
                worker.stop()
            generation = self._generation
        return self._spawn(generation)

    def _spawn(self, generation: int) -> _Worker:
        parent, child = _SPAWN.Pipe()
        process = _SPAWN.Process(target=worker_main, args=(str(self.path), child), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent, generation)
        if not parent.poll(60):
            worker.stop()
            raise StoreError("a query worker did not start")
        status, payload = self._receive(worker)
        if status != "ready":
            worker.stop()
            raise rebuild_error(payload)
        return worker

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            if worker.generation == self._generation and len(self._idle) < self.size:
                self._idle.append(worker)
                return
        worker.stop()

    def _refill(self) -> None:
        """Start a replacement worker in the background, so the next query need not wait."""

        def start() -> None:
            with self._lock:
                generation = self._generation
            try:
                self._give_back(self._spawn(generation))
            except RightsgraphError:
                pass  # the next query spawns its own worker and reports the error

        threading.Thread(target=start, daemon=True).start()

    def warm_up(self) -> None:
        """Start the pool's workers now rather than on the first queries."""
        for _ in range(self.size):
            self._refill()

    def invalidate(self) -> None:
        with self._lock:
            self._generation += 1
            stale, self._idle = self._idle, []
        for worker in stale:
            worker.stop()

    def close(self) -> None:
        self.invalidate()


class ThreadQueryRunner:
    """Queries in a thread (for stores that are not on disk); see the module docstring."""

    def __init__(self, store: Store, *, timeout: float, limit: int) -> None:
        self.store, self.timeout, self.limit = store, timeout, limit
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="sparql")

    def run(self, sparql: str, result_format: str) -> bytes:
        future = self._pool.submit(self._execute, sparql, result_format)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            raise QueryTimeoutError(
                f"the query ran longer than {self.timeout:g} s",
                details={"timeout": self.timeout, "note": "in-memory store: the engine finishes in the background"},
            ) from None

    def _execute(self, sparql: str, result_format: str) -> bytes:
        form = check_read_query(sparql)
        if form in ("SELECT", None):
            count = len(self.store.select(sparql))
        elif form in ("CONSTRUCT", "DESCRIBE"):
            count = len(self.store.construct(sparql))
        else:
            count = 1
        if count > self.limit:
            raise ResultTooLargeError(
                f"the query gives more than {self.limit} results; add a LIMIT or narrow it",
                details={"limit": self.limit},
            )
        return self.store.query(sparql, result_format=result_format)

    def invalidate(self) -> None:
        """Nothing to do: the thread reads the live store."""

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
