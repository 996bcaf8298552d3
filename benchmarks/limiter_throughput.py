"""Limiter throughput: reservations per second with 16 threads contending, against two baselines
measured in the same run: one thread on our limiter, and 16 threads on a bare lock-protected counter.

    python -m benchmarks.limiter_throughput [--seconds 2]
"""

from __future__ import annotations

import argparse
import threading
import time

from benchmarks.results_file import write_result
from groq_desktop.core.quota.limits import Cost, LimitTable, ModelLimits
from groq_desktop.core.quota.rate_limiter import RateLimiter, Reservation

MODEL = "openai/gpt-oss-20b"


def limiter() -> RateLimiter:
    table = LimitTable.load()
    huge = {"RPM": 1e12, "RPD": 1e12, "TPM": 1e12, "TPD": 1e12}
    table.set_limits(MODEL, ModelLimits.from_mapping(huge))
    return RateLimiter(table)


def hammer(threads: int, seconds: float, work: callable) -> float:  # type: ignore[valid-type]
    stop = threading.Event()
    counts = [0] * threads

    def loop(i: int) -> None:
        n = 0
        while not stop.is_set():
            for _ in range(100):
                work()
            n += 100
        counts[i] = n

    workers = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    started = time.perf_counter()
    for w in workers:
        w.start()
    stop.wait(seconds)
    stop.set()
    for w in workers:
        w.join()
    return sum(counts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args()
    cost = Cost(tokens=500)

    def reserve_and_settle(rl: RateLimiter) -> callable:  # type: ignore[valid-type]
        def work() -> None:
            res = rl.try_reserve(MODEL, cost)
            assert isinstance(res, Reservation)
            rl.settle(res, Cost(tokens=450))
        return work

    lock, box = threading.Lock(), [0]

    def bare_lock() -> None:
        with lock:
            box[0] += 1

    rows = [
        {"variant": "RateLimiter reserve+settle, 16 threads",
         "ops/s": hammer(16, args.seconds, reserve_and_settle(limiter()))},
        {"variant": "RateLimiter reserve+settle, 1 thread",
         "ops/s": hammer(1, args.seconds, reserve_and_settle(limiter()))},
        {"variant": "baseline: bare lock + counter, 16 threads", "ops/s": hammer(16, args.seconds, bare_lock)},
    ]
    write_result("limiter_throughput", rows, "Each op is one reservation across 4 dimensions plus its settlement.")


if __name__ == "__main__":
    main()
