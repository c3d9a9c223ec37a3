"""Drawing primitives shared by every view: smooth outlines, tools, hands, arrows, markers.

Everything is drawn in data units on one ``Axes`` (the views use units of about a
centimetre on the body) and only with the colours of ``style``. A ``Pen`` knows how many
points one data unit spans, so line widths and arrowheads scale with the picture instead of
being fixed in points. No pyplot: callers hand in the ``Axes`` of their own ``Figure``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Circle, Polygon

from content.pictures import style

Point = tuple[float, float]


@dataclass(frozen=True)
class Pen:
    """The axes to draw on and the size of one data unit in points (for line widths)."""

    ax: Axes
    points_per_unit: float

    def width(self, units: float) -> float:
        """A line width in points for a stroke ``units`` wide on the body."""
        return units * self.points_per_unit


# ---------------------------------------------------------------------------------------
# Geometry


def smooth(points: Sequence[Point], closed: bool, per_segment: int = 12) -> np.ndarray:
    """A Catmull-Rom curve through ``points`` (so outlines stay round without Bezier maths)."""
    pts = np.asarray(points, dtype=float)
    if len(pts) < 3:
        return pts
    if closed:
        ext = np.vstack([pts[-1], pts, pts[0], pts[1]])
    else:
        ext = np.vstack([2 * pts[0] - pts[1], pts, 2 * pts[-1] - pts[-2]])
    out = []
    t = np.linspace(0, 1, per_segment, endpoint=False)[:, None]
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        out.append(
            0.5
            * (
                2 * p1
                + (-p0 + p2) * t
                + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t**2
                + (-p0 + 3 * p1 - 3 * p2 + p3) * t**3
            )
        )
    if not closed:
        out.append(pts[-1][None, :])
    return np.vstack(out)


def ellipse(center: Point, width: float, height: float, angle: float = 0.0) -> np.ndarray:
    """An ellipse as a polygon (so it can join the outline-union trick of ``union``)."""
    t = np.linspace(0, 2 * math.pi, 72, endpoint=False)
    pts = np.column_stack([width / 2 * np.cos(t), height / 2 * np.sin(t)])
    return transform(pts, center, angle)


def capsule(start: Point, end: Point, radius: float) -> np.ndarray:
    """A stadium shape (a limb, a finger, a forearm) from ``start`` to ``end``."""
    return tapered(start, end, radius, radius)


def tapered(start: Point, end: Point, r_start: float, r_end: float) -> np.ndarray:
    """A limb segment that narrows from ``r_start`` to ``r_end`` with round ends."""
    (x0, y0), (x1, y1) = start, end
    heading = math.atan2(y1 - y0, x1 - x0)
    half = np.linspace(-math.pi / 2, math.pi / 2, 18)
    cap_end = np.column_stack(
        [x1 + r_end * np.cos(heading + half), y1 + r_end * np.sin(heading + half)]
    )
    cap_start = np.column_stack(
        [
            x0 + r_start * np.cos(heading + math.pi + half),
            y0 + r_start * np.sin(heading + math.pi + half),
        ]
    )
    return np.vstack([cap_end, cap_start])


def transform(points: np.ndarray, at: Point, angle: float, scale: float = 1.0) -> np.ndarray:
    """Rotate local ``points`` by ``angle`` degrees (counter-clockwise), scale, move to ``at``."""
    a = math.radians(angle)
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    return np.asarray(points, dtype=float) * scale @ rot.T + np.asarray(at, dtype=float)


# ---------------------------------------------------------------------------------------
# Filled shapes


def union(
    pen: Pen,
    shapes: Iterable[np.ndarray],
    face: str,
    edge: str = style.OUTLINE,
    width: float = style.OUTLINE_WIDTH,
    zorder: float = 1.0,
    alpha: float = 1.0,
) -> list[Polygon]:
    """Draw overlapping shapes as one silhouette: outlines first, then fills on top.

    The second pass hides every outline inside the union, so a head, a neck and a torso
    read as one body without computing the union's geometry.
    """
    shapes = list(shapes)
    for shape in shapes:
        pen.ax.add_patch(
            Polygon(
                shape,
                closed=True,
                facecolor=face,
                edgecolor=edge,
                linewidth=width * 2,
                joinstyle="round",
                zorder=zorder,
                alpha=alpha,
            )
        )
    fills = []
    for shape in shapes:
        patch = Polygon(
            shape, closed=True, facecolor=face, edgecolor="none", zorder=zorder + 0.01, alpha=alpha
        )
        pen.ax.add_patch(patch)
        fills.append(patch)
    return fills


def line(
    pen: Pen,
    points: Sequence[Point] | np.ndarray,
    color: str,
    width: float,
    zorder: float,
    dashes: tuple[float, float] | None = None,
    cap: str = "round",
) -> None:
    """A polyline ``width`` points wide."""
    pts = np.asarray(points, dtype=float)
    (artist,) = pen.ax.plot(
        pts[:, 0],
        pts[:, 1],
        color=color,
        linewidth=width,
        zorder=zorder,
        solid_capstyle=cap,
        dash_capstyle=cap,
        solid_joinstyle="round",
    )
    if dashes:
        artist.set_dashes(dashes)


def no_go(pen: Pen, shape: np.ndarray, zorder: float = 6.0) -> None:
    """A zone to keep off: a vermillion wash, vermillion hatching and a solid rim.

    Drawn the same way on every picture (colour *and* hatch), so it reads for people who do
    not see the vermillion and in greyscale.
    """
    ax = pen.ax
    ax.add_patch(
        Polygon(
            shape,
            closed=True,
            facecolor=style.NO_GO,
            edgecolor="none",
            alpha=style.NO_GO_FILL_ALPHA,
            zorder=zorder,
        )
    )
    hatch = Polygon(
        shape,
        closed=True,
        facecolor="none",
        edgecolor=style.NO_GO,
        hatch=style.NO_GO_HATCH,
        linewidth=0,
        zorder=zorder + 0.01,
    )
    hatch.set_hatch_linewidth(style.NO_GO_HATCH_WIDTH)
    ax.add_patch(hatch)
    ax.add_patch(
        Polygon(
            shape,
            closed=True,
            facecolor="none",
            edgecolor=style.NO_GO,
            linewidth=style.LANDMARK_WIDTH,
            zorder=zorder + 0.02,
        )
    )


# ---------------------------------------------------------------------------------------
# Motion: arrows, circles, holds


def _head(tip: np.ndarray, direction: np.ndarray, size: float) -> np.ndarray:
    d = direction / (np.linalg.norm(direction) or 1.0)
    n = np.array([-d[1], d[0]])
    base = tip - d * size
    return np.array([tip, base + n * size * 0.62, base - n * size * 0.62])


def arrow(
    pen: Pen,
    path: Sequence[Point],
    both: bool = False,
    color: str = style.MOTION,
    width_units: float = 0.9,
    head: float = 3.4,
    zorder: float = 9.0,
) -> None:
    """A stroke direction: a thick smooth line with a solid head (both ends if ``both``).

    A thin white halo underneath keeps it readable over skin, tools and hatching.
    """
    pts = smooth(path, closed=False) if len(path) > 2 else np.asarray(path, dtype=float)
    length = float(np.sum(np.linalg.norm(np.diff(pts, axis=0), axis=1)))
    # Short strokes ("roll a short way") get smaller heads, so the shaft still shows.
    head = min(head, length * (0.24 if both else 0.34))
    end_dir = pts[-1] - pts[-2]
    start_dir = pts[0] - pts[1]
    # Shorten the shaft so its round cap does not poke through the arrowhead's tip.
    shaft = pts.copy()
    shaft[-1] = pts[-1] - end_dir / (np.linalg.norm(end_dir) or 1) * head * 0.8
    if both:
        shaft[0] = pts[0] - start_dir / (np.linalg.norm(start_dir) or 1) * head * 0.8
    heads = [_head(pts[-1], end_dir, head)]
    if both:
        heads.append(_head(pts[0], start_dir, head))
    halo = pen.width(width_units) + 5
    line(pen, shaft, style.BACKGROUND, halo, zorder)
    for tri in heads:
        pen.ax.add_patch(
            Polygon(
                tri,
                closed=True,
                facecolor=style.BACKGROUND,
                edgecolor=style.BACKGROUND,
                linewidth=5,
                joinstyle="round",
                zorder=zorder,
            )
        )
    line(pen, shaft, color, pen.width(width_units), zorder + 0.1)
    for tri in heads:
        pen.ax.add_patch(
            Polygon(
                tri,
                closed=True,
                facecolor=color,
                edgecolor=color,
                linewidth=1,
                joinstyle="round",
                zorder=zorder + 0.1,
            )
        )


def circling(
    pen: Pen, center: Point, radius: float = 3.2, clockwise: bool = False, zorder: float = 9.0
) -> None:
    """Small circles: an almost closed ring with one arrowhead."""
    start, stop = (110, 110 + 290) if not clockwise else (70, 70 - 290)
    t = np.radians(np.linspace(start, stop, 40))
    pts = np.column_stack([center[0] + radius * np.cos(t), center[1] + radius * np.sin(t)])
    arrow(pen, [tuple(p) for p in pts], head=2.6, width_units=0.7, zorder=zorder)


def hold(pen: Pen, center: Point, radius: float = 4.6, zorder: float = 8.5) -> None:
    """Press and hold: two rings around the spot, like a ripple."""
    for r, dash in ((radius, None), (radius + 1.8, (3, 2.5))):
        pts = ellipse(center, 2 * r, 2 * r)
        pts = np.vstack([pts, pts[:1]])
        line(pen, pts, style.BACKGROUND, pen.width(0.5) + 4, zorder)
        line(pen, pts, style.MOTION, pen.width(0.5), zorder + 0.1, dashes=dash)


def marker(
    pen: Pen,
    center: Point,
    number: int,
    radius: float = 3.0,
    zorder: float = 12.0,
    fill: str = style.MARKER,
    font_size: float = style.MARKER_FONT_SIZE,
) -> None:
    """A numbered disc; the number is explained in the picture's legend."""
    pen.ax.add_patch(
        Circle(
            center, radius, facecolor=fill, edgecolor=style.BACKGROUND, linewidth=3, zorder=zorder
        )
    )
    pen.ax.text(
        center[0],
        center[1],
        str(number),
        color=style.MARK_TEXT,
        fontsize=font_size,
        fontweight="bold",
        ha="center",
        va="center_baseline",
        zorder=zorder + 0.1,
    )


# ---------------------------------------------------------------------------------------
# Tools


def ball(
    pen: Pen, at: Point, radius: float = 3.4, ghost: bool = False, zorder: float = 8.0
) -> None:
    """A massage ball: a solid blue disc with a light to show it is round.

    A ``ghost`` ball (dashed outline only) marks where the ball goes next.
    """
    ax = pen.ax
    if ghost:
        ring = ellipse(at, 2 * radius, 2 * radius)
        ring = np.vstack([ring, ring[:1]])
        line(pen, ring, style.TOOL, 2.6, zorder, dashes=(3, 2))
        return
    ax.add_patch(
        Circle(
            at,
            radius,
            facecolor=style.TOOL,
            edgecolor=style.TOOL_DARK,
            linewidth=style.OUTLINE_WIDTH,
            zorder=zorder,
        )
    )
    ax.add_patch(
        Circle(
            (at[0] - radius * 0.35, at[1] + radius * 0.35),
            radius * 0.28,
            facecolor=style.BACKGROUND,
            edgecolor="none",
            alpha=0.55,
            zorder=zorder + 0.1,
        )
    )


def roller(
    pen: Pen,
    at: Point,
    angle: float = 0.0,
    length: float = 52.0,
    radius: float = 4.5,
    zorder: float = 7.0,
) -> None:
    """A foam roller lying across the back, seen from behind: a long rounded bar."""
    half = length / 2
    body = capsule((-half + radius, 0), (half - radius, 0), radius)
    union(pen, [transform(body, at, angle)], style.TOOL, style.TOOL_DARK, zorder=zorder, alpha=0.8)
    # Ridges along the foam make it read as a cylinder, not a plank.
    for dy in (-radius * 0.45, radius * 0.45):
        ridge = transform(np.array([[-half + radius, dy], [half - radius, dy]]), at, angle)
        line(pen, ridge, style.TOOL_DARK, 1.6, zorder + 0.05, dashes=(6, 4))


def hook(pen: Pen, tip: Point, over: Point, zorder: float = 8.0) -> None:
    """A massage hook from behind: the knob at the spot, the shaft rising over the shoulder.

    The handle is in front of the body and so out of sight; the shaft curls over the
    shoulder at ``over`` so it reads as a cane hooked over it.
    """
    tx, ty = tip
    ox, oy = over
    side = 1.0 if ox >= 0 else -1.0
    path = smooth(
        [
            (tx, ty),
            (tx + (ox - tx) * 0.45, ty + (oy - ty) * 0.55),
            (ox, oy + 3.5),
            (ox + side * 4.5, oy + 7.0),
            (ox + side * 9.0, oy + 4.0),
            (ox + side * 9.5, oy - 0.5),
        ],
        closed=False,
    )
    line(pen, path, style.TOOL_DARK, pen.width(2.0) + 4, zorder)
    line(pen, path, style.TOOL, pen.width(2.0), zorder + 0.05)
    pen.ax.add_patch(
        Circle(
            tip,
            2.0,
            facecolor=style.TOOL,
            edgecolor=style.TOOL_DARK,
            linewidth=style.OUTLINE_WIDTH,
            zorder=zorder + 0.1,
        )
    )


def massager(pen: Pen, at: Point, angle: float = 0.0, zorder: float = 8.0) -> None:
    """A handheld massager: a round head on the spot and its handle.

    ``angle`` turns the handle from pointing up (0) counter-clockwise, like every angle here.
    """
    a = math.radians(angle)
    direction = np.array([-math.sin(a), math.cos(a)])
    neck = np.asarray(at) + direction * 2.4
    end = np.asarray(at) + direction * 17.0
    handle = capsule(tuple(neck), tuple(end), 2.0)
    union(pen, [handle], style.TOOL_DARK, style.OUTLINE, zorder=zorder)
    union(pen, [ellipse(at, 5.6, 5.6)], style.TOOL, style.TOOL_DARK, zorder=zorder + 0.1)
    pen.ax.add_patch(
        Circle(
            at, 1.6, facecolor=style.BACKGROUND, edgecolor="none", alpha=0.6, zorder=zorder + 0.2
        )
    )


# ---------------------------------------------------------------------------------------
# Hands


def _hand_shapes(right: bool) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
    """A flat hand, back of the hand up, wrist at (0, 0) and fingers pointing +y.

    Returns (shapes for the silhouette, lines between the fingers, the thumb's pad). Seen
    from its back, a right hand with the fingers up has its thumb on the left; a left hand
    is its mirror image.
    """
    palm = smooth(
        [
            (-3.1, 0.0),
            (-4.2, 4.5),
            (-4.2, 8.6),
            (0.0, 9.3),
            (4.2, 8.6),
            (4.0, 4.0),
            (2.9, 0.0),
            (0.0, -0.7),
        ],
        closed=True,
    )
    tips = ((-3.15, 15.8), (-1.05, 17.8), (1.05, 17.3), (3.15, 14.9))
    fingers = [capsule((x * 0.97, 8.2), (x, top), 1.08) for x, top in tips]
    seams = [np.array([[x, 9.4], [x, 13.0]]) for x in (-2.1, 0.0, 2.1)]
    thumb_angle = math.radians(90 + 35)
    base = np.array([-3.3, 2.6])
    direction = np.array([math.cos(thumb_angle), math.sin(thumb_angle)])
    thumb = tapered(tuple(base), tuple(base + 6.6 * direction), 1.7, 1.2)
    pad = base + 5.8 * direction
    shapes = [palm, *fingers, thumb]
    if not right:
        flip = np.array([-1.0, 1.0])
        shapes = [s * flip for s in shapes]
        seams = [s * flip for s in seams]
        pad = pad * flip
    return shapes, seams, pad


HAND_ANCHORS = ("palm", "thumb", "heel", "tips")


def _hand_origin(anchor: str, thumb_pad: np.ndarray) -> np.ndarray:
    return {
        "palm": np.array([0.0, 5.5]),
        "thumb": thumb_pad,
        "heel": np.array([0.0, 1.6]),
        "tips": np.array([0.0, 16.2]),
    }[anchor]


def hand_wrist(
    at: Point,
    angle: float = 0.0,
    right: bool = True,
    anchor: str = "palm",
    scale: float = 1.0,
    palm_side: bool = False,
) -> Point:
    """Where the wrist of a hand placed like ``hand(...)`` ends up (an arm joins there)."""
    _, _, thumb_pad = _hand_shapes(right != palm_side)
    origin = _hand_origin(anchor, thumb_pad)
    place = np.asarray(at) - transform(origin[None, :], (0, 0), angle, scale)[0]
    return (float(place[0]), float(place[1]))


def hand(
    pen: Pen,
    at: Point,
    angle: float = 0.0,
    right: bool = True,
    anchor: str = "palm",
    scale: float = 1.0,
    palm_side: bool = False,
    zorder: float = 8.0,
) -> None:
    """A flat hand (a partner's or your own) with ``anchor`` on ``at``.

    ``angle`` turns the fingers from pointing up (0) counter-clockwise; ``anchor`` is the
    part of the hand that sits on the spot: ``palm`` (its centre), ``thumb`` (the thumb's
    pad), ``heel`` (the heel of the hand) or ``tips`` (the fingertips). ``palm_side`` shows
    the palm instead of the back of the hand (the outline is mirrored): hands on the waist
    with the thumbs behind show the thumb pointing towards the spine.
    """
    shapes, seams, _ = _hand_shapes(right != palm_side)
    place = hand_wrist(at, angle, right, anchor, scale, palm_side)
    union(pen, [transform(s, place, angle, scale) for s in shapes], style.HANDS, zorder=zorder)
    for seam in seams:
        line(pen, transform(seam, place, angle, scale), style.HANDS_DARK, 1.8, zorder + 0.05)


def forearm(
    pen: Pen, elbow: Point, wrist: Point, shoulder: Point | None = None, zorder: float = 8.0
) -> None:
    """A partner's forearm lying flat on the back from ``elbow`` to ``wrist``, a loose fist.

    The upper arm runs on from the elbow towards ``shoulder`` (off the body, where the partner
    stands), so the bend reads as an arm; the elbow's point itself never touches.
    """
    e, w = np.asarray(elbow, float), np.asarray(wrist, float)
    heading = math.degrees(math.atan2(w[1] - e[1], w[0] - e[0])) - 90.0
    shapes = [tapered(elbow, wrist, 3.8, 2.7)]
    if shoulder is not None:
        shapes.insert(0, tapered(shoulder, elbow, 4.8, 4.0))
    fist_shape = smooth(
        [
            (-3.3, -0.6),
            (-3.9, 2.6),
            (-2.6, 5.2),
            (0.0, 5.8),
            (2.6, 5.2),
            (3.9, 2.6),
            (3.3, -0.6),
            (0.0, -1.4),
        ],
        closed=True,
    )
    shapes.append(transform(fist_shape, tuple(w), heading))
    union(pen, shapes, style.HANDS, zorder=zorder)
    for x in (-1.3, 1.3):
        seam = np.array([[x, 5.4], [x, 3.4]])
        line(pen, transform(seam, tuple(w), heading), style.HANDS_DARK, 1.8, zorder + 0.05)
    crease = np.array([[-2.4, 0.0], [2.4, 0.0]])
    line(pen, transform(crease, tuple(w), heading), style.HANDS_DARK, 1.6, zorder + 0.05)


def fist(pen: Pen, at: Point, angle: float = 0.0, zorder: float = 8.0) -> None:
    """A loose fist, the flat backs of the fingers on the spot; the wrist towards ``angle``+180."""
    body = smooth(
        [
            (-3.8, -2.8),
            (-4.2, 1.5),
            (-3.0, 3.9),
            (0.0, 4.3),
            (3.0, 3.9),
            (4.2, 1.5),
            (3.8, -2.8),
            (0.0, -3.6),
        ],
        closed=True,
    )
    union(pen, [transform(body, at, angle)], style.HANDS, zorder=zorder)
    for y in (2.0, 0.0, -2.0):
        seam = np.array([[-3.0, y], [3.0, y]])
        line(pen, transform(seam, at, angle), style.HANDS_DARK, 1.8, zorder + 0.05)


def fist_wrist(at: Point, angle: float = 0.0) -> Point:
    """Where the wrist of ``fist(at, angle)`` is."""
    return tuple(transform(np.array([[0.0, -3.4]]), at, angle)[0])


def fingertips(
    pen: Pen, at: Point, angle: float = 0.0, right: bool = True, zorder: float = 8.0
) -> None:
    """Fingertips resting on a spot: the hand seen from its back, tips on ``at``."""
    hand(pen, at=at, angle=angle, right=right, anchor="tips", zorder=zorder)
