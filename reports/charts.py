"""Bar charts for the printed reports, as geometry for an <svg> template.

Pure: no Django. The chart is drawn by reports/templates/reports/print/_bar_chart.html as plain
SVG, so WeasyPrint renders it as vector graphics: no JavaScript, no screenshots, sharp in print.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# Colours from DKFDS's palette; the dark blue bar on white is 10.9:1.
# What a missing value shows: an en dash, as Danish typography writes "nothing".
NO_VALUE = "\u2013"
BAR_COLOUR = "#0059b3"
MUTED_COLOUR = "#b0b0b0"


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    sublabel: str
    value_label: str
    centre: float
    colour: str


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]

    @property
    def tick_label_x(self) -> float:
        return self.left - 4


@dataclass(frozen=True)
class ChartItem:
    label: str
    value: float | None
    sublabel: str = ""


def nice_max(value: float) -> float:
    """A round upper bound for the axis: 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def bar_chart(
    items: Sequence[ChartItem],
    *,
    title: str,
    value_format: Callable[[float], str],
    max_value: float | None = None,
    width: float = 480,
    height: float = 170,
    tick_count: int = 4,
) -> BarChart:
    """Vertical bars, one per item, on a common axis from 0 to `max_value` (or a round number
    above the largest value). An item without a value (None) gets no bar and a dash for a label,
    which is different from a bar of height 0."""
    left, right, top = 34.0, 6.0, 14.0
    bottom = 30.0 if any(item.sublabel for item in items) else 20.0
    plot_width = width - left - right
    plot_height = height - top - bottom
    values = [item.value for item in items if item.value is not None]
    top_value = max_value if max_value is not None else nice_max(max(values, default=0))
    slot = plot_width / max(len(items), 1)
    bar_width = min(slot * 0.62, 46)
    baseline = top + plot_height
    bars = []
    for index, item in enumerate(items):
        centre = left + slot * index + slot / 2
        value = item.value
        bar_height = 0.0 if value is None else plot_height * min(value, top_value) / top_value
        bars.append(
            Bar(
                x=round(centre - bar_width / 2, 2),
                y=round(baseline - bar_height, 2),
                width=round(bar_width, 2),
                height=round(bar_height, 2),
                label=item.label,
                sublabel=item.sublabel,
                value_label=NO_VALUE if value is None else value_format(value),
                centre=round(centre, 2),
                colour=BAR_COLOUR if value is not None else MUTED_COLOUR,
            )
        )
    ticks = tuple(
        Tick(
            y=round(baseline - plot_height * step / tick_count, 2),
            label=value_format(top_value * step / tick_count),
        )
        for step in range(tick_count + 1)
    )
    description = "; ".join(
        f"{item.label} {item.sublabel}".strip() + f": {bar.value_label}"
        for item, bar in zip(items, bars, strict=True)
    )
    return BarChart(
        title=title,
        description=description,
        width=width,
        height=height,
        left=left,
        right=width - right,
        top=top,
        bottom=baseline,
        bars=tuple(bars),
        ticks=ticks,
    )
