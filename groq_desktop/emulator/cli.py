"""``groq-emulator``: run the Groq-compatible emulator from a shell.

    groq-emulator --port 8765 --time-scale 60 --fault http_503:2
    GROQ_BASE_URL=http://127.0.0.1:8765 GROQ_API_KEY=gsk_anything_long some-client
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from groq_desktop.core.quota.limits import LimitTable
from groq_desktop.emulator.server import EmulatorConfig, EmulatorServer, Fault


@dataclass(frozen=True)
class FaultSpec:
    kind: Fault
    times: int = 1


@dataclass(frozen=True)
class EmulatorOptions:
    config: EmulatorConfig
    host: str = "127.0.0.1"
    port: int = 0
    faults: tuple[FaultSpec, ...] = field(default=())


def parse_fault(text: str) -> FaultSpec:
    """``KIND`` or ``KIND:COUNT``, e.g. ``http_503:2`` or ``reset``."""
    kind, _, count = text.partition(":")
    try:
        fault = Fault(kind.strip().lower())
    except ValueError as exc:
        choices = ", ".join(f.value for f in Fault)
        raise argparse.ArgumentTypeError(f"unknown fault {kind!r}; choose from {choices}") from exc
    try:
        times = int(count) if count else 1
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"fault count must be a whole number, not {count!r}") from exc
    if times < 1:
        raise argparse.ArgumentTypeError("fault count must be at least 1")
    return FaultSpec(fault, times)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="groq-emulator", description="A Groq-compatible API server on loopback.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765, help="0 picks a free port")
    parser.add_argument("--plan", default="free", help="which plan's limits to enforce (free, developer, ...)")
    parser.add_argument("--time-scale", type=float, default=1.0, help="60: a minute of quota refills in a second")
    parser.add_argument("--tokens-per-second", type=float, default=1000.0, help="stream pacing")
    parser.add_argument("--tokens-per-chunk", type=int, default=1)
    parser.add_argument("--api-key", default=None, help="accept only this key (default: any gsk_ key)")
    parser.add_argument("--limits", type=Path, default=None, help="a limits JSON file merged over the shipped one")
    parser.add_argument(
        "--unknown-limits", action="store_true",
        help="send no x-ratelimit-* headers: a client must learn the limits (enforced from --limits or the table)",
    )
    parser.add_argument(
        "--decommissioned-400", action="store_true",
        help="answer retired model ids with the older 400 model_decommissioned instead of 404 model_not_found",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stall-seconds", type=float, default=30.0)
    parser.add_argument(
        "--fault", type=parse_fault, action="append", default=[], metavar="KIND[:COUNT]",
        help="inject a fault into the next COUNT requests; repeatable",
    )
    return parser


def parse_options(argv: list[str] | None = None) -> EmulatorOptions:
    args = build_parser().parse_args(argv)
    if args.time_scale <= 0:
        build_parser().error("--time-scale must be positive")
    if args.limits is not None and not args.limits.exists():
        build_parser().error(f"--limits file not found: {args.limits}")
    config = EmulatorConfig(
        plan=args.plan,
        limits=LimitTable.load(args.limits) if args.limits is not None else None,
        time_scale=args.time_scale,
        tokens_per_second=args.tokens_per_second,
        tokens_per_chunk=max(1, args.tokens_per_chunk),
        api_key=args.api_key,
        seed=args.seed,
        stall_seconds=args.stall_seconds,
        unknown_limits=args.unknown_limits,
        decommissioned_as_400=args.decommissioned_400,
    )
    return EmulatorOptions(config, args.host, args.port, tuple(args.fault))


def main(argv: list[str] | None = None, *, until: threading.Event | None = None) -> int:
    """Run until Ctrl+C (or until ``until`` is set, which is how tests stop it)."""
    options = parse_options(argv)
    logging.basicConfig(level=logging.WARNING, format="groq-emulator: %(message)s")  # warnings reach stderr
    server = EmulatorServer(options.config, options.host, options.port).start()
    for spec in options.faults:
        server.inject(spec.kind, spec.times)
    print(f"Groq emulator listening on {server.base_url} (plan {options.config.plan}); "
          f"use GROQ_BASE_URL={server.base_url}", flush=True)
    stop = until or threading.Event()
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
