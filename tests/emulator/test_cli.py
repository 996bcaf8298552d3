"""The ``groq-emulator`` command line."""

from __future__ import annotations

import argparse
import json
import threading
from pathlib import Path

import pytest

from groq_desktop.core.quota.limits import Dimension
from groq_desktop.emulator import Fault
from groq_desktop.emulator.cli import FaultSpec, main, parse_fault, parse_options


def test_parse_options_builds_the_config(tmp_path: Path) -> None:
    limits = tmp_path / "limits.json"
    limits.write_text(json.dumps({"plans": {"free": {"models": {"openai/gpt-oss-20b": {"RPM": 3, "TPM": 99}}}}}))
    options = parse_options([
        "--host", "127.0.0.1", "--port", "0", "--plan", "developer", "--time-scale", "60",
        "--tokens-per-second", "2500", "--api-key", "gsk_cli_key_0001", "--limits", str(limits),
        "--fault", "http_503:2", "--fault", "RESET",
    ])
    config = options.config
    assert (options.host, options.port) == ("127.0.0.1", 0)
    assert config.plan == "developer" and config.time_scale == 60.0 and config.tokens_per_second == 2500.0
    assert config.api_key == "gsk_cli_key_0001"
    assert config.limits is not None
    assert config.limits.limits_for("openai/gpt-oss-20b", "free").get(Dimension.TPM) == 99
    assert options.faults == (FaultSpec(Fault.HTTP_503, 2), FaultSpec(Fault.RESET, 1))


def test_defaults() -> None:
    options = parse_options([])
    assert options.port == 8765 and options.config.plan == "free" and options.config.api_key is None
    assert options.config.limits is None and options.faults == ()
    assert not options.config.unknown_limits and not options.config.decommissioned_as_400


def test_unknown_limits_and_decommissioned_flags() -> None:
    config = parse_options(["--unknown-limits", "--decommissioned-400"]).config
    assert config.unknown_limits and config.decommissioned_as_400


@pytest.mark.parametrize("text", ["gremlins", "cut:zero", "cut:0"])
def test_bad_fault_specs_are_rejected(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        parse_fault(text)


def test_bad_arguments_exit_with_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        parse_options(["--time-scale", "0"])
    with pytest.raises(SystemExit):
        parse_options(["--limits", str(tmp_path / "missing.json")])


def test_main_serves_until_told_to_stop(capsys: pytest.CaptureFixture[str]) -> None:
    stop = threading.Event()
    stop.set()  # already set: main starts, announces itself, stops and returns
    assert main(["--port", "0", "--fault", "stall"], until=stop) == 0
    out = capsys.readouterr().out
    assert "http://127.0.0.1:" in out and "GROQ_BASE_URL=" in out
