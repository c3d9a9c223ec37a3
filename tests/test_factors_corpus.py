"""The labelled corpus of treatments and factors in plain words (tests/corpora/factors.tsv),
measured as ``python -m benchmarks.corpus_factors`` does: never a wrong factor recorded nor
a pain report taken from the diary, and the labelled factors found."""

from __future__ import annotations

import pytest

from benchmarks.corpus_factors import (
    TARGET_CORRECT,
    Case,
    load_cases,
    main,
    measure,
    report,
)

CASES = load_cases()


def test_corpus_is_large_and_varied() -> None:
    assert len(CASES) >= 150
    kinds = {item[0] for case in CASES for item in case.factors}
    assert kinds >= {"medication", "heat_cold", "activity", "sleep", "sitting", "stress", "therapy"}
    assert sum(1 for c in CASES if not c.factors) >= 60  # chat, questions, plans, pain reports
    assert sum(1 for c in CASES if c.pain and not c.factors) >= 15  # reports to leave alone
    assert sum(1 for c in CASES if c.pain and c.factors) >= 10  # a factor and a level


@pytest.mark.parametrize("split", sorted({c.split for c in CASES}))
def test_factors_are_read_and_never_misread(split: str) -> None:
    result = measure(c for c in CASES if c.split == split)
    shown = report(split, result)
    assert result.counts["misread"] == 0, shown
    assert result.share("correct") >= TARGET_CORRECT, shown


def test_a_wrong_label_would_be_counted_as_a_misread() -> None:
    """The measurement can fail: a factor labelled with another amount is a misread, and
    a message handed to the diary against its label is not correct."""
    case = next(c for c in CASES if c.text == "took ibuprofen 400")
    wrong = Case(case.split, False, (("medication", "ibuprofen", 200.0, ""),), case.text)
    assert measure([wrong]).counts["misread"] == 1
    both = next(c for c in CASES if c.text == "took 2 ibuprofen, pain 6")
    assert measure([both]).counts["correct"] == 1
    assert measure([Case(both.split, False, both.factors, both.text)]).counts["correct"] == 0


def test_the_script_prints_the_figures(capsys) -> None:
    assert main() == 0
    assert "correct" in capsys.readouterr().out


def test_a_wrong_day_or_note_would_be_counted_as_a_misread() -> None:
    case = next(c for c in CASES if c.text == "took ibuprofen 400 yesterday")
    assert measure([case]).counts["correct"] == 1
    today = Case(case.split, case.pain, case.factors, case.text, 0, case.notes)
    assert measure([today]).counts["misread"] == 1
    noted = next(c for c in CASES if c.text == "took 2 ibuprofen with food")
    other = Case(noted.split, noted.pain, noted.factors, noted.text, 0, ("after lunch",))
    assert measure([other]).counts["misread"] == 1
