from __future__ import annotations

import random
from pathlib import Path

import pytest

from groq_desktop.core.audio.chunk_plan import ChunkPlan, plan_chunks
from groq_desktop.core.audio.decode import (
    ACCEPTED_EXTENSIONS,
    TARGET_RATE,
    AudioFileError,
    convert_for_upload,
    decode_pcm16k,
    encode_flac,
    find_silence_cut,
    prepare_chunks,
    probe,
    silence_finder_for,
)
from groq_desktop.errors import AudioError
from tests.audio_fixtures import (
    FORMATS,
    decoded_samples,
    pcm_signal,
    write_audio,
    write_png,
    write_video_only,
)

SECONDS = 2.0
# AAC adds a priming frame (1024 samples) and pads the last one; other codecs are exact or close.
TOLERANCE = 0.06


def samples_of(blocks: list[bytes]) -> int:
    return sum(len(b) for b in blocks) // 2


@pytest.mark.parametrize("ext", ["wav", "flac", "mp3", "mpga", "mpeg", "m4a", "ogg", "webm", "mp4", "mka"])
def test_format_matrix_probe_decode_and_flac(tmp_path: Path, ext: str) -> None:
    path = write_audio(
        tmp_path / f"clip.{ext}",
        SECONDS,
        kind="speech",
        channels=2 if ext in ("mp3", "webm") else 1,
        with_video=ext == "mp4",
    )
    info = probe(path)
    assert info.duration == pytest.approx(SECONDS, abs=TOLERANCE)
    assert info.sample_rate == FORMATS[ext].rate
    assert info.size_bytes == path.stat().st_size
    assert info.needs_conversion == (ext not in ACCEPTED_EXTENSIONS)

    pcm = list(decode_pcm16k(path))
    assert samples_of(pcm) / TARGET_RATE == pytest.approx(SECONDS, abs=TOLERANCE)

    flac = encode_flac(pcm)
    assert flac[:4] == b"fLaC"
    count, rate, channels = decoded_samples(flac)
    assert (rate, channels) == (TARGET_RATE, 1)
    assert abs(count - samples_of(pcm)) <= 4608  # one FLAC frame
    assert convert_for_upload(path)[:4] == b"fLaC"


def test_decoded_signal_keeps_its_loudness_and_silence(tmp_path: Path) -> None:
    path = write_audio(tmp_path / "gap.flac", 3.0, kind="tone", silences=[(1.0, 2.0)])
    pcm = b"".join(decode_pcm16k(path))
    cut = find_silence_cut(pcm)
    assert cut is not None and 1.1 <= cut <= 1.9
    loud = pcm[int(0.2 * TARGET_RATE) * 2 : int(0.8 * TARGET_RATE) * 2]
    assert (
        max(abs(int.from_bytes(loud[i : i + 2], "little", signed=True)) for i in range(0, len(loud), 2))
        > 8000
    )


def test_decode_window_is_sample_accurate(tmp_path: Path) -> None:
    path = write_audio(tmp_path / "long.wav", 8.0, rate=16000, kind="noise")
    whole = b"".join(decode_pcm16k(path))
    part = b"".join(decode_pcm16k(path, start=5.25, end=6.5))
    assert len(part) == int(1.25 * TARGET_RATE) * 2
    assert part == whole[int(5.25 * TARGET_RATE) * 2 : int(6.5 * TARGET_RATE) * 2]


def test_duration_is_measured_when_the_container_does_not_state_it(tmp_path: Path) -> None:
    # a "live" WebM (as browsers record) has no duration in its header
    path = write_audio(tmp_path / "recording.webm", SECONDS, container_options={"live": "1"})
    info = probe(path)
    assert info.duration == pytest.approx(SECONDS, abs=TOLERANCE)


def test_real_wav_named_mp3_still_works(tmp_path: Path) -> None:
    wav = write_audio(tmp_path / "real.wav", 1.0)
    fake = tmp_path / "real.mp3"
    wav.rename(fake)
    info = probe(fake)
    assert info.container_format == "wav" and info.duration == pytest.approx(1.0, abs=0.01)


def test_unaccepted_extension_is_marked_for_conversion(tmp_path: Path) -> None:
    info = probe(write_audio(tmp_path / "voice.mka", 1.0))
    assert info.needs_conversion
    assert decoded_samples(convert_for_upload(info.path))[0] == pytest.approx(TARGET_RATE, abs=960)


def reason_of(path: Path) -> AudioFileError:
    with pytest.raises(AudioFileError) as caught:
        probe(path)
    error = caught.value
    assert isinstance(error, AudioError)
    assert path.name in str(error)
    assert error.path == path
    return error


def test_missing_file(tmp_path: Path) -> None:
    error = reason_of(tmp_path / "nowhere.wav")
    assert error.reason == "missing" and "unreadable" in str(error)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.m4a"
    path.write_bytes(b"")
    error = reason_of(path)
    assert error.reason == "empty" and "empty" in str(error)


def test_random_bytes_named_mp3_are_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "noise.mp3"
    path.write_bytes(random.Random(7).randbytes(20_000))
    error = reason_of(path)
    assert error.reason == "corrupt" and "corrupt" in str(error)


def test_text_file_is_not_audio(tmp_path: Path) -> None:
    for name in ("notes.txt", "notes.mp3"):
        path = tmp_path / name
        path.write_text("Meeting notes\nnothing to hear here\n")
        error = reason_of(path)
        assert error.reason == "not_audio" and "not audio" in str(error)


def test_video_only_file_has_no_audio_track(tmp_path: Path) -> None:
    error = reason_of(write_video_only(tmp_path / "silent_film.mp4"))
    assert error.reason == "no_audio_track" and "no audio track" in str(error)


def test_image_has_no_audio_track(tmp_path: Path) -> None:
    assert reason_of(write_png(tmp_path / "cover.png")).reason == "no_audio_track"


def test_directory_is_unreadable(tmp_path: Path) -> None:
    folder = tmp_path / "folder.wav"
    folder.mkdir()
    assert reason_of(folder).reason == "unreadable"


def test_truncated_m4a_is_corrupt_or_shorter(tmp_path: Path) -> None:
    whole = write_audio(tmp_path / "whole.m4a", SECONDS, kind="speech").read_bytes()
    cut = tmp_path / "cut.m4a"
    cut.write_bytes(whole[: len(whole) * 3 // 10])
    try:
        info = probe(cut)
    except AudioFileError as error:
        assert error.reason == "corrupt"
    else:
        assert 0 < info.duration < SECONDS


def test_truncated_mp3_reports_the_length_actually_there(tmp_path: Path) -> None:
    # the header still claims the full length; probing must measure instead
    whole = write_audio(tmp_path / "whole.mp3", 6.0, rate=16000, kind="speech").read_bytes()
    cut = tmp_path / "cut.mp3"
    cut.write_bytes(whole[: len(whole) * 3 // 10])
    info = probe(cut)
    decoded = samples_of(list(decode_pcm16k(cut))) / TARGET_RATE
    assert info.duration == pytest.approx(decoded, abs=0.1)
    assert 1.0 < info.duration < 3.0


def test_prepare_chunks_one_pass_matches_the_plan(tmp_path: Path) -> None:
    duration = 180.0
    path = write_audio(tmp_path / "talk.flac", duration, rate=16000, kind="speech")
    plan = ChunkPlan.build(probe(path).duration, chunk_seconds=60.0, overlap_seconds=5.0)
    assert len(plan) == 3  # the last 10 s fold into the third chunk

    prepared = list(prepare_chunks(path, plan))

    assert [p.index for p in prepared] == [c.index for c in plan]
    for chunk, ready in zip(plan, prepared, strict=True):
        count, rate, channels = decoded_samples(ready.flac)
        assert (rate, channels) == (TARGET_RATE, 1)
        assert count == round(chunk.duration * TARGET_RATE)
        assert (ready.start, ready.end) == (chunk.start, pytest.approx(chunk.end))


def test_prepared_chunks_hold_exactly_the_planned_audio(tmp_path: Path) -> None:
    path = write_audio(tmp_path / "noise.wav", 30.0, rate=16000, kind="noise")
    whole = b"".join(decode_pcm16k(path))
    plan = plan_chunks(30.0, chunk_seconds=12.0, overlap_seconds=2.0)
    for ready in prepare_chunks(path, plan):
        decoded = b"".join(decode_pcm16k_bytes(ready.flac))
        a, b = round(ready.start * TARGET_RATE) * 2, round(ready.end * TARGET_RATE) * 2
        assert decoded == whole[a:b]


def decode_pcm16k_bytes(flac: bytes) -> list[bytes]:
    import io

    import av

    with av.open(io.BytesIO(flac)) as container:
        return [bytes(f.planes[0])[: f.samples * 2] for f in container.decode(audio=0)]


def test_silence_finder_cuts_inside_a_pause(tmp_path: Path) -> None:
    path = write_audio(tmp_path / "pause.mp3", 30.0, rate=16000, kind="speech", silences=[(17.0, 18.5)])
    finder = silence_finder_for(path)
    cut = finder(12.0, 24.0)
    assert cut is not None and 17.1 <= cut <= 18.4
    chunks = plan_chunks(
        30.0, chunk_seconds=15.0, overlap_seconds=1.0, silence_finder=finder, search_window=10.0
    )
    assert 17.0 <= (chunks[0].end + chunks[1].start) / 2 <= 18.5


def test_find_silence_cut_prefers_the_pause_nearest_the_middle() -> None:
    pcm = pcm_signal(10.0, TARGET_RATE, kind="noise", silences=[(1.0, 1.5), (5.5, 6.5), (9.0, 9.5)])
    cut = find_silence_cut(pcm)
    assert cut is not None and 5.6 <= cut <= 6.4
    assert find_silence_cut(pcm[:100]) is None


def write_flac_stating(path: Path, seconds: float, stated_seconds: float) -> Path:
    """A FLAC of ``seconds`` whose STREAMINFO says it lasts ``stated_seconds`` (as a file cut and
    re-joined by a careless tool does): the packets go on past the header's duration."""
    source = path.with_suffix(".wav")
    write_audio(source, seconds, kind="speech")
    data = bytearray(convert_for_upload(source))
    at = 8 + 13  # "fLaC", the block header, then total samples in the low 36 bits of STREAMINFO bytes 13..17
    value = int.from_bytes(data[at : at + 5], "big")
    value = (value & ~((1 << 36) - 1)) | round(stated_seconds * TARGET_RATE)
    data[at : at + 5] = value.to_bytes(5, "big")
    path.write_bytes(bytes(data))
    return path


def test_probe_measures_packets_that_go_on_past_the_header_duration(tmp_path: Path) -> None:
    path = write_flac_stating(tmp_path / "joined.flac", 30.0, stated_seconds=8.0)
    assert abs(probe(path).duration - 30.0) < 0.1


def test_prepare_chunks_bounds_the_last_chunk_and_reports_audio_past_the_plan(tmp_path: Path) -> None:
    from groq_desktop.core.audio.decode import TAIL_TOLERANCE_SECONDS, AudioLongerThanPlanned

    path = write_audio(tmp_path / "long.wav", 30.0, kind="speech")
    plan = plan_chunks(8.0)  # planned from a duration that was wrong
    chunks = prepare_chunks(path, plan)
    [last] = [next(chunks)]
    with pytest.raises(AudioLongerThanPlanned) as raised:
        next(chunks)
    assert last.end <= 8.0 + TAIL_TOLERANCE_SECONDS + 1e-6
    assert abs(raised.value.end - 30.0) < 0.1
