"""ChatService with images and files against the emulator: parts sent, re-sent, counted, refused."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from groq_desktop.core.attachments import ImageLimits
from groq_desktop.core.attachments.prepare import file_attachment, image_attachment
from groq_desktop.core.catalogue import ModelKind, shipped_catalogue
from groq_desktop.services import chat_export
from groq_desktop.services.chat import AttachmentRefusedError
from tests.attachment_fixtures import png, text_pdf
from tests.services import test_chat_service as base
from tests.services.test_chat_service import Recorder, run

CHAT = [m for m in shipped_catalogue().models.values() if m.kind is ModelKind.CHAT]
VISION = next(m for m in CHAT if m.can("vision"))
TEXT_ONLY = next(m for m in CHAT if not m.can("vision"))
make_chat = base.make_chat  # the same fixture
PER_IMAGE = VISION.vision["tokens_per_image"]


def test_an_image_is_sent_as_a_part_and_re_sent_on_regenerate_and_edit(make_chat) -> None:
    chat, services, emulator = make_chat()
    conversation = chat.create_conversation(VISION.id)
    image = image_attachment(png(80, 60), "cat.png", chat.blobs, ImageLimits.from_facts(VISION.vision))
    expected = "data:image/png;base64," + base64.b64encode(png(80, 60)).decode()

    async def scenario() -> None:
        reply = await chat.send(conversation.id, "What is this?", Recorder(), attachments=[image])
        await chat.wait_finished(reply)
        await chat.regenerate(conversation.id, Recorder())
        await chat.wait_finished(reply)
        user = chat.storage.list_messages(conversation.id)[0]
        again = await chat.edit_and_resend(user.id, "And now?", Recorder())
        await chat.wait_finished(again)

    run(services, scenario)
    assert emulator.stats.images_seen == [[expected]] * 3
    messages = chat.storage.list_messages(conversation.id)
    assert messages[0].attachments == (image,) and messages[1].status == "complete"
    assert messages[1].facts["prompt_tokens"] >= PER_IMAGE  # Groq's count has the image in it


def test_image_tokens_are_in_the_meter_and_the_reservation(make_chat) -> None:
    chat, _, _ = make_chat()
    conversation = chat.create_conversation(VISION.id)
    image = image_attachment(png(40, 40), "a.png", chat.blobs, ImageLimits())
    plain, _ = chat.context_usage(conversation.id, "Describe", VISION.id)
    with_two, _ = chat.context_usage(conversation.id, "Describe", VISION.id, [image, image])
    assert with_two - plain == 2 * PER_IMAGE
    user = chat.storage.add_message(conversation.id, "user", "Describe")
    chat.storage.add_attachments(user.id, [image])
    messages, _, counted, prompt, _ = chat._prepare_request(chat._conversation(conversation.id), 1)
    assert prompt >= PER_IMAGE and counted >= PER_IMAGE  # what the limiter reserves holds the image
    assert messages[-1]["content"][1]["image_url"]["url"].startswith("data:image/png;base64,")


def test_a_text_only_model_refuses_images_naming_the_models_that_see(make_chat) -> None:
    chat, services, emulator = make_chat()
    conversation = chat.create_conversation(TEXT_ONLY.id)
    image = image_attachment(png(40, 40), "a.png", chat.blobs, ImageLimits())
    assert VISION.id in chat.vision_models() and TEXT_ONLY.id not in chat.vision_models()

    async def scenario() -> None:
        with pytest.raises(AttachmentRefusedError, match=f"{TEXT_ONLY.id} cannot see images.*{VISION.id}"):
            await chat.send(conversation.id, "What is this?", Recorder(), attachments=[image])

    run(services, scenario)
    assert chat.storage.list_messages(conversation.id) == [] and emulator.stats.images_seen == []
    with pytest.raises(AttachmentRefusedError, match="takes at most"):
        chat.check_attachments(VISION.id, [image] * (VISION.vision["max_images"] + 1))


def test_a_pdf_is_inlined_with_its_name_and_counted(make_chat, tmp_path: Path) -> None:
    chat, services, _ = make_chat()
    conversation = chat.create_conversation(TEXT_ONLY.id)
    pdf = file_attachment(text_pdf(["Revenue grew twelve percent", "Costs fell"] * 10), "report.pdf")
    plain, _ = chat.context_usage(conversation.id, "Summarise", TEXT_ONLY.id)
    with_pdf, _ = chat.context_usage(conversation.id, "Summarise", TEXT_ONLY.id, [pdf])
    assert with_pdf - plain >= chat.token_counter.count_text(TEXT_ONLY.id, pdf.text)
    sent: list[object] = []
    real = services.client.stream_chat

    def spy(model: str, messages: object, **params: object) -> object:
        sent.append(messages)
        return real(model, messages, **params)

    services.client.stream_chat = spy  # type: ignore[method-assign]

    async def scenario() -> None:
        reply = await chat.send(conversation.id, "Summarise", Recorder(), attachments=[pdf])
        await chat.wait_finished(reply)

    run(services, scenario)
    content = sent[0][-1]["content"]  # type: ignore[index]
    assert content.startswith("File: report.pdf\n```\n[page 1]\nRevenue grew twelve percent")
    assert content.endswith("```\n\nSummarise")


def test_exports_link_image_files_in_markdown_and_carry_base64_in_json(make_chat, tmp_path: Path) -> None:
    chat, _, _ = make_chat()
    conversation = chat.create_conversation(VISION.id)
    image = image_attachment(png(50, 40), "my cat.png", chat.blobs, ImageLimits())
    notes = file_attachment(b"line one\n```inner fence```\n", "notes.md")
    user = chat.storage.add_message(conversation.id, "user", "Look")
    chat.storage.add_attachments(user.id, [image, notes])
    chat.storage.add_message(conversation.id, "assistant", "A cat.")
    messages = chat.storage.list_messages(conversation.id)
    conversation = chat._conversation(conversation.id)

    exported = tmp_path / "out.md"
    links = chat_export.export_images(messages, chat.blobs, tmp_path / "out_images", tmp_path)
    markdown = chat_export.to_markdown(conversation, messages, links)
    link = links[image.digest]
    assert f"![my cat.png]({link})" in markdown and (tmp_path / link).read_bytes() == png(50, 40)
    assert "<summary>📄 notes.md</summary>" in markdown and "````\nline one" in markdown
    exported.write_text(markdown, encoding="utf-8")
    assert [c for _, c in chat_export.from_markdown(markdown)] == ["Look", "A cat."]

    text = chat_export.to_json(conversation, messages, chat.blobs.get)
    stored = json.loads(text)["messages"][0]["attachments"]
    assert base64.b64decode(stored[0]["data_base64"]) == png(50, 40) and "data_base64" not in stored[1]
    assert chat_export.from_json(text).messages == messages


def test_a_file_larger_than_the_model_reads_is_refused_with_the_numbers(make_chat) -> None:
    chat, _, _ = make_chat()
    window = chat.context_window(TEXT_ONLY.id)
    big = file_attachment(("lorem ipsum dolor " * (window // 2)).encode(), "huge.txt")
    with pytest.raises(AttachmentRefusedError, match=rf"huge\.txt is [\d,]+ tokens; {TEXT_ONLY.id} reads at most {window:,}"):
        chat.check_attachments(TEXT_ONLY.id, [big])
    chat.check_attachments(TEXT_ONLY.id, [file_attachment(b"small", "small.txt")])
