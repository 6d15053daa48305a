"""Every page headless, in both languages, on both shipped snapshots; and what each page must show."""

import json

import pytest

from reference import excel_round

from apptest import array, charts, run_app, shown, texts

PAGES = ["overview", "district", "compare", "data", "indicators"]


def table_with(at, column: str):
    """The table on the page that has the given column."""
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("snapshot", ["demo-v1", "reported-v1"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_without_error(page, lang, snapshot):
    at = run_app(page, lang=lang, snapshot=snapshot)
    assert not at.error, [e.value for e in at.error]
    assert at.title, "every page has a title"


def test_district_link_selects_the_district_and_its_city():
    at = run_app("district", district="990107", lang="zh")
    assert shown(at.title[0].value) == "星澜市（虚构）禾丰县"
    assert at.selectbox(key="district").value == "990107"
    assert at.selectbox(key="parent").value == "990100"


def test_district_page_shows_every_indicator_with_its_status_and_charts_of_one_aspect(demo_db, shipped_catalog):
    at = run_app("district", district="990104", aspect="A11")
    table = table_with(at, "Aspect")
    latest = demo_db.query("region_latest", region="990104", year=None)
    assert len(table) == len(latest)
    row = table[table["Indicator"] == "Black and odorous water bodies"].iloc[0]
    assert row["Against the standard"] in {"meets the standard", "below the standard"}
    # within a phone's width: the indicator (pinned) and its value first, in this table and the unmet one
    assert list(table.columns[:3]) == ["Indicator", "Value", "Unit"]
    assert list(table_with(at, "Cost (points)").columns[:3]) == ["Indicator", "Cost (points)", "Value"]
    pinned = [json.loads(frame.proto.columns) for frame in at.dataframe]
    assert [config["Indicator"].get("pinned") for config in pinned if "Indicator" in config] == [True] * 3
    titles = [spec["layout"]["title"]["text"] for spec in charts(at)][3:]  # after the aspect bars and the two monthly
    in_aspect = shipped_catalog.indicators[shipped_catalog.indicators["aspect"] == "A11"]
    assert sorted(titles) == sorted(shipped_catalog.label(code, "en") for code in in_aspect.index)


def test_district_page_opens_on_the_weakest_aspect(demo_db):
    at = run_app("district", district="990110")
    scores = demo_db.query("compare_aspects", regions=["990110"], year=2025).sort_values(["score_rate", "aspect"])
    assert at.selectbox(key="aspect").value == scores["aspect"].iloc[0]


def test_switching_district_opens_the_new_districts_weakest_aspect(demo_db):
    """Issue 10: the weakest-aspect default was lost after switching district."""
    at = run_app("district", district="990110")
    at.selectbox(key="district").set_value("990103").run()
    scores = demo_db.query("compare_aspects", regions=["990103"], year=2025).sort_values(["score_rate", "aspect"])
    assert at.selectbox(key="aspect").value == scores["aspect"].iloc[0]


def test_a_link_in_another_language_code_says_which_languages_there_are():
    at = run_app(lang="fr")
    assert any("en (English) and zh" in w.value for w in at.warning)


def test_survey_trend_has_an_interval_band():
    at = run_app("district", district="990102", aspect="A12")
    spec = next(
        s for s in charts(at) if s["layout"]["title"]["text"].startswith("Public satisfaction with the campaign")
    )
    assert spec["data"][0]["fill"] == "toself"


def test_compare_link_selects_what_it_names_in_chinese():
    at = run_app(
        "compare",
        lang="zh",
        districts=["990103", "990110", "990111"],
        indicators=["campaign_satisfaction_rate"],
        years=["2015", "2025"],
    )
    assert at.multiselect(key="districts").value == ["990103", "990110", "990111"]
    spec = charts(at)[0]
    assert spec["layout"]["title"]["text"] == "群众对创建工作的满意率 (%)"
    names = [trace["name"] for trace in spec["data"] if trace.get("mode") == "lines+markers"]
    assert names == ["砚湖区", "旧埠区", "棠溪区"]
    assert min(array(spec["data"][1]["x"])) == 2015


def test_compare_table_gives_differences_and_significance(demo_db):
    at = run_app(
        "compare",
        districts=["990103", "990110"],
        indicators=["campaign_satisfaction_rate", "gdp"],
        years=["2020", "2024"],
    )
    table = at.dataframe[0].value
    frame = demo_db.query(
        "compare_trends", regions=["990103", "990110"], indicators=["gdp"], first=2024, last=2024
    ).set_index("region_code")
    gdp = table[
        (table["Indicator"] == "Gross regional product (100 million yuan)") & (table["Region"] == "Jiubu District")
    ].iloc[0]
    difference = excel_round(frame.at["990110", "value"], 1) - excel_round(frame.at["990103", "value"], 1)
    assert gdp["Difference to Yanhu District"] == f"{difference:,.1f}".replace("-", "−")
    satisfaction = table[
        (table["Indicator"] == "Public satisfaction with the campaign (%)") & (table["Region"] == "Jiubu District")
    ].iloc[0]
    assert satisfaction["Differs beyond chance"] == "yes"
    assert "2024" in texts(at)


def test_compare_asks_for_two_districts_when_one_is_chosen():
    at = run_app("compare", districts=["990103"])
    assert "Choose 2 to 6 regions to compare." in texts(at)


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", "No value of Huli District, Xiangfang District in 2006–2017."),
        ("zh", "湖里区、香坊区在2006–2017年没有数据。"),
    ],
)
def test_compare_names_the_regions_a_chart_has_no_value_of_and_ticks_whole_years(lang, words):
    """A walkthrough of the reported figures: of three regions only Karamay was drawn, the other two missing without a
    word, on an axis that read 2005, 2006, 2006, 2007, 2007."""
    at = run_app(
        "compare", lang=lang, snapshot="reported-v1", districts=["650203", "350206", "230110"], indicators=["gdp"]
    )
    assert words in [shown(c.value) for c in at.caption]
    trend = charts(at)[0]
    assert trend["layout"]["xaxis"]["dtick"] == 1 and trend["layout"]["showlegend"] is True


def test_region_colours_on_compare_never_use_the_status_colours():
    """Issue 10: district colours (red, amber, green) clashed with met/partial/below."""
    from chuangcheng.render.charts import ATTAINMENT_COLORS

    codes = ["990102", "990103", "990104", "990105", "990106", "990110"]
    compare = charts(run_app("compare", districts=codes, indicators=["gdp"]))[0]
    lines = {t["name"]: t["line"]["color"] for t in compare["data"] if t.get("mode") == "lines+markers"}
    assert len(lines) == 6 and len(set(lines.values())) == 6
    assert not set(lines.values()) & set(ATTAINMENT_COLORS.values())


def test_six_survey_trends_draw_intervals_as_error_bars_not_bands():
    """Issue 10: six overlapping interval bands per chart were unreadable."""
    codes = ["990102", "990103", "990104", "990105", "990106", "990110"]
    spec = charts(run_app("compare", districts=codes, indicators=["campaign_satisfaction_rate"]))[0]
    assert not any(t.get("fill") == "toself" for t in spec["data"])
    assert all(t["error_y"]["type"] == "data" for t in spec["data"] if t.get("mode") == "lines+markers")


def test_data_to_compare_keeps_six_districts_and_says_so_not_crashes():
    """Issue 10: the data page's 12 default districts carried over to compare crashed it (limit 6)."""
    at = run_app("data")
    assert len(at.multiselect(key="districts").value) == 12
    at.switch_page("app_pages/compare.py").run()
    assert not at.exception
    assert len(at.multiselect(key="districts").value) == 6
    assert any("At most 6" in w.value for w in at.warning)


def test_ten_districts_in_a_compare_link_keep_six_with_a_notice():
    at = run_app("compare", districts=[f"9901{i:02d}" for i in range(2, 14)][:10])
    assert len(at.multiselect(key="districts").value) == 6 and any("At most 6" in w.value for w in at.warning)
    names = ui_names("990108", "990109", "990110", "990111")
    # every one left out is named, each cut on its own (cut as one list, the last two went unnamed)
    assert any(w.value.endswith("; left out: " + ", ".join(shown_md(n) for n in names) + ".") for w in at.warning), [
        w.value for w in at.warning
    ]


def ui_names(*codes) -> list[str]:
    from chuangcheng.model import catalog
    from chuangcheng import ROOT

    regions = catalog.load(ROOT / "data").regions
    return [f"{regions.at[c, 'name_en']} · {regions.at[regions.at[c, 'parent_code'], 'name_en']}" for c in codes]


def shown_md(name: str) -> str:
    from chuangcheng.render import safe

    return safe.markdown(name)


@pytest.mark.parametrize(
    "years, warning, shown_years",
    [
        (["2020", "2015"], None, (2015, 2020)),  # the same range, in the other order: no notice
        (
            ["2020"],
            "The link gives years = 2020; a range needs two years, the first and the last: showing 2013–2025.",
            (2013, 2025),
        ),
    ],
)
def test_a_range_of_years_in_a_link_in_either_order_or_one_year_says_what_it_needs(years, warning, shown_years):
    """Both said 'years = …, which this snapshot does not have', of years it has."""
    at = run_app("data", years=years)
    assert [w.value for w in at.warning] == ([warning] if warning else [])
    assert at.slider(key="years").value == shown_years


def test_clearing_the_indicator_picker_clears_it():
    """Issue 10: 'Clear all' restored every indicator, so narrowing 46 to 3 took 43 removals."""
    at = run_app("data")
    at.multiselect(key="indicators").set_value([]).run()
    assert at.multiselect(key="indicators").value == []
    at.multiselect(key="indicators").select("gdp").run()
    assert at.multiselect(key="indicators").value == ["gdp"]


@pytest.mark.parametrize("lang, words", [("en", "Choose one or more indicators"), ("zh", "请在侧栏选择一个或多个指标")])
def test_clearing_the_indicators_on_compare_draws_no_trends_until_some_are_chosen(lang, words):
    """The box read "Choose options" while the three default indicators were still charted."""
    at = run_app("compare", lang=lang)
    assert len(charts(at)) == 4  # three trends and the aspect profile
    at.multiselect(key="indicators").set_value([]).run()
    assert not at.exception and any(words in info.value for info in at.info)
    assert [spec["data"][0]["type"] for spec in charts(at)] == ["heatmap"] and len(at.dataframe) == 0
    at.multiselect(key="indicators").select("gdp").run()
    assert len(charts(at)) == 2


def test_choosing_every_indicator_leaves_the_link_short():
    """Issue 10: the data link was 1,933 characters, all 46 indicator codes written out."""
    at = run_app("data")
    assert "indicators" not in at.query_params


def test_data_page_previews_exactly_the_filtered_rows(demo_db, shipped_catalog):
    params = {
        "regions": ["990102", "990103"],
        "indicators": ["gdp", "campaign_satisfaction_rate"],
        "first": 2019,
        "last": 2021,
    }
    at = run_app(
        "data", lang="zh", districts=params["regions"], indicators=params["indicators"], years=["2019", "2021"]
    )
    preview = at.dataframe[0].value
    rows = demo_db.query("data_rows", **params)
    assert len(preview) == len(rows) == 12
    assert preview["指标"].tolist() == rows["indicator"].map(shipped_catalog.indicators["name_zh"]).tolist()
    assert preview["地区"].tolist() == rows["region_code"].map(shipped_catalog.regions["name_zh"]).tolist()
    assert preview["数值"].tolist()[0] == f"{rows['value'].iloc[0]:,.1f}"
    assert list(preview.columns[:5]) == ["指标", "数值", "单位", "地区", "年份"]  # the value within a phone's width
    assert (
        json.loads(at.dataframe[0].proto.columns)["指标"]["pinned"] is True
    )  # and the indicator stays while region and year scroll
    assert "共12行符合条件。" in texts(at)
    labels = [b.label for b in at.get("download_button")]
    assert labels == [
        "下载 CSV",
        "下载 XLSX",
        "下载宽表 CSV",
        "下载宽表 XLSX",
        "下载完整快照（CSV，全精度）",
    ]  # the wide layout in XLSX too


def test_data_page_with_nothing_matching_says_so():
    at = run_app("data", districts=["990102"], indicators=["birth_policy_compliance_rate"], years=["2023", "2025"])
    assert "No data for this choice." in texts(at)


def test_indicators_page_lists_every_indicator_with_its_standard():
    at = run_app("indicators", lang="zh")
    shown = texts(at)
    assert "≥ 10.0（基本达标 ≥ 8.0）" in shown and "高于全市平均1%以上（±1%以内为基本达标）" in shown
    assert len([m for m in at.markdown if "标准:" in m.value]) == 46


def test_sparse_reported_district_page_shows_bounds():
    at = run_app("district", snapshot="reported-v1", district="650203")
    table = table_with(at, "Aspect")
    assert table[table["Indicator"] == "Birth-policy compliance rate"]["Value"].tolist() == ["at least 99.0"]


def test_sparse_reported_district_page_shows_the_sources_notes_in_table_and_hover():
    """Issue 10: "cumulative over the campaign cycle" left the page with the figure it qualifies."""
    at = run_app("district", snapshot="reported-v1", district="650203")
    table = table_with(at, "Note")
    assert table[table["Indicator"] == "Community health service centres"]["Note"].tolist() == [
        "year approximate (report written c. 2007)"
    ]
    hovers = [str(text) for chart in charts(at) for trace in chart["data"] for text in trace.get("customdata") or []]
    assert any("the document says 绿地率 (green-space ratio)" in text for text in hovers)  # the aspect it opens on


def test_district_scorecard_shows_score_rank_and_unmet_standards(demo_db):
    at = run_app("district", district="990110", year="2024")
    scores = demo_db.query("region_scores", region="990110").set_index("year").loc[2024]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Score rate"] == f"{scores['score_rate']:.1f}"
    assert metrics["Rank"] == f"{int(scores['rank'])} of 12"
    scorecard = demo_db.query("region_scorecard", region="990110", year=2024)
    unmet = scorecard[scorecard["credit"] < 1]
    table = table_with(at, "Cost (points)")
    assert (
        len(table) == len(unmet)
        and table["Cost (points)"].is_monotonic_decreasing
        and (table["Cost (points)"] > 0).all()
    )
    assert "Coverage" in texts(at)
    assert [b.label for b in at.get("download_button")] == ["Printable report (HTML)"]


@pytest.mark.parametrize(
    "lang, expected",
    [
        ("en", "Met on the point estimate, though the survey interval straddles the standard (not beyond doubt): "),
        ("zh", "按点估计已达标，但调查置信区间跨越达标线（尚不确定）："),
    ],
)
def test_a_standard_met_but_not_beyond_doubt_is_no_shortfall_yet_is_named(demo_db, lang, expected):
    """The walkthrough: 'Standards not met' listed survey rates 'uncertain — likely met' with gap 0.0 and cost 0."""
    at = run_app("district", district="990110", year="2023", lang=lang)
    scorecard = demo_db.query("region_scorecard", region="990110", year=2023)
    likely = scorecard[scorecard["uncertain"] & (scorecard["credit"] == 1)]
    assert len(likely) == 5
    table = table_with(at, "Cost (points)" if lang == "en" else "失分")
    assert len(table) == (scorecard["credit"] < 1).sum()
    names = demo_db.catalog.indicators.loc[likely.sort_values(["aspect", "indicator"])["indicator"], f"name_{lang}"]
    note = next(c.value for c in at.caption if c.value.startswith(expected))
    assert all(name in note for name in names)


@pytest.mark.parametrize(
    "lang, words",
    [
        (
            "en",
            "No value in 2025 for Fair and just rule of law (scored in 2024): the score rate is the mean over the aspects scored",
        ),
        ("zh", "公平正义的法治环境在2025年无数据（2024年有得分）：得分率为有得分测评项目的平均值"),
    ],
)
def test_an_aspect_that_lost_its_only_value_is_named_beside_the_score(lang, words):
    """The walkthrough: Keyuan's score rate moved when an aspect lost its only value, without a word."""
    assert any(words in shown(c.value) for c in run_app("district", district="990109", year="2025", lang=lang).caption)
    assert not any(
        words[:20] in shown(c.value) for c in run_app("district", district="990109", year="2024", lang=lang).caption
    )


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", "· 31 in 2024: part of the change in score rate comes from which indicators have a value"),
        ("zh", "· 2024年为 31 项：得分率的变化部分来自有数据的指标不同"),
    ],
)
def test_a_change_of_coverage_is_named_beside_the_change_of_score(lang, words):
    """The walkthrough: a region's score rose 12.5 points because a figure it fell short on went missing."""
    assert any(words in shown(c.value) for c in run_app("district", district="990109", year="2025", lang=lang).caption)
    assert not any(
        words[:8] in shown(c.value) for c in run_app("district", district="990109", year="2024", lang=lang).caption
    )


def test_overview_offers_the_bulletin_and_the_aspect_heat_map():
    at = run_app(year="2021")
    assert [b.label for b in at.get("download_button")] == [
        "Download the period's figures (CSV)",  # the monthly section's month, every region (#24)
        "Download the period's figures (XLSX)",
        "Bulletin (CSV)",
        "Bulletin (XLSX)",
        "By indicator (CSV)",
        "By indicator (XLSX)",
    ]
    heat = charts(at)[1]
    assert heat["data"][0]["type"] == "heatmap" and len(heat["data"][0]["x"]) == 10


def test_a_repeated_link_key_where_one_value_is_expected_says_which_is_used():
    """Issue 15: ?district=a&district=b used one of them silently."""
    at = run_app("district", district=["990103", "990110"])
    assert at.selectbox(key="district").value == "990103"
    assert any("gives district 2 times" in shown(w.value) for w in at.warning)


def test_compare_table_gives_each_regions_change_since_the_first_year_of_the_range(demo_db):
    """Issue 12: change between two years on the compare page too."""
    at = run_app("compare", districts=["990102", "990103"], indicators=["gdp"], years=["2015", "2022"])
    table = table_with(at, "Change 2015–2022")
    rows = demo_db.query("data_rows", regions=["990102", "990103"], indicators=["gdp"], first=2015, last=2022)
    values = rows.set_index(["region_code", "year"])["value"]
    expected = [
        f"{excel_round(values[(c, 2022)], 1) - excel_round(values[(c, 2015)], 1):+,.1f}" for c in ("990102", "990103")
    ]
    assert table["Change 2015–2022"].tolist() == expected


@pytest.mark.parametrize("lang, words", [("en", "Choose options"), ("zh", "请选择")])
def test_an_empty_picker_asks_in_the_pages_language(lang, words):
    at = run_app("compare", lang=lang)
    at.multiselect(key="indicators").set_value([]).run()
    assert at.multiselect(key="indicators").proto.placeholder == words


@pytest.mark.parametrize(
    "lang, words",
    [("en", "Up to 6 at once: remove one to add another."), ("zh", "最多同时选择 6 个：移除一个后可再添加。")],
)
def test_a_picker_with_a_limit_offers_no_select_all_and_says_its_limit(lang, words):
    """The walkthrough: compare's "Select all" silently took the first six of twelve regions."""
    at = run_app("compare", lang=lang)
    regions, indicators = at.multiselect(key="districts").proto, at.multiselect(key="indicators").proto
    assert regions.max_selections == 6 and regions.select_all == 0 and regions.help == words
    assert indicators.max_selections == 0 and indicators.select_all > 0 and not indicators.help


def test_an_empty_value_in_a_link_is_no_choice_not_an_unknown_one():
    """A link cut after "indicators=" warned that the snapshot has no indicator "" and named nothing."""
    at = run_app("compare", districts=["990102", "990103"], indicators="")
    assert not at.warning and len(at.multiselect(key="indicators").value) == 3


@pytest.mark.parametrize(
    "lang, words",
    [
        (
            "en",
            "Every scored indicator with a value in 2006 meets its standard (1 of 31); 30 without a value cannot be judged.",
        ),
        ("zh", "2006年有数据的计分指标均已达标（31 项中的 1 项）；另有 30 项没有数据，无法评判。"),
    ],
)
def test_a_year_with_one_judged_standard_is_no_green_all_met(lang, words):
    """A walkthrough: Karamay 2006, one of 31 standards with a value, read as a green 'every standard is met'."""
    at = run_app("district", lang=lang, snapshot="reported-v1", district="650203", year="2006")
    assert [i.value for i in at.info if i.value == words] == [words] and not any(
        words[:10] in s.value for s in at.success
    )
    bars = charts(at)[0]  # the aspect bars of an unranked region: grey, each saying how little it stands on
    assert set(bars["data"][0]["marker"]["color"]) == {"#7f8c9a"}
    assert bars["layout"]["title"]["text"] == (
        "Score rate by aspect: too few indicators to score"
        if lang == "en"
        else "各测评项目得分率：指标过少，不足以计分"
    )
    assert all("(" in text or "（" in text for text in bars["data"][0]["text"])


def test_a_ranked_regions_aspect_bars_keep_their_colours_and_plain_numbers():
    bars = charts(run_app("district", district="990104", year="2025"))[0]
    assert "#7f8c9a" not in bars["data"][0]["marker"]["color"] and all(
        text.isdigit() for text in bars["data"][0]["text"]
    )


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", "The link asks for level = city, which this snapshot does not have; showing District instead."),
        ("zh", "链接中的 level = city 在当前数据快照中不存在，已改为显示 区县。"),
    ],
)
def test_a_level_the_snapshot_has_not_is_named_even_where_there_is_no_level_picker(lang, words):
    at = run_app(lang=lang, level="city")
    assert words in [w.value for w in at.warning]
    assert "level" not in at.query_params


def test_a_district_page_links_to_compare_with_the_peers_ranked_beside_it(demo_db):
    """A district leader's 'against whom?': Region -> Compare opened on two other districts."""
    from chuangcheng.model.params import Params
    from chuangcheng.views import overview, region

    order = list(overview.overview(demo_db, Params(year=2025)).ranking["region_code"])  # rank order, ties by coverage
    for at, code in enumerate(order):
        peers = region.region(demo_db, Params(region=code, year=2025)).peers
        steps = sorted(abs(order.index(p) - at) for p in peers)
        assert len(peers) == 2 and code not in peers and steps == ([1, 1] if 0 < at < len(order) - 1 else [1, 2]), (
            code,
            peers,
        )
    at = run_app("district", district="990110", year="2025", lang="zh")
    link = at.get("page_link")[0].proto
    assert (
        link.label == "与排名相邻的地区对比"
        and "districts=990110" in link.query_string
        and link.query_string.count("districts=") == 3
    )


def test_switching_the_snapshot_on_compare_keeps_two_regions_of_the_new_one_and_says_so():
    """A walkthrough: switching compare to the reported figures emptied the regions box ('Choose 2 to 6 regions')."""
    at = run_app("compare", districts=["990103", "990110"])
    at.selectbox(key="snapshot").set_value("reported-v1").run()
    assert not at.exception
    chosen = at.multiselect(key="districts").value
    assert len(chosen) == 2 and set(chosen) <= {"650203", "350206", "230110"}
    assert any(w.value.startswith("None of those chosen is in this snapshot; showing ") for w in at.warning)


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", "Regions: 2 · indicators: all {n} · years 2015–2020."),
        ("zh", "地区：2 · 指标：全部 {n} 个 · 年份 2015–2020。"),
    ],
)
def test_the_data_page_says_its_filters_beside_its_rows(lang, words, shipped_catalog):
    """On a phone the pickers are in the folded sidebar: the rows' caption says what they are filtered by."""
    at = run_app("data", lang=lang, districts=["990102", "990103"], years=["2015", "2020"])
    assert any(c.value.endswith(words.format(n=len(shipped_catalog.indicators))) for c in at.caption), [
        c.value for c in at.caption
    ]


def test_a_fall_of_the_score_points_down_in_red():
    """The score's change is written with a true minus (−18.5), from the view; Streamlit read its arrow and colour
    off a leading ASCII '-', so a fall of 18.5 showed a green up arrow."""
    from streamlit.proto.Metric_pb2 import Metric

    at = run_app("district", district="990110", year="2025")
    score = at.metric[0]
    assert score.delta.startswith("−")
    assert (score.proto.direction, score.proto.color) == (Metric.MetricDirection.DOWN, Metric.MetricColor.RED)


def test_an_earlier_year_shows_every_indicator_as_of_that_year(demo_db):
    """#22: a 2022 scorecard sat above 'Every indicator, latest value' listing 2025 values with their verdicts."""
    at = run_app("district", district="990111", year="2022")
    assert "Every indicator as of 2022 (its latest value in 2022 or before)" in [s.value for s in at.subheader]
    table = table_with(at, "Aspect")
    assert set(table["Year"]) <= {str(y) for y in range(2013, 2023)} and "2022" in set(table["Year"])
    latest = run_app("district", district="990111")
    assert "Every indicator, latest value" in [s.value for s in latest.subheader]


def test_a_districts_monthly_figures_show_the_month_asked_with_its_changes_as_releases_write_them():
    """#24: ?period=2025-06 on the district page: the month's own figure with 环比 and 同比 in percentage points,
    and the cumulative one labelled 1—6月 with no 环比; each number from the raw figures, rounded as Excel rounds."""
    import pandas as pd

    from chuangcheng import settings
    from chuangcheng.store import snapshots

    raw = pd.read_parquet(snapshots.find(settings.data_dir(), "demo-v1").path / "observations.parquet")
    figure = raw[raw["region_code"] == "990102"].set_index(["indicator", "period"])["value"]
    at = run_app("district", district="990102", period="2025-06", lang="zh")
    assert at.select_slider(key="period").value == "2025-06"
    table = table_with(at, "环比").set_index("指标")
    air = table.loc["空气质量优良天数比例"]
    june, may, june_before = (figure[("air_good_days_ratio", p)] for p in ("2025-06", "2025-05", "2024-06"))
    assert air["时期"] == "2025年6月" and air["数值"] == f"{excel_round(june, 1):.1f}"
    for column, other in (("环比", may), ("同比", june_before)):
        change = excel_round(june - other, 1)
        assert air[column] == ("+" if change > 0 else "−" if change < 0 else "") + f"{abs(change):.1f}个百分点"
    fiscal = table.loc["区级财政收入增长率"]
    assert fiscal["时期"] == "2025年1—6月" and fiscal["环比"] == ""
    assert "1—N月" in texts(at)


def test_the_data_page_tells_a_months_figure_from_its_years_by_the_period_beside_the_value():
    """#24: a year's figure, then its months as releases write them (a cumulative one from January)."""
    at = run_app("data", districts="990102", indicators="fiscal_revenue_growth", years=["2025", "2025"], lang="zh")
    table = table_with(at, "时期")
    assert list(table.columns[:3]) == ["指标", "数值", "时期"]
    assert table["时期"].tolist() == ["2025年"] + [f"2025年1—{m}月" for m in range(2, 13)]


def test_a_link_with_a_yearly_period_opens_that_year():
    """?period=2025 is the year 2025 on a page as in the API, not a month the page lacks."""
    at = run_app(period="2019")
    assert at.select_slider(key="year").value == 2019
    assert not at.warning


def test_the_overviews_monthly_table_keeps_each_regions_value_beside_it():
    """On a phone the region (pinned) and its value are in sight; a month's figures of every region of the scope."""
    at = run_app(period="2025-02")
    table = table_with(at, "On the month before")
    assert list(table.columns[:4]) == ["Region", "Value", "Unit", "Indicator"]
    assert len(table) == 12 * 2  # both monthly indicators of the twelve districts


def test_the_ledger_page_ranks_a_districts_streets_and_lists_its_problems_overdue_first(demo_db):
    """#25: the ledger page lays out views/ledger.py: a month's rectification of a district's streets (the view's
    numbers), and its problems; the overdue toggle keeps the overdue alone."""
    from chuangcheng.model.params import Params
    from chuangcheng.views import ledger

    at = run_app("ledger", district="990103", period="2025-06", lang="zh")
    assert not at.exception
    ranked, units, listed = (f.value for f in at.dataframe)
    view = ledger.rectification(demo_db, Params(lang="zh", level="street", parent="990103", period="2025-06")).rows
    assert ranked["地区"].tolist() == view["region"].tolist()
    assert ranked["问题整改率（%）"].tolist() == view["rectification_rate_text"].tolist()
    assert ranked["交办"].tolist() == view["assigned"].tolist()
    answered = ledger.problems(demo_db, Params(lang="zh", level="street", parent="990103"))
    problems = answered.rows
    assert units["未整改"].tolist() == answered.units["open"].tolist()
    assert len(listed) == len(problems) and set(listed["整改情况"]) <= {
        "已销号",
        "已交办",
        "已整改",
        "已退回",
        "再次发现",
    }
    at.toggle(key="overdue_only").set_value(True).run()
    overdue = at.dataframe[-1].value
    assert len(overdue) == int(problems["overdue"].sum())
    unit = problems.loc[problems["overdue"], "responsible"].iloc[0]
    at.multiselect(key="ledger_filter_responsible").set_value([unit]).run()
    narrowed = at.dataframe[-1].value
    assert len(narrowed) == int((problems["overdue"] & (problems["responsible"] == unit)).sum()) > 0
    assert set(narrowed["责任单位"]) == {unit} and narrowed["整改过程"].str.contains("已交办").all()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_inspections_page_ranks_a_districts_streets_and_charts_what_fails(demo_db, lang):
    """#25: the inspections page lays out views/inspections.py for the week in the URL: the ranking by 得分率 with
    the places moved, the rectification ranking, the failing standards' heat map, the points lost by category and
    each street's trend (by week, as the week asked)."""
    from chuangcheng.model.params import Params
    from chuangcheng.views import inspections

    at = run_app("inspections", district="990102", lang=lang)
    at.segmented_control(key="grain").set_value("week").run()
    at.select_slider(key="period").set_value("2025-W20").run()
    asked = Params(lang=lang, level="street", parent="990102", period="2025-W20")
    view = inspections.inspection_rates(demo_db, asked).rows
    ranked = at.dataframe[0].value
    region, rate = ("地区", "得分率（%）") if lang == "zh" else ("Region", "Score rate (%)")
    assert ranked[region].tolist() == view["region"].tolist()
    assert ranked[rate].tolist() == view["score_rate_text"].tolist()
    assert at.get("segmented_control")[0].value == "week"
    specs = charts(at)
    assert len(specs) == 4
    heat, lost, located, trend = specs
    sites = inspections.sites(demo_db, asked).rows
    assert len(sites) > 0 and array(located["data"][-1]["x"]) == sites["longitude"].tolist()
    standards = inspections.standards(demo_db, asked)
    assert sorted(array(lost["data"][0]["x"])) == sorted(standards.categories["share"].tolist())
    assert all("W" not in x and ("周" in x or "week" in x) for x in trend["data"][0]["x"])


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_weekly_page_is_the_bulletin_of_the_view(demo_db, lang):
    from chuangcheng.model.params import Params
    from chuangcheng.views import weekly

    at = run_app("weekly", district="990104", lang=lang)
    at.segmented_control(key="grain").set_value("week").run()
    at.select_slider(key="period").set_value("2025-W33").run()
    view = weekly.weekly(demo_db, Params(lang=lang, level="street", parent="990104", period="2025-W33"))
    assert [h.value for h in at.title] == [weekly.t("page_weekly", lang)] and [shown(h.value) for h in at.header] == [
        view.title
    ]
    assert [m.value for m in at.metric] == [v or "—" for v in view.facts["value_text"]]
    assert [s.value for s in at.subheader] == [h for _, h, _ in view.sections()]
    tables = [f.value for f in at.dataframe]
    assert [len(f) for f in tables] == [len(t) for _, _, t in view.sections() if len(t)]
    labels = [b.label for b in at.get("download_button")]
    assert labels == [
        weekly.t("weekly_download_xlsx", lang),
        weekly.t("weekly_download_html", lang),
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_district_page_shows_its_composite_index_with_its_parts(demo_db, lang):
    """#25: the city's composite index of the district (the formula of catalog/composite.toml), its place among its
    peers and each part's value, weight and what it adds."""
    from chuangcheng.model.params import Params
    from chuangcheng.views import composite

    at = run_app("district", district="990103", year="2025", lang=lang)
    found = composite.region_composite(demo_db, Params(lang=lang, region="990103", year=2025))
    mine = found.rows.set_index("region_code").loc["990103"]
    metric = next(m for m in at.metric if m.label == found.name)
    assert metric.value == mine["index_text"]
    parts = next(f.value for f in at.dataframe if len(f.value) == 2 and len(f.value.columns) == 4)
    assert parts.iloc[:, 0].tolist() == found.parts["name"].tolist()
    assert any(found.formula in c.value for c in at.caption)
