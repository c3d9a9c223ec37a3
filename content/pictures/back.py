"""The back view: a body seen from behind, its landmarks, no-go zones and what goes on it.

Units are roughly centimetres on an adult body: x runs from the person's left (negative;
seen from behind, their left is on the viewer's left too) to their right, y from the upper
thighs (0) up to the top of the head. Everything a description may name (landmarks,
element kinds, no-go zones) is listed here, and ``validate`` checks a description against
them, including the safety rules: a ball, hook, massager or thumb never sits on the spine
or the kidney area, and a roller stays on the upper back.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Polygon

from content.pictures import marks, style
from content.pictures.marks import Pen, Point

# What the picture shows: from the upper thighs to just above the head, square canvas.
Y_BOTTOM, Y_TOP = 3.0, 114.0
X_HALF = (Y_TOP - Y_BOTTOM) / 2
CANVAS_PX = (style.WIDTH_PX, style.HEIGHT_PX)

SPINE_HALF_WIDTH = 1.9
SPINE_TOP, SPINE_BOTTOM = 94.5, 31.0  # from the base of the skull to the sacrum
WAIST_Y = 48.0
PELVIS_RIM_Y = 41.0

# The right half of the torso outline, from the back of the neck down to the buttocks
# (mirrored for the left). The neck rises into the head, which covers its top.
_TORSO_RIGHT = [
    (4.9, 96.0),
    (5.4, 90.5),
    (7.5, 87.4),
    (12.0, 85.6),
    (17.0, 84.2),
    (21.0, 82.6),
    (23.2, 80.0),
    (22.6, 76.0),
    (20.6, 72.0),
    (19.6, 67.0),
    (18.8, 61.0),
    (17.4, 55.5),
    (15.4, 51.0),
    (14.6, 48.0),
    (15.2, 44.5),
    (17.2, 40.0),
    (19.2, 35.0),
    (19.8, 29.0),
    (19.4, 22.0),
    (18.4, 16.0),
    (17.4, 9.0),
]
LOWEST_RIB_RIGHT = [(SPINE_HALF_WIDTH + 0.6, 57.6), (7.0, 56.4), (11.5, 54.4), (15.2, 51.8)]
RIB_ABOVE_RIGHT = [(SPINE_HALF_WIDTH + 0.6, 61.0), (7.5, 60.0), (12.5, 58.0), (17.0, 55.2)]
PELVIS_RIM_RIGHT = [(4.2, 33.8), (6.2, 38.2), (10.0, 41.0), (14.5, 40.8), (18.2, 37.0)]
SCAPULA_RIGHT = [
    (9.6, 80.4),
    (9.4, 74.0),
    (10.2, 67.0),
    (12.0, 62.0),
    (15.0, 65.5),
    (18.4, 70.5),
    (20.4, 75.0),
    (19.8, 78.6),
    (14.5, 80.4),
]
SCAPULA_SPINE_RIGHT = [(9.8, 77.2), (15.0, 78.6), (21.2, 80.6)]

# The kidney area: just below the lowest ribs down to the waist, either side of the spine.
KIDNEY_RIGHT = [
    (SPINE_HALF_WIDTH, 57.2),
    (7.0, 55.8),
    (11.5, 53.8),
    (13.4, 52.3),
    (13.8, 50.6),
    (12.8, WAIST_Y + 0.8),
    (SPINE_HALF_WIDTH, WAIST_Y + 0.8),
]
# The back of the neck, from the base of the skull to where the shoulders begin.
NECK_RIGHT = [(0.0, 95.5), (4.7, 95.5), (5.2, 90.0), (6.4, 87.8), (0.0, 87.8)]

# Named places on the body, right side; "-left" twins are mirrored below.
_SIDED: dict[str, Point] = {
    "skull-base": (3.6, 94.0),
    "neck-back": (4.4, 91.0),
    "shoulder-top": (13.5, 83.0),
    "shoulder-outer": (20.0, 81.0),
    "blade-top": (14.5, 78.6),
    "blade": (15.5, 71.5),
    "blade-bottom": (12.5, 63.5),
    "between-blades-upper": (5.8, 77.5),
    "between-blades": (5.8, 72.0),
    "between-blades-lower": (5.8, 66.5),
    "mid-back": (7.0, 61.0),
    "lowest-rib": (11.5, 54.4),
    "kidney": (7.0, 52.5),
    "waist": (14.6, 48.0),
    "beside-spine-lower": (6.2, 44.3),
    "lower-back": (9.5, 44.5),
    "lower-back-side": (14.0, 44.5),
    "pelvis-rim": (10.0, 41.0),
    "hip": (17.8, 33.0),
    "buttock": (10.5, 25.0),
    "buttock-low": (10.0, 18.0),
    "thigh": (9.5, 7.0),
    "armpit": (19.4, 69.0),
    "side-upper-back": (18.0, 63.0),
}
_CENTRE: dict[str, Point] = {
    "neck-base": (0.0, 88.0),
    "upper-back": (0.0, 72.0),
    "below-blades": (0.0, 60.5),
    "mid-back": (0.0, 57.0),
    "lower-back": (0.0, 44.5),
    "sacrum": (0.0, 31.0),
}


def _landmarks() -> dict[str, Point]:
    named: dict[str, Point] = {}
    for name, (x, y) in _SIDED.items():
        named[f"{name}-right"] = (x, y)
        named[f"{name}-left"] = (-x, y)
    for name, point in _CENTRE.items():
        named[name if name not in _SIDED else f"{name}-centre"] = point
    return named


LANDMARKS: dict[str, Point] = _landmarks()

NO_GO_ZONES = ("spine", "kidneys", "neck")
# How each arm hangs when no hand of the person's own reaches somewhere (see `elbow`).
ARMS = ("down", "behind-head", "crossed", "forward")
SHOULDER_RIGHT: Point = (22.2, 78.0)
POINT_TOOLS = ("ball", "hook", "massager", "thumb")
HAND_KINDS = ("palm", "thumb", "heel", "fingertips", "fist", "forearm")
ELEMENT_KINDS = (
    "ball",
    "roller",
    "hook",
    "massager",
    "palm",
    "thumb",
    "heel",
    "fingertips",
    "fist",
    "forearm",
    "arrow",
    "circles",
    "hold",
    "marker",
    "body-zones",
)
# Fields each element kind accepts beyond `kind` (required first, then optional).
_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ball": (("at",), ("ghost",)),
    "roller": (("at",), ("angle",)),
    "hook": (("at", "over"), ()),
    "massager": (("at",), ("angle",)),
    "palm": (("at",), ("angle", "hand", "elbow")),
    "thumb": (("at",), ("angle", "hand", "elbow", "palm_side")),
    "heel": (("at",), ("angle", "hand", "elbow")),
    "fingertips": (("at",), ("angle", "hand", "elbow")),
    "fist": (("at",), ("angle", "hand", "elbow")),
    "forearm": (("elbow", "wrist"), ("shoulder",)),
    "arrow": (("path",), ("both",)),
    "circles": (("at",), ("clockwise", "radius")),
    "hold": (("at",), ("radius",)),
    "marker": (("at", "number"), ()),
    "body-zones": ((), ()),
}
# How far each placed thing reaches from its spot (for the safety checks).
_FOOTPRINT = {"ball": 3.4, "hook": 2.0, "massager": 2.8, "thumb": 1.4}

# The body map's zones (the issue-19 contract): number -> what it covers.
BODY_ZONES: dict[int, str] = {
    1: "neck and shoulders",
    2: "upper back",
    3: "between the shoulder blades",
    4: "mid back",
    5: "lower back",
    6: "buttocks",
    7: "hips",
    8: "legs",
}


# ---------------------------------------------------------------------------------------
# Validation


def resolve(value: Any) -> Point | None:
    """A landmark name or an ``[x, y]`` pair as a point; None when it is neither."""
    if isinstance(value, str):
        return LANDMARKS.get(value)
    if (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        return (float(value[0]), float(value[1]))
    return None


def validate(spec: Mapping[str, Any]) -> list[str]:
    """Problems with a back-view description's own fields (``no_go``, ``arms``, ``elements``)."""
    problems: list[str] = []
    no_go = spec.get("no_go")
    if not isinstance(no_go, list) or any(z not in NO_GO_ZONES for z in no_go):
        problems.append(
            f"no_go must be a list of zones among {', '.join(NO_GO_ZONES)}, got {no_go!r}"
        )
        no_go = []
    arms = spec.get("arms", "down")
    sides = arms if isinstance(arms, dict) else {"left": arms, "right": arms}
    if set(sides) - {"left", "right"} or any(v not in ARMS for v in sides.values()):
        problems.append(
            f"arms must be one of {', '.join(ARMS)} or a mapping of left/right to one, got {arms!r}"
        )
    elements = spec.get("elements")
    if not isinstance(elements, list) or not elements:
        return [*problems, f"elements must be a non-empty list, got {elements!r}"]
    for index, element in enumerate(elements):
        problems += [f"elements[{index}]: {p}" for p in _validate_element(element)]
    kinds = {e.get("kind") for e in elements if isinstance(e, dict)}
    if kinds & {*POINT_TOOLS, "roller"} and "spine" not in no_go:
        problems.append("no_go must show the spine on every picture that places a tool")
    problems += _legend_problems(spec, elements, no_go)
    return problems


def _legend_problems(spec: Mapping[str, Any], elements: list, no_go: list) -> list[str]:
    """The legend must explain every number and the hatching, since the picture has no words."""
    legend = [line for line in spec.get("legend") or [] if isinstance(line, str)]
    numbers = {
        e.get("number") for e in elements if isinstance(e, dict) and e.get("kind") == "marker"
    }
    if any(isinstance(e, dict) and e.get("kind") == "body-zones" for e in elements):
        numbers |= set(BODY_ZONES)
    problems = []
    for number in sorted(n for n in numbers if isinstance(n, int)):
        explained = re.compile(rf"(^|[;,]\s*){number}:")
        if not any(explained.search(line) for line in legend):
            problems.append(f"legend must explain marker number {number} (a line '{number}: ...')")
    if no_go and not any(line.startswith("Hatched") for line in legend):
        problems.append("legend must explain the hatched no-go zones (a line 'Hatched: ...')")
    kinds = {e.get("kind") for e in elements if isinstance(e, dict)}
    for word, kind in _LEGEND_WORDS.items():
        said = any(line.startswith(word) for line in legend)
        if kind in kinds and not said:
            problems.append(f"legend must explain the {kind} (a line '{word}...: ...')")
        if said and kind not in kinds:
            problems.append(f"legend explains '{word}...' but the picture shows no {kind}")
    return problems


# A legend line that starts with one of these words explains that kind of mark; a picture
# with such a mark needs its line (hands and numbers are checked elsewhere or read plainly).
_LEGEND_WORDS = {
    "Ball": "ball",
    "Roller": "roller",
    "Hook": "hook",
    "Massager": "massager",
    "Arrow": "arrow",
    "Circle": "circles",
    "Rings": "hold",
    "Forearm": "forearm",
    "Fist": "fist",
}


def _validate_element(element: Any) -> list[str]:
    if not isinstance(element, dict):
        return [f"must be a mapping with a kind, got {element!r}"]
    kind = element.get("kind")
    if kind not in _FIELDS:
        return [f"kind must be one of {', '.join(ELEMENT_KINDS)}, got {kind!r}"]
    required, optional = _FIELDS[kind]
    problems = []
    for key in element:
        if key != "kind" and key not in required + optional:
            allowed = ", ".join(required + optional) or "nothing else"
            problems.append(f"{kind}: {key!r} is not a known field (allowed: {allowed})")
    for key in required:
        if key not in element:
            problems.append(f"{kind}: {key} is missing")
    for key in ("at", "over", "elbow", "wrist", "shoulder"):
        if key in element and resolve(element[key]) is None:
            problems.append(
                f"{kind}: {key} must be a landmark (e.g. beside-spine-lower-left) or [x, y], "
                f"got {element[key]!r}"
            )
    if "path" in element:
        path = element["path"]
        if not isinstance(path, list) or len(path) < 2 or any(resolve(p) is None for p in path):
            problems.append(f"{kind}: path must list two or more landmarks or [x, y] points")
    for key in ("angle", "radius"):
        value = element.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(f"{kind}: {key} must be a number, got {value!r}")
    for key in ("both", "clockwise", "ghost", "palm_side"):
        if not isinstance(element.get(key, False), bool):
            problems.append(f"{kind}: {key} must be true or false, got {element[key]!r}")
    if element.get("hand", "right") not in ("left", "right"):
        problems.append(f"{kind}: hand must be left or right, got {element['hand']!r}")
    number = element.get("number", 1)
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 9:
        problems.append(f"{kind}: number must be a whole number from 1 to 9, got {number!r}")
    if not problems:
        problems += _safety(kind, element)
    return problems


def _safety(kind: str, element: Mapping[str, Any]) -> list[str]:
    """A pressing tool's footprint must stay off the spine and the kidney area."""
    problems = []
    if kind in _FOOTPRINT:
        x, y = resolve(element["at"])  # type: ignore[misc]
        reach = _FOOTPRINT[kind]
        if _on_spine(x, y, reach):
            problems.append(f"{kind} at {element['at']!r} would press on the spine")
        for bone, edges in _bone_edges().items():
            if any(_near(edge, (x, y), reach) for edge in edges):
                problems.append(f"{kind} at {element['at']!r} would press on {bone}")
        kidney = Polygon(_mirror_closed(KIDNEY_RIGHT, abs(x) > 0 and x < 0))
        if _touches(kidney, (x, y), reach):
            problems.append(f"{kind} at {element['at']!r} would press on the kidney area")
    if kind == "arrow":
        pts = marks.smooth([resolve(p) for p in element["path"]], closed=False)
        # Sample each segment densely: a straight two-point stroke has no inner points.
        samples = [
            a + (b - a) * t
            for a, b in zip(pts[:-1], pts[1:], strict=True)
            for t in np.linspace(0.0, 1.0, 12)
        ]
        if any(_on_spine(x, y, 0.0) for x, y in samples):
            problems.append("arrow crosses the spine: strokes run beside it, never over it")
    if kind == "circles":
        x, y = resolve(element["at"])  # type: ignore[misc]
        if _on_spine(x, y, float(element.get("radius", 3.2))):
            problems.append(f"circles at {element['at']!r} reach over the spine")
    if kind == "roller":
        _, y = resolve(element["at"])  # type: ignore[misc]
        if not 58.0 <= y <= 82.0:
            problems.append(
                f"roller at {element['at']!r} must lie across the upper back "
                "(from just below the shoulder blades to their top), never the lower back"
            )
    return problems


def _bone_edges() -> dict[str, list[np.ndarray]]:
    """Bony edges a pressing tool must stay off: the shoulder blades' inner borders and
    lower tips, and the rim of the pelvis (the hip bone), both sides."""
    blade_edge = marks.smooth(SCAPULA_RIGHT, closed=True)
    # The medial border and the lower tip: the outline's points nearest the spine and below.
    inner = blade_edge[(blade_edge[:, 0] < 13.0) | (blade_edge[:, 1] < 64.0)]
    rim = marks.smooth(PELVIS_RIM_RIGHT, closed=False)
    flip = np.array([-1.0, 1.0])
    return {
        "the shoulder blade's edge": [inner, inner * flip],
        "the hip bone": [rim, rim * flip],
    }


def _near(points: np.ndarray, center: Point, radius: float) -> bool:
    return bool(np.min(np.linalg.norm(points - np.asarray(center), axis=1)) < radius)


def _on_spine(x: float, y: float, reach: float) -> bool:
    """True when a disc of ``reach`` around (x, y) overlaps the spine's band."""
    return abs(x) - reach < SPINE_HALF_WIDTH and SPINE_BOTTOM - reach < y < SPINE_TOP + reach


def _mirror_closed(points: list[Point], left: bool) -> list[Point]:
    return [(-x, y) for x, y in points] if left else list(points)


def _touches(zone: Polygon, center: Point, radius: float) -> bool:
    """True when a disc of ``radius`` around ``center`` overlaps ``zone``."""
    path = zone.get_path()
    if path.contains_point(center):
        return True
    verts = zone.get_xy()
    c = np.asarray(center)
    for a, b in zip(verts[:-1], verts[1:], strict=True):
        ab = b - a
        t = np.clip(np.dot(c - a, ab) / (np.dot(ab, ab) or 1.0), 0.0, 1.0)
        if np.linalg.norm(a + t * ab - c) < radius:
            return True
    return False


# ---------------------------------------------------------------------------------------
# Drawing


def draw(ax: Axes, spec: Mapping[str, Any]) -> None:
    """Draw one back-view description (already validated) on ``ax``."""
    ax.set_xlim(-X_HALF, X_HALF)
    ax.set_ylim(Y_BOTTOM, Y_TOP)
    ax.set_aspect("equal")
    pen = Pen(ax, points_per_unit=ax.figure.get_figwidth() * 72 / (2 * X_HALF))
    elements = spec["elements"]
    zones_only = any(e["kind"] == "body-zones" for e in elements)
    arms = spec.get("arms", "down")
    sides = dict(arms) if isinstance(arms, dict) else {"left": arms, "right": arms}
    sides = {side: sides.get(side, "down") for side in ("left", "right")}
    reaching = [e for e in elements if "elbow" in e and e["kind"] != "forearm"]
    for element in reaching:
        sides[element.get("hand", "right")] = "own"
    torso = draw_body(pen, arms=sides, landmarks=not zones_only)
    for element in reaching:
        _draw_own_arm(pen, element)
    for zone in spec.get("no_go", []):
        for shape in no_go_shapes(zone):
            marks.no_go(pen, shape)
    for element in elements:
        _draw_element(pen, element, torso)


def _mirror(points: list[Point]) -> list[Point]:
    """The full outline: the right half, then its mirror image going back up."""
    return list(points) + [(-x, y) for x, y in reversed(points)]


def draw_body(pen: Pen, arms: Mapping[str, str] | None = None, landmarks: bool = True) -> Polygon:
    """The calm flat body from behind; returns the torso patch (zones clip to it).

    ``arms`` maps "left"/"right" to a preset of ``ARMS`` or "own" (drawn by the element
    whose hand it is, see ``_draw_own_arm``; only the shoulder is drawn here).
    """
    arms = dict(arms or {"left": "down", "right": "down"})
    torso_pts = marks.smooth(_mirror(_TORSO_RIGHT), closed=True)
    head = marks.ellipse((0.0, 102.0), 16.4, 20.5)
    ears = [marks.ellipse((s * 8.1, 100.5), 3.0, 5.8, s * -8) for s in (1, -1)]
    thighs = _thighs()
    limbs = _arms(arms)
    shapes = [*limbs, *thighs, torso_pts, *ears, head]
    fills = marks.union(pen, shapes, style.BODY, zorder=1.0)
    torso = fills[len(limbs) + len(thighs)]
    # Hair: the back of the head is what says "seen from behind" at a glance.
    hair = marks.smooth(
        [
            (0.0, 112.6),
            (6.4, 110.6),
            (8.3, 104.5),
            (8.0, 98.5),
            (6.2, 96.0),
            (3.0, 95.2),
            (0.0, 95.0),
            (-3.0, 95.2),
            (-6.2, 96.0),
            (-8.0, 98.5),
            (-8.3, 104.5),
            (-6.4, 110.6),
        ],
        closed=True,
    )
    marks.union(pen, [hair], style.HAIR, style.OUTLINE, zorder=1.2)
    # Creases: between the buttocks, under them, between the thighs, the armpits.
    marks.line(pen, [(0.0, 29.0), (0.0, 11.0)], style.OUTLINE, 2.2, 1.5)
    for s in (1, -1):
        fold = marks.smooth(
            [(s * 1.0, 12.6), (s * 6.0, 10.6), (s * 12.0, 10.8), (s * 16.0, 12.6)], closed=False
        )
        marks.line(pen, fold, style.OUTLINE, 2.2, 1.5)
        if arms["right" if s > 0 else "left"] == "down":
            crease = [(s * 20.6, 73.0), (s * 21.2, 70.0), (s * 21.0, 66.0)]
            marks.line(pen, marks.smooth(crease, closed=False), style.OUTLINE, 2.0, 1.5)
    if landmarks:
        forward = ("crossed", "forward")
        draw_landmarks(pen, crossed=arms["left"] in forward and arms["right"] in forward)
    return torso


def _thighs() -> list[np.ndarray]:
    return [marks.tapered((s * 9.3, 14.0), (s * 8.9, -4.0), 8.5, 7.8) for s in (1, -1)]


def _arms(arms: Mapping[str, str]) -> list[np.ndarray]:
    shapes = []
    for s in (1, -1):
        preset = arms["right" if s > 0 else "left"]
        if preset == "down":
            shapes += [
                marks.tapered((s * 22.2, 78.0), (s * 25.4, 57.0), 4.9, 3.7),
                marks.tapered((s * 25.4, 57.0), (s * 27.2, 37.5), 3.6, 2.7),
                marks.ellipse((s * 27.8, 32.5), 5.4, 9.2, s * 6),
            ]
        elif preset == "behind-head":
            shapes += [
                marks.tapered((s * 21.0, 79.0), (s * 29.0, 94.0), 4.9, 3.8),
                marks.tapered((s * 29.0, 94.0), (s * 10.5, 104.0), 3.6, 2.8),
                marks.ellipse((s * 5.5, 104.5), 9.5, 5.2, s * -12),
            ]
        elif preset in ("crossed", "forward"):
            # Reaching forward: only the shoulder and the upper arm show, going forward.
            shapes += [
                marks.tapered((s * 22.2, 78.0), (s * 24.6, 58.5), 4.9, 3.9),
                marks.ellipse((s * 24.2, 57.6), 8.2, 6.4, s * -10),
            ]
        else:  # "own": the shoulder cap; _draw_own_arm draws the rest over the back
            shapes += [marks.ellipse((s * 21.8, 78.2), 9.4, 9.0)]
    return shapes


def _draw_own_arm(pen: Pen, element: Mapping[str, Any]) -> None:
    """The person's own arm from the shoulder over ``elbow`` to the hand on their back."""
    right = element.get("hand", "right") == "right"
    s = 1.0 if right else -1.0
    at = resolve(element["at"])
    angle = float(element.get("angle", 0.0))
    if element["kind"] == "fist":
        wrist = marks.fist_wrist(at, angle)
    else:
        anchor = {"fingertips": "tips"}.get(element["kind"], element["kind"])
        wrist = marks.hand_wrist(
            at, angle, right, anchor, palm_side=element.get("palm_side", False)
        )
    elbow = resolve(element["elbow"])
    shoulder = (s * SHOULDER_RIGHT[0], SHOULDER_RIGHT[1])
    upper = marks.tapered(shoulder, elbow, 4.8, 3.7)
    lower = marks.tapered(elbow, wrist, 3.6, 2.6)
    marks.union(pen, [upper, lower], style.BODY, zorder=4.0)


def draw_landmarks(pen: Pen, crossed: bool = False, blade_fill: str = style.BODY_SHADE) -> None:
    """Spine, shoulder blades, lowest ribs and pelvis rim, in the bone colour."""
    bone, width, z = style.BONE, style.LANDMARK_WIDTH, 2.0
    # Crossed arms pull the shoulder blades apart, which is why steps ask for it.
    spread = 2.0 if crossed else 0.0
    for s in (1, -1):
        blade = [(s * (x + spread), y) for x, y in SCAPULA_RIGHT]
        pen.ax.add_patch(
            Polygon(
                marks.smooth(blade, closed=True),
                closed=True,
                facecolor=blade_fill,
                edgecolor=bone,
                linewidth=width,
                zorder=z,
            )
        )
        ridge = [(s * (x + spread), y) for x, y in SCAPULA_SPINE_RIGHT]
        marks.line(pen, marks.smooth(ridge, closed=False), bone, width, z + 0.1)
        for curve in (RIB_ABOVE_RIGHT, LOWEST_RIB_RIGHT):
            pts = marks.smooth([(s * x, y) for x, y in curve], closed=False)
            marks.line(pen, pts, bone, width, z)
        rim = marks.smooth([(s * x, y) for x, y in PELVIS_RIM_RIGHT], closed=False)
        marks.line(pen, rim, bone, width, z)
    # Sacrum: a small triangle at the base of the spine.
    sacrum = [(-3.6, 35.0), (3.6, 35.0), (0.0, 27.0)]
    pen.ax.add_patch(
        Polygon(
            sacrum,
            closed=True,
            facecolor=blade_fill,
            edgecolor=bone,
            linewidth=width,
            zorder=z,
        )
    )
    # Vertebrae: a column of small rounded marks.
    for y in np.arange(SPINE_TOP - 1.2, 35.5, -2.55):
        mark = marks.ellipse((0.0, float(y)), 2.6, 1.5)
        pen.ax.add_patch(
            Polygon(mark, closed=True, facecolor=bone, edgecolor="none", zorder=z + 0.1)
        )


def no_go_shapes(zone: str) -> list[np.ndarray]:
    """The outline(s) of one no-go zone."""
    if zone == "spine":
        return [marks.capsule((0.0, SPINE_BOTTOM + 1.5), (0.0, SPINE_TOP - 1.0), SPINE_HALF_WIDTH)]
    if zone == "kidneys":
        return [np.asarray(_mirror_closed(KIDNEY_RIGHT, left)) for left in (False, True)]
    return [np.asarray(_mirror(NECK_RIGHT[1:-1]))]


def _draw_element(pen: Pen, element: Mapping[str, Any], torso: Polygon) -> None:
    kind = element["kind"]
    at = resolve(element.get("at", [0, 0]))
    angle = float(element.get("angle", 0.0))
    right = element.get("hand", "right") == "right"
    if kind == "ball":
        marks.ball(pen, at, ghost=element.get("ghost", False))
    elif kind == "roller":
        marks.roller(pen, at, angle)
    elif kind == "hook":
        marks.hook(pen, at, resolve(element["over"]))
    elif kind == "massager":
        marks.massager(pen, at, float(element.get("angle", -45.0 if at[0] >= 0 else 45.0)))
    elif kind in ("palm", "thumb", "heel"):
        marks.hand(pen, at, angle, right, anchor=kind, palm_side=element.get("palm_side", False))
    elif kind == "fingertips":
        marks.fingertips(pen, at, angle, right)
    elif kind == "fist":
        marks.fist(pen, at, angle)
    elif kind == "forearm":
        shoulder = resolve(element["shoulder"]) if "shoulder" in element else None
        marks.forearm(pen, resolve(element["elbow"]), resolve(element["wrist"]), shoulder)
    elif kind == "arrow":
        marks.arrow(pen, [resolve(p) for p in element["path"]], both=element.get("both", False))
    elif kind == "circles":
        marks.circling(pen, at, float(element.get("radius", 3.2)), element.get("clockwise", False))
    elif kind == "hold":
        marks.hold(pen, at, float(element.get("radius", 4.6)))
    elif kind == "marker":
        marks.marker(pen, at, int(element["number"]))
    elif kind == "body-zones":
        draw_body_zones(pen, torso)


def body_zone_shapes() -> dict[int, list[np.ndarray]]:
    """Each body-map zone as one or more polygons (clipped to the body when drawn)."""
    wide = 30.0

    def band(y0: float, y1: float, x0: float = -wide, x1: float = wide) -> np.ndarray:
        return np.array([(x0, y0), (x1, y0), (x1, y1), (x0, y1)])

    upper_y = 62.0  # the bottom of the shoulder blades
    return {
        1: [np.array([(-wide, 80.5), (wide, 80.5), (wide, 95.0), (-wide, 95.0)])],
        2: [band(upper_y, 80.5, 9.4, wide), band(upper_y, 80.5, -wide, -9.4)],
        3: [band(upper_y, 80.5, -9.4, 9.4)],
        4: [band(52.5, upper_y)],
        5: [band(PELVIS_RIM_Y - 1.0, 52.5)],
        6: [
            np.array(
                [
                    (-wide, 11.0),
                    (wide, 11.0),
                    (wide, 22.0),
                    (14.5, 22.0),
                    (14.5, PELVIS_RIM_Y - 1.0),
                    (-14.5, PELVIS_RIM_Y - 1.0),
                    (-14.5, 22.0),
                    (-wide, 22.0),
                ]
            )
        ],
        7: [
            band(22.0, PELVIS_RIM_Y - 1.0, 14.5, wide),
            band(22.0, PELVIS_RIM_Y - 1.0, -wide, -14.5),
        ],
        8: [band(Y_BOTTOM - 5, 11.0)],
    }


ZONE_NUMBER_AT: dict[int, Point] = {
    1: (0.0, 85.0),
    2: (14.8, 71.0),
    3: (0.0, 71.0),
    4: (0.0, 57.0),
    5: (0.0, 45.5),
    6: (0.0, 22.0),
    7: (17.2, 30.5),
    8: (9.2, 7.6),
}


def draw_body_zones(pen: Pen, torso: Polygon) -> None:
    """The body map: each zone lightly filled, a big number on it, landmarks on top."""
    ax = pen.ax
    thighs = _thighs()
    thigh_clips = [Polygon(t, closed=True, facecolor="none", edgecolor="none") for t in thighs]
    for clip in thigh_clips:
        ax.add_patch(clip)
    for number, shapes in body_zone_shapes().items():
        for shape in shapes:
            clips = thigh_clips if number == 8 else [torso]
            for clip in clips:
                patch = Polygon(
                    shape,
                    closed=True,
                    facecolor=style.ZONE_FILLS[number - 1],
                    edgecolor=style.BACKGROUND,
                    linewidth=3,
                    alpha=style.ZONE_ALPHA,
                    zorder=1.5,
                )
                ax.add_patch(patch)
                patch.set_clip_path(clip)
    # The landmarks over the fills (blades unfilled so zone 2 shows), then the numbers.
    draw_landmarks(pen, blade_fill="none")
    for number, (x, y) in ZONE_NUMBER_AT.items():
        marks.marker(pen, (x, y), number, radius=4.2, font_size=style.ZONE_NUMBER_SIZE)
        if number in (2, 7, 8):
            marks.marker(pen, (-x, y), number, radius=4.2, font_size=style.ZONE_NUMBER_SIZE)
