"""One quota model everywhere: what is left of each limit, the same figure in the bar, the words and the number."""

from __future__ import annotations

import math
from typing import Any

from groq_desktop.app.monitor.queue_model import waits_for_text
from groq_desktop.app.monitor.quota_model import FractionRole, QuotaColumn, QuotaModel
from groq_desktop.app.quota_words import dimension_words, left_text, wait_text
from groq_desktop.core.quota.limits import Cost, Dimension
from groq_desktop.core.quota.rate_limiter import DimensionSnapshot, WaitInfo
from groq_desktop.core.quota.scheduler import JobInfo, JobState, Priority


def test_dimensions_in_words() -> None:
    assert [dimension_words(d) for d in (Dimension.RPM, Dimension.TPD, Dimension.ASH)] == [
        "requests this minute", "tokens today", "audio seconds this hour"]
    assert left_text(Dimension.RPM, 1.0, 30) == "requests this minute: 1 of 30 left"


def test_a_row_never_contradicts_itself(qtmodeltester: Any) -> None:
    # 0.9 of one request left: nothing can be sent, so every column says 0 (not "50 %" beside "0/1 used")
    snap = DimensionSnapshot("m", Dimension.RPM, limit=1, remaining=0.9, used=0.0, reset_in=5.0, source="table",
                             closed_for=0.0, updated_at=0.0)
    model = QuotaModel()
    model.set_snapshots([snap])
    qtmodeltester.check(model)
    assert model.index(0, QuotaColumn.METER).data() == "0%"
    assert model.index(0, QuotaColumn.USED).data() == "0 of 1 left"
    assert model.index(0, QuotaColumn.REMAINING).data() == "0"
    assert model.index(0, 0).data(FractionRole) == 0.0
    assert "requests this minute: 0 of 1 left" in model.index(0, 0).data(0x03)  # the tooltip, in words


def test_a_waiting_request_says_what_is_left_not_what_is_used() -> None:
    wait = WaitInfo("m", Dimension.RPM, 6.0, 1, 0.1, 10, "RPM: 9.9 of 10 used, 6 s")
    job = JobInfo(1, "m", "chat", "x", Priority.NORMAL, JobState.WAITING, Cost(requests=1), wait,
                  0.0, None, None, None, 1)
    assert waits_for_text(job) == "requests this minute: 0 of 10 left, room in 6 s"
    never = WaitInfo("m", Dimension.TPM, math.inf, 9000, 6000, 6000, "")
    assert wait_text(never) == "tokens this minute: 6,000 of 6,000 left, never fits this limit"
