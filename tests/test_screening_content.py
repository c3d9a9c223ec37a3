"""The safety screening's questions (content/tips/screening.yaml): one per condition, short,
and a broken file fails loudly, naming file and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from content_copy import copy_content, edit, load_error

from content.loader import load_library
from domain.screening import CONDITIONS

SCREENING_FILE = "tips/screening.yaml"


def test_questions_ask_about_exactly_the_screening_conditions_in_order():
    questions = load_library().screening.questions
    assert tuple(q.condition for q in questions) == CONDITIONS


def test_questions_are_short_yes_no_questions_with_a_reason():
    screening = load_library().screening
    assert "/screening" in screening.intro
    for question in screening.questions:
        assert question.question.endswith("?") and len(question.question) <= 100
        assert question.why and question.label
        assert "diagnos" not in (question.question + question.why).lower()


def test_every_routine_names_only_conditions_the_screening_asks_about():
    library = load_library()
    asked = {q.condition for q in library.screening.questions}
    for routine in library.routines.values():
        assert set(routine.unsuitable_for) <= asked, routine.id


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return copy_content(tmp_path)


def test_a_missing_question_is_an_error(content):
    edit(content / SCREENING_FILE, lambda d: d["questions"].pop())
    error = load_error(content)
    assert error.startswith("screening.yaml: questions must ask about exactly pregnancy")


def test_questions_out_of_order_are_an_error(content):
    def swap(data):
        data["questions"][0], data["questions"][1] = data["questions"][1], data["questions"][0]

    edit(content / SCREENING_FILE, swap)
    assert "got osteoporosis, pregnancy" in load_error(content)


def test_an_unknown_condition_is_an_error(content):
    edit(content / SCREENING_FILE, lambda d: d["questions"][0].update(condition="flu"))
    assert "screening.yaml: questions[0].condition must be one of" in load_error(content)


def test_a_question_without_its_reason_is_an_error(content):
    edit(content / SCREENING_FILE, lambda d: d["questions"][2].pop("why"))
    assert "screening.yaml: questions[2].why is missing" in load_error(content)


def test_a_missing_screening_file_is_an_error(content):
    (content / SCREENING_FILE).unlink()
    assert "tips/: no file with kind: screening" in load_error(content)


def test_two_screening_files_are_an_error(content):
    shutil.copy(content / SCREENING_FILE, content / "tips/screening-copy.yaml")
    assert "exactly one screening file is allowed" in load_error(content)
