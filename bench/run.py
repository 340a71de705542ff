"""Serving benchmarks in one command: in-process model, HTTP against a floor app, training, memory.

    python bench/run.py --out bench/results.md
    python bench/run.py --quick --out /tmp/results.md     # shorter runs, no training

ATIS test sentences come from ``$SLOTFILL_DATA`` (default ``../shared/data/atis``); nothing is
copied. Servers are started on free 127.0.0.1 ports (``cli.server_process.serve``, as the tests
and the soak start theirs) and stopped at the end. Load comes from ``wrk`` (Debian package) with a
Lua script rotating over the sentences, else from an httpx async driver (much slower itself: its
floor numbers then measure the driver). The machines this runs on are shared, so every comparison
is a ratio of two things measured in the same run, interleaved; the report says which targets hold.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import dataclasses
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # `python bench/run.py` from a clone: import the project's packages

import orjson  # noqa: E402
import torch  # noqa: E402

from app.errors import JsonResponse  # noqa: E402  (the service's encoder: orjson, numpy rows allowed)
from cli.server_process import Server, serve  # noqa: E402
from model.checkpoint import load_checkpoint  # noqa: E402
from model.predictor import Predictor  # noqa: E402
from training.data import default_data_dir  # noqa: E402

# -- serving targets ---------------------------------------------------------------------------
TOP3_RATIO_C32 = 0.5  # /v1/parse top_k=3, one worker, c=32: at least this x the floor's req/s
TOP3_P99_C32_MS = 50.0
TOP3_P50_C1_MS = 2.0
FULL_RATIO_C32 = 0.35  # full distribution, c=32
BATCH_SENTENCES_PER_S = 5_000.0  # /v1/parse/batch with 256 sentences, on 2 cores
IN_DOMAIN_HEAD_MS = 0.1  # what the in-domain head may add to each sentence's answer
RESOLVE_MS = 0.3  # what resolving places and building the frame may add to each sentence's answer
# Against --before (the service as it was: its checkpoint, no resolution stage), in the same run:
BEFORE_P50_C1_RATIO = 1.10  # /v1/parse top_k=3, c=1: p50 at most this x before's (median of the pairs' ratios)
# More alternated rounds than five and three: between two runs of the command the c=1 ratio moved by more than its
# 10% budget, and one batch round by ±0.1 ms a sentence.
BEFORE_PAIRS = 9  # before/service runs at c=1, alternated
BATCH_ROUNDS = 5  # /v1/parse/batch top_k=3 runs of before, no frames and the service at each c, alternated
BEFORE_RSS_GROWTH_MB = 60.0  # a worker's RSS after warm-up may grow by at most this
NO_FRAMES = "service, no frames"  # the same model served without its resolution stage (SLOTFILL_RESOLVE=false)

# Predictor.parse at batch 256 vs the model's forward alone. Set when that forward ran on padded
# tensors; the one forward now skips the padding work too, so the same ratio asks more.
PREDICTOR_RATIO_256 = 0.8
MAX_RSS_MB = 400.0


# -- small helpers ----------------------------------------------------------------------------


def read_sentences(data: Path) -> list[str]:
    path = data / "test" / "seq.in"
    if not path.is_file():
        sys.exit(f"bench: ATIS test sentences not found at {path} (set SLOTFILL_DATA)")
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def machine_description() -> str:
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{model}, {os.cpu_count()} cores, load average {load} (1/5/15 min); "
        f"Python {platform.python_version()}, torch {torch.__version__}"
    )


def fmt(x: float, digits: int = 0) -> str:
    return f"{x:,.{digits}f}"


def best_times(functions: list[Callable[[], object]], rounds: int) -> list[float]:
    """Best-of-rounds wall time of each function, run interleaved so load spikes hit all alike."""
    best = [float("inf")] * len(functions)
    for _ in range(rounds):
        for i, f in enumerate(functions):
            start = time.perf_counter()
            f()
            best[i] = min(best[i], time.perf_counter() - start)
    return best


# -- 1. in process ----------------------------------------------------------------------------


def bench_in_process(sentences: list[str], rounds: int, model: Path | None) -> list[dict[str, Any]]:
    """Sentences/s of the model's forward alone and of parse (answer included), per batch size."""
    torch.set_num_threads(1)
    from world.resolve import Resolver

    predictor = Predictor(load_checkpoint(model))
    checkpoint = predictor.checkpoint
    resolver = Resolver.load()
    # The same model without its in-domain head, timed beside it: what the head costs.
    headless = Predictor(load_checkpoint(model))
    headless.model.in_domain_head = None
    utterances = [u for u in (predictor.tokenizer.utterance(s) for s in sentences) if u.tokens]
    rows = []
    for batch_size, count in ((1, 64), (16, 8), (256, 2)):
        batches = [
            [utterances[(b * batch_size + i) % len(utterances)] for i in range(batch_size)] for b in range(count)
        ]
        tokens = [[[t.text for t in u.tokens] for u in batch] for batch in batches]
        encoded = [predictor.encoder.encode(t) for t in tokens]

        def forward(encoded: list[Any] = encoded) -> None:
            with torch.inference_mode():
                for e in encoded:
                    predictor.model(e)

        def forward_headless(encoded: list[Any] = encoded) -> None:
            with torch.inference_mode():
                for e in encoded:
                    headless.model(e)

        def top3(batches: list[Any] = batches) -> None:
            for batch in batches:
                JsonResponse(predictor.parse(batch, top_k=3))

        def full(batches: list[Any] = batches) -> None:
            for batch in batches:
                JsonResponse(predictor.parse(batch))

        def compact(batches: list[Any] = batches) -> None:
            for batch in batches:  # the API's "compact": true (labels once, probabilities as float32 rows)
                JsonResponse({"labels": checkpoint.labels, "results": predictor.parse(batch, compact=True)})

        # Resolution timed on answers already made (two copies: one stays unresolved), so that its cost is
        # not the difference of two model runs, which moves more than it does.
        answers = [predictor.parse(batch, top_k=3) for batch in batches]
        plain_answers, resolved_answers = copy.deepcopy(answers), copy.deepcopy(answers)

        def serialised(answers: list[Any] = plain_answers) -> None:
            for batch_answers in answers:
                JsonResponse(batch_answers)

        def resolved(answers: list[Any] = resolved_answers) -> None:
            for batch_answers in answers:  # resolving again redoes the same work: places and frame rewritten
                JsonResponse([resolver.resolve(answer) for answer in batch_answers])

        # The same, as the service runs it: each batch's answers right after a forward pass (here another
        # batch's), which leaves less of the resolver's tables in the CPU's caches than a loop of resolutions.
        cold_answers = copy.deepcopy(answers)

        def after_forward(
            answers: list[Any], work: Callable[[list[Any]], object], encoded: list[Any] = encoded
        ) -> float:
            """Seconds spent in ``work`` on each batch's answers, each right after a forward pass."""
            spent = 0.0
            with torch.inference_mode():
                for i, batch_answers in enumerate(answers):
                    predictor.model(encoded[(i + 1) % len(encoded)])
                    start = time.perf_counter()
                    work(batch_answers)
                    spent += time.perf_counter() - start
            return spent

        cold_serialised = cold_resolved = float("inf")
        for _ in range(rounds):
            cold_serialised = min(cold_serialised, after_forward(plain_answers, JsonResponse))
            cold_resolved = min(
                cold_resolved,
                after_forward(cold_answers, lambda batch: JsonResponse([resolver.resolve(a) for a in batch])),
            )

        sentences_done = batch_size * count
        times = best_times([forward, top3, full, compact, forward_headless, serialised, resolved], rounds)
        rate = [sentences_done / t for t in times]
        head_ms = 1000 * (times[0] - times[4]) / sentences_done
        rows.append(
            {
                "batch": batch_size,
                "forward": rate[0],
                "parse_top3": rate[1],
                "parse_full": rate[2],
                "compact_full": rate[3],
                "in_domain_head_ms": head_ms if checkpoint.model.in_domain_head is not None else None,
                "resolve_ms": 1000 * (times[6] - times[5]) / sentences_done,
                "resolve_after_forward_ms": 1000 * (cold_resolved - cold_serialised) / sentences_done,
            }
        )
        print(
            f"  in-process batch {batch_size}: "
            + ", ".join(f"{k} {v:,.0f}/s" for k, v in rows[-1].items() if not k.endswith(("batch", "_ms")))
            + f", in-domain head {head_ms:.4f} ms, resolution {rows[-1]['resolve_ms']:.4f} ms a sentence"
            + f" ({rows[-1]['resolve_after_forward_ms']:.4f} ms after a forward pass)"
        )
    return rows


# -- 2. HTTP ----------------------------------------------------------------------------------


def server_pids(server: Server) -> list[int]:
    """The server and its worker processes (uvicorn --workers starts children)."""
    found, frontier = [server.process.pid], [server.process.pid]
    while frontier:
        parent = frontier.pop()
        with contextlib.suppress(OSError):
            for task in Path(f"/proc/{parent}/task").iterdir():
                children = (task / "children").read_text().split()
                found += [int(c) for c in children]
                frontier += [int(c) for c in children]
    return found


def cpu_seconds(server: Server) -> float:
    total = 0.0
    for pid in server_pids(server):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
    return total


def rss_mb(server: Server) -> float:
    """Resident memory of the worker (the largest process: the app, not uvicorn's supervisor), once idle.

    wrk stops by closing its connections; requests already inside the server still run to the
    end. Their memory is in use, not kept: wait until the server's CPU time stops moving.
    """
    deadline, last = time.monotonic() + 15, -1.0
    while time.monotonic() < deadline and (now := cpu_seconds(server)) != last:
        last = now
        time.sleep(0.5)
    sizes = []
    for pid in server_pids(server):
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
    return max(sizes, default=0.0)


LUA = """
local bodies = {%s}
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i %% #bodies + 1
  return wrk.format(nil, nil, nil, bodies[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %%d, "duration_us": %%d, "status_errors": %%d, "socket_errors": %%d, ' ..
    '"p50_us": %%d, "p99_us": %%d}\\n',
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass
class LoadResult:
    requests: int
    seconds: float
    errors: int
    p50_ms: float
    p99_ms: float
    cpu_us_per_request: float = 0.0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class Driver:
    """Drives POST load with rotating bodies: wrk if installed, else httpx."""

    workdir: Path
    wrk: str | None = field(default_factory=lambda: shutil.which("wrk"))
    scripts: dict[str, Path] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return "wrk (1 thread, Lua script rotating over the bodies)" if self.wrk else "httpx async driver"

    def script(self, bodies: list[bytes]) -> Path:
        key = str(hash(tuple(bodies)))
        if key not in self.scripts:
            for b in bodies:
                assert b"]==]" not in b
            literal = ",\n".join(f"[==[{b.decode()}]==]" for b in bodies)
            path = self.workdir / f"bodies-{len(self.scripts)}.lua"
            path.write_text(LUA % literal, encoding="utf-8")
            self.scripts[key] = path
        return self.scripts[key]

    def run(self, server: Server, path: str, bodies: list[bytes], connections: int, seconds: float) -> LoadResult:
        cpu_before = cpu_seconds(server)
        if self.wrk:
            result = self._wrk(server.url + path, bodies, connections, seconds)
        else:
            result = asyncio.run(_httpx_load(server.url + path, bodies, connections, seconds))
        if result.requests:
            result.cpu_us_per_request = (cpu_seconds(server) - cpu_before) / result.requests * 1e6
        return result

    def _wrk(self, url: str, bodies: list[bytes], connections: int, seconds: float) -> LoadResult:
        command = [self.wrk or "wrk", "-t1", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s"]
        command += ["-s", str(self.script(bodies)), url]
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        line = next(x for x in output.splitlines() if x.startswith("WRKJSON "))
        data = json.loads(line.removeprefix("WRKJSON "))
        return LoadResult(
            requests=data["requests"],
            seconds=data["duration_us"] / 1e6,
            errors=data["status_errors"] + data["socket_errors"],
            p50_ms=data["p50_us"] / 1000,
            p99_ms=data["p99_us"] / 1000,
        )


async def _httpx_load(url: str, bodies: list[bytes], connections: int, seconds: float) -> LoadResult:
    import httpx

    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    headers = {"content-type": "application/json"}
    async with httpx.AsyncClient(limits=limits, timeout=10) as client:
        start = time.perf_counter()
        deadline = start + seconds

        async def worker(offset: int) -> None:
            nonlocal errors
            i = offset
            while time.perf_counter() < deadline:
                sent = time.perf_counter()
                answer = await client.post(url, content=bodies[i % len(bodies)], headers=headers)
                latencies.append(time.perf_counter() - sent)
                errors += answer.status_code != 200
                i += 1

        await asyncio.gather(*(worker(c * 7) for c in range(connections)))
        elapsed = time.perf_counter() - start
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else 0.0

    return LoadResult(len(latencies), elapsed, errors, pct(0.5), pct(0.99))


@dataclass
class HttpReport:
    driver: str
    rows: list[dict[str, Any]]  # one per (server, answer, concurrency)
    batch_rows: list[dict[str, Any]]
    rss_warm_mb: float
    rss_before_warm_mb: float | None  # the --before service's, after the same warm-up
    rss_parse_mb: float  # after the /v1/parse runs
    rss_after_mb: float  # after the /v1/parse/batch runs too
    batching_max_size: int
    # c=1 top_k=3 p50 of --before and of the service, (before, service) per pair: the plan's, then more pairs
    # run back to back in alternating order, since one pair's ratio moves with the load by about the margin.
    before_pairs: list[tuple[float, float]] = field(default_factory=list)
    # the same for the service without its resolution stage and the service, (no frames, service): what
    # resolving places and building the frame add to a request, the same model on both sides
    frames_pairs: list[tuple[float, float]] = field(default_factory=list)


def bench_http(
    sentences: list[str],
    seconds: float,
    concurrencies: list[int],
    workdir: Path,
    model: Path | None,
    before: Path | None = None,
) -> HttpReport:
    """``before``: a checkpoint served as the service was before (no resolution stage), timed beside it."""
    bodies_full = [orjson.dumps({"text": s}) for s in sentences]
    bodies_top3 = [orjson.dumps({"text": s, "top_k": 3}) for s in sentences]
    bodies_compact = [orjson.dumps({"text": s, "compact": True}) for s in sentences]
    chunks = [[sentences[(i * 256 + j) % len(sentences)] for j in range(256)] for i in range(4)]
    batch_full = [orjson.dumps({"texts": c}) for c in chunks]
    batch_top3 = [orjson.dumps({"texts": c, "top_k": 3}) for c in chunks]
    batch_compact = [orjson.dumps({"texts": c, "compact": True}) for c in chunks]
    driver = Driver(workdir)
    batch_seconds = max(seconds, 4.0)  # 256-sentence requests are slow: enough of them to measure
    from app.config import Settings

    max_batch = Settings().batching_max_size
    floor = [sys.executable, "-m", "uvicorn", "floor:app", "--app-dir", str(ROOT / "bench"), "--no-access-log"]
    rows: list[dict[str, Any]] = []
    batch_rows: list[dict[str, Any]] = []
    before_pairs: list[tuple[float, float]] = []
    frames_pairs: list[tuple[float, float]] = []
    with contextlib.ExitStack() as running:
        servers = {
            "floor": running.enter_context(serve(command=floor, log=workdir / "floor.log")),
            "service": running.enter_context(
                serve(model, env={"SLOTFILL_BATCHING": "true"}, log=workdir / "service.log")
            ),
            "service, batching off": running.enter_context(
                serve(model, env={"SLOTFILL_BATCHING": "false"}, log=workdir / "service-nobatch.log")
            ),
            NO_FRAMES: running.enter_context(
                serve(model, env={"SLOTFILL_BATCHING": "true", "SLOTFILL_RESOLVE": "false"}, log=workdir / "nf.log")
            ),
        }
        if before is not None:
            env = {"SLOTFILL_BATCHING": "true", "SLOTFILL_RESOLVE": "false"}
            servers["before"] = running.enter_context(serve(before, env=env, log=workdir / "before.log"))
        for server in servers.values():  # warm-up: first requests of a process are slow
            driver.run(server, "/v1/parse", bodies_top3, 8, 1.0)
        rss_warm = rss_mb(servers["service"])
        rss_before_warm = rss_mb(servers["before"]) if before is not None else None
        plan = [
            ("floor", "fixed", bodies_top3),
            *([("before", "top_k=3", bodies_top3)] if before is not None else []),
            (NO_FRAMES, "top_k=3", bodies_top3),
            ("service", "top_k=3", bodies_top3),
            ("service", "full", bodies_full),
            ("service", "compact", bodies_compact),
            ("service, batching off", "top_k=3", bodies_top3),
            ("service, batching off", "full", bodies_full),
        ]
        for connections in concurrencies:  # interleaved: a load spike on the shared box hits all alike
            for name, answer, bodies in plan:
                result = driver.run(servers[name], "/v1/parse", bodies, connections, seconds)
                rows.append({"server": name, "answer": answer, "c": connections, "result": result})
                print(
                    f"  {name:22s} {answer:8s} c={connections:<3d} {result.rps:8,.0f} req/s  "
                    f"p50 {result.p50_ms:6.2f} ms  p99 {result.p99_ms:7.2f} ms  "
                    f"cpu {result.cpu_us_per_request:5.0f} us/req"
                    + (f"  ERRORS {result.errors}" if result.errors else "")
                )
        if 1 in concurrencies:
            # More c=1 rounds, the servers in alternating order: one round's ratio moves with the load.
            names = [*(["before"] if before is not None else []), NO_FRAMES, "service"]
            rounds = [{name: find(rows, name, "top_k=3", 1) for name in names}]
            for k in range(BEFORE_PAIRS - 1):
                order = names[::-1] if k % 2 == 0 else names
                rounds.append({name: driver.run(servers[name], "/v1/parse", bodies_top3, 1, seconds) for name in order})
            for pairs, baseline in ((before_pairs, "before"), (frames_pairs, NO_FRAMES)):
                for one in rounds:
                    base, served = one.get(baseline), one["service"]
                    if base is not None and served is not None:
                        pairs.append((base.p50_ms, served.p50_ms))
                print(f"  c=1 p50 {baseline} / service: " + ", ".join(f"{b:.2f} / {a:.2f} ms" for b, a in pairs))
        rss_parse = rss_mb(servers["service"])
        for answer, bodies in (("top_k=3", batch_top3), ("full", batch_full), ("compact", batch_compact)):
            for connections in (1, 2):
                # top_k=3 compares servers: several rounds, in alternating order, as for the c=1 pairs.
                names = [*(["before"] if before is not None else []), NO_FRAMES, "service"]
                for k in range(BATCH_ROUNDS if answer == "top_k=3" else 1):
                    order = (names if k % 2 == 0 else names[::-1]) if answer == "top_k=3" else ["service"]
                    for name in order:
                        result = driver.run(servers[name], "/v1/parse/batch", bodies, connections, batch_seconds)
                        batch_rows.append(
                            {"server": name, "workers": 1, "answer": answer, "c": connections, "round": k,
                             "result": result}
                        )  # fmt: skip
                        print(
                            f"  {name} batch 256 {answer:8s} 1 worker c={connections} round {k + 1}: "
                            f"{result.rps * 256:8,.0f} sentences/s"
                        )
        rss_after = rss_mb(servers["service"])
    # Two workers for /v1/parse/batch: one per core (one torch thread each).
    with serve(model, workers=2, log=workdir / "service-2w.log") as two:
        driver.run(two, "/v1/parse/batch", batch_top3, 2, 1.0)
        for answer, bodies in (("top_k=3", batch_top3), ("full", batch_full), ("compact", batch_compact)):
            result = driver.run(two, "/v1/parse/batch", bodies, 2, batch_seconds)
            batch_rows.append({"server": "service", "workers": 2, "answer": answer, "c": 2, "result": result})
            print(f"  batch 256 {answer:8s} 2 workers c=2: {result.rps * 256:8,.0f} sentences/s")
    return HttpReport(
        driver.name,
        rows,
        batch_rows,
        rss_warm,
        rss_before_warm,
        rss_parse,
        rss_after,
        max_batch,
        before_pairs,
        frames_pairs,
    )


# -- 3. training ------------------------------------------------------------------------------


def bench_training(data: Path, workdir: Path, model: Path | None) -> dict[str, Any]:
    """One epoch of the model's recipe (with its validation pass), timed; the full run is projected."""
    from training.train import TrainConfig, train

    recorded = load_checkpoint(model).metadata
    recipe = recorded.get("recipe", {})
    # The recorded recipe (every TrainConfig field it names), for one epoch on one thread.
    known = {f.name for f in dataclasses.fields(TrainConfig)} - {"data", "output", "epochs", "threads", "progress"}
    config = TrainConfig(
        data=data,
        output=workdir / "train-probe",
        epochs=1,
        threads=1,
        progress=False,
        **{k: v for k, v in recipe.items() if k in known},
    )
    sentences = sum(1 for line in (data / "train" / "seq.in").read_text(encoding="utf-8").splitlines() if line)
    start = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()):
        report = train(config)
    seconds = time.perf_counter() - start
    best_epoch = int(recorded.get("best_epoch", 0))
    return {
        "sentences": sentences,
        "epoch_seconds": seconds,
        "sentences_per_s": sentences / seconds,
        "epoch1_valid_f1": report["history"][0]["valid_slot_f1"],
        "recorded_epochs": int(recipe.get("epochs", 0)),
        "recorded_best_epoch": best_epoch,
        "recorded_seconds": float(recorded.get("train_seconds", 0.0)),
        "recorded_best_f1": float(recorded.get("metrics", {}).get("valid", {}).get("slot_f1", 0.0)),
        "projected_to_best_s": seconds * best_epoch,
        "threads": config.threads,
    }


# -- the report -------------------------------------------------------------------------------


def mark(ok: bool) -> str:
    return "yes" if ok else "**no**"


def find(rows: list[dict[str, Any]], server: str, answer: str, c: int) -> LoadResult | None:
    for row in rows:
        if row["server"] == server and row["answer"] == answer and row["c"] == c:
            result: LoadResult = row["result"]
            return result
    return None


def batch_added_ms(rows: list[dict[str, Any]], baseline: str, c: int) -> tuple[float, float, float, list[float]] | None:
    """What the one-worker service adds a sentence over ``baseline`` on /v1/parse/batch top_k=3 at ``c``: (the
    median over the alternated rounds of ms added, the baseline's median sentences/s, the service's, each round's
    ms added); None when no round has both rows with requests."""

    def rates(server: str) -> dict[int, float]:
        wanted = (server, "top_k=3", c, 1)
        return {
            r.get("round", 0): 256 * r["result"].rps
            for r in rows
            if (r["server"], r["answer"], r["c"], r["workers"]) == wanted and r["result"].rps
        }

    old, new = rates(baseline), rates("service")
    paired = sorted(set(old) & set(new))
    if not paired:
        return None
    added = [1000 * (1 / new[k] - 1 / old[k]) for k in paired]
    base = statistics.median(old[k] for k in paired)
    served = statistics.median(new[k] for k in paired)
    return statistics.median(added), base, served, added


def render(
    args: argparse.Namespace,
    started: float,
    machine: str,
    in_process: list[dict[str, Any]],
    http: HttpReport | None,
    training: dict[str, Any] | None,
) -> str:
    out: list[str] = []
    add = out.append
    add("# slotfill serving benchmark\n")
    add(f"- command: `python bench/run.py {' '.join(sys.argv[1:])}` ({time.time() - started:.0f} s)")
    add(f"- model: {args.model or 'the bundled checkpoint'}")
    add(f"- machine at start: {machine}")
    add(f"- machine at end: load average {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")
    add("- every server is one uvicorn worker (uvloop, httptools, no access log) with torch threads = 1")
    add("- absolute numbers move with the load on this shared machine; ratios compare runs made side by side\n")

    add("## 1. In process (one thread): sentences/s on ATIS test sentences\n")
    add(
        "Best of several interleaved rounds. *forward*: `SlotTagger.forward` on batches already encoded "
        "(`Encoder.encode`), nothing else. *parse*: text in, answer serialised as the service does (orjson "
        "`JsonResponse`) out "
        "(tokenising excluded, done once per request by the route). *compact*: full distributions "
        "as the API's compact answer writes them (labels once, probability arrays). *in-domain head*: "
        "what the head adds per sentence: the forward timed with and without it (the same weights otherwise) "
        "in the same rounds. *resolution*: what `world.resolve.Resolver.resolve` (places on slots, the "
        "booking frame) and serialising what it adds cost per sentence: top_k=3 answers already made, resolved "
        "and serialised against serialised alone, in the same rounds. *after a forward*: the same, each batch "
        "resolved right after a forward pass, as the service runs it (a tight loop of resolutions keeps the "
        "places, the lookup and the patterns in the CPU's caches; a request's own work does not).\n"
    )
    add(
        "| batch | forward | parse, top_k=3 | parse, full | full, compact | full / forward | in-domain head "
        "| resolution | after a forward |"
    )
    add("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in in_process:
        head = "no head" if r["in_domain_head_ms"] is None else f"{r['in_domain_head_ms']:.4f} ms"
        add(
            f"| {r['batch']} | {fmt(r['forward'])} | {fmt(r['parse_top3'])} | "
            f"{fmt(r['parse_full'])} | {fmt(r['compact_full'])} | {r['parse_full'] / r['forward']:.2f} | {head} "
            f"| {r['resolve_ms']:.4f} ms | {r['resolve_after_forward_ms']:.4f} ms |"
        )
    add("")

    if http is not None:
        add(f"## 2. HTTP: `POST /v1/parse`, ATIS test sentences, load from {http.driver}\n")
        add(
            f"{args.seconds:g} s per run. *floor*: `bench/floor.py`, the same `ParseRequest` validation and orjson "
            f"response, fixed small answer. *service*: `app.main:app`, dynamic batching on (at most "
            f"{http.batching_max_size} requests a batch) or off (`SLOTFILL_BATCHING=false`: one forward per request "
            f"in the thread pool). *{NO_FRAMES}*: the same, batching on, without its resolution stage "
            "(`SLOTFILL_RESOLVE=false`: no places, no frame). CPU = server CPU time per request.\n"
        )
        add("| server | answer | c | req/s | p50 ms | p99 ms | CPU µs/req | vs floor |")
        add("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for row in http.rows:
            res: LoadResult = row["result"]
            floor = find(http.rows, "floor", "fixed", row["c"])
            ratio = res.rps / floor.rps if floor and floor.rps else 0.0
            errors = f" ({res.errors} errors)" if res.errors else ""
            add(
                f"| {row['server']} | {row['answer']} | {row['c']} | {fmt(res.rps)}{errors} | {res.p50_ms:.2f} | "
                f"{res.p99_ms:.1f} | {fmt(res.cpu_us_per_request)} | {ratio:.2f} |"
            )
        add("\n`POST /v1/parse/batch` with 256 ATIS sentences a request:\n")
        add("| server | workers | answer | c | round | sentences/s | p50 ms | p99 ms |")
        add("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
        for row in http.batch_rows:
            res = row["result"]
            add(
                f"| {row['server']} | {row['workers']} | {row['answer']} | {row['c']} | {row.get('round', 0) + 1} | "
                f"{fmt(res.rps * 256)} | {res.p50_ms:.1f} | {res.p99_ms:.1f} |"
            )
        add("")

    if training is not None:
        t = training
        add(f"## 3. Training (the model's recipe, torch threads = {t['threads']})\n")
        add("| measure | value |")
        add("| --- | ---: |")
        add(
            f"| one epoch here ({t['sentences']:,} sentences, incl. its validation pass) | {t['epoch_seconds']:.1f} s |"
        )
        add(f"| training sentences/s here | {fmt(t['sentences_per_s'])} |")
        add(f"| valid slot F1 after that epoch | {t['epoch1_valid_f1']:.2f} |")
        add(
            f"| recorded run of the bundled model: best valid slot F1 {t['recorded_best_f1']:.2f} at epoch "
            f"{t['recorded_best_epoch']} of {t['recorded_epochs']} | {t['recorded_seconds']:.0f} s in all |"
        )
        add(
            f"| projected here: wall time to the best valid F1 (best epoch x this epoch) | "
            f"{t['projected_to_best_s']:.0f} s |"
        )
        add("")

    add("## 4. Memory\n")
    if http is not None:
        add("| service worker (batching on) | RSS |")
        add("| --- | ---: |")
        add(f"| after start-up and warm-up | {http.rss_warm_mb:.0f} MB |")
        if http.rss_before_warm_mb is not None:
            add(f"| the --before service after the same warm-up | {http.rss_before_warm_mb:.0f} MB |")
        add(f"| after the `/v1/parse` runs | {http.rss_parse_mb:.0f} MB |")
        add(
            f"| after the `/v1/parse/batch` runs (256 full distributions a request, 2 at a time) | "
            f"{http.rss_after_mb:.0f} MB |"
        )
    add("")

    add("## Targets\n")
    add("| target | measured | holds |")
    add("| --- | --- | --- |")
    big = next((r for r in in_process if r["batch"] == 256), None)
    if big:
        ratio = big["parse_full"] / big["forward"]
        add(
            f"| parse at batch 256 ≥ {PREDICTOR_RATIO_256} × the forward alone (set against the padded forward "
            f"that no longer exists) | full answer {ratio:.2f}×, "
            f"top_k=3 {big['parse_top3'] / big['forward']:.2f}× | {mark(ratio >= PREDICTOR_RATIO_256)} |"
        )
    heads = [r["in_domain_head_ms"] for r in in_process if r["in_domain_head_ms"] is not None]
    if heads:
        add(
            f"| the in-domain head costs ≤ {IN_DOMAIN_HEAD_MS:g} ms a sentence | "
            f"{' / '.join(f'{h:.4f}' for h in heads)} ms at batch {' / '.join(str(r['batch']) for r in in_process)} "
            f"| {mark(max(heads) <= IN_DOMAIN_HEAD_MS)} |"
        )
    resolves = [r["resolve_ms"] for r in in_process]
    add(
        f"| resolving places and building the frame costs ≤ {RESOLVE_MS:g} ms a sentence | "
        f"{' / '.join(f'{r:.4f}' for r in resolves)} ms at batch {' / '.join(str(r['batch']) for r in in_process)} "
        f"| {mark(max(resolves) <= RESOLVE_MS)} |"
    )
    colds = [r["resolve_after_forward_ms"] for r in in_process]
    add(
        f"| ... and each batch resolved right after a forward pass, as the service runs it | "
        f"{' / '.join(f'{r:.4f}' for r in colds)} ms at batch {' / '.join(str(r['batch']) for r in in_process)} "
        f"| {mark(max(colds) <= RESOLVE_MS)} |"
    )
    if http is not None and http.frames_pairs:
        added_ms = [after - before for before, after in http.frames_pairs]
        median = statistics.median(added_ms)
        add(
            f"| ... and over HTTP, top_k=3, c=1: p50 ≤ {RESOLVE_MS:g} ms over the same model served without it "
            f"(median of {len(added_ms)} alternated pairs) | {median:+.2f} ms "
            f"({' / '.join(f'{a:+.2f}' for a in added_ms)}) | {mark(median <= RESOLVE_MS)} |"
        )
    for c in (1, 2):
        compared = batch_added_ms(http.batch_rows if http is not None else [], NO_FRAMES, c)
        if compared is not None:
            added, bare, full, each = compared
            add(
                f"| ... and over HTTP, /v1/parse/batch top_k=3, c={c}: ≤ {RESOLVE_MS:g} ms a sentence over the same "
                f"model served without it (median of {len(each)} alternated rounds) | {added:+.4f} ms "
                f"({' / '.join(f'{a:+.3f}' for a in each)}; {fmt(full)} vs {fmt(bare)} sentences/s) "
                f"| {mark(added <= RESOLVE_MS)} |"
            )
    if http is not None and http.rss_before_warm_mb is not None:
        if http.before_pairs:
            ratios = [after / before for before, after in http.before_pairs]
            ratio = statistics.median(ratios)
            pairs = ", ".join(f"{a:.2f} vs {b:.2f} ms" for b, a in http.before_pairs)
            add(
                f"| top_k=3, c=1: p50 ≤ {BEFORE_P50_C1_RATIO:g} × --before's (median of {len(ratios)} alternated "
                f"pairs) | {ratio:.2f}× ({' / '.join(f'{r:.2f}' for r in ratios)}: {pairs}) "
                f"| {mark(ratio <= BEFORE_P50_C1_RATIO)} |"
            )
        growth = http.rss_warm_mb - http.rss_before_warm_mb
        add(
            f"| a worker's RSS grows by ≤ {BEFORE_RSS_GROWTH_MB:g} MB over --before's (places, airlines, lookup) | "
            f"{growth:+.0f} MB ({http.rss_warm_mb:.0f} vs {http.rss_before_warm_mb:.0f}) | "
            f"{mark(growth <= BEFORE_RSS_GROWTH_MB)} |"
        )
        for c in (1, 2):
            compared = batch_added_ms(http.batch_rows, "before", c)
            if compared is not None:
                added, old, new, each = compared
                add(
                    f"| /v1/parse/batch top_k=3, c={c}: what the new model and the frames add a sentence "
                    f"(≤ {RESOLVE_MS:g} ms for frames; median of {len(each)} alternated rounds) | {added:+.4f} ms "
                    f"({' / '.join(f'{a:+.3f}' for a in each)}; {fmt(new)} vs {fmt(old)} sentences/s) "
                    f"| {mark(added <= RESOLVE_MS)} |"
                )
    if http is not None:
        floor32 = find(http.rows, "floor", "fixed", 32)
        top32 = find(http.rows, "service", "top_k=3", 32)
        full32 = find(http.rows, "service", "full", 32)
        top1 = find(http.rows, "service", "top_k=3", 1)
        if floor32 and top32:
            ratio = top32.rps / floor32.rps
            add(
                f"| top_k=3, c=32: ≥ {TOP3_RATIO_C32} × floor req/s | {ratio:.2f}× ({fmt(top32.rps)} vs "
                f"{fmt(floor32.rps)}) | {mark(ratio >= TOP3_RATIO_C32)} |"
            )
            add(
                f"| top_k=3, c=32: p99 ≤ {TOP3_P99_C32_MS:g} ms | {top32.p99_ms:.1f} ms | "
                f"{mark(top32.p99_ms <= TOP3_P99_C32_MS)} |"
            )
        if top1:
            add(
                f"| top_k=3, c=1: p50 ≤ {TOP3_P50_C1_MS:g} ms | {top1.p50_ms:.2f} ms | "
                f"{mark(top1.p50_ms <= TOP3_P50_C1_MS)} |"
            )
        if floor32 and full32:
            ratio = full32.rps / floor32.rps
            compact32 = find(http.rows, "service", "compact", 32)
            as_compact = f"; `compact` {compact32.rps / floor32.rps:.2f}×" if compact32 else ""
            add(
                f"| full distribution, c=32: ≥ {FULL_RATIO_C32} × floor req/s | {ratio:.2f}×{as_compact} | "
                f"{mark(ratio >= FULL_RATIO_C32)} |"
            )
        if http.batch_rows:
            served = [row for row in http.batch_rows if row["server"] == "service"]
            best_row = max(served, key=lambda row: row["result"].rps)
            rate = best_row["result"].rps * 256
            default = [row["result"].rps * 256 for row in served if row["answer"] == "full"]
            add(
                f"| /v1/parse/batch, 256 sentences: ≥ {BATCH_SENTENCES_PER_S:,.0f} sentences/s | best {fmt(rate)} "
                f"({best_row['answer']}, {best_row['workers']} worker(s), c={best_row['c']}); full answer best "
                f"{fmt(max(default, default=0))} | {mark(rate >= BATCH_SENTENCES_PER_S)} |"
            )
        rss = max(http.rss_warm_mb, http.rss_after_mb)
        add(f"| one worker ≤ {MAX_RSS_MB:g} MB RSS | {rss:.0f} MB | {mark(rss <= MAX_RSS_MB)} |")
    add("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="slotfill serving benchmarks; writes a markdown report")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.md", help="markdown file to write")
    parser.add_argument("--data", type=Path, default=None, help="ATIS folder (default: $SLOTFILL_DATA)")
    parser.add_argument("--quick", action="store_true", help="short runs, no training")
    parser.add_argument("--seconds", type=float, default=None, help="seconds per HTTP run (default 5; quick 2)")
    parser.add_argument("--rounds", type=int, default=None, help="in-process rounds, best kept (default 5; quick 3)")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--no-train", action="store_true")
    parser.add_argument("--model", type=Path, default=None, help="checkpoint folder (default: the bundled model)")
    parser.add_argument(
        "--before",
        type=Path,
        default=None,
        help="a checkpoint served as the service was before (no resolution stage), timed beside the model",
    )
    args = parser.parse_args(argv)
    args.seconds = args.seconds or (2.0 if args.quick else 5.0)
    args.rounds = args.rounds or (3 if args.quick else 5)
    data = args.data or default_data_dir()
    sentences = read_sentences(data)
    started = time.time()
    machine = machine_description()
    print(f"bench: {machine}")
    print("bench: 1. in process")
    in_process = bench_in_process(sentences, args.rounds, args.model)
    with tempfile.TemporaryDirectory(prefix="slotfill-bench-") as tmp:
        workdir = Path(tmp)
        http = None
        if not args.no_http:
            print("bench: 2. HTTP")
            http = bench_http(sentences, args.seconds, args.concurrency, workdir, args.model, args.before)
        training = None
        if not (args.quick or args.no_train):
            print("bench: 3. training (one epoch)")
            training = bench_training(data, workdir, args.model)
    report = render(args, started, machine, in_process, http, training)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)
    print(f"bench: wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
