"""Every language's labelled corpora measured against the same targets as English.

A language plugs in by adding tests/corpora/<lang>/warning_signs.tsv and pain_reports.yaml
(and its lexicon, domain/lexicons/<lang>.py); the same measurement prints its figures with
``python -m benchmarks.corpus_warning_signs --language <lang>`` and
``python -m benchmarks.corpus_pain_reports --language <lang>``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import corpus_pain_reports, corpus_warning_signs
from benchmarks.corpus_warning_signs import (
    TARGET_ANY_RECALL,
    TARGET_EMERGENCY_RECALL,
    TARGET_FALSE_ALARMS,
    corpus_files,
    load_corpus,
)
from content import load_library
from domain import reading
from domain.reading import detect_warning_signs_any, supported
from domain.redflags import SIGN_CODES, Tier, detect_warning_signs

CORPORA = Path(__file__).parent / "corpora"
LANGUAGES = sorted(
    path.name
    for path in CORPORA.iterdir()
    if path.is_dir() and any(path.glob("warning_signs*.tsv"))
)
PAIN_LANGUAGES = sorted(
    path.name for path in CORPORA.iterdir() if (path / "pain_reports.yaml").is_file()
)
MIN_MESSAGES = 100


@pytest.fixture(scope="module")
def tiers():
    return load_library().warning_signs.tier_of()


def test_german_corpora_are_measured():
    assert "de" in LANGUAGES and "de" in PAIN_LANGUAGES


@pytest.mark.parametrize("language", LANGUAGES)
def test_warning_sign_corpus_covers_every_sign_with_near_misses(language, tiers):
    assert supported(language)
    examples = [e for path in corpus_files(language) for e in load_corpus(path, tiers)]
    kinds = [e.kind for e in examples]
    assert len(examples) >= MIN_MESSAGES
    assert {code for e in examples for code in e.signs} == set(SIGN_CODES)
    assert kinds.count("near_miss") >= 30 and kinds.count("calm") >= 10
    assert any(e.split == "heldout" for e in examples)


@pytest.mark.parametrize("language", LANGUAGES)
def test_warning_signs_meet_the_english_targets(language, tiers):
    # An untuned blind batch is a measurement, printed by the script, not a requirement
    # (benchmarks.corpus_warning_signs.BLIND_TUNED says which languages were tuned on theirs).
    for path in [p for p in corpus_files(language) if corpus_warning_signs.required(p, language)]:
        report = corpus_warning_signs.measure(load_corpus(path, tiers), tiers, language)
        missed = [e.text for e, _ in report.misses]
        alarms = [e.text for e, _ in report.alarms]
        assert report.tier_recall[Tier.EMERGENCY].value >= TARGET_EMERGENCY_RECALL, missed
        assert report.any_recall.value >= TARGET_ANY_RECALL, missed
        assert report.false_alarms.value <= TARGET_FALSE_ALARMS, alarms


@pytest.mark.parametrize("language", PAIN_LANGUAGES)
def test_pain_reports_meet_the_english_targets(language):
    cases = corpus_pain_reports.load_cases(corpus_pain_reports.corpus_path(language))
    assert len(cases) >= MIN_MESSAGES
    assert {"unclear", "none"} <= {c.level for c in cases}
    assert any(c.area for c in cases) and len({c.batch for c in cases}) >= 2
    for batch in sorted({c.batch for c in cases}):
        result = corpus_pain_reports.measure((c for c in cases if c.batch == batch), language)
        shown = corpus_pain_reports.report(f"{language} batch {batch}", result)
        assert corpus_pain_reports.meets_targets(result), shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_corpus_scripts_say_whether_the_targets_are_met(language, capsys):
    assert corpus_warning_signs.main(["--language", language]) == 0
    assert "targets on warning_signs.tsv: met" in capsys.readouterr().out
    if language in PAIN_LANGUAGES:
        assert corpus_pain_reports.main(["--language", language]) == 0
        assert "0 misread: met" in capsys.readouterr().out


def _english_texts() -> list[str]:
    """Every message of every English corpus: warning signs, pain reports, small talk,
    factors (the text is the last column of a .tsv)."""
    texts = [
        line.split("\t")[-1]
        for path in sorted(CORPORA.glob("*.tsv"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#") and "\t" in line
    ]
    cases = corpus_pain_reports.load_cases()
    return texts + [case.text for case in cases]


def test_every_sign_english_finds_is_kept_by_the_union():
    lost = [
        text
        for text in _english_texts()
        if set(detect_warning_signs(text)) - set(detect_warning_signs_any(text))
    ]
    assert lost == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_union_keeps_every_sign_of_the_messages_language(language, tiers):
    examples = [e for path in corpus_files(language) for e in load_corpus(path, tiers)]
    lost = [
        e.text
        for e in examples
        if set(reading.detect_warning_signs(e.text, language))
        - set(detect_warning_signs_any(e.text))
    ]
    assert lost == []


def test_reading_every_language_adds_no_false_alarm_to_english_messages():
    texts = _english_texts()
    assert len(texts) > 1500
    extra = [
        (text, sorted(set(detect_warning_signs_any(text)) - set(detect_warning_signs(text))))
        for text in texts
    ]
    assert [pair for pair in extra if pair[1]] == []
