"""What the charts draw where autoscaling alone reads wrong (render/charts.py)."""

import pandas as pd
import pytest

from chuangcheng.model.params import Params
from chuangcheng.geo import grid
from chuangcheng.render import charts, explore
from chuangcheng.views import compare, region


def one_value(frame, **columns):
    """The first row alone: a region or a scope with a single figure, as sparse reported data often has."""
    return frame.head(1).assign(**columns)


@pytest.fixture(scope="module")
def gdp_rows(demo_db):
    view = compare.compare(
        demo_db, Params(snapshot="demo-v1", lang="en", regions=("990102", "990103"), indicators=("gdp",))
    )
    return view.trends[view.trends["region_code"] == "990102"]


def drawn_range(figure) -> list | None:
    value = figure.layout.yaxis.range
    return list(value) if value is not None else None


def test_a_single_value_gets_an_axis_around_it_on_every_chart(demo_db, gdp_rows):
    """The walkthrough: one reported figure of 3,200 drew an axis from 3,199 to 3,201."""
    row = one_value(gdp_rows, value=3200.0)
    names, catalog = {"990102": "Xingyuan"}, demo_db.catalog
    figures = [
        charts.indicator_trend(row, catalog, "gdp", "en"),
        charts.region_dots(row, catalog, "gdp", "en"),
        charts.compare_trend(row, catalog, "gdp", names, {"990102": "#1f77b4"}, ["990102"], "en"),
    ]
    assert [drawn_range(f) for f in figures] == [[2560.0, 3840.0]] * 3


def test_a_single_value_beside_its_standard_or_interval_is_left_to_autoscaling(demo_db):
    """With the standard or an interval drawn too, the axis must show them: a fixed range could cut them off."""
    view = region.region(demo_db, Params(snapshot="demo-v1", lang="en", region="990110", year=2025))
    rate = view.trend[view.trend["indicator"] == "campaign_support_rate"]
    row = one_value(rate)
    assert row["full_at"].notna().item() and row["lower"].notna().item()
    assert drawn_range(charts.indicator_trend(row, demo_db.catalog, "campaign_support_rate", "en")) is None
    lone = one_value(rate, lower=float("nan"), upper=float("nan"), full_at=row["value"].item())
    assert drawn_range(charts.indicator_trend(lone, demo_db.catalog, "campaign_support_rate", "en")) is not None
    partial = lone.assign(
        partial_at=row["value"].item() / 2, region_code="990110", region_name="Jiubu"
    )  # region_dots draws it
    assert drawn_range(charts.region_dots(partial, demo_db.catalog, "campaign_support_rate", "en")) is None


def test_a_scored_zero_shows_its_number_beside_the_axis(demo_db):
    """Jiubu 2025 scores 0 on five aspects: drawn inside their (empty) bars, the zeros showed as nothing."""
    view = region.region(demo_db, Params(snapshot="demo-v1", lang="en", region="990110", year=2025))
    bars = charts.aspect_bars(view.aspects, demo_db.catalog, "en").data[0]
    zeros = [i for i, v in enumerate(view.aspects["score_rate"]) if v == 0]
    assert len(zeros) == 5 and all(bars.text[i] == "0" and bars.textposition[i] == "outside" for i in zeros)
    assert all(p == "inside" for p, v in zip(bars.textposition, view.aspects["score_rate"]) if v >= 15)


@pytest.mark.parametrize(
    "count, labelled, tallest",
    [(12, True, 400), (100, True, 900), (144, True, 1000), (170, False, 1000), (2905, False, 1100)],
)
def test_a_tile_grid_of_thousands_of_regions_is_small_square_tiles_named_on_hover(count, labelled, tallest):
    """National 'All districts' drew 54 x 54 tiles 3,606 px tall, every name piled over its neighbours."""
    codes = [f"{100000 + i}" for i in range(count)]
    rows = pd.DataFrame(
        {"region_code": codes, "value": [float(i % 97) for i in range(count)], "hover_text": ["v"] * count}
    )
    figure = explore.tile_grid(rows, grid.layout(codes), {c: f"District {c}" for c in codes}, "t", "en")
    values, marks = figure.data[1], figure.data[2]
    assert (values.text is not None) == labelled and figure.layout.height <= tallest
    assert (
        len(marks.customdata) == count and marks.customdata[0][1] == "District 100000"
    )  # every region still hovers and clicks


def test_a_provenance_line_wraps_at_spaces_or_anywhere_in_chinese_within_the_width():
    lines = explore.wrapped(
        "Source: Demo data (fictional, made by python -m chuangcheng demo); Survey rates computed from the "
        "household-survey microdata of this snapshot. · snapshot demo-v1, 2026-01-15 · synthetic demo data"
    )
    assert all(explore.width(line) <= explore.WRAP and line == line.strip() for line in lines) and len(lines) == 4
    assert explore.wrapped("a" * 58 + " b") == [
        "a" * 58,
        "b",
    ]  # a word ending at the edge stays; no line starts with a space
    chinese = explore.wrapped("调查比率由本数据快照中的入户调查原始数据计算" * 3)
    assert [explore.width(line) for line in chinese] == [58, 58, 16]  # 66 characters, two columns each


def test_a_trends_dots_are_ringed_in_their_own_status_colour(reported_db):
    """A walkthrough: not-scored dots (grey fill) had a ring in the line's blue and read blue, against a caption
    that says grey; bounds are triangles, which the caption now names."""
    view = region.region(reported_db, Params(snapshot="reported-v1", lang="en", region="230110", year=2017))
    rows = view.trend[view.trend["indicator"] == "road_surface_repairs"]
    dots = charts.indicator_trend(rows, reported_db.catalog, "road_surface_repairs", "en").data[-1].marker
    assert list(dots.line.color) == list(dots.color) == [charts.ATTAINMENT_COLORS[None]] * len(rows)
    assert list(dots.symbol) == ["triangle-up"] * len(rows)  # ≥13000 in the source


def test_the_compare_standard_is_drawn_for_every_year_a_peer_of_the_first_region_has(shipped_catalog):
    """#22: the city-mean standard stopped where the first region's values stop, though another region of the same
    city had the next year (and its standard)."""
    rows = pd.DataFrame(
        {
            "region_code": ["990102", "990102", "990103", "990103", "990103", "880101"],
            "parent_code": ["990100"] * 5 + ["880100"],
            "level": ["district"] * 6,
            "indicator": ["gdp_growth"] * 6,
            "year": [2023, 2024, 2023, 2024, 2025, 2025],
            "value": [5.0, 5.2, 4.8, 5.1, 5.3, 9.0],
            "full_at": [5.0, 5.2, 5.0, 5.2, 5.105, 9.09],
            "lower": [None] * 6,
            "upper": [None] * 6,
            "n_eff": [None] * 6,
            "qualifier": ["="] * 6,
            "source": [None] * 6,
            "note": [None] * 6,
            "n": [None] * 6,
            "status": ["reported"] * 6,
            "attainment": ["full"] * 6,
            "uncertain": [False] * 6,
            "verdict": ["full"] * 6,
        }
    )
    from chuangcheng.views import present

    rows = present.with_reading(rows, shipped_catalog, "en")
    figure = charts.compare_trend(
        rows,
        shipped_catalog,
        "gdp_growth",
        {c: c for c in ("990102", "990103", "880101")},
        {"990102": "#1f77b4", "990103": "#ff7f0e", "880101": "#2ca02c"},
        ["990102", "990103", "880101"],
        "en",
    )
    standard = next(trace for trace in figure.data if trace.name.startswith("City mean"))
    assert list(standard.x) == [2023, 2024, 2025] and list(standard.y) == [5.0, 5.2, 5.105]  # not 880101's 9.09


def test_compare_years_lie_level_and_a_tick_a_year_only_over_a_few(demo_db):
    """#22: thirteen yearly ticks stood on end on a phone, clipped under the legend ("201", "202")."""
    view = compare.compare(demo_db, Params())
    code = view.params.indicators[0]
    rows = view.trends[view.trends["indicator"] == code]
    many = charts.compare_trend(
        rows,
        demo_db.catalog,
        code,
        view.names,
        charts.region_colors(list(view.params.regions)),
        list(view.params.regions),
        "en",
    )
    assert rows["year"].nunique() == 13 and many.layout.xaxis.dtick is None and many.layout.xaxis.tickangle == 0
    few = charts.compare_trend(
        rows[rows["year"] >= 2022],
        demo_db.catalog,
        code,
        view.names,
        charts.region_colors(list(view.params.regions)),
        list(view.params.regions),
        "en",
    )
    assert few.layout.xaxis.dtick == 1 and few.layout.xaxis.tickangle == 0


def test_compare_opens_on_indicators_the_regions_have(reported_db, demo_db):
    """#22: the reported snapshot's compare opened on three headline indicators none of its regions has."""
    view = compare.compare(reported_db, Params())
    assert view.params.indicators[0] == "campaign_fiscal_investment"  # the one both default regions have
    has = view.trends.groupby("indicator")["region_code"].nunique()
    assert [has.get(code, 0) for code in view.params.indicators] == [2, 1, 1]
    assert compare.compare(demo_db, Params()).params.indicators == tuple(
        demo_db.catalog.headline[:3]
    )  # the demo has them all


def test_changes_of_rates_are_in_percentage_points_and_relative_changes_only_of_amounts(demo_db):
    """#22: 'Change (%)' was a relative change even for rates (unemployment +12.5 %, GDP growth −54.5 %)."""
    view = compare.compare(
        demo_db, Params(regions=("990102", "990103"), indicators=("gdp", "gdp_growth"), years=(2020, 2024))
    )
    rows = view.differences.set_index(["indicator", "region_code"])
    growth, gdp = rows.loc[("gdp_growth", "990103")], rows.loc[("gdp", "990103")]
    assert (
        growth["change_text"].endswith(" pp")
        and growth["difference_text"].endswith(" pp")
        and growth["change_pct_text"] == ""
    )
    assert not gdp["change_text"].endswith("pp") and gdp["change_pct_text"].endswith(" %")
    chinese = compare.compare(
        demo_db, Params(lang="zh", regions=("990102", "990103"), indicators=("gdp_growth",), years=(2020, 2024))
    )
    assert chinese.differences["change_text"].str.endswith("个百分点").all()


def test_a_tile_grid_has_a_colour_bar_with_its_unit_or_a_legend_of_the_status_colours():
    """#22: the tile grid (national ?parent=all&show=map) had no colour scale at all."""
    codes = [f"{100000 + i}" for i in range(12)]
    rows = pd.DataFrame({"region_code": codes, "value": [float(i) for i in range(12)], "hover_text": ["v"] * 12})
    plain = explore.tile_grid(
        rows, grid.layout(codes), {c: c for c in codes}, "t", "en", scale_title="100 million yuan"
    )
    scales = [trace for trace in plain.data if getattr(trace, "showscale", None)]
    assert len(scales) == 1 and scales[0].colorbar.title.text == "100 million yuan"
    judged = rows.assign(status_key=["full", "partial", "low", None] * 3)
    status = explore.tile_grid(judged, grid.layout(codes), {c: c for c in codes}, "t", "zh", scale_title="%")
    assert not any(getattr(trace, "showscale", None) for trace in status.data)
    assert [trace.name for trace in status.data if trace.showlegend] == ["达标", "部分达标", "未达标", "无数据或不计分"]
    three = explore.tile_grid(
        rows.head(3), grid.layout(codes[:3]), {c: c for c in codes}, "t", "en"
    )  # a 2 x 2 grid, one cell empty
    assert [cell for row in three.data[1].text for cell in row] == [
        "100000",
        "100001",
        "100002",
        "",
    ]  # no "null" on the empty one


def test_a_shape_map_names_its_regions_where_they_fit_and_titles_its_scale():
    """#22: the shape map had no region names and no unit on its scale."""

    def square(i):
        return {"type": "Polygon", "coordinates": [[[i, 0], [i + 1, 0], [i + 1, 1], [i, 1], [i, 0]]]}

    for count, named in ((5, True), (explore.MAP_NAMES + 1, False)):
        codes = [f"{100000 + i}" for i in range(count)]
        collection = {
            "type": "FeatureCollection",
            "features": [
                {"type": "Feature", "id": c, "properties": {}, "geometry": square(i)} for i, c in enumerate(codes)
            ],
        }
        rows = pd.DataFrame(
            {"region_code": codes, "value": [float(i) for i in range(count)], "hover_text": ["v"] * count}
        )
        figure = explore.region_map(
            rows, collection, codes, {c: f"Region {c}" for c in codes}, "t", "en", scale_title="yuan"
        )
        names = [trace for trace in figure.data if trace.type == "scattergeo" and trace.mode == "text"]
        assert bool(names) == named
        if named:
            assert list(names[0].text) == [charts.short(f"Region {c}", 12) for c in codes]  # cut to fit, whole on hover
            amp = explore.region_map(
                rows.head(1),
                {**collection, "features": collection["features"][:1]},
                codes[:1],
                {codes[0]: "A&B District of a long name"},
                "t",
                "en",
                scale_title="yuan",
            )
            (label,) = next(t for t in amp.data if t.type == "scattergeo" and t.mode == "text").text
            assert label == "A&amp;B Distric…"  # cut, then escaped: never a split entity
            assert names[0].lon[2] == pytest.approx(2.5) and names[0].lat[2] == pytest.approx(0.5)
        assert next(trace for trace in figure.data if getattr(trace, "showscale", None)).colorbar.title.text == "yuan"


def test_names_on_a_map_are_white_on_the_deep_fills_and_dark_on_the_light():
    bar = {"showscale": True}
    assert explore.label_colours([0.0, 5.0, 10.0, None], bar) == ["#14151a", "#14151a", "white", "#14151a"]
    change = {"showscale": True, "zmin": -4.0, "zmax": 4.0}
    assert explore.label_colours([-4.0, 0.0, 3.9], change) == ["white", "#14151a", "white"]
    assert explore.label_colours([0.0, 1.0], {"showscale": False}) == ["#14151a"] * 2


def test_a_large_scopes_chart_marks_where_it_leaves_regions_out(shipped_catalog):
    """#22: the national ranking drew #29 beside #2876 with nothing between."""
    from chuangcheng.views import present

    count = 100
    ranking = pd.DataFrame(
        {
            "region_code": [str(i) for i in range(count)],
            "region_name": [f"R{i}" for i in range(count)],
            "rank": range(1, count + 1),
            "score_rate": [100 - i * 0.5 for i in range(count)],
            "coverage": [100.0] * count,
            "ranked": [True] * count,
            "note": [""] * count,
        }
    )
    shown = present.ends(ranking)
    half = present.MOST_DRAWN // 2
    figure = charts.ranking_bars(shown, "en")
    (line,), (note,) = figure.layout.shapes, figure.layout.annotations
    labels = list(figure.data[0].y)  # bottom to top
    assert labels[half - 1] == f"{count - half + 1}. R{count - half}" and labels[half] == f"{half}. R{half - 1}"
    assert line.y0 == line.y1 == half - 0.5 and note.y == half - 0.5  # between #71 and #30
    assert note.text == f"⋯ {count - 2 * half} regions between, in the table ⋯"
    dots = charts.region_dots(
        shown.assign(
            value=1.0,
            lower=None,
            upper=None,
            full_at=None,
            partial_at=None,
            status_key=None,
            uncertain_flag=False,
            value_text="1",
            interval_text="",
            status_text="",
            source_text="",
            note_text="",
        ),
        shipped_catalog,
        "gdp",
        "zh",
    )
    assert [s.x0 for s in dots.layout.shapes if s.line.dash == "dot"] == [half - 0.5]
    assert charts.ranking_bars(ranking.head(10), "en").layout.shapes == ()  # all drawn: no break


def test_a_map_speaks_of_status_only_where_it_colours_by_status():
    """A city-average standard with too few peers everywhere judges no region: the map colours by value, and the
    page's caption about green, amber and red must not show."""
    judged = pd.DataFrame({"region_code": ["1", "2"], "value": [1.0, 2.0], "status_key": ["full", "not_scored"]})
    unjudged = judged.assign(status_key=["not_scored", "not_scored"])
    assert explore.status_coloured(judged) and not explore.status_coloured(unjudged)
    assert not explore.status_coloured(judged.drop(columns="status_key"))


def test_an_inspection_trend_runs_oldest_first_whichever_street_is_drawn_first():
    """Review: a category axis took the periods in the order the lines met them, so a week the first street missed
    was drawn after the last week."""
    import pandas as pd

    from chuangcheng.render import inspection_charts

    trend = pd.DataFrame(
        {
            "region_code": ["a", "a", "b", "b", "b"],
            "region": ["A", "A", "B", "B", "B"],
            "period": ["2025-W01", "2025-W03", "2025-W01", "2025-W02", "2025-W03"],
            "period_label": ["week 1", "week 3", "week 1", "week 2", "week 3"],
            "period_start": pd.to_datetime(["2024-12-30", "2025-01-13", "2024-12-30", "2025-01-06", "2025-01-13"]),
            "score_rate": [90.0, 95.0, 80.0, 85.0, 88.0],
        }
    )
    figure = inspection_charts.rate_trend(trend, "score_rate", "en")
    assert list(figure.layout.xaxis.categoryarray) == ["week 1", "week 2", "week 3"]
    # the title names the rate drawn (a sheet without scores draws 符合率 under a 得分率 title otherwise)
    assert figure.layout.title.text == "Score rate over time"
    assert inspection_charts.rate_trend(trend.assign(pass_rate=1.0), "pass_rate", "en").layout.title.text == (
        "Pass rate over time"
    )
