"""The shipped catalogue: what each model is, retirements, and choosing models by kind, not id."""

from __future__ import annotations

from groq_desktop.core.catalogue import Catalogue, ModelKind, shipped_catalogue


def test_shipped_catalogue_is_consistent() -> None:
    catalogue = shipped_catalogue()
    assert catalogue.as_of >= "2026-12-01"
    for retired in catalogue.retired.values():
        assert retired.model not in catalogue.models, f"{retired.model} is both current and retired"
        if retired.replacement is not None:
            assert retired.replacement in catalogue.models, f"{retired.model} points to an unknown replacement"
    for kind, preferred in catalogue.preferences.items():
        for model_id in preferred:
            assert catalogue.models[model_id].kind is kind
    for facts in catalogue.models.values():
        assert "free" in facts.limits, f"{facts.id} has no published free-plan limits"
        assert facts.prices, f"{facts.id} has no price"


def test_the_default_chat_model_is_chosen_by_what_it_is() -> None:
    catalogue = shipped_catalogue()
    live = ["whisper-large-v3", "openai/gpt-oss-safeguard-20b", "openai/gpt-oss-120b", "openai/gpt-oss-20b"]
    assert catalogue.preferred(ModelKind.CHAT, live) == catalogue.preferences[ModelKind.CHAT][0]
    # No preferred model live: the chat model with the largest context, never a guard or speech model.
    assert catalogue.preferred(ModelKind.CHAT, ["whisper-large-v3", "openai/gpt-oss-safeguard-20b"]) is None
    assert catalogue.preferred(ModelKind.CHAT, ["whisper-large-v3", "brand-new/model-x"]) == "brand-new/model-x"
    assert catalogue.preferred(ModelKind.SPEECH_TO_TEXT, ["whisper-large-v3"]) == "whisper-large-v3"


def test_a_retired_model_points_to_its_replacement_through_chains() -> None:
    catalogue = Catalogue.from_mapping(
        {
            "models": {"new": {"kind": "chat"}},
            "retired": {
                "old": {"date": "2026-01-01", "replacement": "middle"},
                "middle": {"date": "2026-06-01", "replacement": "new"},
                "loop-a": {"date": None, "replacement": "loop-b"},
                "loop-b": {"date": None, "replacement": "loop-a"},
            },
        }
    )
    assert catalogue.replacement_for("old") == "new"
    assert catalogue.replacement_for("old", available=["other"]) is None
    assert catalogue.replacement_for("loop-a") is None
    assert catalogue.replacement_for("new") is None
    retirement = catalogue.retirement("old")
    assert retirement is not None and "2026-01-01" in retirement.describe()
