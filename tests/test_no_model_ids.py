"""No Groq model id is written into the app's logic: ids live in resources/models.json only."""

from __future__ import annotations

import ast
from pathlib import Path

from groq_desktop.core.catalogue import shipped_catalogue

PACKAGE = Path(__file__).resolve().parents[1] / "groq_desktop"
# The emulator plays Groq (its catalogue is data); limits.py is being moved to the catalogue by its owner.
EXEMPT = {PACKAGE / "emulator", PACKAGE / "core" / "quota" / "limits.py"}


def _string_constants(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    return {node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)}


def test_no_model_id_in_the_code() -> None:
    catalogue = shipped_catalogue()
    ids = set(catalogue.models) | set(catalogue.retired)
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if any(path == exempt or exempt in path.parents for exempt in EXEMPT):
            continue
        named = ids & _string_constants(path)
        if named:
            found[str(path.relative_to(PACKAGE))] = sorted(named)
    assert found == {}
