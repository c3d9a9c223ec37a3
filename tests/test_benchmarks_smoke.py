"""The benchmark scripts still run end to end (tiny sizes; the figures are not judged here)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_fanout_benchmark_delivers_every_reminder_and_prints_its_baseline():
    out = _run("benchmarks.bench_fanout", "--phase", "off", "--users", "40")
    assert re.search(r"bot \d+ msg/s vs bare PTB loop \d+ msg/s", out), out
    assert "40/40 delivered" in out, out


def test_responsiveness_benchmark_answers_every_report_and_prints_its_baseline():
    out = _run(
        "benchmarks.bench_responsiveness", "--reports", "30", "--users", "40", "--repeat", "1"
    )
    assert re.search(r"pain reports: bot \d+/s vs bare PTB echo bot \d+/s", out), out
    assert "(40 sent in" in out, out


def test_startup_benchmark_schedules_every_reminder():
    out = _run("benchmarks.bench_startup", "--users", "40")
    assert re.search(r"40 users \|\s+[\d.]+s \|\s+[\d.]+s \|\s+40 \|", out), out
