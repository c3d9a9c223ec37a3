"""How well ``/remind`` reads people: the labelled corpus tests/corpora/reminders.tsv, measured.

Each line is something a person typed after /remind, labelled with the reminder they mean
(or "none"). Every line is read by ``domain.reminder_requests.parse_reminder_request`` at
the corpus's fixed moment and zone, and counted as:

- correct: the reminder meant, or a reason given for a "none" line;
- refused: a reminder was meant but the bot gave a reason instead (the user types again);
- misread: a different reminder than meant, or one set for a "none" line (the worst case:
  a nudge at a time nobody asked for).

    python -m benchmarks.corpus_reminders      # exit 1 below the target or on any misread

Later batches (reminders_fresh<n>.tsv) were written after the parser and are printed too:
the first measurement of each is in its header, the honest figure for unseen wording.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from domain.reminder_requests import ReminderRequest, parse_reminder_request
from domain.schedule import DAY_ABBREVIATIONS, EVERY_DAY, WEEKDAYS, WEEKENDS, ScheduleParseError

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpora" / "reminders.tsv"
ZONE = "Europe/Berlin"
NOW = datetime(2026, 3, 28, 10, 0, tzinfo=ZoneInfo(ZONE))
TARGET_CORRECT = 0.95
OUTCOMES = ("correct", "refused", "misread")


@dataclass(frozen=True)
class Case:
    expected: str
    text: str


@dataclass
class Measurement:
    counts: Counter = field(default_factory=Counter)
    failures: list[tuple[str, Case, str]] = field(default_factory=list)

    @property
    def cases(self) -> int:
        return sum(self.counts.values())

    def share(self, outcome: str) -> float:
        return self.counts[outcome] / self.cases if self.cases else 0.0


def load_cases(path: Path = CORPUS) -> list[Case]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [line for line in lines if not line.startswith("#")][1:]  # after the header row
    cases = []
    for row in rows:
        expected, _, text = row.partition("\t")
        if expected != "none" and expected.split()[0] not in {"routine", "checkin"}:
            raise ValueError(f"{path.name}: bad label in {row!r}")
        cases.append(Case(expected, text))
    return cases


def label_of(request: ReminderRequest) -> str:
    """The corpus's label for a parsed request."""
    if request.once_at is not None:
        local = request.once_at.astimezone(ZoneInfo(ZONE))
        return f"{request.kind} once {local:%Y-%m-%d %H:%M}"
    named = {EVERY_DAY: "daily", WEEKDAYS: "weekdays", WEEKENDS: "weekends"}
    days = named.get(request.days) or ",".join(DAY_ABBREVIATIONS[d].lower() for d in request.days)
    times = ",".join(f"{t:%H:%M}" for t in request.times)
    return f"{request.kind} {days} {times}"


def judge(case: Case) -> tuple[str, str]:
    try:
        got = label_of(parse_reminder_request(case.text, NOW, ZONE))
    except ScheduleParseError as error:
        return ("correct" if case.expected == "none" else "refused"), f"reason: {error.message}"
    return ("correct" if got == case.expected else "misread"), got


def measure(cases: list[Case]) -> Measurement:
    result = Measurement()
    for case in cases:
        outcome, got = judge(case)
        result.counts[outcome] += 1
        if outcome != "correct":
            result.failures.append((outcome, case, got))
    return result


def report(result: Measurement, name: str = CORPUS.name) -> str:
    lines = [f"{name}: {result.cases} lines (target: {TARGET_CORRECT:.0%} correct)"]
    for outcome in OUTCOMES:
        share = 100 * result.share(outcome)
        lines.append(f"  {outcome:<8} {result.counts[outcome]:>4}  ({share:5.1f} %)")
    for outcome, case, got in result.failures:
        lines.append(f"  - {outcome}: {case.text!r} expected {case.expected!r}; got {got}")
    return "\n".join(lines)


def main() -> int:
    """Every corpus file; the exit status holds the tuned file (reminders.tsv) to the target."""
    ok = True
    for path in sorted(CORPUS.parent.glob("reminders*.tsv")):
        result = measure(load_cases(path))
        print(report(result, path.name))
        if path == CORPUS:
            ok = result.share("correct") >= TARGET_CORRECT and result.counts["misread"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
