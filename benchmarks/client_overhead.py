"""Client overhead: our GroqApiClient.chat against a raw requests.Session on the same emulator endpoint.

    python -m benchmarks.client_overhead [--requests 300]
"""

from __future__ import annotations

import argparse
import statistics
import time

import requests

from benchmarks.results_file import write_result
from groq_desktop.core.api.client import GroqApiClient
from groq_desktop.core.config import ClientConfig
from groq_desktop.core.secrets import Secret
from groq_desktop.emulator import EmulatorConfig, EmulatorServer

MODEL = "openai/gpt-oss-20b"
KEY = "gsk_benchmark_key_0123456789"
MESSAGES = [{"role": "user", "content": "Say hi. [[emulator reply_tokens=20]]"}]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    server = EmulatorServer(EmulatorConfig(plan="developer", time_scale=1000.0, tokens_per_second=1e9)).start()
    ours = GroqApiClient(ClientConfig(api_key=Secret(KEY), base_url=server.base_url))
    raw = requests.Session()
    url = server.base_url + "/openai/v1/chat/completions"
    body = {"model": MODEL, "messages": MESSAGES, "max_completion_tokens": 20}

    def raw_call() -> None:
        response = raw.post(url, json=body, headers={"Authorization": f"Bearer {KEY}"}, timeout=30)
        response.raise_for_status()
        response.json()

    def our_call() -> None:
        ours.chat(MODEL, MESSAGES, max_completion_tokens=20)

    for _ in range(20):  # warm both connection pools and the emulator
        raw_call()
        our_call()
    raw_times, our_times = [], []
    for _ in range(args.requests):  # interleaved, so drift hits both alike
        t = time.perf_counter()
        raw_call()
        raw_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        our_call()
        our_times.append(time.perf_counter() - t)
    server.stop()
    raw_median, our_median = statistics.median(raw_times), statistics.median(our_times)
    write_result(
        "client_overhead",
        [
            {"client": "raw requests.Session", "median ms": raw_median * 1000, "p90 ms": _p90(raw_times) * 1000},
            {"client": "GroqApiClient.chat", "median ms": our_median * 1000, "p90 ms": _p90(our_times) * 1000,
             "median ratio": round(our_median / raw_median, 3)},
        ],
        f"{args.requests} interleaved non-streamed chat requests each, same emulator endpoint (20-token replies). "
        "Ours also parses rate-limit headers, maps errors and builds typed results.",
    )


def _p90(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.9)]


if __name__ == "__main__":
    main()
