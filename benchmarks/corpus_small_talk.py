"""How well everyday words are read: greetings, thanks and pleas for help.

Reads tests/corpora/small_talk.tsv (split, label, text), runs
``domain.smalltalk.classify`` on every message and prints, per split, the share read as
labelled, the false answers (a message of another label, or of none, read as small talk:
the bot would answer "hi" to a report) and the places that would be taken for something
else at the time-zone question (``is_not_an_answer``), then lists every miss.

    python -m benchmarks.corpus_small_talk     # exit 1 when a target is missed
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from domain.smalltalk import classify, is_not_an_answer

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpora" / "small_talk.tsv"
LABELS = ("greeting", "thanks", "help", "none", "place")
TARGET_CORRECT = 0.90


@dataclass(frozen=True)
class Case:
    split: str
    label: str
    text: str


@dataclass
class Result:
    cases: int = 0
    correct: int = 0
    false_answers: list[Case] = field(default_factory=list)  # read as the wrong small talk
    missed: list[Case] = field(default_factory=list)  # small talk not recognised
    places_taken: list[Case] = field(default_factory=list)  # a place not let through

    def share(self) -> float:
        return self.correct / self.cases if self.cases else 0.0


def load_cases(path: Path = CORPUS) -> list[Case]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        split, label, text = line.split("\t", 2)
        if label not in LABELS:
            raise ValueError(f"{path.name}:{number}: unknown label {label!r}")
        cases.append(Case(split, label, text))
    return cases


def measure(cases: Iterable[Case]) -> Result:
    result = Result()
    for case in cases:
        result.cases += 1
        read = classify(case.text)
        expected = case.label if case.label in ("greeting", "thanks", "help") else None
        if read == expected:
            result.correct += 1
        elif read is None:
            result.missed.append(case)
        else:
            result.false_answers.append(case)
        if case.label == "place" and is_not_an_answer(case.text):
            result.places_taken.append(case)
    return result


def report(name: str, result: Result) -> str:
    lines = [
        f"{name}: {result.correct}/{result.cases} read as labelled ({result.share():.1%}), "
        f"{len(result.false_answers)} false answers, "
        f"{len(result.places_taken)} places taken for something else"
    ]
    for label, cases in (
        ("false answer", result.false_answers),
        ("missed", result.missed),
        ("place taken", result.places_taken),
    ):
        lines += [f"  {label}: [{c.label}] {c.text!r} -> {classify(c.text)}" for c in cases]
    return "\n".join(lines)


def main() -> int:
    cases = load_cases()
    ok = True
    for split in sorted({c.split for c in cases}):
        result = measure(c for c in cases if c.split == split)
        print(report(split, result))
        ok = ok and not result.false_answers and not result.places_taken
        ok = ok and result.share() >= TARGET_CORRECT
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
