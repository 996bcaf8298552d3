"""The first screen imports nothing it does not need: heavy modules load on first use (cold start)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("av", "PySide6.QtCharts", "PySide6.QtMultimedia", "boto3", "pypdf", "tiktoken")

# Builds what main() builds for a live start (a key, so no emulator) and shows the main window.
_FIRST_SCREEN = """
import json, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from groq_desktop.app.composition import build_services
from groq_desktop.app.main_window import MainWindow
from groq_desktop.app.settings import AppSettings
from groq_desktop.core.config import load_config
config = load_config({"GROQ_API_KEY": "gsk_lazy_imports_test", "GROQ_BASE_URL": "http://127.0.0.1:9"}, {})
services = build_services(config)
window = MainWindow(services, AppSettings(QSettings(sys.argv[1], QSettings.Format.IniFormat)))
window.show()
app.processEvents()
loaded = [name for name in json.loads(sys.argv[2]) if name in sys.modules]
monitor = window.monitor_panel
json.dump({"loaded": loaded, "charts_after_monitor": "PySide6.QtCharts" in sys.modules,
           "monitor_in_stack": window.stack.indexOf(monitor)}, sys.stdout)
services.close()
"""


def test_the_first_screen_does_not_import_heavy_modules(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GROQ_")}
    env.update(GROQ_DESKTOP_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen", QT_API="pyside6")
    done = subprocess.run(
        [sys.executable, "-c", _FIRST_SCREEN, str(tmp_path / "s.ini"), json.dumps(HEAVY)],
        env=env, capture_output=True, text=True, timeout=90, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["loaded"] == []
    # Reaching a panel built on first use builds it in its place, with its imports (the check sees them).
    assert result["charts_after_monitor"] is True
    assert result["monitor_in_stack"] == 3
