"""Charts drawn on the server as SVG (issue 16 point 2): no JavaScript, and readable without
colour or sight of them.

Every chart is an image (`role="img"`) named by its `<title>` and described by its `<desc>`
(both referenced by `aria-labelledby`), each value is written on it as text, a month with too
few people to judge is drawn hollow rather than in another colour, the national figure is a
dashed line labelled in words, and the template `insight/chart.html` shows the chart's data
table beside it. Every piece of text goes through Django's escaping (`format_html`).

`ShareChart` is a monthly bar chart of a share, 0 to 100%. Its geometry (`bars`,
`reference_y`, `y_of`) is plain arithmetic, tested on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 40, 44
KEY_Y = 12  # the key of the reference line, above the plot
PLOT_WIDTH = WIDTH - LEFT - RIGHT
PLOT_HEIGHT = HEIGHT - TOP - BOTTOM
TICKS = (0, 25, 50, 75, 100)
BAR_SHARE = 0.7  # of each month's band, the rest is the gap between bars
INK, BAR, GRID = "#0b0c0c", "#1d70b8", "#b1b4b6"
TOO_FEW = "too few to judge"


@dataclass(frozen=True)
class Point:
    """One month (or any category): its label in full ("January 2026") and on the axis
    ("Jan"), its share (0 to 1; None when nobody's outcome is known) and whether too few are
    known to judge it."""

    label: str
    short: str
    share: float | None
    too_small: bool = False


@dataclass(frozen=True)
class Bar:
    point: Point
    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class ShareChart:
    """A bar chart of a share by month, with its data table (`columns` and `rows`, as text).
    `key` makes the ids of the title and description unique on the page."""

    key: str
    title: str
    description: str
    points: tuple[Point, ...]
    reference: float | None = None
    reference_label: str = ""
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)
    caption: str = ""

    @property
    def svg(self) -> SafeString:
        return render(self)


def percent(share: float | None, places: int = 0) -> str:
    """A share as a percentage in words ("42%"); "" when there is none."""
    if share is None:
        return ""
    return f"{share * 100:.{places}f}%"


def y_of(share: float) -> float:
    """The height on the chart of a share (clamped to 0 to 1): 0 at the bottom of the plot."""
    share = min(max(share, 0.0), 1.0)
    return round(TOP + PLOT_HEIGHT * (1 - share), 2)


def bars(points: Sequence[Point]) -> list[Bar]:
    """A bar for each point with a share, in equal bands across the plot."""
    if not points:
        return []
    band = PLOT_WIDTH / len(points)
    width = round(band * BAR_SHARE, 2)
    drawn = []
    for number, point in enumerate(points):
        if point.share is None:
            continue
        top = y_of(point.share)
        x = round(LEFT + band * number + (band - width) / 2, 2)
        drawn.append(Bar(point, x, top, width, round(TOP + PLOT_HEIGHT - top, 2)))
    return drawn


def reference_y(chart: ShareChart) -> float | None:
    return None if chart.reference is None else y_of(chart.reference)


def _grid() -> SafeString:
    return format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>'
        '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}%</text>',
        (
            (LEFT, WIDTH - RIGHT, y_of(tick / 100), y_of(tick / 100), GRID, LEFT - 6)
            + (y_of(tick / 100), tick)
            for tick in TICKS
        ),
    )


def _bar(bar: Bar) -> SafeString:
    # A month too few to judge is hollow (an outline, no fill), so it reads without colour.
    fill, dash = ("none", "4 2") if bar.point.too_small else (BAR, "none")
    return format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="2" '
        'stroke-dasharray="{}"><title>{}: {}{}</title></rect>'
        '<text x="{}" y="{}" text-anchor="middle" stroke="#ffffff" stroke-width="4" '
        'paint-order="stroke">{}</text>',
        bar.x,
        bar.y,
        bar.width,
        bar.height,
        fill,
        BAR,
        dash,
        bar.point.label,
        percent(bar.point.share),
        f" ({TOO_FEW})" if bar.point.too_small else "",
        bar.centre,
        round(bar.y - 6, 2),
        percent(bar.point.share),
    )


def _labels(points: Sequence[Point]) -> SafeString:
    if not points:
        return SafeString("")
    band = PLOT_WIDTH / len(points)
    return format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle">{}</text>',
        (
            (round(LEFT + band * (number + 0.5), 2), TOP + PLOT_HEIGHT + 20, point.short)
            for number, point in enumerate(points)
        ),
    )


def _reference(chart: ShareChart) -> SafeString:
    y = reference_y(chart)
    if y is None:
        return SafeString("")
    # The line across the plot, and its key above the plot (where no bar can hide it).
    return format_html(
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" '
        'stroke-dasharray="8 5"/>'
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" '
        'stroke-dasharray="8 5"/>'
        '<text x="{}" y="{}" text-anchor="end" font-weight="bold">{}</text>',
        LEFT,
        WIDTH - RIGHT,
        y,
        y,
        INK,
        WIDTH - RIGHT - 36,
        WIDTH - RIGHT,
        KEY_Y,
        KEY_Y,
        INK,
        WIDTH - RIGHT - 44,
        KEY_Y + 5,
        chart.reference_label or f"National figure: {percent(chart.reference)}",
    )


def render(chart: ShareChart) -> SafeString:
    """The chart as an SVG element, for a page (through `insight/chart.html`)."""
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="app-chart__svg" viewBox="0 0 {} {}" '
        'role="img" aria-labelledby="{}-title {}-desc" focusable="false" '
        'font-family="arial, sans-serif" font-size="14" fill="{}">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '<g aria-hidden="true">{}{}{}'
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2"/>{}</g></svg>',
        WIDTH,
        HEIGHT,
        chart.key,
        chart.key,
        INK,
        chart.key,
        chart.title,
        chart.key,
        chart.description,
        _grid(),
        format_html_join("", "{}", ((_bar(bar),) for bar in bars(chart.points))),
        _labels(chart.points),
        LEFT,
        WIDTH - RIGHT,
        TOP + PLOT_HEIGHT,
        TOP + PLOT_HEIGHT,
        INK,
        _reference(chart),
    )


def describe(what: str, points: Sequence[Point], reference: float | None) -> str:
    """The chart's description in words: what it shows, over which months, its highest and
    lowest months of those large enough to judge, and how to read it without colour."""
    if not points:
        return f"{what}: no months to show."
    words = [f"Bar chart of {what}, by month, from {points[0].label} to {points[-1].label}."]
    judged = [p for p in points if p.share is not None and not p.too_small]
    if judged:
        high = max(judged, key=lambda p: p.share or 0.0)
        low = min(judged, key=lambda p: p.share or 0.0)
        words.append(
            f"Of the months with enough people to judge, the highest is {percent(high.share)} "
            f"in {high.label} and the lowest {percent(low.share)} in {low.label}."
        )
    else:
        words.append("No month has enough people to judge.")
    if any(p.too_small for p in points if p.share is not None):
        words.append(f"Hollow bars with a dashed outline are months {TOO_FEW}.")
    if reference is not None:
        words.append(f"The dashed line is the national figure, {percent(reference)}.")
    words.append("The table beside the chart gives every month's figures.")
    return " ".join(words)
