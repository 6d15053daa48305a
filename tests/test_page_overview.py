"""The overview page, headless, in both languages and on both shipped snapshots."""

import pytest

from reference import excel_round, excel_round_all

from apptest import array, charts, run_app, shown, texts
from chuangcheng.datasets import demo


@pytest.fixture(scope="module")
def english():
    return run_app(year="2019")


def test_overview_names_the_city_and_year(english):
    assert shown(english.title[0].value) == "Xinglan City (fictional) in 2019"


def test_headline_figures_match_the_query_with_change_on_last_year(english, demo_db):
    frame = demo_db.query(
        "scope_headline",
        level="district",
        parent=demo.CITY,
        year=2019,
        headline=demo_db.catalog.headline,
        inputs=demo_db.catalog.headline_inputs,
    ).set_index("indicator")
    metric = next(m for m in english.metric if m.label.startswith("Gross regional product"))
    assert metric.label == "Gross regional product (100 million yuan)"
    assert metric.value == f"{frame.at['gdp', 'value']:,.1f}"
    assert metric.delta == f"{excel_round(frame.at['gdp', 'value'] - frame.at['gdp', 'previous'], 1):+,.1f}"
    assert len(english.metric) == 6


def test_each_headline_says_how_it_was_made_from_its_regions(english):
    helps = {m.label.split(" (")[0]: m.help for m in english.metric}
    assert helps["Real GDP growth"].startswith(
        "Mean of the regions' figures weighted by their gross regional product (11 reporting). Change on 2018."
    )
    assert helps["Gross regional product"].startswith("Sum of the regions' figures (12 reporting). Change on 2018.")
    assert helps["Urban disposable income per person"].startswith(
        "Mean of the figures of the regions with a resident population (GDP ÷ GDP per person; the data have no urban population"
    )
    assert "(11 of 12 reporting)" in helps["Urban disposable income per person"]
    assert helps["Share of days with good air"].startswith(
        "Mean of the regions' figures (12 reporting). Change on 2018."
    )


def test_a_headline_says_how_it_was_made_in_chinese_too():
    helps = {m.label.split(" (")[0]: m.help for m in run_app(year="2019", lang="zh").metric}
    assert helps["地区生产总值增长率"].startswith("11个地区按地区生产总值加权平均。与2018年相比。变化仅按")


def test_ranking_heat_map_and_indicator_chart_are_drawn(english, demo_db):
    specs = charts(english)
    assert len(specs) == 4
    ranking, aspects, dots, heat = specs
    assert aspects["data"][0]["type"] == "heatmap" and aspects["data"][0]["zmax"] == 100
    ranked = demo_db.query("scope_ranking", level="district", parent=demo.CITY, year=2019)
    assert array(ranking["data"][0]["x"])[0] == pytest.approx(ranked["score_rate"].iloc[0])  # best on top
    assert [frame["name"] for frame in ranking["frames"]] == [
        str(y) for y in range(2013, 2026)
    ]  # a frame a year, to play
    # the title names no year: while the years play it would name the wrong one; the slider shows the year
    assert "slider" in ranking["layout"]["title"]["text"] and "2019" not in ranking["layout"]["title"]["text"]
    assert ranking["layout"]["sliders"][0]["active"] == 2019 - 2013
    assert dots["layout"]["title"]["text"] == "Gross regional product (100 million yuan)"
    assert heat["data"][0]["type"] == "heatmap" and len(heat["data"][0]["y"]) == 12


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", "Ranks follow the unrounded score rate, so two shown alike may rank apart"),
        ("zh", "排名依据未经四舍五入的得分率，显示相同者名次可能不同"),
    ],
)
def test_two_regions_shown_with_one_score_rate_at_different_ranks_are_explained(demo_db, lang, words):
    """The walkthrough: Keyuan and Yanhu both read 98.6 in 2025, ranked 3rd and 4th, and nothing said why."""
    at = run_app(year="2025", lang=lang)
    ranked = demo_db.query("scope_ranking", level="district", parent=demo.CITY, year=2025)
    shown_alike = ranked.assign(shown=excel_round_all(ranked["score_rate"], 1)).groupby("shown")["rank"].nunique()
    assert (shown_alike > 1).any()
    assert any(words in shown(c.value) for c in at.caption)


def test_overview_in_chinese_uses_chinese_names_and_units():
    at = run_app(lang="zh", year="2019", indicator="air_good_days_ratio")
    assert shown(at.title[0].value) == "星澜市（虚构） 2019年"
    assert "空气质量优良天数比例 (%)" in texts(at)
    dots = charts(at)[2]
    assert dots["layout"]["title"]["text"] == "空气质量优良天数比例 (%)"
    assert "砚湖区" in dots["data"][0]["x"]


def test_the_language_choice_is_kept_in_the_url():
    at = run_app(lang="zh")
    assert at.session_state["lang"] == "zh"
    assert at.query_params["parent"] == demo.CITY


def test_invalid_link_values_fall_back_with_a_notice_not_an_exception():
    at = run_app(year="1999", parent="123456", indicator="no_such_thing", snapshot="nope")
    notices = [shown(w.value) for w in at.warning]
    assert any("year = 1999" in n for n in notices)
    assert any("parent = 123456" in n and "Xinglan City" in n for n in notices)
    assert any("indicator = no_such_thing" in n for n in notices)
    assert any("snapshot = nope" in n for n in notices)
    assert shown(at.title[0].value) == "Xinglan City (fictional) in 2025"


def test_reported_snapshot_shows_its_sparse_districts_without_error():
    """Three districts of three cities: no city has three, so the overview opens on all districts."""
    at = run_app(snapshot="reported-v1", lang="zh")
    assert shown(at.title[0].value) == "全部区县 2017年"
    assert not at.error


def test_an_old_city_link_still_opens_that_city():
    at = run_app(snapshot="reported-v1", city="650200", year="2007")
    assert shown(at.title[0].value) == "Karamay in 2007"
    assert at.query_params["parent"] == "650200"


def test_an_indicator_without_values_says_so_in_place_of_the_chart():
    at = run_app(snapshot="reported-v1", parent="350200", year="2007", indicator="gdp")
    assert "No region of Xiamen has a value of “Gross regional product” in 2007." in texts(at)


def test_synthetic_data_is_labelled_as_such():
    assert "Synthetic data: generated figures of 12 fictional regions" in texts(run_app())
    assert "Synthetic data" not in texts(run_app(snapshot="reported-v1"))


def test_the_reported_figures_show_where_they_come_from():
    """Issue 10: the overview showed no source for the reported snapshot."""
    at = run_app(snapshot="reported-v1", parent="650200", year="2006")
    assert "Sources: " in texts(at) and "Karamay" in texts(at).split("Sources: ")[1]


def test_change_between_two_years_is_the_later_value_minus_the_earlier(demo_db):
    """Issue 12: value at the later year minus the earlier, and percent change, per region."""
    at = run_app(year="2025", since="2015", indicator="gdp")
    spec = next(
        s
        for s in charts(at)
        if s["layout"]["title"]["text"] == "Gross regional product (100 million yuan): change 2015–2025"
    )
    rows = demo_db.query("data_rows", regions=[], indicators=["gdp"], first=2015, last=2025)
    wide = rows[rows["year"].isin([2015, 2025])].pivot(index="region_code", columns="year", values="value").dropna()
    names = demo_db.regions["name_en"]
    expected = {
        names[code]: excel_round(excel_round(r[2025], 1) - excel_round(r[2015], 1), 1) for code, r in wide.iterrows()
    }
    bars = spec["data"][0]
    assert dict(zip(bars["y"], array(bars["x"]))) == pytest.approx(expected)
    assert list(array(bars["x"])) == sorted(array(bars["x"]), reverse=True)  # largest rise on top
    growth = {names[code]: 100 * (r[2025] - r[2015]) / r[2015] for code, r in wide.iterrows()}
    first = bars["y"][0]
    assert f"{growth[first]:+.1f} %" in bars["customdata"][0][1]


def test_the_indicator_table_shows_the_same_rows_with_a_link_to_each_region():
    at = run_app(year="2024", show="table", indicator="air_good_days_ratio")
    table = next(
        frame.value for frame in at.dataframe if "Region page" in frame.value.columns and "Value" in frame.value.columns
    )
    assert len(table) == 12
    assert all(link.startswith("district?district=99") and "year=2024" in link for link in table["Region page"])


def test_a_since_that_is_not_earlier_than_the_year_falls_back_with_a_notice():
    at = run_app(year="2015", since="2020")
    assert any("since = 2020" in shown(w.value) for w in at.warning)


def test_the_shared_ranking_figure_is_finished_once_and_never_changed_by_a_page_run(monkeypatch):
    """The ranking through the years is one figure shared by every session (cache_resource); a page run that
    set its provenance on it raced with other sessions' runs under load ("OrderedDict changed size during
    iteration" in plotly), so plot() must leave a figure that carries its provenance alone."""
    from chuangcheng.render import explore

    touched = []
    original = explore.with_provenance
    monkeypatch.setattr(
        explore, "with_provenance", lambda figure, line: touched.append(figure) or original(figure, line)
    )
    run_app(year="2020")
    shared = [figure for figure in touched if figure.frames]  # the ranking through the years, built in the cache
    touched.clear()
    again = run_app(year="2020")
    assert len(shared) == 1 and explore.has_provenance(shared[0])
    assert not any(figure.frames for figure in touched)  # the second run took the cached figure and left it alone
    assert "snapshot demo-v1" in charts(again)[0]["layout"]["title"]["subtitle"]["text"].replace("<br>", " ")


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", "12 regions: the chart draws the 2 highest and the 2 lowest"),
        ("zh", "共 12 个地区：图中显示最高和最低各 2 个"),
    ],
)
def test_a_large_scope_draws_its_highest_and_lowest_and_its_tables_list_every_region(monkeypatch, demo_db, lang, words):
    """A province's 2,900 counties as bars, dots and heat-map rows took a browser 40 s and read as a smear:
    beyond MOST_DRAWN regions the charts draw the ends of the ranking, said in a caption (4 here, of 12)."""
    from chuangcheng.views import present

    monkeypatch.setattr(present, "MOST_DRAWN", 4)
    at = run_app(year="2020", lang=lang)
    ranked = demo_db.query("scope_ranking", level="district", parent=demo.CITY, year=2020)
    ranking, aspects, dots, heat = charts(at)
    bars = array(ranking["data"][0]["x"])
    ends = ranked["score_rate"].iloc[:2].tolist() + ranked["score_rate"].iloc[-2:].tolist()
    assert sorted(bars) == pytest.approx(
        sorted(ends), abs=0.05
    )  # the two highest and the two lowest (bars rounded to 0.1)
    assert len(bars) == 4 and len(aspects["data"][0]["y"]) == 4
    assert len(array(dots["data"][0]["x"])) == 4 and len(heat["data"][0]["y"]) == 4
    assert sum(words in caption.value for caption in at.caption) == 2  # under the ranking and the indicator chart
    assert len(at.dataframe[0].value) == 12  # the ranking table beside the chart


def test_a_fall_in_a_headline_figure_points_down_in_the_colour_its_standard_gives(demo_db):
    """Changes are written with a true minus (−0.2); Streamlit takes direction and colour from a leading
    ASCII '-', so a fall showed a green up arrow. A fall of a higher-is-better figure is red and down."""
    from streamlit.proto.Metric_pb2 import Metric

    headline = demo_db.catalog.headline
    standards = demo_db.catalog.indicators["standard"]
    year = next(
        y
        for y in range(2014, 2026)
        if (
            demo_db.query(
                "scope_headline",
                level="district",
                parent=demo.CITY,
                year=y,
                headline=headline,
                inputs=demo_db.catalog.headline_inputs,
            )
            .eval("value - previous")
            .round(1)
            < 0
        ).any()
    )
    at = run_app(year=str(year))
    falls = [m for m in at.metric if m.delta and m.delta.startswith("−")]
    assert falls
    labels = {demo_db.catalog.label(code, "en"): code for code in headline}
    for metric in falls:
        lower_is_better = standards[labels[metric.label]] in ("max", "zero")
        assert metric.proto.direction == Metric.MetricDirection.DOWN
        assert metric.proto.color == (Metric.MetricColor.GREEN if lower_is_better else Metric.MetricColor.RED)


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", "Grey bars are not ranked: fewer than 50% of the scored indicators have a value (Karamay District)."),
        ("zh", "灰色条不参与排名：有数据的计分指标不足 50%（克拉玛依区）。"),
    ],
)
def test_grey_bars_say_why_they_are_not_ranked(lang, words):
    """A walkthrough: Karamay's bar was grey and its rank '—' with the reason in a column off to the right."""
    at = run_app(lang=lang, snapshot="reported-v1", year="2006")
    assert words in [shown(c.value) for c in at.caption]
    assert not any("Grey bars" in c.value or "灰色条" in c.value for c in run_app(lang=lang, year="2025").caption)


@pytest.mark.parametrize(
    "lang, words",
    [
        (
            "en",
            "No region here has a scored figure in 2017, so there is no ranking, heat map or bulletin this year; its figures are below, "
            "one indicator at a time.",
        ),
        (
            "zh",
            "2017年本范围内没有地区有计分指标数据，因此本年没有排名、热力图和通报；本年数据见下方，每次查看一项指标。",
        ),
    ],
)
def test_a_year_without_scores_says_why_the_ranking_is_missing(lang, words):
    """A walkthrough: on the reported figures' 2017 the headline, ranking and bulletin vanished without a word."""
    assert words in [i.value for i in run_app(lang=lang, snapshot="reported-v1", year="2017").info]
    assert not any("scored figure" in i.value for i in run_app(lang="en", snapshot="reported-v1", year="2006").info)


def test_a_status_map_says_what_its_colours_mean_and_no_dots_are_spoken_of():
    """A walkthrough: the map of a scored indicator had no legend, under a caption about hollow dots it does not draw."""
    legend = "Green: meets the standard; amber: partly; red: below; grey: no value, or not scored."
    scored = [c.value for c in run_app(show="map", indicator="campaign_satisfaction_rate", year="2025").caption]
    assert any(c.startswith(legend) for c in scored) and not any(c.startswith("A hollow dot") for c in scored)
    assert not any(
        c.startswith(legend) for c in [c.value for c in run_app(show="map", indicator="gdp", year="2025").caption]
    )
    assert any(
        c.value.startswith("A hollow dot") for c in run_app(indicator="campaign_satisfaction_rate", year="2025").caption
    )


def test_the_bulletin_is_named_by_its_period_and_the_sidebar_counts_the_fictional_regions(english):
    """#22: the bulletin is a yearly table (年度通报, not 每月通报 until periods finer than a year exist), and the notice
    of generated data says how many fictional regions it invents, not 'a fictional city' for any snapshot."""
    assert [s.value for s in english.subheader if "bulletin" in s.value.lower()] == ["Yearly bulletin (年度通报)"]
    assert [i.value for i in english.sidebar.info] == [
        "Synthetic data: generated figures of 12 fictional regions. No figure here describes a real place."
    ]
    chinese = run_app(year="2019", lang="zh")
    assert "年度通报" in [s.value for s in chinese.subheader]
    assert [i.value for i in chinese.sidebar.info] == ["合成数据：程序为 12 个虚构地区生成的数值，不代表任何真实地区。"]


def test_the_ranking_has_no_change_columns_in_the_first_year_and_numbers_in_later_ones():
    """#22: the first year's ranking showed "None" in its change columns, there being no year before."""
    first = run_app(year="2013").dataframe[0].value
    assert "score_change" not in first.columns and "rank_change" not in first.columns
    later = run_app(year="2019").dataframe[0].value
    assert later["score_change"].dtype == "float64" and later["rank_change"].dtype == "float64"
    assert later["score_change"].notna().any()


def test_an_address_after_choosing_the_default_is_followed_not_taken_for_a_stale_one():
    """Review of #22's key-press mend: 'since' cleared to its default writes nothing to the URL, and the session then
    took every later address (back, forward, a pasted link) for one older than the person's own move."""
    at = run_app(year="2025", since="2015", indicator="gdp")
    since = next(box for box in at.selectbox if box.key == "since")
    since.set_value(0).run()
    assert "since" not in at.query_params
    at.query_params["since"] = "2018"  # the browser's back or forward, or a link pasted into this tab
    at.run()
    assert next(box for box in at.selectbox if box.key == "since").value == 2018
