"""`slotfill serve` as a child process: start it on a free port, wait until it is ready, stop it.

The tests (``live_server`` in tests/conftest.py), the benchmark (bench/run.py) and the soak
(scripts/soak.py) all need the real service behind a real socket; this is the one place that
starts it::

    with serve() as server:
        httpx.post(f"{server.url}/v1/parse", json={"text": "flights to denver"})

Why it lives in ``cli``: what it runs is the command line (``python -m cli serve``), so it changes
when the command does, beside it. It imports only the standard library, nothing of the service:
the callers load neither FastAPI nor torch for it, and the child is the only place the service runs.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

# The `slotfill` console script, run by module so that it needs no installed script on PATH and uses
# this interpreter. Where the command line moves, this is the one line to change.
SLOTFILL = (sys.executable, "-m", "cli")
# The folder holding the project's packages: the child imports the same code from there, installed or not.
ROOT = Path(__file__).resolve().parent.parent
# Loading and warming up the model on a busy 2-core machine takes a while.
READY_TIMEOUT_S = 120.0
# uvicorn drains requests in flight before it exits on SIGTERM.
STOP_TIMEOUT_S = 30.0
# Inherited, these would tie every server started here to the caller's shell: a multiprocess metrics
# folder shared by all of them, a model other than the one asked for.
DROPPED_ENV = ("PROMETHEUS_MULTIPROC_DIR", "SLOTFILL_MODEL")


class ServerError(RuntimeError):
    """The server exited, or did not become ready in time; the message ends with its log."""


@dataclass(frozen=True)
class Server:
    url: str  # http://127.0.0.1:PORT
    process: subprocess.Popen[bytes]  # uvicorn itself; with several workers, their supervisor
    log: Path  # its stdout and stderr


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def log_tail(log: Path, chars: int = 3000) -> str:
    return log.read_text(encoding="utf-8", errors="replace")[-chars:]


def wait_ready(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = READY_TIMEOUT_S) -> None:
    """Return once ``GET {url}/readyz`` answers 200; raise ServerError if the process exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"server exited with {process.returncode}:\n{log_tail(log)}")
        # OSError covers refused connections, timeouts and the 503 answered while the model loads.
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}/readyz", timeout=2) as answer:
            if answer.status == 200:
                return
        time.sleep(0.3)
    raise ServerError(f"server not ready after {timeout:.0f} s:\n{log_tail(log)}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, time to drain, then SIGKILL for the whole process group (workers included)."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):  # the group may have gone in the meantime
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def serve(
    model: Path | None = None,
    *,
    workers: int = 1,
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
    ready_timeout: float = READY_TIMEOUT_S,
    command: Sequence[str] | None = None,
) -> Iterator[Server]:
    """Run ``slotfill serve`` on a free 127.0.0.1 port until the block ends; yield it once ready.

    model: checkpoint folder (default: the bundled model). workers: uvicorn worker processes.
    env: variables set for the child on top of this process's environment, which it inherits
    without DROPPED_ENV and with ``SLOTFILL_TORCH_THREADS=1`` (one thread per worker, as the
    service is deployed). log: file for the child's output (default: a temporary file, removed
    afterwards). command: another ASGI server command to run in place of ``slotfill serve``
    (bench/run.py's floor app); it is given ``--host`` and ``--port``, and takes no model or workers.
    """
    if command is None:
        command = [*SLOTFILL, "serve", "--workers", str(workers), *(["--model", str(model)] if model else [])]
    elif model is not None or workers != 1:
        raise ValueError("model and workers are options of `slotfill serve`, not of another command")
    environment = {k: v for k, v in os.environ.items() if k not in DROPPED_ENV}
    environment = {**environment, "SLOTFILL_TORCH_THREADS": "1", **(env or {})}
    port = free_port()
    with contextlib.ExitStack() as cleanup:
        if log is None:
            log = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="slotfill-serve-"))) / "server.log"
        with open(log, "wb") as out:
            # A session of its own: a last-resort SIGKILL reaches uvicorn's workers too, and Ctrl-C in
            # the caller's terminal leaves the stopping to this function.
            process = subprocess.Popen(
                [*command, "--host", "127.0.0.1", "--port", str(port)],
                cwd=ROOT,
                env=environment,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        cleanup.callback(stop, process)
        server = Server(f"http://127.0.0.1:{port}", process, log)
        wait_ready(server.url, process, log, ready_timeout)
        yield server
