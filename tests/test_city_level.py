"""Issue 9: a snapshot of cities (no districts, no provinces) opens on every page, exports and scores honestly."""

import io

import pandas as pd
import pytest

import cities
from apptest import charts, run_app, shown
from chuangcheng.cli import main

PAGES = ["overview", "district", "compare", "data", "indicators", "snapshots"]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_on_a_city_level_snapshot(city_app, page, lang):
    at = run_app(page, lang=lang)
    assert not at.error, [e.value for e in at.error]
    assert at.title


def test_overview_ranks_nothing_it_cannot_and_says_why(city_app):
    at = run_app(lang="en")
    assert shown(at.title[0].value) == "All cities in 2017"
    ranking = next(frame.value for frame in at.dataframe if "coverage" in frame.value.columns)
    assert len(ranking) == 8
    assert set(ranking["rank_shown"]) == {"—"}
    assert ranking["note"].str.startswith("coverage").all()


def test_with_a_lower_coverage_setting_the_cities_are_ranked_among_all_cities(city_app, city_data, monkeypatch):
    monkeypatch.setenv("CHUANGCHENG_MIN_COVERAGE", "5")
    from chuangcheng.model import catalog
    from chuangcheng.store import snapshots
    from chuangcheng.store.db import Database

    database = Database(snapshots.find(city_data, "cities-v1"), catalog.load(city_data))
    ranking = database.query("scope_ranking", level="city", parent="", year=2017)
    ahead = [
        (
            (ranking["score_rate"] > r.score_rate)
            | ((ranking["score_rate"] == r.score_rate) & (ranking["coverage"] > r.coverage))
        ).sum()
        for r in ranking.itertuples()
    ]
    assert ranking["ranked"].all() and ranking["rank"].tolist() == [1 + int(n) for n in ahead]
    database.close()


def test_city_average_is_judged_against_all_cities_without_a_parent(city_db):
    rows = city_db.query("scope_attainment", level="city", parent="", year=2015)
    growth = rows[rows["indicator"] == "gdp_growth"]
    values = cities.observations().query("year == 2015 and indicator == 'gdp_growth'").set_index("region_code")["value"]
    mean = values.mean()
    expected = {
        code: "full" if v > mean * 1.01 else "partial" if v >= mean * 0.99 else "low" for code, v in values.items()
    }
    assert growth.set_index("region_code")["attainment"].to_dict() == expected


def test_district_page_opens_a_city_by_its_code(city_app):
    at = run_app("district", district="610100", lang="zh")
    assert shown(at.title[0].value) == "西安市"
    assert at.selectbox(key="district").value == "610100"


def test_compare_and_data_offer_the_cities(city_app):
    at = run_app("compare", districts=["610100", "500000"], indicators=["gdp"])
    names = [t["name"] for t in charts(at)[0]["data"] if t.get("mode") == "lines+markers"]
    assert names == ["Xi'an", "Chongqing"]
    at = run_app("data", districts=["370200"], indicators=["gdp"], years=["2010", "2011"])
    assert at.dataframe[0].value["Region"].tolist() == ["Qingdao", "Qingdao"]


def test_export_and_scorecard_give_the_cities_rows(city_data, capsysbinary):
    assert (
        main(
            [
                "export",
                "--data",
                str(city_data),
                "--snapshot",
                "cities-v1",
                "--districts",
                "610100",
                "--indicators",
                "gdp",
            ]
        )
        == 0
    )
    frame = pd.read_csv(io.BytesIO(capsysbinary.readouterr().out), encoding="utf-8-sig", dtype={"region_code": str})
    expected = cities.observations().query("region_code == '610100' and indicator == 'gdp'")
    assert frame["value"].round(1).tolist() == expected["value"].round(1).tolist()
    assert set(frame["region_name"]) == {"Xi'an"}
    assert (
        main(["scorecard", "--data", str(city_data), "--snapshot", "cities-v1", "--year", "2017", "--level", "aspect"])
        == 0
    )
    bulletin = pd.read_csv(io.BytesIO(capsysbinary.readouterr().out), encoding="utf-8-sig", dtype={"region_code": str})
    overall = bulletin[bulletin["aspect"] == "overall"]
    assert set(overall["region_code"]) <= {code for code, *_ in cities.CITIES} and overall["rank"].isna().all()
    assert (overall["coverage"] < 50).all()


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", "The change is over the regions with a figure in both years (7)"),
        ("zh", "变化仅按两年均有数据的7个地区计算"),
    ],
)
def test_a_headline_change_is_like_for_like_when_a_city_starts_reporting(city_app, lang, words):
    """Lanzhou reports from 2012: the 2012 GDP total 'rose' by all of Lanzhou's GDP; the change now leaves it out."""
    frame = cities.observations()
    gdp = (
        frame[frame["indicator"] == "gdp"]
        .pivot(index="region_code", columns="year", values="value")[[2011, 2012]]
        .dropna()
    )
    metric = next(
        m
        for m in run_app(lang=lang, year="2012").metric
        if m.label.startswith(("Gross regional product", "地区生产总值"))
    )
    assert metric.delta == f"{gdp[2012].sum() - gdp[2011].sum():+,.1f}" and words in metric.help
