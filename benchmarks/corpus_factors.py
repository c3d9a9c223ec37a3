"""How well treatments and everyday factors are read from plain words.

Reads tests/corpora/factors.tsv (split, pain, factors, text), runs
``domain.factors.read_message`` on every message and sorts each outcome into:

- correct: exactly the labelled factors (kind, name without case, amount, unit), and the
  pain diary reads the message too exactly when it is labelled so and understands it
  (``parse_pain_message`` finds a report or something to ask about);
- misread: something wrong would be recorded (a factor the message does not hold, a wrong
  kind, name or amount), or a pain report would be swallowed (labelled for the diary and
  understood by it, but not handed on to it);
- missed: a labelled factor was not found (nothing wrong recorded; the user can use /log),
  or the diary is handed a message it need not read.

    python -m benchmarks.corpus_factors     # per split; exit 1 when a target is missed
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from domain.factors import FactorParse, read_message
from domain.models import FACTOR_KINDS
from domain.pain import parse_pain_message

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpora" / "factors.tsv"
TARGET_CORRECT = 0.90  # of the labelled split the parser was written with
TARGET_CORRECT_FRESH = 0.80  # of wording it was never tuned on
Item = tuple[str, str, float | None, str]


@dataclass(frozen=True)
class Case:
    split: str
    pain: bool
    factors: tuple[Item, ...]
    text: str


@dataclass
class Result:
    counts: Counter[str] = field(default_factory=Counter)
    wrong: list[tuple[str, Case, str]] = field(default_factory=list)

    @property
    def cases(self) -> int:
        return sum(self.counts.values())

    def share(self, outcome: str) -> float:
        return self.counts[outcome] / self.cases if self.cases else 0.0


def _item(label: str, where: str) -> Item:
    try:
        kind, name, amount, unit = label.split("/")
    except ValueError:
        raise ValueError(f"{where}: {label!r} is not kind/name/amount/unit") from None
    if kind not in FACTOR_KINDS:
        raise ValueError(f"{where}: unknown kind {kind!r}")
    return kind, name.lower(), float(amount) if amount else None, unit.lower()


def load_cases(path: Path = CORPUS) -> list[Case]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{path.name}:{number}"
        split, pain, factors, text = line.split("\t", 3)
        if pain not in ("yes", "no"):
            raise ValueError(f"{where}: pain must be yes or no, not {pain!r}")
        items = () if factors == "-" else tuple(_item(f.strip(), where) for f in factors.split("+"))
        cases.append(Case(split, pain == "yes", items, text))
    return cases


def _as_item(parse: FactorParse) -> Item:
    return parse.kind, parse.name.lower(), parse.amount, parse.unit.lower()


def outcome(case: Case) -> tuple[str, str]:
    """(correct | misread | missed, what was read)."""
    reading = read_message(case.text)
    got = [_as_item(f) for f in reading.factors]
    shown = f"{got} pain_too={reading.pain_too}"
    expected = Counter(case.factors)
    for_the_diary = case.pain and parse_pain_message(case.text).kind != "none"
    if Counter(got) == expected and (not got or reading.pain_too == for_the_diary):
        return "correct", shown
    if Counter(got) - expected or (for_the_diary and not reading.pain_too):
        return "misread", shown
    return "missed", shown


def measure(cases: Iterable[Case]) -> Result:
    result = Result()
    for case in cases:
        verdict, shown = outcome(case)
        result.counts[verdict] += 1
        if verdict != "correct":
            result.wrong.append((verdict, case, shown))
    return result


def report(name: str, result: Result) -> str:
    lines = [
        f"{name}: {result.counts['correct']}/{result.cases} correct "
        f"({result.share('correct'):.1%}), {result.counts['misread']} misread, "
        f"{result.counts['missed']} missed"
    ]
    lines += [f"  {verdict}: {case.text!r} -> {shown}" for verdict, case, shown in result.wrong]
    return "\n".join(lines)


def main() -> int:
    cases = load_cases()
    ok = True
    for split in sorted({c.split for c in cases}):
        result = measure(c for c in cases if c.split == split)
        print(report(split, result))
        target = TARGET_CORRECT_FRESH if split == "fresh" else TARGET_CORRECT
        ok = ok and result.counts["misread"] == 0 and result.share("correct") >= target
    result = measure(cases)
    print(report("all", Result(result.counts)))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
