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


# The real main(): at the first paint of the main window, none of the services' or panels' modules are loaded;
# a key typed then is kept and ends up in the chat composer once the panels are built; once the queue panels
# exist, start-up's objects are frozen out of the garbage collector's full passes (a ~100 ms stall otherwise).
_MAIN = """
import json, sys
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
seen = {}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "loaded" not in seen and isinstance(watched, QMainWindow):
            seen["loaded"] = [name for name in json.loads(sys.argv[1]) if name in sys.modules]
            seen["window"] = watched
            target = QApplication.focusWidget()
            seen["focus"] = target.objectName() if target else None
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.postEvent(target, QKeyEvent(kind, Qt.Key.Key_H, Qt.KeyboardModifier.NoModifier, "h"))
        return False

def poll():
    import gc
    window = seen.get("window")
    if window is not None and window.attached and "composer" not in seen:
        seen["composer"] = window.chat_panel.composer.text()
        seen["composer_focused"] = window.chat_panel.composer.edit.hasFocus()
    panels = [type(window.stack.widget(i)).__name__ for i in (1, 4)] if "composer" in seen else []
    if panels == ["TranscriptionPanel", "BulkPanel"]:
        seen["frozen"] = gc.get_freeze_count() > 0  # start-up's objects kept out of full collections
        del seen["window"]
        json.dump(seen, sys.stdout)
        sys.stdout.flush()
        app.quit()

paint = FirstPaint()
app.installEventFilter(paint)
probe = QTimer(interval=5, timeout=poll)
probe.start()
QTimer.singleShot(60_000, app.quit)
from groq_desktop.app.main import main
main([])
"""
BEFORE_FIRST_PAINT = (*HEAVY, "requests", "markdown_it", "pygments", "groq_desktop.app.chat.panel",
                      "groq_desktop.app.composition", "groq_desktop.core.store.storage", "groq_desktop.services.chat")


def test_main_paints_before_loading_the_services_and_keeps_what_was_typed_meanwhile(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GROQ_")}
    env.update(GROQ_DESKTOP_HOME=str(tmp_path / "home"), QT_QPA_PLATFORM="offscreen", QT_API="pyside6",
               GROQ_API_KEY="gsk_lazy_imports_test", GROQ_BASE_URL="http://127.0.0.1:9")
    done = subprocess.run([sys.executable, "-c", _MAIN, json.dumps(BEFORE_FIRST_PAINT)],
                          env=env, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["loaded"] == []
    assert result["focus"] == "earlyComposer"
    assert result["composer"] == "h"
    assert result["composer_focused"] is True
    assert result["frozen"] is True
