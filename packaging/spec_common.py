"""What every platform's PyInstaller spec shares: the entry point, data, hidden imports and excludes.

Read by the ``*.spec`` files (``sys.path`` gets this folder); not part of the app.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRY = str(ROOT / "groq_desktop" / "__main__.py")
ICON_SVG = ROOT / "groq_desktop" / "resources" / "icon.svg"
VERSION = re.search(r'__version__ = "([^"]+)"', (ROOT / "groq_desktop" / "__init__.py").read_text()).group(1)

# tiktoken finds its encodings through a namespace plugin that static analysis cannot see.
HIDDEN_IMPORTS = ["tiktoken_ext", "tiktoken_ext.openai_public"]
# keyring picks its backend at run time (Secret Service, macOS Keychain, Windows Credential Locker);
# platformdirs imports its platform module by name.
HIDDEN_PACKAGES = ["keyring.backends", "platformdirs"]

# Qt modules the app does not import: PySide6's hooks would otherwise pull some of them (and their
# plugins, QML files and translations) in through a dependency. QtSvg stays: the SVG icon needs it.
UNUSED_QT = [
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender", "QtAxContainer",
    "QtBluetooth", "QtCanvasPainter", "QtDataVisualization", "QtDesigner", "QtGraphs", "QtGraphsWidgets",
    "QtHelp", "QtHttpServer", "QtLocation", "QtNetworkAuth", "QtNfc", "QtPdf", "QtPdfWidgets", "QtPositioning",
    "QtQml", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects",
    "QtScxml", "QtSensors", "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine",
    "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel", "QtWebEngineCore", "QtWebEngineQuick",
    "QtWebEngineWidgets", "QtWebSockets", "QtWebView", "QtXml",
]
EXCLUDES = [f"PySide6.{name}" for name in UNUSED_QT] + [
    # Python modules nothing in the app imports (test tools, GUI toolkits, the SDK the tests compare with).
    "tkinter", "_tkinter", "pytest", "_pytest", "hypothesis", "pytestqt", "groq", "importlinter", "ruff",
    "numpy", "IPython", "matplotlib", "pydoc_data", "lib2to3", "setuptools", "pip",
]

# Shared libraries of unused Qt modules that a hook or a plugin may still drag in. Not Qt6Qml or
# Qt6Quick: the FFmpeg multimedia plugin links them, and playback needs that plugin.
_UNUSED_LIB_MARKERS = (
    "Qt6Pdf", "Qt6WebEngine", "Qt63D", "Qt6Quick3D", "Qt6QuickControls2", "Qt6Designer", "Qt6VirtualKeyboard",
)


def keep_binary(dest: str) -> bool:
    return not any(marker in dest for marker in _UNUSED_LIB_MARKERS)


def analysis_kwargs() -> dict:
    from PyInstaller.utils.hooks import collect_data_files, collect_submodules

    hidden = HIDDEN_IMPORTS + [m for package in HIDDEN_PACKAGES for m in collect_submodules(package)]
    return {
        "scripts": [ENTRY],
        "pathex": [str(ROOT)],
        # Tokenizer files, limits, prices, the model catalogue, the icon and the self-test clip.
        "datas": collect_data_files("groq_desktop", includes=["resources/**/*"], excludes=["**/__pycache__/*"]),
        "hiddenimports": hidden,
        "excludes": EXCLUDES,
        "noarchive": False,
    }


def prune(analysis) -> None:  # noqa: ANN001 - PyInstaller's Analysis has no public type
    """Drop the libraries of Qt modules the app does not use from ``analysis.binaries``."""
    analysis.binaries = [entry for entry in analysis.binaries if keep_binary(entry[0])]
