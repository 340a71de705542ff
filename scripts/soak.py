"""Soak test: many concurrent clients against a real `slotfill serve` on 127.0.0.1, for a bounded time.

Passes (exit 0) only with no errors, RSS growth under --max-rss-growth after warm-up, and the
same answer to the same sentence from the first request to the last.

    python scripts/soak.py --seconds 60 --concurrency 64
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from cli.server_process import log_tail, serve

SENTENCES = [
    "flights from boston to denver on monday morning",
    "what is the cheapest fare from dallas to san francisco",
    "i would like to arrive taipei on november second",
    "show me ground transportation in atlanta",
    "which airlines fly from pittsburgh to baltimore before 8 am",
    "I'd like a round trip ticket from St. Louis to New York!",
]
# One moment for every request: the frame's dates are read from it, and it is part of the answer.
REFERENCE_TIME = "2026-11-29T10:00:00-05:00"


def body(sentence: str) -> dict:
    return {"text": sentence, "reference_time": REFERENCE_TIME}


def same_answer(a: dict, b: dict, tolerance: float = 1e-5) -> bool:
    """Same labels, spans and intent; probabilities equal up to float noise.

    Requests tagged together share a padded batch, and a different batch shape sums in another
    order, so probabilities may differ in the last bits; anything a user acts on must not.
    """

    def close(x: object, y: object) -> bool:
        if isinstance(x, float) and isinstance(y, float):
            return abs(x - y) <= tolerance
        if isinstance(x, dict) and isinstance(y, dict):
            return list(x) == list(y) and all(close(x[k], y[k]) for k in x)
        if isinstance(x, list) and isinstance(y, list):
            return len(x) == len(y) and all(close(i, j) for i, j in zip(x, y, strict=True))
        return x == y

    return close(a, b)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


async def soak(base: str, pid: int, seconds: float, concurrency: int, warmup: float) -> dict:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        first = {s: (await client.post("/v1/parse", json=body(s))).json() for s in SENTENCES}
        stats: dict[str, Any] = {"requests": 0, "errors": 0, "mismatches": 0, "error_samples": []}
        stop_at = time.monotonic() + seconds
        rss_after_warmup: list[float] = []

        async def worker(index: int) -> None:
            i = index
            while time.monotonic() < stop_at:
                sentence = SENTENCES[i % len(SENTENCES)]
                i += 1
                outcome: httpx.Response | httpx.HTTPError
                try:
                    outcome = await client.post("/v1/parse", json=body(sentence))
                    ok = outcome.status_code == 200
                    if ok and not same_answer(outcome.json(), first[sentence]):
                        stats["mismatches"] += 1
                except httpx.HTTPError as exc:
                    ok, outcome = False, exc
                stats["requests"] += 1
                if not ok:
                    stats["errors"] += 1
                    if len(stats["error_samples"]) < 3:
                        stats["error_samples"].append(repr(outcome)[:200])

        async def sample_rss() -> None:
            await asyncio.sleep(warmup)
            rss_after_warmup.append(rss_mb(pid))

        started = time.monotonic()
        await asyncio.gather(sample_rss(), *(worker(i) for i in range(concurrency)))
        elapsed = time.monotonic() - started
        last = {s: (await client.post("/v1/parse", json=body(s))).json() for s in SENTENCES}
    rss_end = rss_mb(pid)
    return {
        **stats,
        "seconds": elapsed,
        "concurrency": concurrency,
        "requests_per_second": stats["requests"] / elapsed,
        "rss_mb_after_warmup": rss_after_warmup[0],
        "rss_mb_end": rss_end,
        "rss_growth": rss_end / rss_after_warmup[0] - 1,
        "first_equals_last": all(same_answer(first[s], last[s]) for s in SENTENCES),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--warmup", type=float, default=5, help="seconds before the first RSS reading")
    parser.add_argument("--max-rss-growth", type=float, default=0.10)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    with serve() as server:
        warmup = min(args.warmup, args.seconds / 3)
        result = asyncio.run(soak(server.url, server.process.pid, args.seconds, args.concurrency, warmup))
        server_log = log_tail(server.log)  # read before the temporary log goes with the server
    print(json.dumps(result, indent=1))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1))
    problems = []
    if result["errors"]:
        problems.append(f"{result['errors']} errors")
    if result["mismatches"] or not result["first_equals_last"]:
        problems.append(f"answers changed ({result['mismatches']} mismatches)")
    if result["rss_growth"] >= args.max_rss_growth:
        problems.append(f"RSS grew {100 * result['rss_growth']:.1f}%")
    if problems:
        print(f"---- server log (last lines):\n{server_log}", file=sys.stderr)
    print("soak: " + ("FAILED: " + "; ".join(problems) if problems else "ok"))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
