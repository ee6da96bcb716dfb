"""The SVG charts: the geometry (shares to heights, bars in equal bands, the reference line),
the accessible names, the hollow bars of months too few to judge, and escaping of every piece
of text; the include shows the data table beside the chart."""

from __future__ import annotations

import re

from django.template.loader import render_to_string

from throughcare.insight import charts
from throughcare.insight.charts import Point, ShareChart


def _chart(**changes: object) -> ShareChart:
    data: dict[str, object] = {
        "key": "settled",
        "title": "Settled accommodation",
        "description": "A description",
        "points": (
            Point("January 2026", "Jan", 0.5),
            Point("February 2026", "Feb", 0.25, too_small=True),
            Point("March 2026", "Mar", None),
            Point("April 2026", "Apr", 1.0),
        ),
        "reference": 0.4,
        "columns": ("Month", "Share"),
        "rows": (("January 2026", "50%"), ("February 2026", "25%")),
    }
    data.update(changes)
    return ShareChart(**data)  # type: ignore[arg-type]


def test_shares_map_onto_the_plot_from_the_bottom_up() -> None:
    bottom = charts.TOP + charts.PLOT_HEIGHT
    assert charts.y_of(0) == bottom
    assert charts.y_of(1) == charts.TOP
    assert charts.y_of(0.5) == charts.TOP + charts.PLOT_HEIGHT / 2
    assert charts.y_of(1.7) == charts.TOP and charts.y_of(-0.2) == bottom  # clamped


def test_bars_sit_in_equal_bands_and_a_month_without_a_share_has_none() -> None:
    chart = _chart()
    drawn = charts.bars(chart.points)
    assert [bar.point.short for bar in drawn] == ["Jan", "Feb", "Apr"]
    band = charts.PLOT_WIDTH / 4
    width = band * charts.BAR_SHARE
    for bar, number in zip(drawn, (0, 1, 3), strict=True):
        assert abs(bar.width - width) < 0.01
        assert abs(bar.centre - (charts.LEFT + band * (number + 0.5))) < 0.01
        assert abs(bar.y + bar.height - (charts.TOP + charts.PLOT_HEIGHT)) < 0.01
    assert abs(drawn[0].height - charts.PLOT_HEIGHT / 2) < 0.01
    assert abs(drawn[2].height - charts.PLOT_HEIGHT) < 0.01
    assert charts.reference_y(chart) == charts.y_of(0.4)
    assert charts.reference_y(_chart(reference=None)) is None
    assert charts.bars(()) == []


def test_the_svg_is_an_image_named_and_described() -> None:
    svg = str(_chart().svg)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-labelledby="settled-title settled-desc"' in svg
    assert '<title id="settled-title">Settled accommodation</title>' in svg
    assert '<desc id="settled-desc">A description</desc>' in svg
    # Each value is written on the chart, the reference line is dashed and labelled.
    assert ">50%</text>" in svg and ">100%</text>" in svg
    assert 'stroke-dasharray="8 5"' in svg and "National figure: 40%" in svg
    # The month too few to judge is hollow with a dashed outline, not another colour.
    rects = re.findall(r"<rect [^>]*>", svg)
    assert len(rects) == 3
    assert 'fill="none"' in rects[1] and 'stroke-dasharray="4 2"' in rects[1]
    assert 'fill="none"' not in rects[0]
    assert "February 2026: 25% (too few to judge)" in svg
    assert str(_chart(reference=None).svg).count('stroke-dasharray="8 5"') == 0


def test_every_piece_of_text_is_escaped() -> None:
    hostile = '<script>alert("x")</script>&'
    svg = str(
        _chart(
            key='k"><script>',
            title=hostile,
            description=hostile,
            reference_label=hostile,
            points=(Point(hostile, hostile, 0.3),),
        ).svg
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;" in svg
    assert 'id="k&quot;&gt;&lt;script&gt;-title"' in svg


def test_the_description_says_the_months_the_extremes_and_how_to_read_it() -> None:
    points = _chart().points
    words = charts.describe("the share settled", points, 0.4)
    assert "from January 2026 to April 2026" in words
    assert "highest is 100% in April 2026 and the lowest 50% in January 2026" in words
    assert "Hollow bars" in words and "national figure, 40%" in words
    assert "No month has enough people to judge" in charts.describe(
        "x", (Point("May 2026", "May", 0.2, too_small=True),), None
    )


def test_the_include_shows_the_table_beside_the_chart() -> None:
    html = render_to_string("insight/chart.html", {"chart": _chart(caption="<b>Caption</b>")})
    assert html.index("<svg") < html.index("<table")
    assert "&lt;b&gt;Caption&lt;/b&gt;" in html
    assert '<th scope="row" class="govuk-table__header">January 2026</th>' in html
    assert ">25%</td>" in html
