"""The course strip's pure layout (cases.course_strip): order, positions within bounds, the today
marker, an empty and a one-day course, dates far apart, rows that never overlap."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from cases.course_glyphs import BLUE, GREEN, INK, MUTED, RED
from cases.course_strip import (
    LANES,
    CourseFact,
    Strip,
    layout,
    pack_rows,
    tick_dates,
)

TODAY = date(2026, 3, 16)
LANE_LABELS = {lane: lane.title() for lane in LANES}


def strip_of(facts, today=TODAY, **kwargs) -> Strip:
    return layout(facts, today=today, lane_labels=LANE_LABELS, **kwargs)


def request(on, until, status="running", group="r1", tag="Løber"):
    return CourseFact("request", "request", on, "Anmodning", status, until, group=group, tag=tag)


def course():
    return [
        CourseFact("checkin", "checkin", date(2026, 5, 11), "Tjek-ind 2 uger", "due"),
        request(date(2026, 1, 5), date(2026, 1, 19), "met", tag="Overholdt"),
        CourseFact("request", "decision", date(2026, 1, 9), "Afgørelse", group="r1"),
        CourseFact("episode", "referral", date(2026, 1, 10), "Henvist", group="e1"),
        CourseFact(
            "episode", "episode", date(2026, 1, 15), "Døgn", "residential", date(2026, 4, 27),
            group="e1", tag="Døgn",
        ),
        CourseFact("handover", "discharge", date(2026, 4, 27), "Udskrevet", "done"),
        CourseFact("handover", "first_appointment", date(2026, 4, 29), "Første aftale", "planned"),
    ]  # fmt: skip


def within(strip: Strip, x: float) -> bool:
    return strip.plot_left <= x <= strip.plot_right


def test_every_mark_lies_within_the_plot_and_the_svg():
    strip = strip_of(course(), today=date(2026, 5, 20))
    assert len(strip.marks) == 7
    for mark in strip.marks:
        assert within(strip, mark.x)
        assert mark.x_end is None or within(strip, mark.x_end)
        assert 0 < mark.y < strip.axis_y < strip.height
    assert all(within(strip, tick.x) for tick in strip.ticks)
    assert within(strip, strip.today_x)


def test_a_later_date_lies_further_right():
    strip = strip_of(course(), today=date(2026, 5, 20))
    by_date = sorted(strip.marks, key=lambda m: m.fact.on)
    xs = [m.x for m in by_date]
    assert xs == sorted(xs)
    assert len(set(xs)) == len(xs)  # no two days on one x


def test_the_facts_are_listed_in_date_order_and_lanes_top_down():
    strip = strip_of(course(), today=date(2026, 5, 20))
    assert [f.on for f in strip.facts] == sorted(f.on for f in strip.facts)
    assert [lane.key for lane in strip.lanes] == ["request", "episode", "handover", "checkin"]
    tops = [lane.top for lane in strip.lanes]
    assert tops == sorted(tops)
    for mark in strip.marks:
        lane = next(lane for lane in strip.lanes if lane.key == mark.fact.lane)
        assert lane.top <= mark.y <= lane.top + lane.height


def test_a_lane_without_facts_is_left_out():
    strip = strip_of([request(date(2026, 3, 2), date(2026, 3, 16))])
    assert [lane.key for lane in strip.lanes] == ["request"]
    assert strip.lanes[0].label == "Request"


def test_today_is_marked_at_its_date():
    strip = strip_of([request(date(2026, 3, 2), date(2026, 3, 30))], today=date(2026, 3, 16))
    start, deadline = strip.marks[0].x, strip.marks[0].x_end
    assert deadline is not None
    assert start < strip.today_x < deadline
    assert abs(strip.today_x - (start + deadline) / 2) < 0.5  # day 14 of 28
    assert not strip.today_beyond


def test_today_before_every_fact_starts_the_span():
    strip = strip_of([CourseFact("checkin", "checkin", date(2026, 4, 1), "Tjek-ind", "due")])
    assert strip.start == TODAY
    assert strip.today_x < strip.marks[0].x


def test_the_span_runs_to_today_when_today_is_near():
    strip = strip_of([request(date(2026, 1, 5), date(2026, 1, 19))], today=date(2026, 2, 1))
    assert strip.end == date(2026, 2, 1)
    deadline = strip.marks[0].x_end
    assert deadline is not None and strip.today_x > deadline


def test_a_course_closed_long_ago_ends_at_its_last_fact_and_today_at_the_edge():
    facts = [request(date(2020, 1, 6), date(2020, 1, 20), "met")]
    strip = strip_of(facts, today=date(2026, 3, 16))
    assert strip.today_beyond
    assert strip.end == date(2020, 1, 20)
    assert strip.today_x == strip.plot_right
    deadline = strip.marks[0].x_end
    assert deadline is not None and deadline < strip.today_x


def test_an_empty_course_is_empty_but_well_formed():
    strip = strip_of([])
    assert strip.is_empty
    assert strip.facts == () and strip.lanes == ()
    assert strip.start < TODAY < strip.end
    assert within(strip, strip.today_x)
    assert strip.height > 0


def test_a_one_day_course_sits_in_the_middle():
    strip = strip_of([CourseFact("request", "decision", TODAY, "Afgørelse")])
    assert strip.start == TODAY - timedelta(days=1)
    assert strip.end == TODAY + timedelta(days=1)
    middle = (strip.plot_left + strip.plot_right) / 2
    assert abs(strip.marks[0].x - middle) < 0.5
    assert strip.today_x == strip.marks[0].x


def test_dates_far_apart_keep_their_order_and_bounds():
    facts = [
        request(date(2010, 1, 4), date(2010, 1, 18), "met", group="a"),
        request(date(2026, 3, 2), date(2026, 3, 16), "running", group="b"),
        CourseFact("checkin", "checkin", date(2030, 6, 1), "Tjek-ind", "due"),
    ]
    strip = strip_of(facts)
    xs = [m.x for m in sorted(strip.marks, key=lambda m: m.fact.on)]
    assert xs == sorted(xs)
    assert all(within(strip, x) for x in xs)
    assert 2 <= len(strip.ticks) <= 7
    assert all(t.on.month == 1 and t.on.day == 1 for t in strip.ticks)  # New Years
    tick_xs = [t.x for t in strip.ticks]
    assert all(b - a >= 90 for a, b in itertools.pairwise(tick_xs))


def test_an_open_episode_runs_to_today():
    episode = CourseFact(
        "episode", "episode", date(2026, 3, 2), "Ambulant", "outpatient", open_ended=True
    )
    strip = strip_of([episode])
    assert strip.marks[0].x_end == strip.today_x


def test_overlapping_groups_get_rows_of_their_own_and_apart_ones_share():
    facts = [
        request(date(2026, 1, 5), date(2026, 1, 19), group="a"),
        request(date(2026, 1, 10), date(2026, 1, 24), group="b"),  # overlaps a
        request(date(2026, 3, 2), date(2026, 3, 16), group="c"),  # after both
    ]
    strip = strip_of(facts)
    rows = {m.fact.group: m.row for m in strip.marks}
    assert rows["a"] != rows["b"]
    assert rows["c"] == 0
    assert strip.lanes[0].rows == 2


def test_a_request_and_its_decision_share_a_row():
    strip = strip_of(course(), today=date(2026, 5, 20))
    rows = {m.fact.kind: m.row for m in strip.marks if m.fact.lane == "request"}
    assert rows == {"request": 0, "decision": 0}
    y = {m.fact.kind: m.y for m in strip.marks if m.fact.lane == "request"}
    assert y["request"] == y["decision"]


def test_pack_rows_reuses_the_lowest_free_row():
    assert pack_rows([(0, 10), (5, 15), (20, 30), (12, 18)], gap=0) == [0, 1, 0, 0]
    # Closer than the gap is not free: the third group opens a row.
    assert pack_rows([(0, 10), (5, 15), (12, 18)], gap=6) == [0, 1, 2]
    assert pack_rows([]) == []


def test_tags_never_overlap_marks_or_each_other_in_a_row():
    facts = [
        request(date(2026, 3, 2), date(2026, 3, 16), group="a", tag="Overskredet"),
        CourseFact("request", "decision", date(2026, 3, 17), "Afgørelse", group="a"),
    ]
    strip = strip_of(facts, today=date(2026, 3, 18))
    mark = next(m for m in strip.marks if m.fact.kind == "request")
    decision = next(m for m in strip.marks if m.fact.kind == "decision")
    if mark.tag is not None:
        width = len(mark.tag.text) * 6.6
        left = mark.tag.x if mark.tag.anchor == "start" else mark.tag.x - width
        assert left + width <= decision.x - 6 or left >= decision.x + 6
        assert strip.plot_left <= left and left + width <= strip.plot_right


def test_a_wide_episode_carries_its_tag_inside():
    episode = CourseFact(
        "episode", "episode", date(2026, 1, 5), "Døgn", "residential", date(2026, 3, 1), tag="Døgn"
    )
    strip = strip_of([episode])
    mark = strip.marks[0]
    assert mark.tag is not None and mark.tag.fill == "#ffffff"
    assert mark.x_end is not None and mark.x < mark.tag.x < mark.x_end


def test_each_status_has_its_own_shape_not_only_its_colour():
    statuses = ["running", "met", "breached", "waived"]
    facts = [
        request(date(2026, 1, 5) + timedelta(days=30 * i), None, status, group=status)
        for i, status in enumerate(statuses)
    ]
    strip = strip_of(facts)
    shapes = {}
    for mark in strip.marks:
        shape = mark.shapes[-1]
        fill = dict(shape.attrs).get("fill")
        shapes[mark.fact.status] = (shape.element, fill == "#ffffff")
    assert len(set(shapes.values())) == len(statuses)


def test_residential_and_outpatient_episodes_look_different():
    facts = [
        CourseFact("episode", "episode", date(2026, 1, 5), "D", "residential", date(2026, 2, 1)),
        CourseFact("episode", "episode", date(2026, 2, 2), "A", "outpatient", date(2026, 3, 1)),
    ]
    strip = strip_of(facts)
    fills = [dict(m.shapes[0].attrs)["fill"] for m in strip.marks]
    assert fills == [BLUE, "#ffffff"]


def test_shapes_carry_only_presentation_attributes():
    strip = strip_of(course(), today=date(2026, 5, 20))
    names = {name for mark in strip.marks for shape in mark.shapes for name, _ in shape.attrs}
    assert "style" not in names
    assert names <= {
        "x", "y", "width", "height", "cx", "cy", "r", "x1", "y1", "x2", "y2", "points", "d",
        "fill", "stroke", "stroke-width", "stroke-dasharray",
    }  # fmt: skip
    colours = {
        value
        for mark in strip.marks
        for shape in mark.shapes
        for name, value in shape.attrs
        if name in ("fill", "stroke")
    }
    assert colours <= {BLUE, GREEN, INK, MUTED, RED, "#ffffff", "none"}


def test_the_legend_names_each_kind_and_status_shown_once():
    labels = {"request:met": "Overholdt", "decision:": "Afgørelse", "checkin:due": "Tjek-ind"}
    strip = strip_of(course(), today=date(2026, 5, 20), legend_labels=labels)
    assert [entry.label for entry in strip.legend] == ["Overholdt", "Afgørelse", "Tjek-ind"]


def test_tick_dates_are_round_and_few():
    assert tick_dates(date(2026, 3, 1), date(2026, 3, 4), 6) == [
        date(2026, 3, d) for d in (1, 2, 3, 4)
    ]
    weekly = tick_dates(date(2026, 3, 4), date(2026, 4, 10), 6)
    assert all(d.weekday() == 0 for d in weekly) and 1 < len(weekly) <= 6
    monthly = tick_dates(date(2026, 1, 15), date(2026, 12, 20), 6)
    assert all(d.day == 1 for d in monthly) and len(monthly) <= 6
    assert monthly[0] >= date(2026, 1, 15) and monthly[-1] <= date(2026, 12, 20)


def test_tick_labels_stay_apart_whatever_the_span():
    for days in (0, 1, 3, 9, 20, 45, 80, 150, 400, 900, 2000, 4000, 9000):
        strip = strip_of([request(TODAY - timedelta(days=days), TODAY, group="a")])
        xs = [t.x for t in strip.ticks]
        assert len(xs) >= 1 and xs == sorted(xs), days
        assert all(b - a >= 115 for a, b in itertools.pairwise(xs)), (days, xs)
        assert all(t.anchor == "middle" for t in strip.ticks)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_colour_has_aa_contrast_on_both_lane_backgrounds():
    # WCAG 1.4.3 (text, 4.5:1) and 1.4.11 (graphics, 3:1); the lanes alternate white and #f2f2f2.
    for colour in (BLUE, GREEN, INK, MUTED, RED):
        for background in ("#ffffff", "#f2f2f2"):
            assert _contrast(colour, background) >= 4.5, (colour, background)
    assert _contrast("#ffffff", BLUE) >= 4.5  # the white word in a residential bar
