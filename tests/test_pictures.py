"""Routine pictures: every placement step has one, every picture is used, PNGs are fresh.

Pictures are data (content/pictures/descriptions/*.yaml) rendered to committed PNGs by
``backcare-bot pictures``. These tests fail when a step that places a tool, hands or the
body has no picture, when a picture is named but missing, when a description is unused,
and when a description or the drawing code changed without the PNG being rendered again.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from PIL import Image

from content import load_library
from content.pictures import PNG_DIR, png_path, style
from content.pictures.render import (
    check_pictures,
    fingerprint,
    render,
    status,
    view_module,
)
from content.pictures.spec import DESCRIPTIONS_DIR, parse_picture, step_picture_problems

BODY_MAP = "body-map"
# Words that mean a step puts a tool or hands somewhere on the body ...
PLACEMENT_WORDS = (
    r"ball|roller|hook|massager|hands?|palms?|thumbs?|fingers?|fingertips|forearms?|fists?"
    r"|knuckles|knead\w*|place|put"
)
# ... or puts the whole body in a position (the pose view draws those).
POSITION_WORDS = r"lie|lies|lying|kneel|sit|sits|sitting|stand|standing"
# Steps that use such a word yet place nothing worth drawing, and why.
NOTHING_TO_PLACE = {
    ("desk-break", "Stand up"): "stands up and shakes out the arms and legs",
    ("handheld-massager", "Set up"): "fits an attachment and picks a speed, sitting or standing",
    ("lower-back-ball", "Warm up"): "circles the hips standing; the ball comes in next",
    ("evening-wind-down", "Dim the lights"): "dims the lights and breathes, sitting on the bed",
    ("quick-tension-relief", "Notice the difference"): "stands and notices how the back feels",
}
# Whole-body positions that happen to mention a hand: drawn by the pose view.
POSITION_STEPS_WITH_HANDS = {
    ("full-self-care-session", "Round and arch"),
    ("stretch-and-breathe", "One knee to chest"),
    ("neck-and-shoulders", "Ear towards shoulder"),
    ("desk-break", "Small back bend"),
}


def _steps():
    library = load_library()
    for routine in library.routines.values():
        for index, step in enumerate(routine.steps):
            yield routine.id, index, step


def _named(pattern: str, text: str) -> bool:
    return re.search(rf"\b({pattern})\b", text, re.IGNORECASE) is not None


@pytest.fixture(scope="module")
def pictures():
    found, problems = check_pictures()
    assert problems == []
    return found


def test_descriptions_are_valid(pictures):
    assert BODY_MAP in pictures


def test_every_picture_a_step_names_is_described_and_rendered(pictures):
    for routine_id, index, step in _steps():
        if step.picture is None:
            continue
        where = f"{routine_id} step {index + 1} ({step.title})"
        assert step.picture in pictures, f"{where} names undescribed picture {step.picture!r}"
        if view_module(pictures[step.picture].view) is not None:
            assert png_path(step.picture).is_file(), f"{where}: {step.picture}.png missing"


def test_every_described_picture_is_used(pictures):
    used = {step.picture for _, _, step in _steps()} | {BODY_MAP}
    assert sorted(set(pictures) - used) == []


def test_every_step_that_places_something_has_a_picture():
    poses_drawn = view_module("pose") is not None
    lacking = []
    for routine_id, index, step in _steps():
        text = step.instruction
        if step.picture or (routine_id, step.title) in NOTHING_TO_PLACE:
            continue
        if not (_named(PLACEMENT_WORDS, text) or _named(POSITION_WORDS, text)):
            continue
        is_position = _named(POSITION_WORDS, text) or (
            (routine_id, step.title) in POSITION_STEPS_WITH_HANDS
        )
        if is_position and not poses_drawn:
            continue  # the pose view's pictures arrive with content/pictures/poses.py
        lacking.append(f"{routine_id} step {index + 1} ({step.title})")
    assert lacking == []


def test_every_png_is_1024_px_on_its_long_side(pictures):
    for picture_id in pictures:
        path = png_path(picture_id)
        if not path.is_file():
            continue
        with Image.open(path) as image:
            assert max(image.size) == style.WIDTH_PX, f"{picture_id}: {image.size}"


def test_every_png_is_fresh(pictures):
    current = status(pictures)
    assert (current.stale, current.missing, current.orphans) == ((), (), ()), (
        "run `backcare-bot pictures` and commit content/pictures/png/"
    )


def test_editing_a_description_makes_its_png_stale(tmp_path, pictures):
    picture = pictures["ball-lower-left"]
    render(picture, tmp_path / "ball-lower-left.png")
    assert status({picture.id: picture}, tmp_path).fresh == (picture.id,)
    data = dict(picture.spec)
    data["elements"] = [*data["elements"], {"kind": "marker", "number": 1, "at": "hip-left"}]
    edited, problems = parse_picture(data, "ball-lower-left.yaml")
    assert problems == []
    assert fingerprint(edited) != fingerprint(picture)
    assert status({picture.id: edited}, tmp_path).stale == (picture.id,)


def test_a_deleted_png_is_missing_and_a_leftover_one_is_reported(tmp_path, pictures):
    picture = pictures["ball-lower-left"]
    assert status({picture.id: picture}, tmp_path).missing == (picture.id,)
    shutil.copy(png_path(picture.id), tmp_path / "no-such-picture.png")
    assert status({picture.id: picture}, tmp_path).orphans == ("no-such-picture",)


def _problems_of(tmp_path: Path, description: dict) -> list[str]:
    folder = tmp_path / "descriptions"
    folder.mkdir(exist_ok=True)
    (folder / f"{description['id']}.yaml").write_text(yaml.safe_dump(description))
    return check_pictures(folder)[1]


def _ball_at(at) -> dict:
    return {
        "id": "trial",
        "view": "back",
        "no_go": ["spine", "kidneys"],
        "elements": [{"kind": "ball", "at": at}],
        "legend": ["Ball: here.", "Hatched: never here."],
    }


def test_a_ball_on_the_spine_or_the_kidney_area_is_rejected(tmp_path):
    assert _problems_of(tmp_path, _ball_at("beside-spine-lower-left")) == []
    on_spine = _problems_of(tmp_path, _ball_at([0.5, 44.0]))
    assert any("would press on the spine" in p for p in on_spine)
    on_kidney = _problems_of(tmp_path, _ball_at("kidney-right"))
    assert any("kidney area" in p for p in on_kidney)


def test_a_roller_on_the_lower_back_is_rejected(tmp_path):
    description = _ball_at("beside-spine-lower-left")
    description["elements"] = [{"kind": "roller", "at": "lower-back-centre"}]
    assert any("never the lower back" in p for p in _problems_of(tmp_path, description))


def test_problems_name_the_file_and_what_to_fix(tmp_path):
    description = _ball_at("beside-spine-lower-left")
    description["legend"] = []
    problems = _problems_of(tmp_path, description)
    assert any(
        p.startswith("pictures/trial.yaml: legend must be a non-empty list") for p in problems
    )
    odd_place = _problems_of(tmp_path, _ball_at("somewhere-odd"))
    assert any("must be a landmark (e.g. beside-spine-lower-left)" in p for p in odd_place)


def test_a_numbered_marker_needs_its_legend_line(tmp_path):
    description = _ball_at("beside-spine-lower-left")
    description["elements"].append({"kind": "marker", "number": 2, "at": "hip-left"})
    assert any("number 2" in p for p in _problems_of(tmp_path, description))


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_pictures_check_command_passes_on_the_committed_pngs():
    result = _cli("pictures", "--check")
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout


def test_pictures_check_command_fails_on_a_stale_png(tmp_path):
    descriptions = tmp_path / "descriptions"
    shutil.copytree(DESCRIPTIONS_DIR, descriptions)
    png_dir = tmp_path / "png"
    shutil.copytree(PNG_DIR, png_dir)
    source = descriptions / "ball-lower-left.yaml"
    source.write_text(source.read_text().replace("beside-spine-lower-left", "buttock-left"))
    result = _cli(
        "pictures", "--check", "--descriptions", str(descriptions), "--png-dir", str(png_dir)
    )
    assert result.returncode == 1
    assert "stale" in result.stderr and "ball-lower-left" in result.stderr
    rendered = _cli("pictures", "--descriptions", str(descriptions), "--png-dir", str(png_dir))
    assert rendered.returncode == 0, rendered.stderr
    assert "rendered 1 of" in rendered.stdout


def test_a_stroke_over_the_spine_is_rejected(tmp_path):
    description = _ball_at("beside-spine-lower-left")
    description["elements"].append(
        {"kind": "arrow", "path": ["lower-back-left", "lower-back-right"]}
    )
    description["elements"].append({"kind": "circles", "at": [-3.0, 60.0], "radius": 3.0})
    problems = _problems_of(tmp_path, description)
    assert any("arrow crosses the spine" in p for p in problems)
    assert any("reach over the spine" in p for p in problems)


def test_check_names_a_step_whose_picture_is_missing():
    library = load_library()
    routine = library.routines["lower-back-ball"]
    steps = list(routine.steps)
    steps[1] = dataclasses.replace(steps[1], picture="no-such-picture")
    broken = {routine.id: dataclasses.replace(routine, steps=tuple(steps))}
    assert step_picture_problems(library.routines) == []
    assert step_picture_problems(broken) == [
        "routines/lower-back-ball: steps[1].picture 'no-such-picture' has no description "
        "in pictures/descriptions/"
    ]


def test_a_ball_on_the_bone_is_rejected(tmp_path):
    on_blade_edge = _problems_of(tmp_path, _ball_at([-10.0, 70.0]))
    assert any("the shoulder blade's edge" in p for p in on_blade_edge)
    on_hip_bone = _problems_of(tmp_path, _ball_at("pelvis-rim-left"))
    assert any("the hip bone" in p for p in on_hip_bone)


def test_a_mark_the_legend_does_not_explain_is_rejected(tmp_path):
    description = _ball_at("beside-spine-lower-left")
    description["elements"].append({"kind": "hold", "at": "beside-spine-lower-left"})
    description["legend"].append("Arrow: roll it up and down.")
    problems = _problems_of(tmp_path, description)
    assert any("legend must explain the hold" in p for p in problems)
    assert any("shows no arrow" in p for p in problems)
