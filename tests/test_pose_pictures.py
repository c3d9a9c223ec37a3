"""Whole-body position pictures: every pose description draws, on the shared canvas, legibly."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb

from content.pictures import poses, style
from content.pictures.render import check_pictures, figure_for
from content.pictures.spec import parse_picture


def pose_descriptions() -> list[dict]:
    pictures, problems = check_pictures()
    assert problems == []
    return [dict(p.spec) for p in pictures.values() if p.view == "pose"]


def render(spec: dict) -> np.ndarray:
    """The picture as an RGB array, drawn the way ``backcare-bot pictures`` draws it."""
    picture, problems = parse_picture(spec, f"{spec['id']}.yaml")
    assert problems == []
    canvas = FigureCanvasAgg(figure_for(picture))
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3].astype(int)


def share_of(image: np.ndarray, colour: str) -> float:
    target = np.array([round(c * 255) for c in to_rgb(colour)])
    return float((np.abs(image - target).max(axis=-1) <= 3).mean())


SPECS = pose_descriptions()


def test_the_pose_pictures_are_there():
    assert len(SPECS) >= 30


@pytest.mark.parametrize("spec", SPECS, ids=[s["id"] for s in SPECS])
def test_pose_picture_shows_a_body_big_enough_to_read_on_a_phone(spec):
    image = render(spec)

    assert image.shape[:2] in {
        (style.HEIGHT_PX, style.WIDTH_PX),  # square
        (poses.LANDSCAPE_PX[1], poses.LANDSCAPE_PX[0]),  # a wide scene, e.g. lying down
    }
    # The drawing covers a real share of the canvas (not lost in white space), and a person
    # shows in it (a towel or a chair may cover part of the body).
    drawn = float((np.abs(image - 255).max(axis=-1) > 3).mean())
    assert drawn > 0.08, spec["id"]
    assert share_of(image, style.BODY) > 0.02, spec["id"]


def test_arrows_are_drawn_in_the_motion_colour():
    spec = next(s for s in SPECS if s["id"] == "knees-to-chest")
    without_arrows = {k: v for k, v in spec.items() if k != "arrows"}

    assert share_of(render(spec), style.MOTION) > 0.001
    assert share_of(render(without_arrows), style.MOTION) == 0


def test_a_person_lying_down_gets_a_landscape_canvas_and_fills_it():
    spec = next(s for s in SPECS if s["id"] == "lying-on-back")
    image = render(spec)

    assert image.shape[:2] == (poses.LANDSCAPE_PX[1], poses.LANDSCAPE_PX[0])
    # The scene reaches near both sides: no wide white bands left and right.
    drawn_columns = np.nonzero((np.abs(image - 255).max(axis=-1) > 3).any(axis=0))[0]
    assert drawn_columns.min() < 0.08 * image.shape[1]
    assert drawn_columns.max() > 0.92 * image.shape[1]


def test_a_standing_person_keeps_the_square_canvas():
    spec = next(s for s in SPECS if s["id"] == "sit-tall")

    assert render(spec).shape[:2] == (style.HEIGHT_PX, style.WIDTH_PX)


def test_every_named_pose_is_used_by_a_picture():
    used = {figure["pose"] for spec in SPECS for figure in spec.get("figures", [])}

    assert set(poses.pose_table()) - used == set()


def test_an_unknown_pose_is_named_in_the_error():
    spec = {"id": "x", "view": "pose", "legend": ["Lie."], "figures": [{"pose": "handstand"}]}

    assert any("handstand" in problem for problem in poses.validate(spec))


def test_an_unknown_joint_is_named_in_the_error():
    spec = {
        "id": "x",
        "view": "pose",
        "legend": ["1: Stand."],
        "figures": [{"pose": "standing"}],
        "markers": [{"number": 1, "at": {"joint": "tail"}}],
    }

    assert any("tail" in problem for problem in poses.validate(spec))


def test_a_number_or_an_arrow_without_its_legend_line_is_reported():
    spec = {
        "id": "x",
        "view": "pose",
        "legend": ["Stand tall."],
        "figures": [{"pose": "standing"}],
        "markers": [{"number": 2, "at": [0, 0]}],
        "arrows": [{"points": [[0, 0], [10, 0]]}],
    }

    problems = poses.validate(spec)

    assert any("number 2 needs a legend line" in problem for problem in problems)
    assert any("what the arrows mean" in problem for problem in problems)


def roller_at(x: float) -> dict:
    return {
        "id": "x",
        "view": "pose",
        "legend": ["Roller across your upper back."],
        "figures": [{"pose": "roller-upper-back", "at": [0, 13]}],
        "props": [{"kind": "roller", "at": [x, 7.5]}],
    }


def test_a_roller_under_the_lower_back_or_the_neck_is_rejected():
    # The hips are at x = 0 and the shoulders about 46 cm to the left.
    assert poses.validate(roller_at(-37)) == []
    assert any("never the lower back" in p for p in poses.validate(roller_at(-15)))
    assert any("never the lower back or the neck" in p for p in poses.validate(roller_at(-60)))
