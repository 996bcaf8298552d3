import os

from groq_desktop.core.token_counter import TokenCounter, encoding_name_for, get_encoding


def test_model_ids_map_to_encodings() -> None:
    assert encoding_name_for("openai/gpt-oss-120b") == "o200k_harmony"
    assert encoding_name_for("openai/gpt-oss-20b") == "o200k_harmony"
    assert encoding_name_for("qwen/qwen3.8-27b") == "cl100k_base"
    assert encoding_name_for("someone/unknown-model") == "cl100k_base"


def test_encodings_load_from_shipped_files_only() -> None:
    for name in ("cl100k_base", "o200k_harmony"):
        assert get_encoding(name).encode("hello world")
    cache = os.environ["TIKTOKEN_CACHE_DIR"]
    assert cache.endswith(os.path.join("groq_desktop", "resources", "tiktoken"))


def test_known_counts_and_chat_overhead() -> None:
    counter = TokenCounter()
    assert counter.count_text("qwen/qwen3.8-27b", "hello world") == 2
    assert counter.count_text("qwen/qwen3.8-27b", "") == 0
    one = counter.count_messages("qwen/qwen3.8-27b", [{"role": "user", "content": "hello world"}])
    two = counter.count_messages(
        "qwen/qwen3.8-27b",
        [{"role": "system", "content": "be brief"}, {"role": "user", "content": "hello world"}],
    )
    assert one > 2 and two > one + 2
    parts = [{"role": "user", "content": [{"type": "text", "text": "hello world"}, {"type": "image_url"}]}]
    assert counter.count_messages("qwen/qwen3.8-27b", parts) == one


def test_calibration_learns_from_server_counts() -> None:
    counter = TokenCounter()
    messages = [{"role": "user", "content": "Ünïcödé text is undercounted by the approximation"}]
    raw = counter.count_messages("llama-3.3-70b-versatile", messages)
    assert counter.estimate_prompt_tokens("llama-3.3-70b-versatile", messages) == raw
    for _ in range(10):
        counter.observe_prompt_tokens("llama-3.3-70b-versatile", raw, int(raw * 1.3))
    assert 1.25 < counter.correction("llama-3.3-70b-versatile") <= 1.3
    assert counter.estimate_prompt_tokens("llama-3.3-70b-versatile", messages) >= int(raw * 1.25)
    assert counter.correction("qwen/qwen3.8-27b") == 1.0
    counter.observe_prompt_tokens("x", 10, 10_000)
    assert counter.correction("x") == 2.0
