"""Every page headless, in both languages, on both shipped snapshots; and what each page must show."""

import pytest

from apptest import array, charts, run_app, texts

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
    assert at.title[0].value == "星澜市（虚构）禾丰县"
    assert at.selectbox(key="district").value == "990107"
    assert at.selectbox(key="city").value == "990100"


def test_district_page_shows_every_indicator_with_its_status_and_charts_of_one_aspect(demo_db, shipped_catalog):
    at = run_app("district", district="990104", aspect="A11")
    table = table_with(at, "Aspect")
    latest = demo_db.query("district_latest", district="990104")
    assert len(table) == len(latest)
    row = table[table["Indicator"] == "Black and odorous water bodies"].iloc[0]
    assert row["Against the standard"] in {"meets the standard", "below the standard"}
    titles = [spec["layout"]["title"]["text"] for spec in charts(at) if spec["layout"]["title"]["text"]]
    in_aspect = shipped_catalog.indicators[shipped_catalog.indicators["aspect"] == "A11"]
    assert sorted(titles) == sorted(shipped_catalog.label(code, "en") for code in in_aspect.index)


def test_district_page_opens_on_the_weakest_aspect(demo_db):
    at = run_app("district", district="990110")
    scores = demo_db.query("compare_aspects", districts=["990110"], year=2025).sort_values(["score_rate", "aspect"])
    assert at.selectbox(key="aspect").value == scores["aspect"].iloc[0]


def test_survey_trend_has_an_interval_band():
    at = run_app("district", district="990102", aspect="A12")
    spec = next(s for s in charts(at) if s["layout"]["title"]["text"].startswith("Public satisfaction with the campaign"))
    assert spec["data"][0]["fill"] == "toself"


def test_compare_link_selects_what_it_names_in_chinese():
    at = run_app("compare", lang="zh", districts=["990103", "990110", "990111"], indicators=["campaign_satisfaction_rate"], years=["2015", "2025"])
    assert at.multiselect(key="districts").value == ["990103", "990110", "990111"]
    spec = charts(at)[0]
    assert spec["layout"]["title"]["text"] == "群众对创建工作的满意率 (%)"
    names = [trace["name"] for trace in spec["data"] if trace.get("mode") == "lines+markers"]
    assert names == ["砚湖区", "旧埠区", "棠溪区"]
    assert min(array(spec["data"][1]["x"])) == 2015


def test_compare_table_gives_differences_and_significance(demo_db):
    at = run_app("compare", districts=["990103", "990110"], indicators=["campaign_satisfaction_rate", "gdp"], years=["2020", "2024"])
    table = at.dataframe[0].value
    frame = demo_db.query("compare_trends", districts=["990103", "990110"], indicators=["gdp"], first=2024, last=2024).set_index("region_code")
    gdp = table[(table["Indicator"] == "Gross regional product (100 million yuan)") & (table["District"] == "Jiubu District")].iloc[0]
    assert gdp["Difference to Yanhu District"] == f"{frame.at['990110', 'value'] - frame.at['990103', 'value']:,.1f}"
    satisfaction = table[(table["Indicator"] == "Public satisfaction with the campaign (%)") & (table["District"] == "Jiubu District")].iloc[0]
    assert satisfaction["Differs beyond chance"] == "yes"
    assert "2024" in texts(at)


def test_compare_asks_for_two_districts_when_one_is_chosen():
    at = run_app("compare", districts=["990103"])
    assert "Choose 2 to 6 districts to compare." in texts(at)


def test_a_district_colour_is_the_same_on_overview_and_compare():
    overview = charts(run_app(year="2025"))[0]
    ranked = dict(zip(overview["data"][0]["y"], overview["data"][0]["marker"]["color"]))
    yanhu = next(color for label, color in ranked.items() if label.endswith("Yanhu District"))
    compare = charts(run_app("compare", districts=["990110", "990103"], indicators=["gdp"]))[0]
    line = next(t for t in compare["data"] if t["name"] == "Yanhu District")
    assert line["line"]["color"] == yanhu


def test_data_page_previews_exactly_the_filtered_rows(demo_db, shipped_catalog):
    params = {"districts": ["990102", "990103"], "indicators": ["gdp", "campaign_satisfaction_rate"], "first": 2019, "last": 2021}
    at = run_app("data", lang="zh", districts=params["districts"], indicators=params["indicators"], years=["2019", "2021"])
    preview = at.dataframe[0].value
    rows = demo_db.query("data_rows", **params)
    assert len(preview) == len(rows) == 12
    assert preview["指标"].tolist() == rows["indicator"].map(shipped_catalog.indicators["name_zh"]).tolist()
    assert preview["区县"].tolist() == rows["region_code"].map(shipped_catalog.regions["name_zh"]).tolist()
    assert preview["数值"].tolist()[0] == f"{rows['value'].iloc[0]:,.1f}"
    assert "共12行符合条件。" in texts(at)
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["下载 CSV", "下载宽表 CSV", "下载 XLSX", "下载完整快照 (CSV)"]


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


def test_district_scorecard_shows_score_rank_and_unmet_standards(demo_db):
    at = run_app("district", district="990110", year="2024")
    scores = demo_db.query("district_scores", district="990110").set_index("year").loc[2024]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Score rate"] == f"{scores['score_rate']:.1f}"
    assert metrics["Rank"] == f"{int(scores['rank'])} of 12"
    unmet = demo_db.query("district_unmet", district="990110", year=2024)
    table = table_with(at, "Cost (points)")
    assert len(table) == len(unmet) and table["Cost (points)"].is_monotonic_decreasing
    assert [b.label for b in at.get("download_button")] == ["Printable report (HTML)"]


def test_overview_offers_the_bulletin_and_the_aspect_heat_map():
    at = run_app(year="2021")
    assert [b.label for b in at.get("download_button")] == ["By aspect (CSV)", "By aspect (XLSX)", "By indicator (CSV)", "By indicator (XLSX)"]
    heat = charts(at)[1]
    assert heat["data"][0]["type"] == "heatmap" and len(heat["data"][0]["x"]) == 10
