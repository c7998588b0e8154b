"""Run /sparql queries where they can be stopped: killable worker processes.

pyoxigraph has no query timeout, and a thread cannot be stopped, so for an on-disk store each
query runs in a worker process (``multiprocessing`` "spawn") that opens the store read-only
(``pyoxigraph.Store.read_only``). When a query outlives the timeout its worker is killed, the
caller gets :class:`~rightsgraph.errors.QueryTimeoutError` and a fresh worker replaces it;
a worker that dies is replaced too.

A read-only store sees the data as it was when opened. After every write the service calls
:meth:`QueryRunner.invalidate`, which only counts a new generation: each query carries the
generation, and a worker whose store is older reopens it (milliseconds) before answering. No
process is restarted after a write, so no query waits for a worker to start (a cold start
imports the engine and the service's modules: seconds under load).

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
    EngineDefectError,
    QueryTimeoutError,
    ResultTooLargeError,
    RightsgraphError,
    StoreError,
)
from rightsgraph.graph.store import (
    GRAPH_RESULT_FORMATS,
    SOLUTION_RESULT_FORMATS,
    Store,
    check_read_query,
    check_result_format,
)
from rightsgraph.graph.sparql_order import ENGINE_SORT_DEFECT, plan_order
from rightsgraph.graph.store_evaluate import QueryDataset, evaluate

__all__ = ["ProcessQueryRunner", "QueryRunner", "ThreadQueryRunner", "query_runner_for"]

_SPAWN = multiprocessing.get_context("spawn")


class QueryRunner(Protocol):
    def run(self, sparql: str, result_format: str, *, base_iri: str | None = None,
            dataset: QueryDataset | None = None) -> bytes:
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


@dataclass(frozen=True)
class QueryRequest:
    """What a worker runs: the text, the result format, and the protocol's base IRI and dataset."""

    sparql: str
    result_format: str
    base_iri: str | None = None
    dataset: QueryDataset | None = None


def execute(engine: ox.Store, request: QueryRequest, limit: int) -> bytes:
    """Check, count and serialise one read-only query on an Oxigraph engine."""
    form = check_read_query(request.sparql)
    check_result_format(form, request.result_format)
    results = _evaluate(engine, request)
    if isinstance(results, ox.QueryBoolean):
        check_result_format("ASK", request.result_format)
        return results.serialize(format=SOLUTION_RESULT_FORMATS[request.result_format]) or b""
    count = sum(1 for _ in itertools.islice(results, limit + 1))
    if count > limit:
        raise ResultTooLargeError(
            f"the query gives more than {limit} results; add a LIMIT or narrow it",
            details={"limit": limit},
        )
    results = _evaluate(engine, request)
    if isinstance(results, ox.QueryTriples):
        check_result_format("CONSTRUCT", request.result_format)
        return results.serialize(format=GRAPH_RESULT_FORMATS[request.result_format]) or b""
    check_result_format("SELECT", request.result_format)
    return results.serialize(format=SOLUTION_RESULT_FORMATS[request.result_format]) or b""


def _evaluate(engine: ox.Store, request: QueryRequest) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    # A worker may let the engine sort what the service cannot order itself: if the engine
    # aborts, only this process dies, and the runner names the defect.
    return evaluate(engine, request.sparql, base_iri=request.base_iri, dataset=request.dataset,
                    engine_may_sort=True)


def _error_payload(error: RightsgraphError) -> dict[str, Any]:
    return {"status": error.status, "code": error.code, "message": error.message, "details": error.details}


def rebuild_error(payload: dict[str, Any]) -> RightsgraphError:
    """The error a worker reported, with its status and code."""
    error = RightsgraphError(payload["message"], details=payload["details"])
    error.status = payload["status"]
    error.code = payload["code"]
    return error


def _open_read_only(path: str) -> ox.Store:
    try:
        return ox.Store.read_only(path)
    except OSError as error:
        raise StoreError(f"cannot open the store read-only: {error}") from None


def worker_main(path: str, conn: Connection, generation: int = 0) -> None:
    """Entry point of a worker process: answer (request, limit, generation) messages forever,
    reopening the store first when the message's generation is not the one it opened."""
    try:
        engine = _open_read_only(path)
    except StoreError as error:
        conn.send(("error", _error_payload(error)))
        return
    conn.send(("ready", None))
    while True:
        try:
            request, limit, wanted = conn.recv()
        except EOFError:
            return
        try:
            if wanted != generation:
                engine, generation = _open_read_only(path), wanted
            conn.send(("ok", execute(engine, request, limit)))
        except RightsgraphError as error:
            conn.send(("error", _error_payload(error)))


# --- the process pool --------------------------------------------------------------------


@dataclass
class _Worker:
    process: Any  # multiprocessing SpawnProcess
    conn: Connection

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
        self._closed = False
        self._slots = threading.BoundedSemaphore(size * 4)

    def run(self, sparql: str, result_format: str, *, base_iri: str | None = None,
            dataset: QueryDataset | None = None) -> bytes:
        if not self._slots.acquire(timeout=self.timeout):
            raise QueryTimeoutError("the query service is busy; try again", details={"timeout": self.timeout})
        try:
            return self._run_on_worker(QueryRequest(sparql, result_format, base_iri, dataset))
        finally:
            self._slots.release()

    def _run_on_worker(self, request: QueryRequest) -> bytes:
        worker = self._take()
        with self._lock:
            generation = self._generation
        try:
            worker.conn.send((request, self.limit, generation))
        except BrokenPipeError:  # it died while idle (killed, out of memory): not this query's doing
            worker.stop()
            worker = self._spawn()
            worker.conn.send((request, self.limit, generation))
        if not worker.conn.poll(self.timeout):
            worker.stop()
            self._refill()
            raise QueryTimeoutError(
                f"the query ran longer than {self.timeout:g} s and was stopped",
                details={"timeout": self.timeout},
            )
        try:
            status, payload = self._receive(worker)
        except StoreError:
            self._refill()
            if plan_order(request.sparql).unsafe:
                raise EngineDefectError(ENGINE_SORT_DEFECT, details={"defect": ENGINE_SORT_DEFECT}) from None
            raise
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
            self._closed = False  # a runner closed at shutdown serves again if the app restarts
            while self._idle:
                worker = self._idle.pop()
                if worker.process.is_alive():
                    return worker
                worker.stop()
        return self._spawn()

    def _spawn(self) -> _Worker:
        with self._lock:
            generation = self._generation
        parent, child = _SPAWN.Pipe()
        process = _SPAWN.Process(target=worker_main, args=(str(self.path), child, generation), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
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
            if not self._closed and len(self._idle) < self.size:
                self._idle.append(worker)
                return
        worker.stop()

    def _refill(self) -> None:
        """Start a replacement worker in the background, so the next query need not wait."""

        def start() -> None:
            try:
                self._give_back(self._spawn())
            except RightsgraphError:
                pass  # the next query spawns its own worker and reports the error

        threading.Thread(target=start, daemon=True).start()

    def warm_up(self) -> None:
        """Start the pool's workers now rather than on the first queries."""
        for _ in range(self.size):
            self._refill()

    def invalidate(self) -> None:
        """The store changed: each worker reopens it on its next query (none is restarted)."""
        with self._lock:
            self._generation += 1

    def worker_pids(self) -> list[int]:
        """The process ids of the idle workers (for monitoring and tests)."""
        with self._lock:
            return sorted(worker.process.pid for worker in self._idle)

    def close(self) -> None:
        """Stop every idle worker; a worker still answering is stopped when it comes back."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()


class ThreadQueryRunner:
    """Queries in a thread (for stores that are not on disk); see the module docstring."""

    def __init__(self, store: Store, *, timeout: float, limit: int) -> None:
        self.store, self.timeout, self.limit = store, timeout, limit
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="sparql")

    def run(self, sparql: str, result_format: str, *, base_iri: str | None = None,
            dataset: QueryDataset | None = None) -> bytes:
        request = QueryRequest(sparql, result_format, base_iri, dataset)
        future = self._pool.submit(self._execute, request)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            raise QueryTimeoutError(
                f"the query ran longer than {self.timeout:g} s",
                details={"timeout": self.timeout, "note": "in-memory store: the engine finishes in the background"},
            ) from None

    def _execute(self, request: QueryRequest) -> bytes:
        form = check_read_query(request.sparql)
        check_result_format(form, request.result_format)
        counting_format = "ntriples" if form in ("CONSTRUCT", "DESCRIBE") else "json"
        data = self.store.query(request.sparql, result_format=counting_format,
                                base_iri=request.base_iri, dataset=request.dataset)
        if _result_count(data, counting_format) > self.limit:
            raise ResultTooLargeError(
                f"the query gives more than {self.limit} results; add a LIMIT or narrow it",
                details={"limit": self.limit},
            )
        if request.result_format == counting_format:
            return data
        return self.store.query(request.sparql, result_format=request.result_format,
                                base_iri=request.base_iri, dataset=request.dataset)

    def invalidate(self) -> None:
        """Nothing to do: the thread reads the live store."""

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def _result_count(data: bytes, result_format: str) -> int:
    """How many solutions (SPARQL JSON) or triples (N-Triples) ``data`` holds; ASK counts 1."""
    if result_format == "ntriples":
        return sum(1 for _ in ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    results = ox.parse_query_results(data, format=ox.QueryResultsFormat.JSON)
    return 1 if isinstance(results, ox.QueryBoolean) else sum(1 for _ in results)
