"""Dynamic batching for /v1/parse: requests that arrive together share one forward pass.

A forward pass over many sentences costs far less than one pass per sentence (the matrix products
fill up, the per-call overhead is paid once), so under concurrency it pays to group requests.
The batching is greedy and has no timer:

- each request puts its utterance on an asyncio queue and awaits a future;
- one collector task takes the first waiting job plus whatever else is already queued (up to
  ``max_batch_size``) and hands them to one dedicated worker thread, which runs
  ``Predictor.parse_each`` on them;
- while that thread works, new requests queue up and form the next batch.

A lone request is therefore served at once (a collection delay would add its whole length to
every request at low concurrency), and under load batches grow by themselves. One batch runs at a
time, so that torch's single intra-op thread per worker is not fought over, and the event loop
stays free to read and answer HTTP while the model runs (torch releases the GIL during the forward
pass).

The exception is a batch of one with nobody else waiting: it runs on the event loop itself. Handing
it to the worker thread and back costs two cross-thread wake-ups and, measured, more than that: over
HTTP at one connection the p50 is 0.6-1.2 ms lower on the loop (`bench/README.md`, levers). Nothing
else waits to be read meanwhile, so the loop has nothing better to do; a request that arrives during
that forward waits for it, as it would for the thread's.

``Batcher`` is one of the two ``app.parsing.Parser`` implementations.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from app.errors import ApiError
from model.answers import AnswerShape
from model.predictor import Predictor
from model.tokenizer import Utterance

log = logging.getLogger("slotfill")


class BatcherClosed(ApiError):
    """The batcher is not running (not started yet, or shutting down): to a client, not ready (503)."""

    def __init__(self, message: str):
        super().__init__(503, "not_ready", message)


@dataclass(slots=True)
class _Job:
    utterance: Utterance
    shape: AnswerShape
    future: asyncio.Future[dict[str, Any]]


FULL_DISTRIBUTION = AnswerShape()  # the default answer: every label's probability, as a mapping

# What the worker thread hands back for each job: its answer, or the exception it raised.
_Outcome = dict[str, Any] | Exception


class Batcher:
    def __init__(self, predictor: Predictor, max_batch_size: int = 64):
        if max_batch_size < 1:
            raise ValueError("max_batch_size must be at least 1")
        self.predictor = predictor
        self.max_batch_size = max_batch_size
        # batch size -> how many batches of that size ran; /metrics-free evidence that grouping happens.
        self.batch_sizes: Counter[int] = Counter()
        self._queue: asyncio.Queue[_Job] = asyncio.Queue()
        self._executor: ThreadPoolExecutor | None = None
        self._task: asyncio.Task[None] | None = None
        self._in_flight: list[_Job] = []

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    async def start(self) -> None:
        """Start the collector task (on the running event loop) and the worker thread."""
        if self.running:
            return
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="slotfill-batch")
        self._task = asyncio.get_running_loop().create_task(self._collect(), name="slotfill-batcher")

    async def stop(self) -> None:
        """Stop taking work, fail whatever still waits, and let the worker thread finish."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        leftover = list(self._in_flight)
        while not self._queue.empty():
            leftover.append(self._queue.get_nowait())
        for job in leftover:
            if not job.future.done():
                job.future.set_exception(BatcherClosed("the service is shutting down"))
        self._in_flight = []
        if self._executor is not None:
            # The thread may be mid-batch; waiting for it keeps the model alive until it is done.
            await asyncio.get_running_loop().run_in_executor(None, self._executor.shutdown)
            self._executor = None

    async def parse(self, utterance: Utterance, shape: AnswerShape = FULL_DISTRIBUTION) -> dict[str, Any]:
        """The answer ``predictor.parse_each([utterance], [shape])`` would give, computed in a shared batch."""
        if not self.running:
            raise BatcherClosed("the batcher is not running")
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait(_Job(utterance, shape, future))
        return await future

    async def _collect(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            jobs = await self._next_batch()
            self._in_flight = jobs  # for stop(), should it cancel us mid-batch
            try:
                if len(jobs) == 1 and self._queue.empty():  # alone: on the loop (module docstring)
                    outcomes = self._parse_all(jobs)
                else:
                    outcomes = await loop.run_in_executor(self._executor, self._parse_all, jobs)
            except Exception as exc:  # not the model's doing (e.g. executor gone): fail these, keep serving
                log.exception("batch of %d could not run", len(jobs))
                outcomes = [exc] * len(jobs)
            self._in_flight = []
            self.batch_sizes[len(jobs)] += 1
            for job, outcome in zip(jobs, outcomes, strict=True):
                if job.future.done():  # the request was cancelled (client gone) while we worked
                    continue
                if isinstance(outcome, Exception):
                    job.future.set_exception(outcome)
                else:
                    job.future.set_result(outcome)

    async def _next_batch(self) -> list[_Job]:
        """Wait for one job, then take every job already waiting: greedy, never on a timer."""
        while True:
            jobs = [await self._queue.get()]
            while len(jobs) < self.max_batch_size and not self._queue.empty():
                jobs.append(self._queue.get_nowait())
            jobs = [job for job in jobs if not job.future.done()]  # drop requests cancelled while queued
            if jobs:
                return jobs

    def _parse_all(self, jobs: list[_Job]) -> list[_Outcome]:
        """One forward pass for all jobs (on the worker thread, or the loop for a lone job); if that fails, each alone.

        The fallback keeps one bad request from failing the others that happened to share its batch.
        """
        try:
            return list(self.predictor.parse_each([j.utterance for j in jobs], [j.shape for j in jobs]))
        except Exception as exc:
            if len(jobs) == 1:
                return [exc]
            log.warning("a batch of %d failed (%r); parsing its requests one by one", len(jobs), exc)
            return [outcome for job in jobs for outcome in self._parse_all([job])]
