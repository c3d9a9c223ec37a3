"""How well everyday pain messages are understood: the labelled corpus, measured.

Reads tests/corpora/pain_reports.yaml, runs each message through
``domain.pain.parse_pain_message`` and sorts the outcome into:

- recorded correctly: the labelled level and area (and note, when labelled), or "unclear"
  / "none" when that is the label;
- asked back: the bot answers "unclear" (0-10 buttons) where a level or "none" was expected;
- misread: a wrong level or area recorded, or a level recorded for a message that is not a
  report or should be asked back about (the one outcome that must never happen);
- missed: a report or unclear message taken for ordinary chat;
- note differs: level and area right, but the note is not the labelled one.

Run: ``python -m benchmarks.corpus_pain_reports [--batch first|late|blind]`` (exits 1 while a
batch misses a target: the blind batch does, see docs/safety.md). ``--language de`` measures
tests/corpora/de/pain_reports.yaml with ``domain.reading.parse_pain_message(text, "de")``
against the same targets.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from domain.pain import PAIN_AREAS
from domain.reading import parse_pain_message

CORPORA = Path(__file__).resolve().parents[1] / "tests" / "corpora"
CORPUS = CORPORA / "pain_reports.yaml"
OUTCOMES = ("correct", "asked_back", "misread", "missed", "note_differs")
TARGET_CORRECT = 0.95


@dataclass(frozen=True)
class Case:
    text: str
    level: int | str  # 0-10, "unclear" or "none"
    area: str | None = None
    note: str | None = None
    batch: str = "first"


@dataclass
class Measurement:
    cases: int = 0
    unclear_answers: int = 0  # every message the bot asks back about, expected or not
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OUTCOMES, 0))
    failures: list[tuple[str, Case, str]] = field(default_factory=list)

    def share(self, outcome: str) -> float:
        return self.counts[outcome] / self.cases if self.cases else 0.0


def corpus_path(language: str = "en") -> Path:
    """The pain-report corpus of a language: English in tests/corpora/, another language in
    tests/corpora/<language>/."""
    return CORPUS if language == "en" else CORPORA / language / CORPUS.name


def load_cases(path: Path = CORPUS) -> list[Case]:
    """The corpus, checked: a label that cannot be right fails loudly, naming the case."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
    cases = []
    for item in raw:
        case = Case(**item)
        level_ok = case.level in ("unclear", "none") or (
            isinstance(case.level, int) and 0 <= case.level <= 10
        )
        if not level_ok or (case.area is not None and case.area not in PAIN_AREAS):
            raise ValueError(f"{path.name}: bad label in {item!r}")
        cases.append(case)
    return cases


def judge(case: Case, language: str = "en") -> tuple[str, str]:
    """(outcome, what the parser did) for one case."""
    parsed = parse_pain_message(case.text, language)
    if parsed.kind == "report":
        got = f"report {parsed.level} area={parsed.area!r} note={parsed.note!r}"
    else:
        got = parsed.kind + (f" ({parsed.reason})" if parsed.reason else "")
    if parsed.kind == "report":
        if case.level != parsed.level or case.area != parsed.area:
            return "misread", got
        if case.note is not None and case.note != parsed.note:
            return "note_differs", got
        return "correct", got
    if parsed.kind == "unclear":
        return ("correct" if case.level == "unclear" else "asked_back"), got
    return ("correct" if case.level == "none" else "missed"), got


def measure(cases: Iterable[Case], language: str = "en") -> Measurement:
    result = Measurement()
    for case in cases:
        outcome, got = judge(case, language)
        result.cases += 1
        result.unclear_answers += got.startswith("unclear")
        result.counts[outcome] += 1
        if outcome != "correct":
            result.failures.append((outcome, case, got))
    return result


def report(title: str, result: Measurement) -> str:
    lines = [f"{title}: {result.cases} messages"]
    for outcome in OUTCOMES:
        label = outcome.replace("_", " ")
        lines.append(
            f"  {label:<13} {result.counts[outcome]:>4}  ({100 * result.share(outcome):5.1f} %)"
        )
    share = 100 * result.unclear_answers / result.cases if result.cases else 0.0
    lines.append(f"  the bot asks back (0-10 buttons) on {result.unclear_answers} ({share:.1f} %)")
    for outcome, case, got in result.failures:
        lines.append(
            f"  - {outcome}: {case.text!r} expected {case.level} area={case.area!r}"
            + (f" note={case.note!r}" if case.note is not None else "")
            + f"; got {got}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", help="only this batch (first, late, blind, heldout...)")
    parser.add_argument(
        "--language", default="en", help="read the corpus of this language (default en)"
    )
    args = parser.parse_args(argv)
    language = args.language
    cases = load_cases(corpus_path(language))
    batches = [args.batch] if args.batch else sorted({c.batch for c in cases})
    all_ok = True
    for batch in batches:
        result = measure((c for c in cases if c.batch == batch), language)
        print(report(f"batch {batch!r}", result))
        all_ok &= meets_targets(result)
    if not args.batch:
        print(report("all", measure(cases, language)).split("\n  - ")[0])
    if language != "en":
        print(
            f"\nTargets, on every batch: correct >= {TARGET_CORRECT:.0%}, 0 misread: "
            + ("met" if all_ok else "NOT met")
        )
    return 0 if all_ok else 1


def meets_targets(result: Measurement) -> bool:
    """At least 95 % right, and never a wrong level recorded."""
    return result.share("correct") >= TARGET_CORRECT and result.counts["misread"] == 0


if __name__ == "__main__":
    raise SystemExit(main())
