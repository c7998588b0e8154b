"""Servers the tests talk to over HTTP: the app in a uvicorn thread, a `rightsgraph serve`
process, and the headless Chromium of the browser tests (one copy of each for every module)."""

from __future__ import annotations

import importlib.util
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import pytest
import uvicorn
from starlette.types import ASGIApp

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def serve_in_thread(app: ASGIApp, startup_seconds: float = 60) -> Iterator[str]:
    """``app`` served by uvicorn on a free loopback port; yields its base URL."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_seconds
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


def stop_serve_process(process: subprocess.Popen[str]) -> None:
    """Stop a `rightsgraph serve` as Ctrl-C would, killing it if it does not stop in time."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _bench_overview() -> ModuleType:
    """benchmarks/bench_overview.py, whose Chromium driver the browser tests share."""
    spec = importlib.util.spec_from_file_location("bench_overview", ROOT / "benchmarks" / "bench_overview.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def chromium(executable: Path) -> Iterator[object]:
    """Headless Chromium driven over the DevTools protocol (skips without websocket-client)."""
    pytest.importorskip("websocket")
    browser = _bench_overview().Chromium(str(executable))
    try:
        yield browser
    finally:
        browser.close()
