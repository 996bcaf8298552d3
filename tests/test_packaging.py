"""The self-test and the packaging scripts' logic (the slow build itself runs in packaging/check.sh)."""

from __future__ import annotations

import importlib.util
import io
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from groq_desktop.app import self_test

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the self-test ---------------------------------------------------------------------------


def test_self_test_passes_offscreen_in_demo_mode_without_touching_the_users_data(tmp_path: Path) -> None:
    users_home = tmp_path / "users-home"
    users_home.mkdir()
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the self-test must choose offscreen itself
    env.pop("DISPLAY", None)
    # A user's key and server must not turn the self-test into a live run.
    env.update(GROQ_DESKTOP_HOME=str(users_home), GROQ_API_KEY="gsk_" + "x" * 40, GROQ_BASE_URL="http://127.0.0.1:9")
    result = subprocess.run(
        [sys.executable, "-m", "groq_desktop", "--self-test"],
        capture_output=True, text=True, env=env, timeout=90, check=False,
    )
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    checks = [line.split(":")[0] for line in lines if line.startswith(("ok ", "FAIL"))]
    assert checks == ["ok   window", "ok   qt modules", "ok   languages", "ok   chat", "ok   transcription", "ok   tokens"], lines
    assert "tokens streamed in" in result.stdout and "3.0 s clip" in result.stdout
    assert lines[-1] == "self-test: 6 passed, 0 failed"
    assert list(users_home.iterdir()) == [], "the self-test wrote into the user's data folder"


def test_a_failed_check_gives_a_fail_line_and_exit_status_1(monkeypatch: pytest.MonkeyPatch) -> None:
    results = [self_test.CheckResult("chat", True, "fine"), self_test.CheckResult("tokens", False, "no tokenizer")]

    def checks(out: io.StringIO) -> list[self_test.CheckResult]:
        for result in results:
            print(result.line(), file=out)
        return results

    monkeypatch.setattr(self_test, "_run_checks", checks)
    monkeypatch.setattr(self_test, "isolate", lambda home: None)
    out = io.StringIO()
    assert self_test.run(out) == 1
    assert out.getvalue().splitlines() == ["ok   chat: fine", "FAIL tokens: no tokenizer", "self-test: 1 passed, 1 failed"]


def test_a_start_up_error_is_a_failed_self_test(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(out: io.StringIO) -> list[self_test.CheckResult]:
        raise ImportError("libEGL.so.1: cannot open shared object file")

    monkeypatch.setattr(self_test, "_run_checks", broken)
    monkeypatch.setattr(self_test, "isolate", lambda home: None)
    out = io.StringIO()
    assert self_test.run(out) == 1
    assert out.getvalue().startswith("FAIL start: ImportError: libEGL.so.1")


def test_isolate_points_every_folder_into_its_own_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from groq_desktop.core import paths

    monkeypatch.setenv("GROQ_API_KEY", "gsk_users_real_key_0123456789")
    monkeypatch.setenv("GROQ_BASE_URL", "https://api.groq.com")
    for name in ("GROQ_DESKTOP_HOME", "QT_QPA_PLATFORM", "GROQ_DEMO", "QT_LOGGING_RULES"):
        monkeypatch.setenv(name, os.environ.get(name, ""))  # restored after the test
    self_test.isolate(tmp_path)
    assert "GROQ_API_KEY" not in os.environ and "GROQ_BASE_URL" not in os.environ
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen" and os.environ["GROQ_DEMO"] == "1"
    assert paths.data_dir().parent == tmp_path and paths.cache_dir().parent == tmp_path


def test_the_bundled_clip_is_short_small_audio() -> None:
    import av

    clip = self_test.clip_path()
    assert clip.is_file() and clip.stat().st_size < 100_000
    with av.open(str(clip)) as container:
        assert container.streams.audio and 1.0 <= container.duration / av.time_base <= 10.0


# --- the packaging scripts ----------------------------------------------------------------------


def test_depends_keeps_system_libraries_and_drops_bundled_ones(tmp_path: Path) -> None:
    deb_depends = _load("deb_depends")
    tree = tmp_path / "groq-desktop"
    ldd = f"""{tree}/_internal/libQt6Gui.so.6:
\tlinux-vdso.so.1 (0x00007ffd)
\tlibEGL.so.1 => /lib/x86_64-linux-gnu/libEGL.so.1 (0x00007f01)
\tlibQt6Core.so.6 => {tree}/_internal/libQt6Core.so.6 (0x00007f02)
\tlibglib-2.0.so.0 => /lib/x86_64-linux-gnu/libglib-2.0.so.0 (0x00007f03)
\tlibgtk-3.so.0 => not found
"""
    found = deb_depends.system_libraries(ldd, tree, bundled={"libglib-2.0.so.0"})
    assert found == {"/lib/x86_64-linux-gnu/libEGL.so.1"}


def test_unused_qt_is_pruned_but_the_multimedia_plugins_libraries_stay() -> None:
    spec_common = _load("spec_common")
    assert not spec_common.keep_binary("PySide6/Qt/lib/libQt6Pdf.so.6")
    assert not spec_common.keep_binary("PySide6/Qt/lib/libQt6WebEngineCore.so.6")
    # The FFmpeg multimedia plugin links Qt6Qml and Qt6Quick: pruning them breaks playback.
    for kept in ("libQt6Quick.so.6", "libQt6Qml.so.6", "libQt6Multimedia.so.6", "libQt6Charts.so.6", "libQt6Svg.so.6"):
        assert spec_common.keep_binary(f"PySide6/Qt/lib/{kept}"), kept
    assert "PySide6.QtWebEngineCore" in spec_common.EXCLUDES and "tiktoken_ext.openai_public" in spec_common.HIDDEN_IMPORTS
    assert not any(m in spec_common.EXCLUDES for m in ("PySide6.QtCharts", "PySide6.QtMultimedia", "PySide6.QtSvg"))


def _fake_install_root(tmp_path: Path) -> Path:
    render_icons = _load("render_icons")
    root = tmp_path / "root"
    launcher = root / "usr/bin/groq-desktop"
    launcher.parent.mkdir(parents=True)
    launcher.write_text("#!/bin/sh\n")
    (root / "usr/share/applications").mkdir(parents=True)
    (root / "usr/share/applications/groq-desktop.desktop").write_text(
        (PACKAGING.parent / "resources/groq-desktop.desktop").read_text()
    )
    written = render_icons.render(root / "usr/share/icons")
    assert len(written) == len(render_icons.SIZES) + 1
    return root


def test_the_shipped_desktop_entry_and_rendered_icons_pass_the_check(tmp_path: Path) -> None:
    from PySide6.QtGui import QImage

    check_desktop = _load("check_desktop")
    root = _fake_install_root(tmp_path)
    entry = check_desktop.read_entry(root / "usr/share/applications/groq-desktop.desktop")
    assert check_desktop.problems(entry, root) == []
    icon = QImage(str(root / "usr/share/icons/hicolor/48x48/apps/groq-desktop.png"))
    assert (icon.width(), icon.height()) == (48, 48) and icon.pixelColor(24, 4).alpha() == 255


def test_the_desktop_check_finds_what_breaks_open_with(tmp_path: Path) -> None:
    check_desktop = _load("check_desktop")
    root = _fake_install_root(tmp_path)
    entry = check_desktop.read_entry(root / "usr/share/applications/groq-desktop.desktop")
    broken = dict(entry, Exec="groq-desktop", MimeType="audio/mpeg;")
    (root / "usr/share/icons/hicolor/16x16/apps/groq-desktop.png").unlink()
    found = check_desktop.problems(broken, root)
    assert "Exec= takes no files (%F), so 'Open with' would open nothing" in found
    assert "MimeType= lacks video/mp4" in found and "no 16x16 icon" in found


def test_install_sh_installs_into_a_prefix_and_uninstalls(tmp_path: Path) -> None:
    tree = _fake_install_root(tmp_path)
    app = tree / "opt/groq-desktop"
    app.mkdir(parents=True)
    (app / "groq-desktop").write_text("#!/bin/sh\necho installed-app \"$@\"\n")
    (app / "groq-desktop").chmod(0o755)
    (tree / "install.sh").write_text((PACKAGING / "linux/install.sh").read_text())
    prefix = tmp_path / "prefix"
    env = dict(os.environ, PREFIX=str(prefix))
    subprocess.run(["sh", str(tree / "install.sh")], env=env, check=True, capture_output=True, timeout=30)
    run = subprocess.run([str(prefix / "bin/groq-desktop"), "--self-test"], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "installed-app --self-test"
    desktop = (prefix / "share/applications/groq-desktop.desktop").read_text()
    assert f"Exec={prefix}/lib/groq-desktop/groq-desktop %F" in desktop
    assert (prefix / "share/icons/hicolor/512x512/apps/groq-desktop.png").is_file()
    subprocess.run(["sh", str(tree / "install.sh"), "--uninstall"], env=env, check=True, capture_output=True, timeout=30)
    assert not (prefix / "lib/groq-desktop").exists() and not (prefix / "bin/groq-desktop").exists()
    assert not list((prefix / "share/icons").rglob("groq-desktop.*"))
