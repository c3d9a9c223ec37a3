"""Whole-body position pictures: every pose description draws, on the shared canvas, legibly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from content.pictures import poses, style

SOURCES = Path(poses.__file__).resolve().parent / "sources"


def pose_descriptions() -> list[dict]:
    descriptions = [
        yaml.safe_load(path.read_text(encoding="utf-8")) for path in SOURCES.glob("*.yaml")
    ]
    return sorted((d for d in descriptions if d.get("view") == "pose"), key=lambda d: d["id"])


def render(spec: dict) -> np.ndarray:
    """The picture as an RGB array, drawn the way the render command draws it."""
    fig = Figure(figsize=(style.WIDTH_PX / style.DPI, style.HEIGHT_PX / style.DPI), dpi=style.DPI)
    canvas = FigureCanvasAgg(fig)
    fig.patch.set_facecolor(style.BACKGROUND)
    ax = fig.add_axes((0, 0, 1, 1))
    poses.draw(ax, spec)
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

    assert image.shape[:2] == (style.HEIGHT_PX, style.WIDTH_PX)
    # The body colour covers a real share of the canvas: the person is neither lost in white
    # space nor drawn off the canvas.
    assert share_of(image, style.BODY) > 0.04, spec["id"]
    # No words in pictures: a legend line for every number drawn, and legends are plain text.
    numbers = [str(m["number"]) for m in spec.get("markers", [])]
    for number in numbers:
        assert any(line.startswith(f"{number} ") for line in spec["legend"]), (spec["id"], number)


def test_arrows_are_drawn_in_the_motion_colour():
    spec = next(s for s in SPECS if s["id"] == "knees-to-chest")
    without_arrows = {k: v for k, v in spec.items() if k != "arrows"}

    assert share_of(render(spec), style.MOTION) > 0.001
    assert share_of(render(without_arrows), style.MOTION) == 0


def test_every_named_pose_is_used_by_a_picture():
    used = {figure["pose"] for spec in SPECS for figure in spec.get("figures", [])}

    assert set(poses.pose_table()) - used == set()


def test_an_unknown_pose_is_named_in_the_error():
    spec = {"id": "x", "view": "pose", "legend": [], "figures": [{"pose": "handstand"}]}

    with pytest.raises(ValueError, match="handstand"):
        render(spec)


def test_an_unknown_joint_is_named_in_the_error():
    spec = {
        "id": "x",
        "view": "pose",
        "legend": [],
        "figures": [{"pose": "standing"}],
        "markers": [{"number": 1, "at": {"joint": "tail"}}],
    }

    with pytest.raises(ValueError, match="tail"):
        render(spec)
