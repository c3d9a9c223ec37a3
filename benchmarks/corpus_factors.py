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

Messages are read as on ``TODAY`` (the user's local date). A label may say the day its
factors belong to ("@1 " before them: a day back; "@far ": further back than a week, so
nothing is recorded and the user is told why), and a factor's note as a fifth field; a day
or note read otherwise is a misread (a wrong date or words put in the user's mouth).

    python -m benchmarks.corpus_factors     # per split; exit 1 when a target is missed
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from domain.factors import FactorParse, FactorReading, read_message
from domain.models import FACTOR_KINDS
from domain.pain import parse_pain_message

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpora" / "factors.tsv"
TARGET_CORRECT = 0.90  # of the labelled split the parser was written with
TARGET_CORRECT_FRESH = 0.80  # of wording it was never tuned on
TODAY = date(2026, 12, 3)  # a Thursday: "on monday" is three days back
Item = tuple[str, str, float | None, str]
FAR = -1  # a label's day for "further back than a week"


@dataclass(frozen=True)
class Case:
    split: str
    pain: bool
    factors: tuple[Item, ...]
    text: str
    days_back: int = 0  # FAR: declined, nothing recorded
    notes: tuple[str | None, ...] = ()  # per factor; None where the label gives none


@dataclass
class Result:
    counts: Counter[str] = field(default_factory=Counter)
    wrong: list[tuple[str, Case, str]] = field(default_factory=list)

    @property
    def cases(self) -> int:
        return sum(self.counts.values())

    def share(self, outcome: str) -> float:
        return self.counts[outcome] / self.cases if self.cases else 0.0


def _item(label: str, where: str) -> tuple[Item, str | None]:
    fields = label.split("/")
    if len(fields) not in (4, 5):
        raise ValueError(f"{where}: {label!r} is not kind/name/amount/unit[/note]")
    kind, name, amount, unit = fields[:4]
    if kind not in FACTOR_KINDS:
        raise ValueError(f"{where}: unknown kind {kind!r}")
    note = fields[4].lower() if len(fields) == 5 else None
    return (kind, name.lower(), float(amount) if amount else None, unit.lower()), note


def _day(factors: str, where: str) -> tuple[int, str]:
    """("@1 walk/..." -> 1, "walk/..."); "@far" -> FAR."""
    if not factors.startswith("@"):
        return 0, factors
    day, _, rest = factors[1:].partition(" ")
    if day == "far":
        return FAR, rest
    if not day.isdigit() or int(day) > 7:
        raise ValueError(f"{where}: day {day!r} is not 0..7 or far")
    return int(day), rest


def load_cases(path: Path = CORPUS) -> list[Case]:
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{path.name}:{number}"
        split, pain, factors, text = line.split("\t", 3)
        if pain not in ("yes", "no"):
            raise ValueError(f"{where}: pain must be yes or no, not {pain!r}")
        days_back, factors = _day(factors, where)
        labelled = [] if factors == "-" else [_item(f.strip(), where) for f in factors.split("+")]
        items = tuple(item for item, _ in labelled)
        notes = tuple(note for _, note in labelled)
        cases.append(Case(split, pain == "yes", items, text, days_back, notes))
    return cases


def _as_item(parse: FactorParse) -> Item:
    return parse.kind, parse.name.lower(), parse.amount, parse.unit.lower()


def outcome(case: Case) -> tuple[str, str]:
    """(correct | misread | missed, what was read)."""
    reading = read_message(case.text, TODAY)
    got = [_as_item(f) for f in reading.factors]
    shown = f"{got} pain_too={reading.pain_too}"
    if reading.factors:
        day = "far" if reading.too_far else (TODAY - (reading.day or TODAY)).days
        notes = [f.note for f in reading.factors]
        shown += f" day={day} notes={notes}"
    expected = Counter(case.factors)
    for_the_diary = case.pain and parse_pain_message(case.text).kind != "none"
    if got and _wrong_day_or_note(case, reading):
        return "misread", shown
    if got and _note_lost(case, reading):
        return "missed", shown
    if Counter(got) == expected and (not got or reading.pain_too == for_the_diary):
        return "correct", shown
    if Counter(got) - expected or (for_the_diary and not reading.pain_too):
        return "misread", shown
    return "missed", shown


def _wrong_day_or_note(case: Case, reading: FactorReading) -> bool:
    if reading.too_far != (case.days_back == FAR):
        return True
    if not reading.too_far and reading.day != TODAY - timedelta(days=case.days_back):
        return True
    labelled = _notes(case)
    return any(
        f.note and labelled.get(_as_item(f)) not in (None, f.note.lower()) for f in reading.factors
    )


def _notes(case: Case) -> dict[Item, str | None]:
    """Each labelled factor's note (None: no note labelled, any is fine)."""
    return dict(zip(case.factors, case.notes or (None,) * len(case.factors), strict=True))


def _note_lost(case: Case, reading: FactorReading) -> bool:
    """A labelled note not kept: words lost, nothing wrong recorded."""
    labelled = _notes(case)
    return any(labelled.get(_as_item(f)) and not f.note for f in reading.factors)


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
