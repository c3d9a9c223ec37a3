"""What reading every message in four languages costs on the event loop.

    python -m benchmarks.bench_reading            # 5 rounds over every corpus message
    python -m benchmarks.bench_reading --quick    # 1 round

Each message is read for warning signs the way the bot does it
(``domain.reading.detect_warning_signs_any``: every language the message could be in),
next to the baseline from the same run: the English detector alone
(``domain.redflags.detect_warning_signs``), which is all the bot ran before it spoke other
languages. The messages are the labelled corpora of each language (tests/corpora/). The
figure is the median over rounds of the mean time per message, and the slowest message.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks._common import machine_note
from domain.reading import detect_warning_signs_any
from domain.redflags import detect_warning_signs

CORPORA = Path(__file__).resolve().parent.parent / "tests" / "corpora"


def messages(language: str) -> list[str]:
    folder = CORPORA if language == "en" else CORPORA / language
    texts = []
    for path in sorted(folder.glob("warning_signs*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            columns = line.split("\t")
            if line.startswith("#") or len(columns) < 4 or columns[0] == "split":
                continue
            texts.append(columns[3])
    return texts


def timed(read: Callable[[str], list[str]], texts: list[str], rounds: int) -> tuple[float, float]:
    """(median mean ms per message, slowest message ms) over ``rounds``."""
    means, slowest = [], 0.0
    for _ in range(rounds):
        total = 0.0
        for text in texts:
            start = time.perf_counter()
            read(text)
            took = time.perf_counter() - start
            total += took
            slowest = max(slowest, took)
        means.append(total / len(texts))
    return statistics.median(means) * 1e3, slowest * 1e3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one round")
    args = parser.parse_args(argv)
    rounds = 1 if args.quick else 5
    for warm in messages("en")[:50]:  # compile the patterns before timing
        detect_warning_signs_any(warm)
    print(machine_note())
    print(f"{'messages':<16}{'n':>5}  {'English alone (baseline)':>26}  {'all four languages':>24}")
    for language in ("en", "de", "es", "ru"):
        texts = messages(language)
        base, base_max = timed(detect_warning_signs, texts, rounds)
        four, four_max = timed(detect_warning_signs_any, texts, rounds)
        print(
            f"{language + ' corpora':<16}{len(texts):>5}  "
            f"{base:>9.2f} ms (max {base_max:5.1f})  {four:>8.2f} ms (max {four_max:5.1f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
