"""Where benchmark numbers go: benchmarks/results/<name>.json and a Markdown table for the README."""

from __future__ import annotations

import json
import platform
import time
from pathlib import Path
from typing import Any

RESULTS_DIR = Path(__file__).resolve().parent / "results"


def write_result(name: str, rows: list[dict[str, Any]], notes: str = "") -> Path:
    """Save rows (one dict per measured variant) as JSON and as a Markdown table; print the table."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    meta = {"benchmark": name, "at": time.strftime("%Y-%m-%d %H:%M:%S"), "machine": platform.platform(),
            "python": platform.python_version(), "notes": notes}
    (RESULTS_DIR / f"{name}.json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2) + "\n")
    columns = list(dict.fromkeys(key for row in rows for key in row))
    lines = [f"### {name}", "", notes, "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_cell(row.get(c)) for c in columns) + " |" for row in rows]
    table = "\n".join(lines) + "\n"
    (RESULTS_DIR / f"{name}.md").write_text(table)
    print(table)
    return RESULTS_DIR / f"{name}.json"


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 100 else f"{value:,.0f}"
    return "" if value is None else str(value)
