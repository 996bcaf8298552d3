"""Audio preparation speed: our decode + resample + FLAC chunking against the ffmpeg command line.

Generates 60 minutes of speech-like audio (syllable-gated harmonics with pauses) as mp3 and m4a,
then, each in a fresh child process so peak memory is its own, runs
``audio.prepare_chunks(path, default plan)`` and ``ffmpeg -i in -ac 1 -ar 16000 -c:a flac out.flac``.

    python -m benchmarks.audio_prepare
"""

from __future__ import annotations

import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from array import array
from fractions import Fraction
from pathlib import Path

import av

from benchmarks.results_file import write_result

MINUTES = 60
RATE = 44100
FFMPEG = "/usr/bin/ffmpeg"
FORMATS = {"mp3": ("mp3", "libmp3lame"), "m4a": ("ipod", "aac")}
# The fastest encoder settings: generating the input is not what is measured.
ENCODER_OPTIONS = {"mp3": {"compression_level": "9"}, "m4a": {"aac_coder": "fast"}}


def _speechlike_pattern(seconds: int, seed: int) -> bytes:
    """``seconds`` of s16 mono: harmonics gated like syllables (4 a second), ending in a pause."""
    voices = [
        array("h", (int(5000 * sum(math.sin(2 * math.pi * f0 * k * i / RATE) / k for k in (1, 2, 3, 5)))
                    for i in range(RATE // 4)))
        for f0 in (150, 190, 230)
    ]
    out = bytearray()
    syllable_on = int(RATE * 0.25 * 0.7)
    for quarter in range(seconds * 4):
        voice = voices[(quarter * 7 + seed) % len(voices)].tobytes()
        if quarter >= (seconds - 1) * 4:  # the last second is a pause
            out += bytes(len(voice))
        else:
            out += voice[: syllable_on * 2] + bytes(len(voice) - syllable_on * 2)
    return bytes(out)


def generate(path: Path, minutes: int) -> Path:
    """Repeats a few distinct speech-like phrases: Python builds seconds, bytes arithmetic the hour."""
    container_format, codec = FORMATS[path.suffix.lstrip(".")]
    phrases = b"".join(_speechlike_pattern(n, seed) for seed, n in enumerate((5, 7, 6, 9, 4)))
    total = RATE * 60 * minutes * 2
    pcm = phrases * (total // len(phrases) + 1)
    with av.open(str(path), "w", format=container_format) as out:
        stream = out.add_stream(codec, rate=RATE, layout="mono", options=ENCODER_OPTIONS[path.suffix.lstrip(".")])
        block = RATE * 10
        for first in range(0, total // 2, block):
            frame = av.AudioFrame(format="s16", layout="mono", samples=block)
            frame.planes[0].update(pcm[first * 2 : (first + block) * 2])
            frame.rate, frame.pts, frame.time_base = RATE, first, Fraction(1, RATE)
            out.mux(stream.encode(frame))
        out.mux(stream.encode(None))
    return path


def child_ours(path: str) -> None:
    """Runs in its own process: prepare every chunk of the default plan, print timing and peak RSS."""
    from groq_desktop.core.audio import decode as audio
    from groq_desktop.core.audio.chunk_plan import ChunkPlan

    started = time.perf_counter()
    duration = audio.probe(path).duration
    plan = ChunkPlan.build(duration)
    total_bytes = chunks = 0
    for chunk in audio.prepare_chunks(path, plan):
        total_bytes += len(chunk.flac)
        chunks += 1
    elapsed = time.perf_counter() - started
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "rss_mb": rss_mb, "chunks": chunks, "flac_mb": total_bytes / 2**20,
                      "duration": duration}))


def run_ours(path: Path) -> dict[str, float]:
    result = subprocess.run([sys.executable, "-m", "benchmarks.audio_prepare", "--child", str(path)],
                            capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parents[1])
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_ffmpeg(path: Path, out_dir: Path, extra: tuple[str, ...] = ()) -> dict[str, float]:
    target = out_dir / (path.stem + "-ffmpeg.flac")
    started = time.perf_counter()
    process = subprocess.Popen([FFMPEG, "-nostdin", "-loglevel", "error", "-y", "-i", str(path), "-ac", "1",
                                "-ar", "16000", *extra, "-c:a", "flac", str(target)])
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"ffmpeg failed with {process.returncode}")
    return {"seconds": elapsed, "rss_mb": usage.ru_maxrss / 1024, "flac_mb": target.stat().st_size / 2**20}


def main() -> None:
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="bench-audio-") as tmp:
        folder = Path(tmp)
        # generated in child processes, in parallel: the parent stays small, so the children's
        # ru_maxrss (which starts from the parent's at fork) measures them, not the generator
        started = time.perf_counter()
        sources = {ext: folder / f"speech-{MINUTES}min.{ext}" for ext in FORMATS}
        makers = [subprocess.Popen([sys.executable, "-m", "benchmarks.audio_prepare", "--generate", str(path)],
                                   cwd=Path(__file__).resolve().parents[1]) for path in sources.values()]
        if any(maker.wait() for maker in makers):
            raise RuntimeError("generating the test audio failed")
        print(f"generated {', '.join(p.name for p in sources.values())} in {time.perf_counter() - started:.1f} s",
              flush=True)
        for ext, source in sources.items():
            ours = run_ours(source)
            theirs = run_ffmpeg(source, folder)
            theirs_s16 = run_ffmpeg(source, folder, ("-sample_fmt", "s16"))
            audio_seconds = ours["duration"]
            for variant, result in (
                ("groq_desktop prepare_chunks", ours),
                ("ffmpeg CLI (one FLAC)", theirs),
                ("ffmpeg CLI -sample_fmt s16", theirs_s16),
            ):
                rows.append({
                    "input": ext,
                    "variant": variant,
                    "seconds": round(result["seconds"], 2),
                    "x_real_time": round(audio_seconds / result["seconds"], 1),
                    "vs_ffmpeg": round(result["seconds"] / theirs["seconds"], 2),
                    "peak_rss_mb": round(result["rss_mb"], 1),
                    "flac_mb": round(result["flac_mb"], 1),
                    "chunks": int(result.get("chunks", 1)),
                })
    write_result(
        "audio_prepare",
        rows,
        f"{MINUTES} min of generated speech-like audio (44.1 kHz mono) to 16 kHz mono FLAC, on {os.cpu_count()} cores. "
        "Ours: probe + default chunk plan (600 s chunks, 10 s overlap) + one decoding pass encoding every chunk. "
        "ffmpeg's FLAC from float input is 32-bit unless told -sample_fmt s16 (ours is s16): both shown; "
        "vs_ffmpeg is against the plain command line. Each variant ran in a fresh process; peak RSS is that process's ru_maxrss. "
        "Targets: >= 200x real time, within 1.5x of ffmpeg, bounded memory.",
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child_ours(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "--generate":
        generate(Path(sys.argv[2]), MINUTES)
    else:
        main()
