"""Attachments through the real ChatPanel against the emulator: paste, drop, meter, refusal, bubble, regenerate."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QGuiApplication, QImage

from groq_desktop.app.chat import attachments as attachments_module
from groq_desktop.core.attachments import ImageLimits
from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from tests.app import test_chat_panel as base
from tests.app.test_chat_panel import PanelEnv, wait_reply
from tests.attachment_fixtures import png, scanned_pdf, text_pdf
from tests.conftest import save_screenshot

make_panel = base.make_panel  # the same fixture
CHAT = [m for m in shipped_catalogue().models.values() if m.kind is ModelKind.CHAT]
VISION = next(m for m in CHAT if m.can("vision"))
PER_IMAGE = VISION.vision["tokens_per_image"]


def _tokens(env: PanelEnv) -> int:
    text = env.panel.composer.tokens_label.text()
    return (
        int(text.split(" / ")[0].replace(",", "")) if " / " in text else 0
    )  # "0 tokens" before the first count


def _paste(qtbot: Any, env: PanelEnv, image: QImage) -> None:
    QGuiApplication.clipboard().setImage(image)
    env.panel.composer.edit.setFocus()
    qtbot.keyClick(env.panel.composer.edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def _photo() -> QImage:
    image = QImage.fromData(png(160, 120))
    assert not image.isNull()
    return image


def test_paste_an_image_send_it_see_it_in_the_bubble_and_regenerate_re_sends_it(qtbot: Any, make_panel: Any, tmp_path: Path) -> None:
    env = make_panel()
    env.panel.switch_model(VISION.id)
    qtbot.waitUntil(lambda: env.panel.composer.tokens_label.text() != "0 tokens")
    before = _tokens(env)
    _paste(qtbot, env, _photo())
    strip = env.panel.composer.attachments
    qtbot.waitUntil(lambda: len(strip.attachments()) == 1 and strip.pending == 0)
    # The image's fixed count (plus the few tokens a new user turn takes when the draft was empty).
    qtbot.waitUntil(lambda: PER_IMAGE <= _tokens(env) - before <= PER_IMAGE + 16)
    assert strip.isVisible() and strip.refusal == ""
    env.panel.composer.set_text("What is in this picture?")
    qtbot.keyClick(env.panel.composer.edit, Qt.Key.Key_Return)
    # The send is asynchronous (the too-large check runs off the UI thread before anything is stored):
    # wait for the message and its reply row, as type_and_send does, before reading the last row.
    qtbot.waitUntil(
        lambda: env.panel.conversation_id is not None and env.storage.count_messages(env.panel.conversation_id) == 2
    )
    reply = wait_reply(qtbot, env, "complete")
    user = env.storage.list_messages(env.panel.conversation_id)[0]
    assert [a.name for a in user.attachments] == ["pasted image.png"] and strip.attachments() == []
    assert len(env.emulator.stats.images_seen[-1]) == 1
    # The bubble shows the image: its thumbnail is decoded (lazily) and drawn in the user's row.
    view = env.panel.view
    layout = view.delegate.row_layout(env.panel.messages.index(0, 0))
    assert len(layout.images) == 1
    qtbot.waitUntil(lambda: view.delegate.thumbnails.decoded >= 1)
    # A click on the thumbnail opens the image at full size.
    row_rect = view.visualRect(env.panel.messages.index(0, 0))
    action = view.delegate.action_at(env.panel.messages.index(0, 0), row_rect.topLeft() + layout.images[0][0].center(), row_rect)
    assert action == ("view_image", user.id, 0)
    viewer = view.show_image(user, 0)
    assert viewer is not None and viewer.label.pixmap().size().toTuple() == (160, 120)
    viewer.close()
    save_screenshot(env.panel, "chat_image.png", tmp_path)

    env.panel.request_regenerate()
    qtbot.waitUntil(lambda: len(env.emulator.stats.images_seen) == 2, timeout=10_000)
    assert env.emulator.stats.images_seen[1] == env.emulator.stats.images_seen[0]
    assert wait_reply(qtbot, env, "complete").id == reply.id


def test_a_text_only_model_says_which_models_see_images_and_switches_in_one_click(qtbot: Any, make_panel: Any) -> None:
    env = make_panel()
    model = env.panel._current_model()
    assert model != VISION.id
    _paste(qtbot, env, _photo())
    strip = env.panel.composer.attachments
    qtbot.waitUntil(lambda: "cannot see images" in strip.refusal)
    assert VISION.id in strip.refusal and strip.switch_button.isVisible()
    env.panel.composer.set_text("What is it?")
    qtbot.keyClick(env.panel.composer.edit, Qt.Key.Key_Return)
    assert env.panel.conversation_id is None or env.storage.count_messages(env.panel.conversation_id) == 0
    strip.switch_button.click()
    assert env.panel._current_model() == VISION.id
    qtbot.waitUntil(lambda: strip.refusal == "")


def test_dropped_pdf_is_counted_and_a_scanned_one_says_it_has_no_text(qtbot: Any, make_panel: Any, tmp_path: Path) -> None:
    env = make_panel()
    qtbot.waitUntil(lambda: env.panel.composer.tokens_label.text() != "0 tokens")
    before = _tokens(env)
    report, scan = tmp_path / "report.pdf", tmp_path / "scan.pdf"
    report.write_bytes(text_pdf([f"Page {i} of the quarterly report with numbers" for i in range(20)]))
    scan.write_bytes(scanned_pdf(2))
    edit = env.panel.composer.edit
    for path in (report, scan):
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        assert edit.canInsertFromMimeData(mime)
        edit.insertFromMimeData(mime)
    strip = env.panel.composer.attachments
    qtbot.waitUntil(lambda: strip.pending == 0)
    assert [a.name for a in strip.attachments()] == ["report.pdf"]
    assert "scan.pdf has no text" in strip.notice.text()
    text = strip.attachments()[0].text
    qtbot.waitUntil(lambda: _tokens(env) >= before + env.services.token_counter.count_text(VISION.id, text))
    audio = QMimeData()
    audio.setUrls([QUrl.fromLocalFile(str(tmp_path / "talk.mp3"))])
    assert not edit.canInsertFromMimeData(audio)  # audio still goes to transcription


def test_preparation_runs_off_the_ui_thread_and_the_composer_stays_usable(qtbot: Any, make_panel: Any, tmp_path: Path, monkeypatch: Any) -> None:
    env = make_panel()
    release, threads = threading.Event(), []
    real = attachments_module.path_attachment

    def slow(*args: Any) -> Any:
        threads.append(threading.current_thread())
        assert release.wait(10)
        return real(*args)

    monkeypatch.setattr(attachments_module, "path_attachment", slow)
    photo = tmp_path / "photo.png"
    photo.write_bytes(png(64, 64))
    before = _tokens(env) if env.panel.composer.tokens_label.text() != "0 tokens" else 0
    env.panel.switch_model(VISION.id)
    strip = env.panel.composer.attachments
    strip.limits = lambda: ImageLimits(max_pixels=2000)  # so this image must be downscaled
    strip.add_paths([photo])
    qtbot.waitUntil(lambda: threads != [])
    assert threads[0] is not threading.main_thread() and strip.pending == 1
    # While it is being prepared the UI thread types, and the meter already counts the image.
    qtbot.keyClicks(env.panel.composer.edit, "typing meanwhile")
    assert env.panel.composer.text() == "typing meanwhile"
    qtbot.waitUntil(lambda: _tokens(env) >= before + PER_IMAGE)
    release.set()
    qtbot.waitUntil(lambda: strip.pending == 0 and len(strip.attachments()) == 1)
    prepared = strip.attachments()[0]
    assert prepared.mime == "image/jpeg" and prepared.width * prepared.height <= 2000
    assert "photo.png: sent as" in strip.notice.text() and "the original is 64 x 64" in strip.notice.text()
