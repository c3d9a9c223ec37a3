"""Whole-body position pictures (``view: pose``): a posed pictogram figure, props and arrows.

A figure is a small skeleton posed by forward kinematics: the pelvis sits at a point and
every segment (torso, neck, upper arm, forearm, thigh, shin, foot) points in a direction
given in degrees (0 = to the right, 90 = up, measured in the picture, so a pose reads like
the picture it makes). Named poses live in ``pose-table.yaml`` next to this module; a
picture names one and may override single angles. Sizes are in centimetres of an adult of
about 175 cm, so the proportions stay human in every pose.

Everything is first built as a list of shapes in centimetres, then fitted to the Axes and
drawn, so outlines keep the same thickness in pixels whatever the zoom. Every shape is a
convex hull of circles (a capsule is two), which makes an outline a simple dilation: draw
each layer once larger in the outline colour, then again in its fill, and the limbs of one
layer merge smoothly at the joints. Colours and line weights come only from ``style``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from matplotlib.axes import Axes
from matplotlib.patches import Circle, Polygon

from content.pictures import marks, style

POSE_TABLE_PATH = Path(__file__).resolve().parent / "pose-table.yaml"
# Data the drawings depend on besides this module: a change re-renders the pictures.
DATA_FILES = (POSE_TABLE_PATH,)

# Arrows, markers and balls look the same size on screen as in the back view (pixels on
# the 1024 px canvas), whatever the zoom of a pose picture.
ARROW_WIDTH_PX = 8.5
ARROW_HEAD_PX = 32.0
MARKER_RADIUS_PX = 28.0

# Canvases: a scene much wider than tall (a person lying down) gets a landscape canvas, so
# on a phone it is not a thin band in a square of white; everything else stays square.
# Telegram shows both at the full width of the chat.
SQUARE_PX = (style.WIDTH_PX, style.HEIGHT_PX)
LANDSCAPE_PX = (style.WIDTH_PX, 640)
LANDSCAPE_FROM = 1.35  # scene width / height from which the landscape canvas reads better
# The same white margin on every side of every pose picture, in pixels.
MARGIN_PX = 40.0
FRAME_PAD = 0.04  # the same margin, as a share of a cropped picture's frame

# Segment lengths and thicknesses (radius), in cm.
LENGTHS = {
    "torso": 50.0,
    "neck": 9.0,
    "upper_arm": 29.0,
    "forearm": 25.0,
    "thigh": 43.0,
    "shin": 41.0,
    "foot": 17.0,
}
HEAD_RADIUS = 11.5
NECK_RADIUS = 5.0
ARM_RADII = (5.2, 4.4)
HAND_RADIUS = 5.0
LEG_RADII = (8.0, 5.8)
FOOT_RADIUS = 4.0
# Side view: hips and chest as seen from the side.
SIDE_PELVIS_RADIUS = 12.5
SIDE_CHEST_RADIUS = 13.0
# Front view: half widths of shoulders and hips.
SHOULDER_HALF = 16.5
HIP_HALF = 8.5

Point = tuple[float, float]


@dataclass
class Blob:
    """A convex hull of circles (x, y, r): a capsule, a torso, a head, a prop."""

    circles: list[tuple[float, float, float]]
    fill: str = style.BODY
    z: float = 0.0
    alpha: float = 1.0
    outline: bool = True


@dataclass
class Box:
    """An axis-aligned rectangle with rounded corners (floor, wall, chair parts, cushions)."""

    x0: float
    y0: float
    x1: float
    y1: float
    fill: str = style.FLOOR
    z: float = 0.0
    radius: float = 2.0
    outline: bool = True


@dataclass
class Arrow:
    """A motion arrow along a list of points (already curved where it should be)."""

    points: list[Point]
    both: bool = False
    z: float = 100.0


@dataclass
class Marker:
    """A numbered marker."""

    at: Point
    number: str
    z: float = 110.0


@dataclass
class Scene:
    """Everything one picture draws, in cm, and each figure's joints (for arrows and props)."""

    blobs: list[Blob] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)
    arrows: list[Arrow] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    balls: list[tuple[Point, float]] = field(default_factory=list)
    joints: list[dict[str, Point]] = field(default_factory=list)


# --- geometry -------------------------------------------------------------------------


def _step(p: Point, angle_deg: float, length: float) -> Point:
    a = math.radians(angle_deg)
    return (p[0] + length * math.cos(a), p[1] + length * math.sin(a))


def _hull(points: list[Point]) -> list[Point]:
    """Convex hull (Andrew's monotone chain), counter-clockwise."""
    pts = sorted(set(points))
    if len(pts) <= 2:
        return pts

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _blob_outline(circles: Iterable[tuple[float, float, float]], grow: float) -> list[Point]:
    points: list[Point] = []
    for x, y, r in circles:
        rr = r + grow
        for i in range(48):
            a = 2 * math.pi * i / 48
            points.append((x + rr * math.cos(a), y + rr * math.sin(a)))
    return _hull(points)


# --- the figure -----------------------------------------------------------------------


@cache
def pose_table() -> dict[str, dict[str, Any]]:
    """The named poses (``pose-table.yaml``)."""
    with POSE_TABLE_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _resolve_pose(figure: Mapping[str, Any]) -> dict[str, Any]:
    """A figure's angles: its named pose, then the picture's own overrides."""
    merged: dict[str, Any] = {}
    name = figure.get("pose")
    if name is not None:
        table = pose_table()
        if name not in table:
            raise ValueError(f"unknown pose {name!r}; known: {', '.join(sorted(table))}")
        merged.update(table[name])
    merged.update({k: v for k, v in figure.items() if k != "pose"})
    return merged


def _mirror(angle: float) -> float:
    return 180.0 - angle


def _capsule(a: Point, b: Point, ra: float, rb: float | None = None) -> list:
    return [(a[0], a[1], ra), (b[0], b[1], rb if rb is not None else ra)]


def _limb(
    start: Point,
    angles: list[float],
    names: list[str],
    radii: list[float],
    scale: Mapping[str, float],
) -> tuple[list[Point], list[list]]:
    """Chain segments from ``start``: the joint points and one capsule per segment."""
    points = [start]
    capsules = []
    for angle, name, radius in zip(angles, names, radii, strict=False):
        end = _step(points[-1], angle, LENGTHS[name] * float(scale.get(name, 1.0)))
        capsules.append(_capsule(points[-1], end, radius, radius * 0.9))
        points.append(end)
    return points, capsules


def build_figure(scene: Scene, figure: Mapping[str, Any], z: float) -> None:
    """Pose one person and add their shapes to ``scene`` (in layers from far to near)."""
    pose = _resolve_pose(figure)
    kind = pose.get("model", "side")
    first_blob = len(scene.blobs)
    if kind == "side":
        _build_side(scene, pose, z)
    elif kind == "front":
        _build_front(scene, pose, z)
    else:
        raise ValueError(f"unknown figure model {kind!r} (side or front)")
    if pose.get("ground"):
        # Stand the figure on the floor (y = 0) whatever its leg angles add up to.
        blobs = scene.blobs[first_blob:]
        lift = -min(y - r for blob in blobs for _x, y, r in blob.circles)
        for blob in blobs:
            blob.circles = [(x, y + lift, r) for x, y, r in blob.circles]
        joints = scene.joints[-1]
        for name, (x, y) in joints.items():
            joints[name] = (x, y + lift)


def _angles(pose: Mapping[str, Any], key: str, count: int) -> list[float]:
    value = pose[key]
    values = [float(v) for v in (value if isinstance(value, list) else [value])]
    if len(values) != count:
        raise ValueError(f"{key} needs {count} angle(s), got {value!r}")
    if pose.get("facing", "right") == "left":
        values = [_mirror(v) for v in values]
    return values


def _colours(pose: Mapping[str, Any]) -> tuple[str, str, str, float]:
    body = style.BODY
    far = style.BODY_SHADE
    hands = style.HANDS if pose.get("hands") == "highlight" else body
    alpha = 0.35 if pose.get("ghost") else 1.0
    return body, far, hands, alpha


def _build_side(scene: Scene, pose: Mapping[str, Any], z: float) -> None:
    body, far, hands, alpha = _colours(pose)
    facing_left = pose.get("facing", "right") == "left"
    pelvis = tuple(float(v) for v in pose.get("at", (0.0, 0.0)))
    torso = _angles(pose, "torso", 1)[0]
    bend = float(pose.get("bend", 0.0)) * (-1 if facing_left else 1)
    # The spine in two parts, so a back can round (bend > 0 rounds it forward) or arch.
    lower_dir = torso + bend / 2
    upper_dir = torso - bend / 2
    waist = _step(pelvis, lower_dir, LENGTHS["torso"] * 0.45)
    shoulder = _step(waist, upper_dir, LENGTHS["torso"] * 0.55)
    neck_dir = _angles(pose, "neck", 1)[0] if "neck" in pose else upper_dir
    neck_top = _step(shoulder, neck_dir, LENGTHS["neck"])
    head = _step(neck_top, neck_dir, HEAD_RADIUS * 0.75)
    # The chest sits a little in front of the shoulder joint line.
    front = upper_dir + (90 if facing_left else -90)
    chest = _step(_step(shoulder, upper_dir, -10), front, 3)
    belly = _step(waist, lower_dir + (90 if facing_left else -90), 1.5)
    joints: dict[str, Point] = {
        "pelvis": pelvis,
        "waist": waist,
        "shoulder": shoulder,
        "neck": neck_top,
        "head": head,
        "chest": chest,
    }

    def add(circles: list, fill: str, layer: float) -> None:
        scene.blobs.append(Blob(circles, fill, z + layer, alpha))

    # Arms can be lifted above other layers (hands resting on the chest, a giver's hands).
    arm_z = {"": float(pose.get("arm_z", 0.0)), "_far": float(pose.get("arm_far_z", 0.0))}
    leg_z = {"": float(pose.get("leg_z", 0.0)), "_far": float(pose.get("leg_far_z", 0.0))}
    for side, colour, base in (("_far", far, 0.0), ("", body, 4.0)):
        arm = _angles(pose, f"arm{side}", 2)
        scale = pose.get(f"scale{side}", {})
        points, caps = _limb(shoulder, arm, ["upper_arm", "forearm"], list(ARM_RADII), scale)
        layer = base + 0.2 + arm_z[side]
        for cap in caps:
            add(cap, colour, layer)
        hand = points[-1]
        add([(hand[0], hand[1], HAND_RADIUS)], hands if hands != body else colour, layer)
        joints[f"elbow{side}"], joints[f"hand{side}"] = points[1], hand

        leg = _angles(pose, f"leg{side}", 3)
        points, caps = _limb(pelvis, leg[:2], ["thigh", "shin"], list(LEG_RADII), scale)
        ankle = points[-1]
        toe = _step(ankle, leg[2], LENGTHS["foot"])
        heel = _step(ankle, leg[2], -3)
        layer = base + 0.1 + leg_z[side]
        for cap in caps:
            add(cap, colour, layer)
        add(_capsule(heel, toe, FOOT_RADIUS, FOOT_RADIUS * 0.8), colour, layer)
        joints[f"knee{side}"], joints[f"ankle{side}"], joints[f"toe{side}"] = (
            points[1],
            ankle,
            toe,
        )
    # Torso, neck and head share one layer between the far and the near limbs.
    add(
        [(pelvis[0], pelvis[1], SIDE_PELVIS_RADIUS), (belly[0], belly[1], 11.5)],
        body,
        2.0,
    )
    add(
        [
            (belly[0], belly[1], 11.5),
            (chest[0], chest[1], SIDE_CHEST_RADIUS),
            (shoulder[0], shoulder[1], 8.5),
        ],
        body,
        2.0,
    )
    add(_capsule(shoulder, neck_top, NECK_RADIUS), body, 2.0)
    # A small nose tells which way the face looks (chin glides, head down or up).
    face = neck_dir + (90 if facing_left else -90)
    nose = _step(_step(head, face, HEAD_RADIUS - 0.4), neck_dir, 1.0)
    add([(head[0], head[1], HEAD_RADIUS)], body, 2.0)
    add([(nose[0], nose[1], 2.3)], body, 2.0)
    joints["nose"] = nose
    scene.joints.append(joints)


def _build_front(scene: Scene, pose: Mapping[str, Any], z: float) -> None:
    """A person seen from the front (or from above when lying): picture-left and -right limbs."""
    body, _far, hands, alpha = _colours(pose)
    pelvis = tuple(float(v) for v in pose.get("at", (0.0, 0.0)))
    torso = float(pose["torso"])
    lengths = dict(LENGTHS)
    lengths.update({k: LENGTHS[k] * float(v) for k, v in pose.get("scale", {}).items()})
    shoulder_mid = _step(pelvis, torso, lengths["torso"])
    left, right = torso + 90, torso - 90
    shoulders = {
        "l": _step(shoulder_mid, left, SHOULDER_HALF),
        "r": _step(shoulder_mid, right, SHOULDER_HALF),
    }
    hips = {"l": _step(pelvis, left, HIP_HALF), "r": _step(pelvis, right, HIP_HALF)}
    neck_dir = float(pose.get("neck", torso))
    neck_top = _step(shoulder_mid, neck_dir, lengths["neck"] * 1.5)
    head = _step(neck_top, neck_dir, HEAD_RADIUS * 0.8)
    joints: dict[str, Point] = {"pelvis": pelvis, "shoulder": shoulder_mid, "head": head}

    def add(circles: list, fill: str, layer: float) -> None:
        scene.blobs.append(Blob(circles, fill, z + layer, alpha))

    for side in ("l", "r"):
        thigh, shin, foot = (float(v) for v in pose[f"leg_{side}"])
        knee = _step(hips[side], thigh, lengths["thigh"])
        ankle = _step(knee, shin, lengths["shin"])
        toe = _step(ankle, foot, lengths["foot"] * 0.55)
        # Seated seen from the front, the thighs come towards the viewer, over the pelvis.
        thigh_layer = 2.5 if pose.get("thighs_front") else 0.1
        add(_capsule(hips[side], knee, LEG_RADII[0] + 1.0, LEG_RADII[0] + 1.5), body, thigh_layer)
        add(_capsule(knee, ankle, LEG_RADII[1] + 0.5, LEG_RADII[1]), body, 0.1)
        add(_capsule(ankle, toe, FOOT_RADIUS + 0.5, FOOT_RADIUS), body, 0.1)
        joints.update({f"knee_{side}": knee, f"ankle_{side}": ankle})
    waist_half = SHOULDER_HALF * 0.72
    waist = _step(pelvis, torso, lengths["torso"] * 0.45)
    add(
        [
            (*_step(_step(shoulders["l"], right, 3), torso, -2), 8.5),
            (*_step(_step(shoulders["r"], left, 3), torso, -2), 8.5),
            (*_step(waist, left, waist_half - 6), 5.0),
            (*_step(waist, right, waist_half - 6), 5.0),
            (*_step(hips["l"], torso, 3), 9.0),
            (*_step(hips["r"], torso, 3), 9.0),
        ],
        body,
        2.0,
    )
    add(_capsule(shoulder_mid, neck_top, NECK_RADIUS + 1.5), body, 1.9)
    add([(head[0], head[1], HEAD_RADIUS)], body, 2.0)
    # Ears show a tilted head (a plain circle looks only shifted).
    for side in (90, -90):
        ear = _step(head, neck_dir + side, HEAD_RADIUS - 0.3)
        add([(ear[0], ear[1], 2.6)], body, 2.0)
    for side in ("l", "r"):
        # An arm reaching behind the body (to a chair back) is drawn behind the torso.
        arm_z = float(pose.get(f"arm_{side}_z", pose.get("arm_z", 3.0)))
        upper, fore = (float(v) for v in pose[f"arm_{side}"])
        elbow = _step(shoulders[side], upper, lengths["upper_arm"])
        hand = _step(elbow, fore, lengths["forearm"])
        add(_capsule(shoulders[side], elbow, ARM_RADII[0]), body, arm_z)
        add(_capsule(elbow, hand, ARM_RADII[1] + 0.3, ARM_RADII[1]), body, arm_z)
        add([(hand[0], hand[1], HAND_RADIUS)], hands, arm_z)
        joints.update({f"shoulder_{side}": shoulders[side], f"elbow_{side}": elbow})
        joints[f"hand_{side}"] = hand
    scene.joints.append(joints)


# --- props ----------------------------------------------------------------------------


def _point(scene: Scene, value: Any) -> Point:
    """A point: ``[x, y]`` in cm, or ``{joint: knee, figure: 0, dx: 5, dy: 0}``."""
    if isinstance(value, Mapping):
        joints = scene.joints[int(value.get("figure", 0))]
        name = value["joint"]
        if name not in joints:
            raise ValueError(f"unknown joint {name!r}; known: {', '.join(sorted(joints))}")
        x, y = joints[name]
        return (x + float(value.get("dx", 0)), y + float(value.get("dy", 0)))
    x, y = value
    return (float(x), float(y))


def _build_prop(scene: Scene, prop: Mapping[str, Any]) -> None:
    kind = prop["kind"]
    if kind == "floor":
        x0, x1 = (float(v) for v in prop.get("span", (-100, 100)))
        y = float(prop.get("y", 0.0))
        scene.boxes.append(Box(x0, y - 3.0, x1, y, style.FLOOR, z=-5, radius=1.0, outline=False))
    elif kind == "mat":  # a mat on the floor, seen from above
        x0, y0, x1, y1 = (float(v) for v in prop["box"])
        scene.boxes.append(Box(x0, y0, x1, y1, style.MAT, z=-5, radius=6.0, outline=False))
    elif kind == "wall":
        x = float(prop["x"])
        height = float(prop.get("height", 190))
        scene.boxes.append(Box(x, -3.0, x + 6.0, height, style.FLOOR, z=-4, radius=1.0))
    elif kind == "cushion":
        x, y = _point(scene, prop["at"])
        w, h = (float(v) for v in prop.get("size", (34, 12)))
        scene.boxes.append(Box(x - w / 2, y, x + w / 2, y + h, style.FLOOR, z=-1, radius=h / 2.2))
    elif kind == "roller":  # a foam roller seen end-on
        x, y = _point(scene, prop["at"])
        r = float(prop.get("radius", 7.5))
        scene.blobs.append(Blob([(x, y, r)], style.TOOL, z=float(prop.get("z", 30))))
    elif kind == "ball":
        x, y = _point(scene, prop["at"])
        scene.balls.append(((x, y), float(prop.get("radius", 5.0))))
    elif kind == "heat-pad":  # a heat pad resting on the body, seen edge-on
        x, y = _point(scene, prop["at"])
        w, h = (float(v) for v in prop.get("size", (30, 4)))
        scene.boxes.append(Box(x - w / 2, y, x + w / 2, y + h, style.TOOL, z=60, radius=h / 2))
    elif kind == "towel":  # a towel draped over a lying body: a soft hull over the points
        circles = [(*_point(scene, c["at"]), float(c["r"])) for c in prop["over"]]
        scene.blobs.append(Blob(circles, style.MAT, z=float(prop.get("z", 60))))
    elif kind == "chair":
        _chair(scene, prop)
    elif kind == "chair-front":  # a chair seen from the front, behind a seated person
        x, seat = float(prop.get("x", 0)), float(prop.get("seat", 45))
        scene.boxes.append(Box(x - 28, seat - 5, x + 28, seat, style.FLOOR, z=-3, radius=1.5))
        scene.boxes.append(Box(x - 25, seat, x + 25, seat + 50, style.FLOOR, z=-3.2, radius=3))
        for leg_x in (x - 25, x + 25):
            scene.boxes.append(Box(leg_x - 2, -3, leg_x + 2, seat - 5, style.FLOOR, z=-3.1))
    elif kind == "massage-chair":
        _massage_chair(scene, prop)
    elif kind == "doorway":
        x0, x1 = (float(v) for v in prop["posts"])
        top = float(prop.get("height", 205))
        for x in (x0, x1):
            scene.boxes.append(Box(x - 6, -3, x + 6, top, style.FLOOR, z=-4, radius=1.0))
        scene.boxes.append(Box(x0 - 6, top - 8, x1 + 6, top + 4, style.FLOOR, z=-4, radius=1.0))
    else:
        raise ValueError(f"unknown prop {kind!r}")


def _chair(scene: Scene, prop: Mapping[str, Any]) -> None:
    """A plain chair from the side: ``x`` is where the backrest stands, ``back`` its side."""
    x = float(prop["x"])
    seat = float(prop.get("seat", 45))
    depth = 42.0
    sign = -1 if prop.get("back", "left") == "left" else 1
    x_back = x
    x_front = x - sign * depth
    lo, hi = sorted((x_back, x_front))
    scene.boxes.append(Box(lo, seat - 4, hi, seat, style.FLOOR, z=-3, radius=1.5))
    for leg_x in (x_back, x_front):
        scene.boxes.append(Box(leg_x - 2, -3, leg_x + 2, seat - 4, style.FLOOR, z=-3.1))
    if prop.get("backrest", True):
        scene.boxes.append(Box(x_back - 2, seat, x_back + 2, seat + 45, style.FLOOR, z=-3.1))


def _massage_chair(scene: Scene, prop: Mapping[str, Any]) -> None:
    """A padded reclining massage chair from the side, facing right."""
    x = float(prop.get("x", 0))
    pad = style.FLOOR
    # Base, seat cushion, reclined backrest with headrest, and the leg rest.
    scene.boxes.append(Box(x - 30, -3, x + 40, 8, pad, z=-3, radius=3))
    scene.blobs.append(
        Blob([(x - 24, 36, 9), (x + 28, 36, 9), (x - 24, 12, 6), (x + 28, 12, 6)], pad, z=-3)
    )
    scene.blobs.append(Blob([(x - 26, 40, 11), (x - 62, 112, 11)], pad, z=-3))
    scene.blobs.append(Blob([(x + 34, 34, 8), (x + 70, 6, 8)], pad, z=-3))


def _build_arrow(scene: Scene, spec: Mapping[str, Any]) -> None:
    both = bool(spec.get("both", False))
    if "arc" in spec:
        arc = spec["arc"]
        cx, cy = _point(scene, arc["center"])
        r = float(arc["radius"])
        ry = float(arc.get("radius_y", r))
        a0, a1 = float(arc["start"]), float(arc["end"])
        n = max(8, int(abs(a1 - a0) / 4))
        points = [
            (
                cx + r * math.cos(math.radians(a0 + (a1 - a0) * i / n)),
                cy + ry * math.sin(math.radians(a0 + (a1 - a0) * i / n)),
            )
            for i in range(n + 1)
        ]
    else:
        points = [_point(scene, p) for p in spec["points"]]
    scene.arrows.append(Arrow(points, both))


def build_scene(spec: Mapping[str, Any]) -> Scene:
    """Every shape of a picture, in cm, before fitting it to a canvas."""
    scene = Scene()
    for index, figure in enumerate(spec.get("figures", [])):
        build_figure(scene, figure, z=10.0 + 20.0 * index)
    for prop in spec.get("props", []):
        _build_prop(scene, prop)
    for arrow in spec.get("arrows", []):
        _build_arrow(scene, arrow)
    for marker in spec.get("markers", []):
        scene.markers.append(Marker(_point(scene, marker["at"]), str(marker["number"])))
    return scene


# --- checks ---------------------------------------------------------------------------

POSE_FIELDS = ("id", "view", "legend", "figures", "props", "arrows", "markers", "frame")
# A roller lying across the back must sit on the upper back: between these fractions of the
# way from the hips to the shoulders (never the lower back, never the neck).
ROLLER_UPPER_BACK = (0.55, 1.0)


def validate(spec: Mapping[str, Any]) -> list[str]:
    """Problems with a pose description's own fields, each saying what to fix."""
    problems = [
        f"{key} is not a pose field (known: {', '.join(POSE_FIELDS)})"
        for key in spec
        if key not in POSE_FIELDS
    ]
    figures = spec.get("figures")
    if not isinstance(figures, list) or not figures:
        return [*problems, f"figures must be a non-empty list of posed people, got {figures!r}"]
    try:
        scene = build_scene(spec)
    except (KeyError, TypeError, ValueError, IndexError) as error:
        return [*problems, f"cannot be drawn: {error}"]
    legend = [line for line in spec.get("legend") or [] if isinstance(line, str)]
    for marker in spec.get("markers", []):
        number = str(marker.get("number"))
        if not any(line.startswith(f"{number}: ") for line in legend):
            problems.append(f"marker number {number} needs a legend line starting '{number}: '")
    if spec.get("arrows") and not any("arrow" in line.lower() for line in legend):
        problems.append("the legend must say what the arrows mean (a line naming the arrow)")
    problems += _roller_problems(spec, scene)
    return problems


def _roller_problems(spec: Mapping[str, Any], scene: Scene) -> list[str]:
    problems = []
    rollers = [p for p in spec.get("props", []) if p.get("kind") == "roller"]
    for prop in rollers:
        x, y = _point(scene, prop["at"])
        hips, shoulders = scene.joints[0]["pelvis"], scene.joints[0]["shoulder"]
        dx, dy = shoulders[0] - hips[0], shoulders[1] - hips[1]
        along = ((x - hips[0]) * dx + (y - hips[1]) * dy) / (dx * dx + dy * dy)
        low, high = ROLLER_UPPER_BACK
        if not low <= along <= high:
            problems.append(
                f"the roller sits {along:.0%} of the way from hips to shoulders; it belongs on "
                f"the upper back ({low:.0%} to {high:.0%}), never the lower back or the neck"
            )
    return problems


# --- drawing --------------------------------------------------------------------------


def _extent(scene: Scene) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for blob in scene.blobs:
        for x, y, r in blob.circles:
            xs += [x - r, x + r]
            ys += [y - r, y + r]
    for box in scene.boxes:
        if box.outline or box.fill == style.MAT:
            xs += [box.x0, box.x1]
            ys += [box.y0, box.y1]
    for arrow in scene.arrows:
        xs += [p[0] for p in arrow.points]
        ys += [p[1] for p in arrow.points]
    for marker in scene.markers:
        xs += [marker.at[0] - 6, marker.at[0] + 6]
        ys += [marker.at[1] - 6, marker.at[1] + 6]
    for (x, y), r in scene.balls:
        xs += [x - r, x + r]
        ys += [y - r, y + r]
    return min(xs), max(xs), min(ys), max(ys)


def _bounds(scene: Scene, frame: Any) -> tuple[float, float, float, float]:
    """What the picture must show, in cm: its ``frame``, or the whole scene."""
    ex0, ex1, ey0, ey1 = _extent(scene)
    if frame is None:
        return ex0, ex1, ey0, ey1
    # A frame crops the body (the neck pictures cut it at the chest); where the scene ends
    # inside the frame (above the head), stop there too, with the usual margin of white.
    x0, x1, y0, y1 = (float(v) for v in frame)
    pad = FRAME_PAD * max(x1 - x0, y1 - y0)
    return max(x0, ex0 - pad), min(x1, ex1 + pad), max(y0, ey0 - pad), min(y1, ey1 + pad)


def canvas_px(spec: Mapping[str, Any]) -> tuple[int, int]:
    """The canvas for this picture: landscape for a wide scene, square otherwise."""
    x0, x1, y0, y1 = _bounds(build_scene(spec), spec.get("frame"))
    return LANDSCAPE_PX if (x1 - x0) >= LANDSCAPE_FROM * (y1 - y0) else SQUARE_PX


def _fit(ax: Axes, scene: Scene, frame: Any) -> float:
    """Fit the scene into the Axes (equal aspect, ``MARGIN_PX`` clear) and return px per cm."""
    x0, x1, y0, y1 = _bounds(scene, frame)
    fig = ax.figure
    box = ax.get_position()
    width_px = box.width * fig.get_figwidth() * fig.dpi
    height_px = box.height * fig.get_figheight() * fig.dpi
    margin = 0.0 if frame is not None else MARGIN_PX
    scale = min((width_px - 2 * margin) / (x1 - x0), (height_px - 2 * margin) / (y1 - y0))
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    half_w, half_h = width_px / scale / 2, height_px / scale / 2
    ax.set_xlim(cx - half_w, cx + half_w)
    ax.set_ylim(cy - half_h, cy + half_h)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return scale


def _points_to_cm(points: float, px_per_cm: float, dpi: float) -> float:
    return points * dpi / 72.0 / px_per_cm


def draw(ax: Axes, spec: Mapping[str, Any]) -> None:
    """Draw the pose picture described by ``spec`` (a picture description) on ``ax``."""
    scene = build_scene(spec)
    px_per_cm = _fit(ax, scene, spec.get("frame"))
    dpi = ax.figure.dpi
    outline = _points_to_cm(style.OUTLINE_WIDTH, px_per_cm, dpi)

    # Floor and furniture first (outlined boxes), then bodies and tools by layer.
    for box in scene.boxes:
        w, h = box.x1 - box.x0, box.y1 - box.y0
        r = min(box.radius, w / 2, h / 2)
        circles = [
            (box.x0 + r, box.y0 + r, r),
            (box.x1 - r, box.y0 + r, r),
            (box.x0 + r, box.y1 - r, r),
            (box.x1 - r, box.y1 - r, r),
        ]
        if box.outline:
            ax.add_patch(
                Polygon(_blob_outline(circles, outline * 0.7), fc=style.OUTLINE, lw=0, zorder=box.z)
            )
        ax.add_patch(Polygon(_blob_outline(circles, 0), fc=box.fill, lw=0, zorder=box.z + 0.01))

    for blob in scene.blobs:
        if blob.outline:
            ax.add_patch(
                Polygon(
                    _blob_outline(blob.circles, outline),
                    fc=style.OUTLINE,
                    lw=0,
                    alpha=blob.alpha,
                    zorder=blob.z,
                )
            )
    for blob in scene.blobs:
        # Fills sit just above every outline of their own layer, so joints merge.
        ax.add_patch(
            Polygon(
                _blob_outline(blob.circles, 0),
                fc=blob.fill,
                lw=0,
                alpha=1.0 if blob.alpha == 1.0 else 0.5,
                zorder=blob.z + 0.05,
            )
        )
        if blob.fill == style.TOOL and len(blob.circles) == 1:
            # A roller end-on: a ring shows it is a tube, not a ball.
            x, y, r = blob.circles[0]
            ax.add_patch(
                Circle((x, y), r * 0.45, fc="none", ec=style.BACKGROUND, lw=2, zorder=blob.z + 0.06)
            )

    pen = marks.Pen(ax, points_per_unit=px_per_cm * 72.0 / dpi)
    for at, radius in scene.balls:
        marks.ball(pen, at, radius=radius, zorder=60)
    for arrow in scene.arrows:
        marks.arrow(
            pen,
            arrow.points,
            both=arrow.both,
            width_units=ARROW_WIDTH_PX / px_per_cm,
            head=ARROW_HEAD_PX / px_per_cm,
            zorder=arrow.z,
        )
    for marker in scene.markers:
        marks.marker(
            pen, marker.at, int(marker.number), radius=MARKER_RADIUS_PX / px_per_cm, zorder=marker.z
        )
