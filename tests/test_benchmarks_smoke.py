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
    assert re.search(r"CPU time stolen by the host during the run: \d+\.\d %", out), out


def test_responsiveness_benchmark_answers_every_report_and_prints_its_baseline():
    out = _run(
        "benchmarks.bench_responsiveness",
        *("--reports", "30", "--users", "40", "--repeat", "1", "--steady", "40"),
    )
    assert re.search(r"pain reports: bot \d+/s vs bare PTB echo bot \d+/s", out), out
    assert re.search(r"steady 100 reports/s \(40\): bot answered p50 \d+ ms p99 \d+ ms", out), out
    assert "(40 sent in" in out, out


def test_startup_benchmark_finds_every_users_due_items_with_and_without_the_index():
    out = _run("benchmarks.bench_startup", "--users", "40", "--due-now", "0")
    assert re.search(r"40 users, no index \|\s+[\d.]+s \|\s+[\d.]+s \|\s+80 \|", out), out
    assert re.search(r"40 users, index \|\s+[\d.]+s \|\s+[\d.]+s \|\s+80 \|", out), out


def test_stop_benchmark_stops_every_process_and_prints_its_baseline():
    out = _run("benchmarks.bench_stop", "--rounds", "1")
    assert re.search(r"\| bare PTB \| slow to confirm \| [\d.]+ s \| \[0\] \| \d+ \|", out), out
    for row in ("polling | answers", "polling | slow to confirm", "webhook | (no getUpdates)"):
        assert re.search(re.escape(f"| {row} | ") + r"[\d.]+ s \| \[0\] \| 0 \|", out), out


def test_report_benchmark_draws_a_report_and_prints_its_baseline():
    out = _run("benchmarks.bench_report", "--quick")
    assert re.search(r"\| 4 weeks \(28 days\) \| \d+ \| \d+ \| \d+ \| \d+ \| \d+ \|", out), out
    assert re.search(r"loop lag .*: \d+ ms in the rendering process vs \d+ ms drawn on", out), out


def test_steal_is_the_hosts_share_of_cpu_time_between_two_readings(monkeypatch):
    from benchmarks import _host

    # user nice system idle iowait irq softirq steal
    readings = iter([[100, 0, 50, 800, 10, 0, 0, 40], [160, 0, 80, 860, 10, 0, 0, 90]])
    monkeypatch.setattr(_host, "_cpu_times", lambda: next(readings))
    steal = _host.CpuSteal()
    assert steal.percent() == 100 * 50 / (60 + 30 + 60 + 50)

    monkeypatch.setattr(_host, "_cpu_times", lambda: None)
    assert _host.CpuSteal().note() == "CPU time stolen by the host: unknown here"


def test_reading_benchmark_prints_every_language_beside_the_english_baseline():
    out = _run("benchmarks.bench_reading", "--quick")
    for language in ("en", "de", "es", "ru"):
        assert re.search(rf"{language} corpora +\d+ +[\d.]+ ms \(max +[\d.]+\) +[\d.]+ ms", out), (
            out
        )
