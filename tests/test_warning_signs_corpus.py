"""The warning-sign detector measured on hundreds of hand-labelled messages, with targets.

The same measurement as ``python -m benchmarks.corpus_warning_signs``; a miss or false alarm
is printed there with its line.
"""

from __future__ import annotations

import pytest

from benchmarks.corpus_warning_signs import (
    TARGET_ANY_RECALL,
    TARGET_EMERGENCY_RECALL,
    TARGET_FALSE_ALARMS,
    CorpusError,
    corpus_files,
    is_tuned,
    load_corpus,
    main,
    measure,
)
from content import load_library
from domain.redflags import Tier


@pytest.fixture(scope="module")
def tiers():
    return load_library().warning_signs.tier_of()


@pytest.fixture(scope="module")
def corpus(tiers):
    return load_corpus(known_codes=tiers)


def test_corpus_is_large_and_covers_every_sign_and_tier(corpus, tiers):
    kinds = [example.kind for example in corpus]
    assert len(corpus) >= 300
    assert kinds.count("sign") >= 120 and kinds.count("calm") >= 120
    assert kinds.count("near_miss") >= 60
    labelled = {code for example in corpus for code in example.signs}
    assert labelled == set(tiers)
    assert {tiers[code] for code in labelled} == set(Tier)
    assert sum(example.split == "heldout" for example in corpus) >= 50


def test_every_corpus_file_is_measured_including_the_fresh_batch():
    names = [path.name for path in corpus_files()]
    assert names[0] == "warning_signs.tsv"
    assert "warning_signs_fresh1.tsv" in names


def _tuned(path) -> bool:
    return all(is_tuned(example.split) for example in load_corpus(path))


TUNED = [path for path in corpus_files() if _tuned(path)]
BLIND = [path for path in corpus_files() if not _tuned(path)]


@pytest.mark.parametrize("path", TUNED, ids=lambda path: path.name)
def test_detector_meets_its_targets_on_the_corpora_it_was_built_on(path, tiers):
    report = measure(load_corpus(path, tiers), tiers)
    missed = [example.text for example, _ in report.misses]
    alarms = [example.text for example, _ in report.alarms]
    assert report.tier_recall[Tier.EMERGENCY].value >= TARGET_EMERGENCY_RECALL, missed
    assert report.any_recall.value >= TARGET_ANY_RECALL, missed
    assert report.false_alarms.value <= TARGET_FALSE_ALARMS, alarms


def test_a_missed_emergency_counts_against_recall(tiers, tmp_path):
    corpus = tmp_path / "corpus.tsv"
    corpus.write_text(
        "split\tkind\tsigns\ttext\n"
        "dev\tsign\tbladder_bowel\tmy wee is fine\n"  # labelled as a sign the words lack
        "dev\tsign\tsaddle_numbness\tnumb groin\n"
        "dev\tcalm\t-\tpain 4\n"
        "dev\tnear_miss\t-\tmy groin is numb\n"  # labelled calm, but it is a sign
    )
    report = measure(load_corpus(corpus, tiers), tiers)
    assert (report.tier_recall[Tier.EMERGENCY].hits, report.tier_recall[Tier.EMERGENCY].total) == (
        1,
        2,
    )
    assert (report.false_alarms.hits, report.false_alarms.total) == (1, 2)
    assert not report.meets_targets()
    assert main(["--corpus", str(corpus)]) == 1


def test_malformed_corpus_line_is_named(tiers, tmp_path):
    corpus = tmp_path / "corpus.tsv"
    corpus.write_text("dev\tsign\tno_such_sign\tsomething\n")
    with pytest.raises(CorpusError, match="corpus.tsv:1"):
        load_corpus(corpus, tiers)


@pytest.mark.parametrize("path", BLIND, ids=lambda path: path.name)
def test_on_blind_batches_no_emergency_passes_without_advice_or_the_check(path, tiers):
    """Detection alone misses new wordings (docs/safety.md gives the figures); the yes/no
    emergency check must still reach every emergency, without checking calm people often."""
    report = measure(load_corpus(path, tiers), tiers)
    assert report.emergency_reached.value >= TARGET_EMERGENCY_RECALL
    assert report.quiet_checked.value <= 0.10


def test_there_is_a_blind_batch_to_measure_honestly():
    assert BLIND, "write a new blind batch (tests/corpora/warning_signs_fresh<n>.tsv)"
