"""Every query in queries/ checked against an independent pandas computation on the shipped snapshots."""

import numpy as np
import pandas as pd
import pytest

import reference
from chuangcheng import QUERIES, settings
from chuangcheng.datasets import demo
from chuangcheng.store import publishing, snapshots

CITY = demo.CITY
SCOPE = {"level": "district", "parent": CITY}


@pytest.fixture(scope="module")
def values(shipped_catalog):
    return reference.indicator_values(snapshots.find(settings.data_dir(), "demo-v1").path, shipped_catalog)


@pytest.fixture(scope="module")
def judged(values, shipped_catalog):
    return reference.attainment(values, shipped_catalog)


def city_values(values, catalog, city=CITY):
    return values[values["region_code"].map(catalog.regions["parent_code"]) == city]


def assert_frames(actual: pd.DataFrame, expected: pd.DataFrame, keys: list[str]):
    actual = actual.sort_values(keys).reset_index(drop=True)
    expected = expected.sort_values(keys).reset_index(drop=True)
    assert actual[keys].astype(str).values.tolist() == expected[keys].astype(str).values.tolist()
    for column in expected.columns.difference(keys):
        np.testing.assert_allclose(
            actual[column].astype(float), expected[column].astype(float), rtol=1e-9, atol=1e-9, err_msg=column
        )


def test_every_query_file_is_tested_here():
    source = open(__file__, encoding="utf-8").read()
    for path in QUERIES.glob("*.sql"):
        assert f'"{path.stem}"' in source, f"{path.name} has no test in {__file__}"


def test_every_query_opens_with_a_header_saying_its_question_and_columns():
    for path in QUERIES.rglob("*.sql"):
        header = path.read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith(f"-- {path.stem}:"), path


def test_survey_rates_match_wilson_on_kish_n_eff(demo_db, values):
    expected = values[values["n"].notna()][
        ["region_code", "year", "indicator", "value", "lower", "upper", "n", "n_eff"]
    ]
    cursor = demo_db._con.cursor()
    actual = cursor.execute("select region_code, year, indicator, value, lower, upper, n, n_eff from survey_rates").df()
    assert len(actual) == 12 * 13 * 9
    assert_frames(actual, expected, ["region_code", "year", "indicator"])


def test_scope_years(demo_db, reported_db, values):
    actual = demo_db.query("scope_years", **SCOPE)
    assert actual["year"].tolist() == sorted(values["year"].unique(), reverse=True)
    assert reported_db.query("scope_years", level="district", parent="")["year"].tolist() == [2017, 2007, 2006]
    assert reported_db.query("scope_years", level="city", parent="")["year"].tolist() == []


def test_regions_indicators(demo_db, values):
    chosen = ["990102", "990105"]
    mine = values[values["region_code"].isin(chosen)]
    expected = (
        mine.groupby("indicator").agg(regions=("region_code", "nunique"), figures=("value", "size")).reset_index()
    )
    actual = demo_db.query("regions_indicators", regions=chosen)
    assert actual.astype({"regions": int, "figures": int}).to_dict("records") == expected.astype(
        {"regions": int, "figures": int}
    ).to_dict("records")
    assert demo_db.query("regions_indicators", regions=["nowhere"]).empty


def test_regions_present(demo_db, reported_db, values):
    frame = demo_db.query("regions_present")
    assert frame["region_code"].tolist() == sorted(values["region_code"].unique())
    assert set(frame["parent_code"]) == {CITY} and set(frame["level"]) == {"district"}
    assert reported_db.query("regions_present")[
        ["region_code", "parent_code", "level", "first_year", "last_year", "figures"]
    ].values.tolist() == [
        ["230110", "230100", "district", 2017, 2017, 5],
        ["350206", "350200", "district", 2006, 2007, 2],
        ["650203", "650200", "district", 2006, 2007, 9],
    ]


def test_snapshot_statuses(demo_db, reported_db):
    assert demo_db.query("snapshot_statuses")["status"].tolist() == ["synthetic"]
    assert reported_db.query("snapshot_statuses")[["status", "rows"]].values.tolist() == [["reported", 16]]


def city_figure(frame: pd.DataFrame, code: str, year: int, catalog, regions=None) -> float:
    """A city's figure made from its districts as the catalog says, computed here in pandas: a sum, a mean, or
    a mean weighted by another figure (divided by a third): GDP per person becomes total GDP ÷ total people."""
    meta = catalog.indicator(code)
    wide = frame[frame["year"] == year].pivot(index="region_code", columns="indicator", values="value")
    if regions is not None:
        wide = wide.reindex(regions)
    value = wide[code].dropna() if code in wide else pd.Series(dtype=float)
    if meta["city_aggregate"] == "sum":
        return value.sum()
    if meta["city_aggregate"] == "mean" or not len(value):
        return value.mean()
    weight = wide.reindex(value.index)[meta["weight"]]
    if meta["weight_per"]:
        weight = weight / wide.reindex(value.index)[meta["weight_per"]]
    weight = weight[weight > 0]
    return (value[weight.index] * weight).sum() / weight.sum() if len(weight) else value.mean()


def has_weight(frame: pd.DataFrame, code: str, region: str, year: int, catalog) -> bool:
    """Whether a region has what its weighted figure is weighted by, that year (not weighted: never)."""
    meta = catalog.indicator(code)
    if meta["city_aggregate"] != "weighted":
        return False
    at = frame[(frame["region_code"] == region) & (frame["year"] == year)].set_index("indicator")["value"]
    weight = at.get(meta["weight"])
    per = at.get(meta["weight_per"]) if meta["weight_per"] else 1.0
    return weight is not None and per is not None and weight > 0 and per > 0


@pytest.mark.parametrize("year", [2013, 2020, 2025])
def test_scope_headline(demo_db, values, shipped_catalog, year):
    frame = city_values(values, shipped_catalog)
    rows = []
    for code in shipped_catalog.headline:
        now = frame[(frame["indicator"] == code) & (frame["year"] == year)]["value"]
        before = frame[(frame["indicator"] == code) & (frame["year"] == year - 1)]["value"]
        by_region = frame[frame["indicator"] == code].pivot(index="region_code", columns="year", values="value")
        alike = by_region[[year - 1, year]].dropna().index if year - 1 in by_region.columns else []
        weighed = [r for r in alike if all(has_weight(frame, code, r, y, shipped_catalog) for y in (year - 1, year))]
        alike = weighed or alike  # a weighted figure's change: over the regions weighed both years, where any are
        rows.append(
            {
                "indicator": code,
                "value": city_figure(frame, code, year, shipped_catalog),
                "previous": city_figure(frame, code, year - 1, shipped_catalog) if len(before) else np.nan,
                "regions": len(now),
                "previous_regions": len(before),
                "now_alike": city_figure(frame, code, year, shipped_catalog, alike) if len(alike) else np.nan,
                "before_alike": city_figure(frame, code, year - 1, shipped_catalog, alike) if len(alike) else np.nan,
            }
        )
    actual = demo_db.query(
        "scope_headline", **SCOPE, year=year, headline=shipped_catalog.headline, inputs=shipped_catalog.headline_inputs
    )
    assert_frames(actual.drop(columns=["own", "alike_regions", "weighted"]), pd.DataFrame(rows), ["indicator"])
    assert not actual["own"].any()


def test_a_growth_rate_adds_up_weighted_by_output_and_gdp_per_person_as_total_over_people(
    demo_db, values, shipped_catalog
):
    """The walkthrough's figure: the city's real GDP growth was the plain mean of its districts (5.1 where
    GDP-weighted it is 5.27); GDP per person is total GDP over total people, not a mean of districts' ratios."""
    frame = city_values(values, shipped_catalog)
    year = 2019
    wide = frame[frame["year"] == year].pivot(index="region_code", columns="indicator", values="value")
    with_growth = wide.dropna(subset=["gdp_growth", "gdp"])  # a district without a growth figure weighs nothing
    growth = (with_growth["gdp_growth"] * with_growth["gdp"]).sum() / with_growth["gdp"].sum()
    with_people = wide.dropna(subset=["gdp_per_capita", "gdp"])
    per_person = with_people["gdp"].sum() / (with_people["gdp"] / with_people["gdp_per_capita"]).sum()
    inputs = ["gdp_growth", "gdp_per_capita", "gdp"]
    actual = demo_db.query("scope_headline", **SCOPE, year=year, headline=inputs[:2], inputs=inputs).set_index(
        "indicator"
    )
    assert actual.at["gdp_growth", "value"] == pytest.approx(growth, rel=1e-12)
    assert abs(growth - wide["gdp_growth"].mean()) > 0.01  # the plain mean would not pass
    assert actual.at["gdp_per_capita", "value"] == pytest.approx(per_person, rel=1e-12)
    assert actual.at["gdp_growth", "weighted"] == len(with_growth) == actual.at["gdp_growth", "regions"]


def test_scope_headline_changes_compare_the_regions_with_a_figure_in_both_years(city_db, shipped_catalog):
    """A steward's walkthrough: a province's GDP 'rose' by a whole province's figure, the one missing the
    year before. Lanzhou (tests/cities.py) reports from 2012: its 2012 GDP is in the total, not in the change."""
    import cities

    frame = cities.observations()
    gdp = frame[frame["indicator"] == "gdp"].pivot(index="region_code", columns="year", values="value")
    both = gdp[[2011, 2012]].dropna()
    actual = city_db.query("scope_headline", level="city", parent="", year=2012, headline=["gdp"], inputs=["gdp"]).iloc[
        0
    ]
    assert actual["value"] == pytest.approx(gdp[2012].sum()) and actual["previous"] == pytest.approx(gdp[2011].sum())
    assert (actual["regions"], actual["previous_regions"], actual["alike_regions"]) == (8, 7, 7)
    assert actual["now_alike"] == pytest.approx(both[2012].sum()) and actual["before_alike"] == pytest.approx(
        both[2011].sum()
    )


@pytest.mark.parametrize("code", ["air_good_days_ratio", "campaign_satisfaction_rate", "gdp", "gdp_growth"])
def test_scope_indicator(demo_db, values, judged, shipped_catalog, code):
    year = 2019
    frame = city_values(values, shipped_catalog)
    expected = frame[(frame["indicator"] == code) & (frame["year"] == year)][["region_code", "value"]]
    actual = demo_db.query("scope_indicator", **SCOPE, year=year, indicator=code)
    assert_frames(actual[["region_code", "value"]], expected, ["region_code"])
    assert actual["value"].is_monotonic_decreasing
    statuses = judged[(judged["indicator"] == code) & (judged["year"] == year)].set_index("region_code")["attainment"]
    assert actual.set_index("region_code")["attainment"].to_dict() == (
        statuses.to_dict() if len(statuses) else {c: None for c in actual["region_code"]}
    )


@pytest.mark.parametrize("year", [2013, 2019, 2025])
def test_scope_attainment(demo_db, judged, year):
    expected = judged[judged["year"] == year][["region_code", "indicator", "value", "credit", "gap"]]
    actual = demo_db.query("scope_attainment", **SCOPE, year=year)
    assert_frames(
        actual[["region_code", "indicator", "value", "credit", "gap"]], expected, ["region_code", "indicator"]
    )
    assert set(actual["attainment"]) <= {"full", "partial", "low"}


@pytest.mark.parametrize("year", [2014, 2025])
def test_scope_ranking(demo_db, judged, shipped_catalog, year):
    overall = reference.scores(judged, len(shipped_catalog.scored))
    now = overall[overall["year"] == year].set_index("region_code")
    before = overall[overall["year"] == year - 1].set_index("region_code")
    expected = pd.DataFrame(
        {
            "region_code": now.index,
            "score_rate": now["score_rate"].values,
            "rank": now["rank"].values,
            "previous_score_rate": before["score_rate"].reindex(now.index).values,
            "previous_rank": before["rank"].reindex(now.index).values,
        }
    )
    actual = demo_db.query("scope_ranking", **SCOPE, year=year)
    assert_frames(actual[expected.columns], expected, ["region_code"])
    assert actual["rank"].is_monotonic_increasing
    everyone = demo_db.query("scope_ranking", level="district", parent="", year=year)
    assert_frames(everyone[expected.columns], expected, ["region_code"])


def test_scope_ranking_years_is_every_years_ranking(demo_db, judged, shipped_catalog):
    overall = reference.scores(judged, len(shipped_catalog.scored))
    actual = demo_db.query("scope_ranking_years", **SCOPE)
    assert_frames(
        actual[["region_code", "year", "score_rate", "rank"]],
        overall[["region_code", "year", "score_rate", "rank"]],
        ["region_code", "year"],
    )


def test_scope_indicator_change_is_the_later_value_minus_the_earlier(demo_db, values, shipped_catalog):
    frame = city_values(values, shipped_catalog)
    gdp = frame[frame["indicator"] == "gdp"].pivot(index="region_code", columns="year", values="value")[[2015, 2025]]
    expected = pd.DataFrame(
        {
            "region_code": gdp.index,
            "first_value": gdp[2015].values,
            "last_value": gdp[2025].values,
            "change": (gdp[2025] - gdp[2015]).values,
            "change_pct": (100 * (gdp[2025] - gdp[2015]) / gdp[2015].abs()).values,
        }
    )
    actual = demo_db.query("scope_indicator_change", **SCOPE, indicator="gdp", first=2015, last=2025)
    assert_frames(actual[expected.columns], expected, ["region_code"])


def test_scope_indicator_counts(demo_db, values, shipped_catalog):
    frame = city_values(values, shipped_catalog)
    expected = frame[frame["year"] == 2014].groupby("indicator").size().rename("regions").reset_index()
    assert_frames(demo_db.query("scope_indicator_counts", **SCOPE, year=2014), expected, ["indicator"])


def test_reported_values_keep_their_qualifier_and_source(reported_db):
    frame = reported_db.query(
        "scope_indicator", level="district", parent="650200", year=2006, indicator="birth_policy_compliance_rate"
    )
    assert frame[["region_code", "value", "qualifier", "status"]].values.tolist() == [
        ["650203", 99.0, ">=", "reported"]
    ]
    assert frame["attainment"].isna().all()


def test_snapshot_years(demo_db, reported_db):
    assert demo_db.query("snapshot_years").iloc[0].tolist() == [2013, 2025]
    assert reported_db.query("snapshot_years").iloc[0].tolist() == [2006, 2017]


def test_region_trend(demo_db, values, judged):
    district = "990110"
    expected = values[values["region_code"] == district][["indicator", "year", "value"]]
    actual = demo_db.query("region_trend", region=district)
    assert_frames(actual[["indicator", "year", "value"]], expected, ["indicator", "year"])
    statuses = judged[judged["region_code"] == district].set_index(["indicator", "year"])["attainment"]
    got = actual.dropna(subset=["attainment"]).set_index(["indicator", "year"])["attainment"]
    assert got.sort_index().to_dict() == statuses.sort_index().to_dict()


def test_region_latest(demo_db, values):
    district = "990104"
    own = values[values["region_code"] == district]
    rows = []
    for code, series in own.groupby("indicator"):
        latest = series.loc[series["year"].idxmax()]
        before = series[series["year"] == latest["year"] - 1]["value"]
        rows.append(
            {
                "indicator": code,
                "year": latest["year"],
                "value": latest["value"],
                "previous": before.iloc[0] if len(before) else np.nan,
            }
        )
    actual = demo_db.query("region_latest", region=district, year=None)
    assert_frames(actual[["indicator", "year", "value", "previous"]], pd.DataFrame(rows), ["indicator"])
    # as of a year (#22): the latest at or before it, never a later one beside an earlier scorecard
    rows = []
    for code, series in own[own["year"] <= 2022].groupby("indicator"):
        latest = series.loc[series["year"].idxmax()]
        before = series[series["year"] == latest["year"] - 1]["value"]
        rows.append(
            {
                "indicator": code,
                "year": latest["year"],
                "value": latest["value"],
                "previous": before.iloc[0] if len(before) else np.nan,
            }
        )
    actual = demo_db.query("region_latest", region=district, year=2022)
    assert actual["year"].max() == 2022
    assert_frames(actual[["indicator", "year", "value", "previous"]], pd.DataFrame(rows), ["indicator"])


def test_compare_trends(demo_db, values):
    districts, indicators = ["990103", "990110"], ["gdp", "campaign_support_rate"]
    expected = values[
        values["region_code"].isin(districts)
        & values["indicator"].isin(indicators)
        & values["year"].between(2016, 2020)
    ]
    actual = demo_db.query("compare_trends", regions=districts, indicators=indicators, first=2016, last=2020)
    assert_frames(
        actual[["region_code", "indicator", "year", "value", "n_eff"]],
        expected[["region_code", "indicator", "year", "value", "n_eff"]],
        ["region_code", "indicator", "year"],
    )


def test_compare_aspects(demo_db, judged):
    districts = ["990103", "990107"]
    rows = judged[judged["region_code"].isin(districts) & (judged["year"] == 2021)]
    expected = rows.groupby(["region_code", "aspect"])["credit"].mean().mul(100).rename("score_rate").reset_index()
    actual = demo_db.query("compare_aspects", regions=districts, year=2021)
    assert_frames(actual[["region_code", "aspect", "score_rate"]], expected, ["region_code", "aspect"])


def test_data_rows(demo_db, values):
    districts, indicators = ["990102", "990111"], ["gdp", "air_good_days_ratio", "campaign_satisfaction_rate"]
    expected = values[
        values["region_code"].isin(districts)
        & values["indicator"].isin(indicators)
        & values["year"].between(2014, 2016)
    ]
    actual = demo_db.query("data_rows", regions=districts, indicators=indicators, first=2014, last=2016)
    assert list(actual.columns) == [
        "region_code",
        "year",
        "indicator",
        "value",
        "lower",
        "upper",
        "n",
        "qualifier",
        "status",
        "source",
        "note",
    ]
    assert_frames(
        actual[["region_code", "year", "indicator", "value"]],
        expected[["region_code", "year", "indicator", "value"]],
        ["region_code", "year", "indicator"],
    )
    assert actual[["region_code", "year", "indicator"]].values.tolist() == sorted(
        actual[["region_code", "year", "indicator"]].values.tolist()
    )


def test_data_period_rows(demo_db, sub_year):
    """A month's figures, each with its period and the dates it covers (from 1 January for a cumulative one); the
    data view puts them after their year's (tests/test_export.py)."""
    monthly = demo_db.query("data_period_rows", regions=["990102"], indicators=[], first=2025, last=2025)
    expected = sub_year[(sub_year["region_code"] == "990102") & (sub_year["year"] == 2025)]
    assert_frames(
        monthly[["indicator", "period", "value"]], expected[["indicator", "period", "value"]], ["indicator", "period"]
    )
    assert monthly[["year", "period", "indicator"]].values.tolist() == sorted(
        monthly[["year", "period", "indicator"]].values.tolist()
    )
    june = monthly[monthly["period"] == "2025-06"].set_index("indicator")
    assert [str(pd.Timestamp(d).date()) for d in june.loc["air_good_days_ratio", ["period_start", "period_end"]]] == [
        "2025-06-01",
        "2025-06-30",
    ]
    assert [str(pd.Timestamp(d).date()) for d in june.loc["fiscal_revenue_growth", ["period_start", "period_end"]]] == [
        "2025-01-01",
        "2025-06-30",
    ]


def test_data_rows_count(demo_db, values, sub_year):
    """How many rows data_rows and data_period_rows would give, counted without loading them (the API's 413 comes
    first): "data_rows_count" and "data_period_rows_count"."""
    for regions, indicators, first, last in (
        (["990102", "990111"], ["gdp"], 2014, 2016),
        ([], [], 2013, 2025),
        ([], ["gdp"], 2020, 2020),
        (["990105"], ["air_good_days_ratio"], 2024, 2025),
    ):
        for name, source in (("data_rows", values), ("data_period_rows", sub_year)):
            expected = source[
                (source["region_code"].isin(regions) if regions else True)
                & (source["indicator"].isin(indicators) if indicators else True)
                & source["year"].between(first, last)
            ]
            asked = dict(regions=regions, indicators=indicators, first=first, last=last)
            counted = demo_db.query(f"{name}_count", **asked)["rows"].iloc[0]
            assert counted == len(expected) == len(demo_db.query(name, **asked))


def aspect_rates(judged, year):
    return (
        judged[judged["year"] == year]
        .groupby(["region_code", "aspect"])["credit"]
        .mean()
        .mul(100)
        .rename("score_rate")
        .reset_index()
    )


def test_scope_aspect_scores(demo_db, judged):
    actual = demo_db.query("scope_aspect_scores", **SCOPE, year=2017)
    assert_frames(
        actual[["region_code", "aspect", "score_rate"]], aspect_rates(judged, 2017), ["region_code", "aspect"]
    )


def test_region_aspects(demo_db, judged):
    now, before = aspect_rates(judged, 2022), aspect_rates(judged, 2021)
    expected = now[now["region_code"] == "990105"].merge(
        before[before["region_code"] == "990105"].rename(columns={"score_rate": "previous_score_rate"}),
        on=["region_code", "aspect"],
        how="left",
    )
    actual = demo_db.query("region_aspects", region="990105", year=2022)
    assert_frames(
        actual[["aspect", "score_rate", "previous_score_rate"]],
        expected[["aspect", "score_rate", "previous_score_rate"]],
        ["aspect"],
    )


def test_region_unscored_aspects(demo_db, judged):
    """Aspects with a score the year before and none this year, from the judged values in pandas."""
    cases = []
    for year in range(2014, 2026):
        now, before = aspect_rates(judged, year), aspect_rates(judged, year - 1)
        dropped = before.merge(now, on=["region_code", "aspect"], how="left", indicator=True).query(
            "_merge == 'left_only'"
        )
        dropped = dropped[
            dropped["region_code"].isin(now["region_code"])
        ]  # a region with no score at all that year has no page
        cases += [(r.region_code, year, r.aspect, r.score_rate_x) for r in dropped.itertuples()]
    assert ("990109", 2025, "A05", 100.0) in cases and len(cases) >= 3
    for code, year, aspect, previous in cases:
        actual = demo_db.query("region_unscored_aspects", region=code, year=year)
        assert actual.to_dict("records") == [{"aspect": aspect, "previous_score_rate": pytest.approx(previous)}]
    assert demo_db.query("region_unscored_aspects", region="990109", year=2024).empty


def test_region_scores(demo_db, judged, shipped_catalog):
    overall = reference.scores(judged, len(shipped_catalog.scored))
    own = overall[overall["region_code"] == "990111"].sort_values("year")
    actual = demo_db.query("region_scores", region="990111")
    assert actual["year"].tolist() == own["year"].tolist()
    np.testing.assert_allclose(actual["score_rate"], own["score_rate"])
    assert actual["rank"].tolist() == own["rank"].tolist()
    np.testing.assert_allclose(actual["score_change"].iloc[1:], own["score_rate"].diff().iloc[1:])
    assert actual["rank_change"].iloc[1:].tolist() == (-own["rank"].diff().iloc[1:]).astype(int).tolist()
    assert set(actual["peers"]) == {12}
    np.testing.assert_allclose(actual["coverage"], own["coverage"])


def test_region_scorecard(demo_db, judged):
    year, district = 2016, "990107"
    rows = judged[(judged["year"] == year) & (judged["region_code"] == district)]
    aspects = rows["aspect"].nunique()
    sizes = rows.groupby("aspect").size()
    expected = rows.assign(cost=100 * (1 - rows["credit"]) / rows["aspect"].map(sizes) / aspects)
    actual = demo_db.query("region_scorecard", region=district, year=year)
    assert_frames(
        actual[["indicator", "credit", "gap", "cost"]], expected[["indicator", "credit", "gap", "cost"]], ["indicator"]
    )
    uncertain = actual[actual["uncertain"]]
    assert set(uncertain["verdict"]) <= {"uncertain_met", "uncertain_below"}
    assert ((uncertain["verdict"] == "uncertain_met") == (uncertain["credit"] == 1)).all()


def test_scope_sources(demo_db, reported_db, values):
    expected = values[values["year"] == 2020]
    actual = demo_db.query("scope_sources", **SCOPE, year=2020).set_index("source")
    assert set(actual.index) == set(expected["source"].fillna("")) and bool(actual.loc["", "survey"])
    assert actual["figures"].sum() == len(expected)
    karamay = reported_db.query("scope_sources", level="district", parent="650200", year=2006)
    assert karamay["source"].tolist() == sorted(
        set(reported_db.query("region_trend", region="650203").query("year == 2006")["source"])
    )


def test_scope_scorecard(demo_db, judged):
    """Every region's shortfalls with their cost, as region_scorecard gives one region's."""
    year = 2016
    rows = judged[judged["year"] == year]
    sizes = rows.groupby(["region_code", "aspect"]).size()
    aspects = rows.groupby("region_code")["aspect"].nunique()
    expected = rows.assign(
        cost=[
            100 * (1 - r.credit) / sizes[(r.region_code, r.aspect)] / aspects[r.region_code] for r in rows.itertuples()
        ]
    )
    actual = demo_db.query("scope_scorecard", **SCOPE, year=year)
    assert_frames(
        actual[["region_code", "indicator", "credit", "gap", "cost"]],
        expected[["region_code", "indicator", "credit", "gap", "cost"]],
        ["region_code", "indicator"],
    )


@pytest.mark.parametrize("name", ["scorecard_aspects", "scorecard_indicators"])
def test_scorecards(demo_db, judged, name):
    assert demo_db.catalog.scored and len(demo_db.catalog.scored) == 31
    actual = demo_db.query(name, **SCOPE, year=2019)
    if name == "scorecard_aspects":
        overall = actual[actual["aspect"] == "overall"]
        expected = reference.scores(judged, 31).query("year == 2019")
        assert_frames(
            overall[["region_code", "score_rate", "rank"]],
            expected[["region_code", "score_rate", "rank"]],
            ["region_code"],
        )
        assert_frames(
            actual[actual["aspect"] != "overall"][["region_code", "aspect", "score_rate"]],
            aspect_rates(judged, 2019),
            ["region_code", "aspect"],
        )
        assert overall["rank"].is_monotonic_increasing
    else:
        expected = judged[judged["year"] == 2019][["region_code", "indicator", "value", "credit", "gap"]]
        assert_frames(
            actual[["region_code", "indicator", "value", "credit", "gap"]], expected, ["region_code", "indicator"]
        )


def test_snapshot_changes_and_snapshot_change_counts(tmp_path, shipped_catalog, reported_db):
    """A copy of the reported snapshot with one value changed, one removed and one added."""
    import pyarrow as pa

    from chuangcheng.store.db import Comparison, Database

    before = pd.read_parquet(snapshots.find(settings.data_dir(), "reported-v1").file("observations.parquet"))
    after = before.copy()
    after.loc[after["indicator"] == "gdp", "value"] = 150.0
    after = after[after["indicator"] != "community_health_stations"]
    after = pd.concat(
        [
            after,
            pd.DataFrame(
                [
                    {
                        "region_code": "350206",
                        "year": 2008,
                        "indicator": "campaign_fiscal_investment",
                        "value": 50000.0,
                        "qualifier": "=",
                        "source": None,
                        "status": "reported",
                    },
                    {  # a month's figure: a change of its own, beside the year's
                        "region_code": "650203",
                        "year": 2007,
                        "indicator": "air_good_days_ratio",
                        "value": 80.0,
                        "qualifier": "=",
                        "source": None,
                        "status": "reported",
                        "period": "2007-06",
                    },
                ]
            ),
        ]
    )
    publishing.publish(
        tmp_path,
        {"id": "edited", "dataset": "t", "title": "t", "created": "2026-01-01T00:00:00+00:00", "built_from": []},
        {
            "observations.parquet": pa.Table.from_pandas(after, preserve_index=False),
            "survey.parquet": snapshots.SURVEY.empty_table(),
        },
    )
    edited = Database(snapshots.find(tmp_path, "edited"), shipped_catalog)
    comparison = Comparison(reported_db, edited)
    changes = comparison.query("snapshot_changes")
    columns = ["region_code", "year", "period", "indicator", "change", "before", "after"]
    assert changes.fillna(-1)[columns].values.tolist() == [
        ["350206", 2008, "", "campaign_fiscal_investment", "added", -1, 50000.0],
        ["650203", 2006, "", "gdp", "changed", 145.0, 150.0],
        ["650203", 2007, "", "community_health_stations", "removed", 20.0, -1],
        ["650203", 2007, "2007-06", "air_good_days_ratio", "added", -1, 80.0],
    ]
    counts = comparison.query("snapshot_change_counts").set_index(["grouping", "key"])
    assert counts.loc[("region", "650203"), ["added", "removed", "changed"]].tolist() == [1, 1, 1]
    assert counts.loc[("indicator", "campaign_fiscal_investment"), ["added", "removed", "changed"]].tolist() == [
        1,
        0,
        0,
    ]
    assert len(counts) == 4 + 2
    comparison.close()
    edited.close()


def test_survey_rates_are_the_same_bits_in_every_process():
    """Regression: float sums in parallel threads changed a rate's last digit between runs."""
    import subprocess
    import sys

    command = [
        sys.executable,
        "-m",
        "chuangcheng",
        "export",
        "--indicators",
        "campaign_satisfaction_rate",
        "public_safety_sense_rate",
    ]
    outputs = {subprocess.run(command, capture_output=True, check=True).stdout for _ in range(3)}
    assert len(outputs) == 1


@pytest.fixture(scope="module")
def sub_year():
    """The demo's raw figures finer than a year, each with its period's start (pandas' own monthly periods)."""
    raw = pd.read_parquet(snapshots.find(settings.data_dir(), "demo-v1").path / "observations.parquet")
    rows = raw[raw["period"].notna()].copy()
    rows["period_start"] = pd.PeriodIndex(rows["period"], freq="M").start_time.date
    return rows


def test_period_list(demo_db, sub_year):
    expected = sorted(set(sub_year["period"]))
    assert list(demo_db.query("period_list", **SCOPE, region="")["period"]) == expected
    one = sub_year[sub_year["region_code"] == "990105"]
    listed = demo_db.query("period_list", **SCOPE, region="990105")
    assert list(listed["period"]) == sorted(set(one["period"]))
    counts = one.groupby("period")["indicator"].nunique()
    assert listed.set_index("period")["indicators"].to_dict() == counts.to_dict()


def test_period_scope(demo_db, sub_year):
    """A month's figures with the month before and the same month a year earlier, by pandas' Period arithmetic."""
    period = "2025-03"
    actual = demo_db.query("period_scope", **SCOPE, period=period)
    mine = sub_year[sub_year["period"] == period]
    value = sub_year.set_index(["region_code", "indicator", "period"])["value"]
    month = pd.Period(period, freq="M")
    expected = mine[["region_code", "indicator", "value"]].assign(
        before_value=[
            value.get((r, i, str(month - 1)), np.nan) for r, i in zip(mine["region_code"], mine["indicator"])
        ],
        year_ago_value=[
            value.get((r, i, str(month - 12)), np.nan) for r, i in zip(mine["region_code"], mine["indicator"])
        ],
    )
    assert_frames(
        actual[["region_code", "indicator", "value", "before_value", "year_ago_value"]],
        expected,
        ["region_code", "indicator"],
    )
    assert set(actual["before_period"]) == {"2025-02"} and set(actual["year_ago_period"]) == {"2024-03"}


def test_period_region(demo_db, sub_year):
    region = "990110"
    actual = demo_db.query("period_region", region=region)
    expected = sub_year[sub_year["region_code"] == region][["indicator", "period", "value"]]
    assert_frames(actual[["indicator", "period", "value"]], expected, ["indicator", "period"])
    assert (actual.groupby("indicator")["period_start"].apply(lambda s: s.is_monotonic_increasing)).all()


def test_the_ledger_questions_answer_nothing_of_a_snapshot_without_a_ledger(reported_db):
    """The ledger's questions over a snapshot published before ledgers: no rows, every column (their meaning is
    tested against a ledger's own rows in test_ledger.py)."""
    asked = {
        "ledger_scopes": {},
        "ledger_regions": {},
        "problems": {"level": "street", "parent": ""},
        "overdue_units": {"level": "street", "parent": ""},
        "inspection_scopes": {},
        "inspection_rates": {"level": "street", "parent": "", "start": "2024-03-01", "end": "2024-03-31"},
        "rectification": {"level": "street", "parent": "", "start": "2024-03-01", "end": "2024-03-31"},
        "problems_at": {"level": "street", "parent": "", "start": "2024-03-01", "end": "2024-03-31"},
        "inspection_standards": {"level": "street", "parent": "", "start": "2024-03-01", "end": "2024-03-31"},
        "inspection_trend": {"level": "street", "parent": "", "grain": "week"},
        "inspection_sites": {"level": "street", "parent": "", "start": "2024-03-01", "end": "2024-03-31"},
    }
    columns = {
        "ledger_scopes": ["level", "parent_code", "problems", "first_found", "ledger_end"],
        "ledger_regions": ["region_code", "parent_code", "level"],
    }
    for name, params in asked.items():
        answer = reported_db.query(name, **params)
        assert answer.empty, name
        assert list(answer.columns)[: len(columns.get(name, []))] == columns.get(name, [])


def demo_raw(name: str) -> pd.DataFrame:
    return pd.read_parquet(settings.data_dir() / "snapshots" / "demo-v1" / name)


def demo_streets_of(parent: str) -> set:
    regions = demo_raw("regions.parquet")
    return set(regions.loc[regions["parent_code"] == parent, "code"])


def test_problems_at(demo_db):
    """Each problem's standing at a week's end from the raw events, sorted by date and their order in a life."""
    start, end = pd.Timestamp("2025-06-09"), pd.Timestamp("2025-06-15")
    actual = demo_db.query("problems_at", level="street", parent="990106", start=start.date(), end=end.date())
    order = {"assigned": 0, "rectifying": 1, "rectified": 2, "verified": 3, "returned": 4, "reopened": 5}
    events = demo_raw("problems.parquet")
    events = events[events["region_code"].isin(demo_streets_of("990106"))]
    events = events.assign(day=pd.to_datetime(events["event_date"]), order=events["event"].map(order))
    seen = events[events["day"] <= end].sort_values(["problem_id", "day", "order"])
    last = seen.groupby("problem_id").tail(1).set_index("problem_id")
    within = seen[seen["day"] >= start]
    rectified = last["event"].isin(["rectified", "verified"])
    earlier = seen[seen["day"] < start].groupby("problem_id").tail(1)
    rectified_before = earlier.loc[earlier["event"].isin(["rectified", "verified"]), "problem_id"]
    overdue = ~rectified & (pd.to_datetime(last["deadline"]) < end)
    expected = pd.DataFrame(
        {
            "problem_id": last.index.to_numpy(),
            "rectified": rectified.to_numpy(),
            "overdue": overdue.to_numpy(),
            "days_overdue": ((end - pd.to_datetime(last["deadline"])).dt.days.where(overdue)).to_numpy(),
            "found_in_period": (pd.to_datetime(last["found"]) >= start).to_numpy(),
            "rectified_in_period": (rectified & ~last.index.isin(rectified_before)).to_numpy(),
            "returned_in_period": last.index.isin(within.loc[within["event"] == "returned", "problem_id"]),
        }
    ).reset_index(drop=True)
    assert_frames(actual[list(expected.columns)], expected, ["problem_id"])
    assert actual["status"].tolist() == last.loc[actual["problem_id"], "event"].tolist()


def test_inspection_standards(demo_db):
    results = demo_raw("inspections.parquet")
    results = results[results["region_code"].isin(demo_streets_of("990102"))]
    days = pd.to_datetime(results["visited"])
    month = results[(days >= "2025-05-01") & (days <= "2025-05-31")]
    expected = (
        month.assign(
            passed=month["result"] == "pass",
            failed=month["result"] == "fail",
            severe=month["result"] == "severe",
            lost=month["max_score"] - month["score"],
        )
        .groupby(["point_type", "standard", "category"], as_index=False)
        .agg(
            checked=("result", "count"),
            passed=("passed", "sum"),
            failed=("failed", "sum"),
            severe=("severe", "sum"),
            lost_points=("lost", "sum"),
        )
    )
    expected["pass_rate"] = 100 * expected["passed"] / expected["checked"]
    actual = demo_db.query(
        "inspection_standards", level="street", parent="990102", start="2025-05-01", end="2025-05-31"
    )
    assert_frames(actual[list(expected.columns)], expected, ["point_type", "standard", "category"])
    worst = actual["failed"] + actual["severe"]
    assert worst.is_monotonic_decreasing  # the most failed first


@pytest.mark.parametrize("grain", ["week", "month"])
def test_inspection_trend(demo_db, grain):
    results = demo_raw("inspections.parquet")
    results = results[results["region_code"].isin(demo_streets_of("990108"))]
    days = pd.to_datetime(results["visited"])
    iso = days.dt.isocalendar()
    period = (
        iso["year"].astype(str) + "-W" + iso["week"].astype(str).str.zfill(2)
        if grain == "week"
        else days.dt.strftime("%Y-%m")
    )
    expected = (
        results.assign(period=period, passed=results["result"] == "pass")
        .groupby(["region_code", "period"], as_index=False)
        .agg(checked=("result", "count"), passed=("passed", "sum"), score=("score", "sum"), most=("max_score", "sum"))
    )
    expected["pass_rate"] = 100 * expected["passed"] / expected["checked"]
    expected["score_rate"] = 100 * expected["score"] / expected["most"]
    actual = demo_db.query("inspection_trend", level="street", parent="990108", grain=grain)
    columns = ["region_code", "period", "checked", "passed", "pass_rate", "score_rate"]
    assert_frames(actual[columns], expected[columns], ["region_code", "period"])


def test_snapshot_ledger_changes(demo_db, reported_db):
    """A ledger against itself: nothing changed; against no ledger: every problem new, and each other change as
    the ledger stands at its last date (the meaning, week against week, in test_weekly.py)."""
    from chuangcheng.store.db import Comparison

    assert Comparison(demo_db, demo_db).query("snapshot_ledger_changes").empty
    rows = Comparison(reported_db, demo_db).query("snapshot_ledger_changes")
    events = demo_raw("problems.parquet")
    order = {"assigned": 0, "rectifying": 1, "rectified": 2, "verified": 3, "returned": 4, "reopened": 5}
    last = events.assign(order=events["event"].map(order)).sort_values(["problem_id", "event_date", "order"])
    last = last.groupby("problem_id").tail(1)
    end = pd.to_datetime(events["event_date"]).max()
    open_ = ~last["event"].isin(["rectified", "verified"])
    expected = {
        "new": events["problem_id"].nunique(),
        "closed": int((~open_).sum()),
        "returned": int((last["event"] == "returned").sum()),
        "reopened": int((last["event"] == "reopened").sum()),
        "newly_overdue": int((open_ & (pd.to_datetime(last["deadline"]) < end)).sum()),
    }
    assert rows["change"].value_counts().reindex(list(expected), fill_value=0).to_dict() == expected
    # the other way round: a later ledger without them names every problem gone, and nothing else
    gone = Comparison(demo_db, reported_db).query("snapshot_ledger_changes")
    assert set(gone["change"]) == {"removed"} and len(gone) == events["problem_id"].nunique()


def test_composite_parts(demo_db):
    """A district's parts: its streets' inspections and problems of the year from the raw files, and the mean of the
    survey rates asked."""
    codes = [f"9901{n:02d}" for n in range(2, 14)]
    rates = ["campaign_awareness_rate", "campaign_satisfaction_rate"]
    actual = demo_db.query("composite_parts", regions=codes, year=2025, indicators=rates).set_index("region_code")
    streets = demo_raw("regions.parquet").set_index("code")["parent_code"]
    results = demo_raw("inspections.parquet")
    results = results[pd.to_datetime(results["visited"]).dt.year == 2025]
    by = results["region_code"].map(streets)
    assert actual["checked"].to_dict() == results.groupby(by).size().to_dict()
    assert actual["passed"].to_dict() == (results["result"] == "pass").groupby(by).sum().to_dict()
    np.testing.assert_allclose(
        actual["score_rate"].sort_index(),
        (100 * results.groupby(by)["score"].sum() / results.groupby(by)["max_score"].sum()).sort_index(),
    )
    events = demo_raw("problems.parquet")
    order = {"assigned": 0, "rectifying": 1, "rectified": 2, "verified": 3, "returned": 4, "reopened": 5}
    events = events[pd.to_datetime(events["found"]).dt.year == 2025]
    last = events.assign(order=events["event"].map(order)).sort_values(["problem_id", "event_date", "order"])
    last = last.groupby("problem_id").tail(1)
    district = last["region_code"].map(streets)
    assert actual["assigned"].to_dict() == district.value_counts().to_dict()
    assert (
        actual["rectified"].to_dict() == last["event"].isin(["rectified", "verified"]).groupby(district).sum().to_dict()
    )
    survey = pd.concat(
        [demo_db.query("scope_indicator", level="district", parent="990100", year=2025, indicator=c) for c in rates]
    )
    np.testing.assert_allclose(
        actual["survey"].sort_index(), survey.groupby("region_code")["value"].mean().sort_index()
    )
    assert (actual["survey_rates"] == 2).all()


def test_inspection_sites(demo_db):
    results = demo_raw("inspections.parquet")
    results = results[results["region_code"].isin(demo_streets_of("990111"))]
    days = pd.to_datetime(results["visited"])
    month = results[(days >= "2025-09-01") & (days <= "2025-09-30")]
    expected = (
        month.assign(passed=month["result"] == "pass")
        .groupby(["region_code", "point"], as_index=False)
        .agg(
            longitude=("longitude", "first"),
            latitude=("latitude", "first"),
            checked=("result", "count"),
            passed=("passed", "sum"),
        )
    )
    expected["pass_rate"] = 100 * expected["passed"] / expected["checked"]
    actual = demo_db.query("inspection_sites", level="street", parent="990111", start="2025-09-01", end="2025-09-30")
    assert_frames(actual[list(expected.columns)], expected, ["region_code", "point"])
    assert actual["pass_rate"].is_monotonic_increasing  # the worst first
