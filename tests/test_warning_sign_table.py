"""The one warning-sign table: shipped file valid and in step with the detector, broken
files rejected loudly, and no second list of warning signs anywhere in the content."""

from __future__ import annotations

from pathlib import Path

import pytest
from content_copy import copy_content, edit

from content.loader import DEFAULT_CONTENT_DIR, load_library, validate_library
from content.schema import ContentError
from domain.redflags import SIGN_CODES, Tier

TABLE = Path("safety") / "warning-signs.yaml"


@pytest.fixture(scope="module")
def table():
    return load_library().warning_signs


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_content(tmp_path)


def problems_after(content: Path, change) -> list[str]:
    edit(content / TABLE, change)
    return validate_library(content)


def test_table_has_every_sign_the_detector_finds_in_its_order(table):
    assert tuple(table.signs) == SIGN_CODES


def test_tiers_come_most_urgent_first_and_each_has_signs(table):
    assert list(table.tiers) == [Tier.EMERGENCY, Tier.SAME_DAY, Tier.MENTION]
    assert all(table.signs_of(tier) for tier in Tier)


def test_tiers_follow_the_national_pathways(table):
    tier_of = table.tier_of()
    for code in ("saddle_numbness", "bladder_bowel", "both_legs", "sexual_dysfunction"):
        assert tier_of[code] is Tier.EMERGENCY  # cauda equina: seen within hours
    for code in ("tearing_pain", "chest_pain"):
        assert tier_of[code] is Tier.EMERGENCY
    for code in ("leg_weakness", "fever", "trauma"):
        assert tier_of[code] is Tier.SAME_DAY


def test_emergency_advice_names_the_local_emergency_number_and_no_specific_one(table):
    action = table.tiers[Tier.EMERGENCY].action
    assert "local emergency number" in action and "emergency department" in action
    every_text = " ".join(
        [table.overview, table.gentle, table.not_a_diagnosis]
        + [t.title + t.action for t in table.tiers.values()]
        + [s.words for s in table.signs.values()]
    )
    assert not any(number in every_text for number in ("999", "911", "112", "111"))


def test_every_sign_is_cited_in_sources(table):
    sources = (DEFAULT_CONTENT_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for code, sign in table.signs.items():
        assert f"| {code} | {sign.tier.value} |" in sources


def test_tips_and_disclaimer_keep_no_second_list_of_warning_signs(table):
    library = load_library()
    texts = [library.tips.disclaimer, *library.tips.sections["safety"].items]
    joined = " ".join(texts).lower()
    assert "/safety" in joined
    for word in ("groin", "bladder", "bowel", "fever", "numbness in", "weakness in a leg"):
        assert word not in joined, word


def test_a_sign_missing_from_the_table_is_an_error(content):
    problems = problems_after(content, lambda d: d["signs"].pop("fever"))
    assert any("warning-signs.yaml: signs lack fever" in p for p in problems)


def test_an_unknown_sign_is_an_error(content):
    problems = problems_after(
        content, lambda d: d["signs"].update(hiccups={"tier": "mention", "words": "hiccups"})
    )
    assert any("signs.hiccups is not a sign the detector knows" in p for p in problems)


def test_an_unknown_tier_is_an_error(content):
    problems = problems_after(content, lambda d: d["signs"]["fever"].update(tier="whenever"))
    assert any(
        "signs.fever.tier must be one of emergency, same_day, mention" in p for p in problems
    )


def test_a_missing_tier_or_empty_words_is_an_error(content):
    def change(d):
        d["tiers"].pop("mention")
        d["signs"]["trauma"]["words"] = " "

    problems = problems_after(content, change)
    assert any("tiers.mention is missing" in p for p in problems)
    assert any("signs.trauma.words must be a non-empty text" in p for p in problems)


def test_a_missing_table_stops_loading(content):
    (content / TABLE).unlink()
    with pytest.raises(ContentError, match="warning-signs.yaml: file is missing"):
        load_library(content)
