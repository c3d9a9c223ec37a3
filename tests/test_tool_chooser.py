"""/tools: every possible set of answers leads to a routine for the area the person picked.

The chooser's rules live in content/tips/tool-chooser.yaml (first match wins). These tests
walk all answer combinations, so a new rule or a new answer cannot quietly send someone
with a stiff neck to a lower-back routine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from content_copy import copy_content, edit

from content.loader import load_library
from content.schema import Library

# What each answer to "Which part of your back needs it most?" means as a routine goal.
AREA_GOALS = {
    "lower": "lower_back",
    "upper": "upper_back_shoulders",
    "neck": "neck",
    "whole": "whole_back",
}
# Tools that press hard on a small spot, or are hard to steer near the throat: not for necks.
NOT_FOR_THE_NECK = {"ball", "foam_roller", "massage_hook"}


def mismatches(library: Library) -> list[str]:
    """Every answer combination whose suggested routine misses the area or the tool."""
    chooser = library.tool_chooser
    found = []
    for answers in chooser.all_answer_combinations():
        result = chooser.recommend(answers)
        routine = library.routines[result.routine_id]
        shown = ", ".join(f"{k}={v}" for k, v in answers.items())
        if AREA_GOALS[answers["area"]] not in routine.goals:
            found.append(f"{shown}: {routine.id} does not cover {answers['area']}")
        if result.tool.key not in routine.equipment:
            found.append(f"{shown}: {routine.id} does not use {result.tool.key}")
    return found


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def test_area_question_answers_all_have_a_goal(library):
    area = library.tool_chooser.question("area")
    assert set(area.option_keys()) == set(AREA_GOALS)


def test_every_combination_suggests_a_routine_for_the_chosen_area_and_tool(library):
    combinations = library.tool_chooser.all_answer_combinations()
    assert len(combinations) == 32
    assert mismatches(library) == []


def test_whole_back_answers_get_a_whole_back_routine(library):
    chooser = library.tool_chooser
    for answers in chooser.all_answer_combinations():
        if answers["area"] == "whole":
            routine = library.routines[chooser.recommend(answers).routine_id]
            assert routine.goals[0] == "whole_back", (answers, routine.id)


def test_neck_answers_never_get_a_hook_ball_or_roller(library):
    chooser = library.tool_chooser
    for answers in chooser.all_answer_combinations():
        if answers["area"] == "neck":
            assert chooser.recommend(answers).tool.key not in NOT_FOR_THE_NECK, answers


def test_gentle_answers_never_get_a_deep_routine(library):
    chooser = library.tool_chooser
    for answers in chooser.all_answer_combinations():
        if answers["feel"] == "gentle":
            routine = library.routines[chooser.recommend(answers).routine_id]
            assert not routine.is_deep, (answers, routine.id)


def test_a_rule_that_sends_the_neck_to_a_lower_back_routine_is_caught(tmp_path: Path):
    content = copy_content(tmp_path)

    def neck_to_ball(data):
        data["rules"].insert(0, {**data["rules"][0], "when": {"area": "neck"}, "tool": "ball"})
        data["rules"][0]["routine"] = "lower-back-ball"

    edit(content / "tips" / "tool-chooser.yaml", neck_to_ball)
    found = mismatches(load_library(content))

    assert len(found) == 8  # every neck combination
    assert all(
        "area=neck" in line and "lower-back-ball does not cover neck" in line for line in found
    )
