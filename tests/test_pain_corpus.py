"""The labelled corpus of everyday pain messages (tests/corpora/pain_reports.yaml), measured.

The same measurement as ``python -m benchmarks.corpus_pain_reports``: at least 95 % of the
messages understood as labelled, and not one misread (a wrong level or area recorded, or a
level recorded for a message that is not a report).
"""

from __future__ import annotations

import pytest

from benchmarks.corpus_pain_reports import TARGET_CORRECT, load_cases, measure, report

CASES = load_cases()


def test_corpus_is_large_and_varied() -> None:
    assert len(CASES) >= 200
    not_reports = [c for c in CASES if c.level == "none"]
    assert len(not_reports) >= 40
    assert {c.batch for c in CASES} == {"first", "late", "blind"}


@pytest.mark.parametrize("batch", ["first", "late", None])
def test_everyday_messages_are_understood_and_never_misread(batch: str | None) -> None:
    result = measure(c for c in CASES if batch is None or c.batch == batch)
    shown = report(f"batch {batch}", result)
    assert result.counts["misread"] == 0, shown
    assert result.share("correct") >= TARGET_CORRECT, shown


def test_the_blind_batch_is_never_misread() -> None:
    """Wording the parser was not written for: it may miss (the bot then says it is not
    sure), but it must not record a wrong level or area. docs/safety.md has its share
    recorded correctly, below the 95 % target."""
    result = measure(c for c in CASES if c.batch == "blind")
    assert result.cases >= 150
    assert result.counts["misread"] == 0, report("batch blind", result)


def test_a_wrong_label_would_be_counted_as_a_misread() -> None:
    """The measurement can fail: a report labelled with another level is a misread."""
    case = next(c for c in CASES if c.text == "was 6, now 3")
    wrong = type(case)(text=case.text, level=6)
    assert measure([wrong]).counts["misread"] == 1
