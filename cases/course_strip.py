"""The course at a glance: a case's dated facts laid out on one strip (issue 18).

Pure layout, standard library only: the caller hands in the facts with their words already
translated (`CourseFact.label`, `CourseFact.tag`) and gets back positions in SVG user units
(x per date over the course's span, a row per fact within its lane, the today marker, the axis
ticks) and the shapes to draw, as plain attribute pairs. The template writes them out as SVG
presentation attributes: the Content-Security-Policy allows no inline style (DESIGN §1).

Meaning never rests on colour alone (WCAG 1.4.1): every kind and status has its own shape, and a
short text tag where it fits. The colours have at least 4.5:1 against white (WCAG 1.4.3/1.4.11).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

from .course_glyphs import (
    INK,
    MARK_RADIUS,
    MUTED,
    REQUEST_COLOURS,
    Shape,
    attrs,
    episode_bar,
    episode_tag_fill,
    glyph,
    line,
)

# The lanes from top to bottom; a lane without facts is left out.
LANES: Final = ("request", "episode", "handover", "checkin")


WIDTH: Final = 720.0
LANE_LABEL_WIDTH: Final = 104.0
RIGHT_MARGIN: Final = 48.0  # half a date label: the last tick's label fits
EDGE_PAD: Final = 10.0  # keeps a marker on the first or last day inside the plot
TOP: Final = 22.0  # room for the "today" label
ROW_HEIGHT: Final = 24.0
LANE_GAP: Final = 6.0
AXIS_HEIGHT: Final = 30.0
ROW_GAP: Final = 6.0  # horizontal room between two groups sharing a row
CHAR_WIDTH: Final = 6.6  # an estimate for the 11-unit font, generous for Danish and English
MIN_TICK_GAP: Final = 140.0  # a date label ("14 September 2027") is about 112 units wide


@dataclass(frozen=True)
class CourseFact:
    """One dated fact of the course.

    lane: one of LANES. kind: request, decision, referral, episode, discharge,
    first_appointment, first_contact, checkin. status: the request's guarantee status
    (running, met, breached, waived, not_covered); the episode's treatment type (residential,
    outpatient, or another) or "waiting"; planned/attended/missed for the first appointment;
    planned/done for the discharge; due/overdue/answered for a check-in.
    until: the end of a span (a request's deadline, an episode's end); open_ended: a span still
    running, drawn to today. group: facts with the same group share a row (a request and its
    decision, an episode and its referral). label: the fact in words, for the list and the
    tooltip; tag: a short text drawn next to the mark where it fits.
    """

    lane: str
    kind: str
    on: date
    label: str
    status: str = ""
    until: date | None = None
    open_ended: bool = False
    group: str = ""
    tag: str = ""


@dataclass(frozen=True)
class TextLabel:
    text: str
    x: float
    y: float
    anchor: str  # start, middle, end
    fill: str = INK


@dataclass(frozen=True)
class Mark:
    fact: CourseFact
    x: float
    x_end: float | None
    y: float
    row: int
    shapes: tuple[Shape, ...]
    tag: TextLabel | None = None


@dataclass(frozen=True)
class Lane:
    key: str
    label: str
    top: float
    height: float
    label_y: float
    rows: int


@dataclass(frozen=True)
class Tick:
    on: date
    x: float
    anchor: str


@dataclass(frozen=True)
class LegendEntry:
    key: str  # "kind:status"
    label: str
    shapes: tuple[Shape, ...]  # drawn in a 24 x 16 box


@dataclass(frozen=True)
class Strip:
    width: float
    height: float
    plot_left: float
    plot_right: float
    plot_top: float
    axis_y: float
    start: date
    end: date
    today: date
    today_x: float
    # Today lies far beyond the last fact (a course closed long ago): the axis ends at the last
    # fact and today is drawn at its right edge, after a break.
    today_beyond: bool
    today_anchor: str  # the "today" label's text-anchor: kept inside the picture
    lanes: tuple[Lane, ...]
    marks: tuple[Mark, ...]
    ticks: tuple[Tick, ...]
    facts: tuple[CourseFact, ...]  # in date order, for the list next to the strip
    legend: tuple[LegendEntry, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not self.marks


# --- the scale -----------------------------------------------------------------------------


def _span(facts: Sequence[CourseFact], today: date) -> tuple[date, date, bool]:
    days = [f.on for f in facts] + [f.until for f in facts if f.until is not None]
    if not days:
        return today - timedelta(days=1), today + timedelta(days=1), False
    start, last = min(days), max(days)
    start = min(start, today)
    beyond = False
    if today > last:
        # A course closed long ago would be squeezed into the left edge: end at its last fact.
        if (today - last).days > max(30, (last - start).days):
            beyond = True
        else:
            last = today
    if start == last:
        return start - timedelta(days=1), last + timedelta(days=1), beyond
    return start, last, beyond


class Scale:
    def __init__(self, start: date, end: date, left: float, right: float) -> None:
        self.start, self.end = start, end
        self.left, self.right = left, right
        self.days = max((end - start).days, 1)

    def x(self, day: date) -> float:
        inner = self.right - self.left - 2 * EDGE_PAD
        offset = min(max((day - self.start).days, 0), self.days)
        return self.left + EDGE_PAD + inner * offset / self.days


def _month_add(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def tick_dates(start: date, end: date, max_ticks: int) -> list[date]:
    """Round dates (Mondays, first of a month, New Year) between start and end, at most
    max_ticks of them, evenly stepped."""
    max_ticks = max(max_ticks, 1)
    span = (end - start).days
    for step_days in (1, 2, 7, 14):
        if span // step_days + 1 <= max_ticks:
            first = start
            if step_days >= 7:
                first = start + timedelta(days=(7 - start.weekday()) % 7)
            return [
                first + timedelta(days=i * step_days)
                for i in range((end - first).days // step_days + 1)
            ]
    for step_months in (1, 2, 3, 6, 12, 24, 60, 120):
        first = start if start.day == 1 else _month_add(start, 1)
        while (first.month - 1) % min(step_months, 12) or (
            step_months > 12 and first.year % (step_months // 12)
        ):
            first = _month_add(first, 1)
        ticks: list[date] = []
        day = first
        while day <= end:
            ticks.append(day)
            day = _month_add(day, step_months)
        if len(ticks) <= max_ticks:
            return ticks
    return [start, end]


def _anchor(x: float, half_width: float, left: float, right: float) -> str:
    if x - half_width < left:
        return "start"
    if x + half_width > right:
        return "end"
    return "middle"


# --- rows and labels ------------------------------------------------------------------------


def _extent(facts: Sequence[CourseFact], scale: Scale, today_x: float) -> tuple[float, float]:
    xs: list[float] = []
    for f in facts:
        xs.append(scale.x(f.on))
        if f.until is not None:
            xs.append(scale.x(f.until))
        if f.open_ended:
            xs.append(today_x)
    return min(xs) - MARK_RADIUS, max(xs) + MARK_RADIUS


def pack_rows(extents: Sequence[tuple[float, float]], gap: float = ROW_GAP) -> list[int]:
    """Greedy interval packing: the row of each extent (in input order), the lowest row whose
    last extent ends `gap` before this one starts."""
    order = sorted(range(len(extents)), key=lambda i: (extents[i][0], extents[i][1]))
    row_ends: list[float] = []
    rows = [0] * len(extents)
    for i in order:
        begin, end = extents[i]
        for row, row_end in enumerate(row_ends):
            if row_end + gap <= begin:
                rows[i], row_ends[row] = row, end
                break
        else:
            rows[i] = len(row_ends)
            row_ends.append(end)
    return rows


def _free(interval: tuple[float, float], taken: list[tuple[float, float]]) -> bool:
    return all(interval[1] <= a or interval[0] >= b for a, b in taken)


def _place_tag(
    fact: CourseFact,
    x: float,
    x_end: float | None,
    y: float,
    taken: list[tuple[float, float]],
    left: float,
    right: float,
) -> TextLabel | None:
    """The tag inside a wide enough episode bar, else right of the mark, else left of it,
    where nothing else in the row is; None when there is no room (the legend and the list
    still say it)."""
    if not fact.tag:
        return None
    width = len(fact.tag) * CHAR_WIDTH
    baseline = y + 4
    end = x_end if x_end is not None else x
    if fact.kind == "episode" and x_end is not None and x_end - x >= width + 8:
        return TextLabel(fact.tag, x + 4, baseline, "start", episode_tag_fill(fact.status))
    after = (end + MARK_RADIUS + 3, end + MARK_RADIUS + 3 + width)
    if after[1] <= right and _free(after, taken):
        taken.append(after)
        return TextLabel(fact.tag, after[0], baseline, "start")
    before = (x - MARK_RADIUS - 3 - width, x - MARK_RADIUS - 3)
    if before[0] >= left and _free(before, taken):
        taken.append(before)
        return TextLabel(fact.tag, before[1], baseline, "end")
    return None


def _shapes(fact: CourseFact, x: float, x_end: float | None, y: float) -> tuple[Shape, ...]:
    if fact.kind == "episode":
        if fact.status == "waiting" or x_end is None:
            # Referred, not started: a dotted wait up to the planned start (if any).
            end = x_end if x_end is not None else x
            return (line(x, end, y, MUTED, width=2, dash="2 3"),)
        return episode_bar(fact.status, x, x_end, y)
    if fact.kind == "request" and x_end is not None:
        colour = REQUEST_COLOURS.get(fact.status, MUTED)
        start_tick = Shape(
            "line", attrs(x1=x, y1=y - 6, x2=x, y2=y + 6, stroke=colour, stroke_width=2)
        )
        return (
            line(x, x_end, y, colour, width=3),
            start_tick,
            *glyph("request", fact.status, x_end, y),
        )
    return glyph(fact.kind, fact.status, x, y)


def _sort_key(fact: CourseFact) -> tuple[date, int, str]:
    lane = LANES.index(fact.lane) if fact.lane in LANES else len(LANES)
    return fact.on, lane, fact.kind


def layout(
    facts: Iterable[CourseFact],
    *,
    today: date,
    lane_labels: Mapping[str, str],
    legend_labels: Mapping[str, str] | None = None,
    width: float = WIDTH,
) -> Strip:
    """Lay the facts out on a strip `width` units wide; see the module docstring."""
    ordered = tuple(sorted(facts, key=_sort_key))
    start, end, beyond = _span(ordered, today)
    plot_left, plot_right = LANE_LABEL_WIDTH, width - RIGHT_MARGIN
    scale = Scale(start, end, plot_left, plot_right)
    today_x = plot_right if beyond else scale.x(today)

    lanes: list[Lane] = []
    marks: list[Mark] = []
    top = TOP
    for lane_key in LANES:
        in_lane = [f for f in ordered if f.lane == lane_key]
        if not in_lane:
            continue
        groups: dict[str, list[CourseFact]] = {}
        for index, fact in enumerate(in_lane):
            groups.setdefault(fact.group or f"#{index}", []).append(fact)
        keys = list(groups)
        rows = pack_rows([_extent(groups[k], scale, today_x) for k in keys])
        row_count = max(rows) + 1
        taken: dict[int, list[tuple[float, float]]] = {}
        placed: list[tuple[CourseFact, float, float | None, float, int]] = []
        for key, row in zip(keys, rows, strict=True):
            y = top + ROW_HEIGHT * row + ROW_HEIGHT / 2
            for fact in groups[key]:
                x = scale.x(fact.on)
                x_end = (
                    today_x if fact.open_ended else (scale.x(fact.until) if fact.until else None)
                )
                placed.append((fact, x, x_end, y, row))
                taken.setdefault(row, []).append(
                    (x - MARK_RADIUS, (x_end if x_end is not None else x) + MARK_RADIUS)
                )
        for fact, x, x_end, y, row in placed:
            tag = _place_tag(fact, x, x_end, y, taken[row], plot_left, plot_right)
            marks.append(Mark(fact, x, x_end, y, row, _shapes(fact, x, x_end, y), tag))
        height = ROW_HEIGHT * row_count
        lanes.append(
            Lane(
                lane_key,
                lane_labels.get(lane_key, lane_key),
                top,
                height,
                top + height / 2 + 4,
                row_count,
            )
        )
        top += height + LANE_GAP

    axis_y = top + 2
    max_ticks = int((plot_right - plot_left) // MIN_TICK_GAP)
    ticks = tuple(
        Tick(day, scale.x(day), _anchor(scale.x(day), 56, 0, width))
        for day in tick_dates(start, end, max_ticks)
    )
    return Strip(
        width=width,
        height=axis_y + AXIS_HEIGHT,
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=TOP,
        axis_y=axis_y,
        start=start,
        end=end,
        today=today,
        today_x=today_x,
        today_beyond=beyond,
        today_anchor=_anchor(today_x, 24, 0, width),
        lanes=tuple(lanes),
        marks=tuple(marks),
        ticks=ticks,
        facts=ordered,
        legend=_legend(ordered, legend_labels or {}),
    )


def legend_key(fact: CourseFact) -> str:
    return f"{fact.kind}:{fact.status}"


def _legend(facts: Sequence[CourseFact], labels: Mapping[str, str]) -> tuple[LegendEntry, ...]:
    """One entry per kind and status shown, lane by lane in the order first met, with the
    mark's shape."""
    seen: dict[str, LegendEntry] = {}
    for fact in sorted(facts, key=lambda f: _sort_key(f)[1]):  # by lane, stable within
        key = legend_key(fact)
        if key in seen or key not in labels:
            continue
        if fact.kind == "episode" and fact.status != "waiting":
            shapes = episode_bar(fact.status, 2, 22, 8)
        elif fact.kind == "episode":
            shapes = (line(2, 22, 8, MUTED, width=2, dash="2 3"),)
        else:
            shapes = glyph(fact.kind, fact.status, 12, 8)
        seen[key] = LegendEntry(key, labels[key], shapes)
    return tuple(seen.values())
