"""The marks of the course strip (cases.course_strip): one shape per kind and status.

Pure, standard library only. A shape is an SVG element name with its presentation attributes
(fill=, stroke=, x=, ...), never a style: the Content-Security-Policy allows no inline style.
Meaning never rests on colour alone (WCAG 1.4.1): each kind and status has its own shape. The
colours have at least 4.5:1 against white (WCAG 1.4.3 for text, 1.4.11 for graphics).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

INK: Final = "#1a1a1a"  # 17.4:1 on white
MUTED: Final = "#595959"  # 7.0:1
BLUE: Final = "#004c99"  # 8.4:1
GREEN: Final = "#1b6b30"  # 6.6:1
RED: Final = "#b0001e"  # 7.3:1
WHITE: Final = "#ffffff"

MARK_RADIUS: Final = 6.0
BAR_HEIGHT: Final = 12.0

Attrs = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Shape:
    """An SVG element (`element`) with its presentation attributes."""

    element: str
    attrs: Attrs


def attrs(**values: float | str) -> Attrs:
    return tuple(
        (name.replace("_", "-"), f"{v:.1f}" if isinstance(v, float) else str(v))
        for name, v in values.items()
    )


def _circle(x: float, y: float, colour: str, *, filled: bool) -> Shape:
    fill = colour if filled else WHITE
    return Shape(
        "circle", attrs(cx=x, cy=y, r=MARK_RADIUS - 1, fill=fill, stroke=colour, stroke_width=2)
    )


def _square(x: float, y: float, colour: str, *, filled: bool) -> Shape:
    s = MARK_RADIUS - 1
    fill = colour if filled else WHITE
    return Shape(
        "rect",
        attrs(
            x=x - s, y=y - s, width=2 * s, height=2 * s, fill=fill, stroke=colour, stroke_width=2
        ),
    )


def _polygon(points: Iterable[tuple[float, float]], colour: str, *, filled: bool) -> Shape:
    text = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
    return Shape(
        "polygon",
        attrs(points=text, fill=colour if filled else WHITE, stroke=colour, stroke_width=2),
    )


def _diamond(x: float, y: float, colour: str, *, filled: bool) -> Shape:
    r = MARK_RADIUS
    return _polygon([(x, y - r), (x + r, y), (x, y + r), (x - r, y)], colour, filled=filled)


def _triangle_up(x: float, y: float, colour: str, *, filled: bool) -> Shape:
    r = MARK_RADIUS
    return _polygon([(x, y - r), (x + r, y + r - 1), (x - r, y + r - 1)], colour, filled=filled)


def _triangle_down(x: float, y: float, colour: str, *, filled: bool) -> Shape:
    r = MARK_RADIUS
    return _polygon([(x - r, y - r + 1), (x + r, y - r + 1), (x, y + r)], colour, filled=filled)


def _cross(x: float, y: float, colour: str) -> Shape:
    r = MARK_RADIUS - 1
    d = (
        f"M{x - r:.1f},{y - r:.1f} L{x + r:.1f},{y + r:.1f} "
        f"M{x + r:.1f},{y - r:.1f} L{x - r:.1f},{y + r:.1f}"
    )
    return Shape("path", attrs(d=d, fill="none", stroke=colour, stroke_width=3))


def line(x1: float, x2: float, y: float, colour: str, *, width: float, dash: str = "") -> Shape:
    """A horizontal line from x1 to x2, dashed when `dash` is given."""
    found = attrs(x1=x1, y1=y, x2=x2, y2=y, stroke=colour, stroke_width=width)
    if dash:
        found = (*found, ("stroke-dasharray", dash))
    return Shape("line", found)


REQUEST_COLOURS: Final = {
    "running": BLUE,
    "met": GREEN,
    "breached": RED,
    "waived": MUTED,
    "not_covered": MUTED,
}


def glyph(kind: str, status: str, x: float, y: float) -> tuple[Shape, ...]:
    """The marker of a point fact (or of a span's end) at (x, y)."""
    if kind == "request":
        colour = REQUEST_COLOURS.get(status, MUTED)
        if status == "met":
            return (_circle(x, y, colour, filled=True),)
        if status == "breached":
            return (_cross(x, y, colour),)
        if status in ("waived", "not_covered"):
            return (_square(x, y, colour, filled=False),)
        return (_circle(x, y, colour, filled=False),)
    if kind == "decision":
        return (_diamond(x, y, INK, filled=True),)
    if kind == "referral":
        return (_triangle_down(x, y, MUTED, filled=True),)
    if kind == "discharge":
        return (_square(x, y, INK, filled=status != "planned"),)
    if kind == "first_appointment":
        if status == "missed":
            return (_cross(x, y, RED),)
        attended = status == "attended"
        return (_triangle_up(x, y, GREEN if attended else BLUE, filled=attended),)
    if kind == "first_contact":
        # A ring with a dot: not the answered check-in's plain filled circle.
        dot = Shape("circle", attrs(cx=x, cy=y, r=2.0, fill=WHITE))
        return (_circle(x, y, GREEN, filled=True), dot)
    if kind == "checkin":
        if status == "answered":
            return (_circle(x, y, GREEN, filled=True),)
        if status == "overdue":
            return (_diamond(x, y, RED, filled=False),)
        return (_circle(x, y, BLUE, filled=False),)
    return (_circle(x, y, MUTED, filled=True),)


def episode_bar(status: str, x: float, x_end: float, y: float) -> tuple[Shape, ...]:
    """An episode's stay: residential filled, outpatient outlined, other types dashed."""
    width = max(x_end - x, 2.0)
    box = {"x": x, "y": y - BAR_HEIGHT / 2, "width": width, "height": BAR_HEIGHT}
    if status == "residential":
        return (Shape("rect", attrs(**box, fill=BLUE, stroke=BLUE, stroke_width=1)),)
    if status == "outpatient":
        return (Shape("rect", attrs(**box, fill=WHITE, stroke=BLUE, stroke_width=2)),)
    return (
        Shape(
            "rect",
            attrs(**box, fill=WHITE, stroke=MUTED, stroke_width=2, stroke_dasharray="4 3"),
        ),
    )


def episode_tag_fill(status: str) -> str:
    return WHITE if status == "residential" else INK
