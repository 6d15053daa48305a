"""Scoring in SQL against the independent Python rules (tests/reference.py) on hand-made edge cases."""

import os
import shutil

import pandas as pd
import pyarrow as pa
import pytest

import reference
from chuangcheng import ROOT
from chuangcheng.model import catalog
from chuangcheng.model.params import Params
from chuangcheng.views import region
from chuangcheng.store import publishing, snapshots
from chuangcheng.cli import main
from chuangcheng.store.db import Database
from chuangcheng.model import regions as regions_module
import io

REGIONS = """code,parent_code,level,name_zh,name_en
980000,,province,测试省,Test Province
980100,980000,city,测试市,Test City
980101,980100,district,甲区,District A
980102,980100,district,乙区,District B
980103,980100,district,丙区,District C
980104,980100,district,丁区,District D
980200,980000,city,独区市,Lone City
980201,980200,district,独区,Lone District
980300,980000,city,三区市,Three City
980301,980300,district,三甲区,Three A
980302,980300,district,三乙区,Three B
980303,980300,district,三丙区,Three C
980304,980300,street,三市直属镇,Three Town
980400,980000,city,双区市,Two City
980401,980400,district,双甲区,Two A
980402,980400,district,双乙区,Two B
"""
OBSERVATIONS = [
    # min with partial: exactly full, exactly partial, just below partial
    ("980101", 2020, "registered_volunteer_ratio", 10.0, "="),
    ("980102", 2020, "registered_volunteer_ratio", 8.0, "="),
    ("980103", 2020, "registered_volunteer_ratio", 7.99, "="),
    ("980104", 2020, "registered_volunteer_ratio", 12.0, "="),
    # min without a partial threshold: just below full earns nothing
    ("980101", 2020, "volunteer_active_ratio", 69.9, "="),
    ("980102", 2020, "volunteer_active_ratio", 70.0, "="),
    # max: at the threshold, just above, and exactly at the partial threshold this test's catalog gives it (4.55)
    ("980101", 2020, "registered_unemployment_rate", 4.5, "="),
    ("980102", 2020, "registered_unemployment_rate", 4.6, "="),
    ("980103", 2020, "registered_unemployment_rate", 4.55, "="),
    # zero
    ("980101", 2020, "black_odorous_water_bodies", 0.0, "="),
    ("980102", 2020, "black_odorous_water_bodies", 2.0, "="),
    # city average (mean 8.0125): above by more than 1%, within +-1% either side, below
    ("980101", 2020, "gdp_growth", 10.0, "="),
    ("980102", 2020, "gdp_growth", 8.0, "="),
    ("980103", 2020, "gdp_growth", 8.05, "="),
    ("980104", 2020, "gdp_growth", 6.0, "="),
    # a city with a single district is its own mean: within 1%
    ("980201", 2020, "gdp_growth", 5.0, "="),
    # exactly min_peers (3) peers with a value are enough; two are not. Mean 100, so the +-1% bounds are exact
    # (101 and 99) and each value sits on one: 101 is not above by *more* than 1% (partial), 99 is within (partial).
    # A town directly under the same city is no peer of its districts (peers are of one level), and alone.
    ("980301", 2020, "gdp_growth", 101.0, "="),
    ("980302", 2020, "gdp_growth", 100.0, "="),
    ("980303", 2020, "gdp_growth", 99.0, "="),
    ("980304", 2020, "gdp_growth", 50.0, "="),
    # a stored rate of a survey indicator in a year without microdata is kept (the microdata win only in their year)
    ("980102", 2019, "campaign_satisfaction_rate", 85.0, "="),
    ("980401", 2020, "gdp_growth", 9.0, "="),
    ("980402", 2020, "gdp_growth", 6.0, "="),
    # a lower bound that cannot settle a min standard
    ("980103", 2020, "air_good_days_ratio", 75.0, ">="),
    # 2019: district A has values in one aspect only
    ("980101", 2019, "air_good_days_ratio", 81.0, "="),
    ("980101", 2019, "sewage_treatment_rate", 80.0, "="),
    # 2017, then nothing in 2018: district A's 2019 has no year before to change from (not a change on 2017)
    ("980101", 2017, "air_good_days_ratio", 60.0, "="),
]


def answers(region: str, positive: int, negative: int, year: int = 2020) -> list[tuple]:
    """Satisfaction answers: 'fairly satisfied' (2) positive, 'neutral' (3) negative, and two 'can't say'."""
    codes = [2] * positive + [3] * negative + [9, 9]
    return [(region, year, i + 1, "campaign_satisfaction_rate", code, 1.0) for i, code in enumerate(codes)]


@pytest.fixture(scope="module")
def any_coverage():
    """These few hand-made values cover a fraction of the catalog: rank them all (the default 50% is tested apart)."""
    before = os.environ.get("CHUANGCHENG_MIN_COVERAGE")
    os.environ["CHUANGCHENG_MIN_COVERAGE"] = "0"
    yield
    if before is None:
        os.environ.pop("CHUANGCHENG_MIN_COVERAGE")
    else:
        os.environ["CHUANGCHENG_MIN_COVERAGE"] = before


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory, any_coverage):
    """The edge cases as a snapshot whose regions are its own (regions.parquet), the catalog untouched."""
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(ROOT / "data" / "catalog", data / "catalog")
    toml = data / "catalog" / "indicators.toml"  # a max standard with a partial threshold, to test its boundary
    text = toml.read_text(encoding="utf-8")
    assert text.count('standard = "max"\nfull = 4.5\n') == 1
    toml.write_text(
        text.replace('standard = "max"\nfull = 4.5\n', 'standard = "max"\nfull = 4.5\npartial = 4.55\n'),
        encoding="utf-8",
    )
    own_regions = pd.read_csv(io.StringIO(REGIONS), dtype=str, keep_default_na=False)
    observations = pd.DataFrame(
        OBSERVATIONS, columns=["region_code", "year", "indicator", "value", "qualifier"]
    ).assign(source=None, status="reported")
    survey = pd.DataFrame(
        answers("980101", 79, 21) + answers("980102", 380, 20),
        columns=["region_code", "year", "respondent_id", "question", "answer", "weight"],
    ).assign(status="reported")
    publishing.publish(
        data,
        {
            "id": "edge",
            "dataset": "test",
            "title": "edge cases",
            "created": "2026-01-01T00:00:00+00:00",
            "built_from": [],
        },
        {
            "observations.parquet": pa.Table.from_pandas(observations, preserve_index=False),
            "survey.parquet": pa.Table.from_pandas(survey, preserve_index=False),
            "regions.parquet": regions_module.to_table(own_regions),
        },
    )
    shipped = catalog.load(data)
    database = Database(snapshots.find(data, "edge"), shipped)
    yield database, shipped, data
    database.close()


@pytest.fixture(scope="module")
def expected(fixture_db):
    database, shipped, data = fixture_db
    values = reference.indicator_values(snapshots.find(data, "edge").path, shipped)
    return reference.attainment(
        values, shipped, pd.read_csv(io.StringIO(REGIONS), dtype=str, keep_default_na=False).set_index("code")
    )


def sql_attainment(database) -> pd.DataFrame:
    return database._con.cursor().execute("select * from attainment").df()


def test_sql_and_python_agree_on_every_status_credit_and_gap(fixture_db, expected):
    actual = sql_attainment(fixture_db[0]).set_index(["region_code", "year", "indicator"]).sort_index()
    wanted = expected.set_index(["region_code", "year", "indicator"]).sort_index()
    assert list(actual.index) == list(wanted.index)
    assert actual["attainment"].tolist() == wanted["attainment"].tolist()
    assert actual["credit"].fillna(-1).tolist() == wanted["credit"].fillna(-1).tolist()
    assert actual["gap"].fillna(-1).tolist() == pytest.approx(wanted["gap"].fillna(-1).tolist())


@pytest.mark.parametrize(
    "region, indicator, attainment, gap",
    [
        ("980101", "registered_volunteer_ratio", "full", 0.0),  # exactly at full
        ("980102", "registered_volunteer_ratio", "partial", 2.0),  # exactly at partial
        ("980103", "registered_volunteer_ratio", "low", 2.01),
        ("980101", "volunteer_active_ratio", "low", 0.1),  # no partial threshold
        ("980101", "registered_unemployment_rate", "full", 0.0),  # max, at the threshold
        ("980102", "registered_unemployment_rate", "low", 0.1),
        ("980103", "registered_unemployment_rate", "partial", 0.05),  # max, exactly at partial
        ("980101", "black_odorous_water_bodies", "full", 0.0),
        ("980102", "black_odorous_water_bodies", "low", 2.0),
        ("980101", "gdp_growth", "full", 0.0),  # above the city mean by more than 1%
        ("980102", "gdp_growth", "partial", 8.0125 * 1.01 - 8.0),  # within 1% below
        ("980103", "gdp_growth", "partial", 8.0125 * 1.01 - 8.05),  # within 1% above
        ("980104", "gdp_growth", "low", 8.0125 * 1.01 - 6.0),
    ],
)
def test_edge_cases(fixture_db, region, indicator, attainment, gap):
    frame = sql_attainment(fixture_db[0])
    row = frame[(frame["region_code"] == region) & (frame["indicator"] == indicator) & (frame["year"] == 2020)].iloc[0]
    assert (row["attainment"], row["gap"]) == (attainment, pytest.approx(gap))


def test_a_stored_survey_rate_is_kept_in_a_year_without_microdata(fixture_db):
    """Issue 26: microdata win over a stored rate of the same region, indicator *and year*, not of every year."""
    frame = sql_attainment(fixture_db[0]).set_index(["region_code", "year", "indicator"])
    assert frame.loc[("980102", 2019, "campaign_satisfaction_rate"), "value"] == 85.0
    assert frame.loc[("980102", 2020, "campaign_satisfaction_rate"), "value"] == pytest.approx(95.0)


def test_a_survey_rate_whose_interval_straddles_the_standard_is_uncertain(fixture_db):
    frame = sql_attainment(fixture_db[0]).query("year == 2020").set_index(["region_code", "indicator"])
    straddling = frame.loc[("980101", "campaign_satisfaction_rate")]
    assert straddling["value"] == pytest.approx(79.0) and straddling["lower"] < 80 < straddling["upper"]
    assert (straddling["verdict"], straddling["uncertain"]) == ("uncertain_below", True)
    clear = frame.loc[("980102", "campaign_satisfaction_rate")]
    assert clear["value"] == pytest.approx(95.0) and (clear["verdict"], clear["uncertain"]) == ("full", False)


def test_a_lower_bound_below_the_standard_is_uncertain(fixture_db):
    frame = sql_attainment(fixture_db[0]).set_index(["region_code", "indicator"])
    assert frame.loc[("980103", "air_good_days_ratio"), ["attainment", "verdict"]].tolist() == [
        "partial",
        "uncertain_below",
    ]


def test_city_average_with_fewer_than_three_peers_is_not_scored(fixture_db, expected):
    """Issue 9: Karamay, alone in its city, was judged against its own mean: 'partial', 75.0, rank 1 of 1."""
    frame = sql_attainment(fixture_db[0]).set_index(["region_code", "indicator"])
    lone = frame.loc[("980201", "gdp_growth")]
    assert lone["verdict"] == "too_few_peers" and pd.isna(lone["credit"]) and pd.isna(lone["attainment"])
    assert fixture_db[0].query("region_scores", region="980201").empty  # nothing else scored: no score at all
    assert pd.isna(expected.set_index(["region_code", "indicator"]).loc[("980201", "gdp_growth"), "credit"])


def test_score_rates_and_ranks_match_the_python_rules(fixture_db, expected):
    database = fixture_db[0]
    wanted = (
        reference.scores(expected, len(fixture_db[1].scored), min_coverage=0)
        .set_index(["region_code", "year"])
        .sort_index()
    )
    actual = (
        database._con.cursor()
        .execute("select * from overall_scores")
        .df()
        .set_index(["region_code", "year"])
        .sort_index()
    )
    assert actual["score_rate"].tolist() == pytest.approx(wanted["score_rate"].tolist())
    assert actual["rank"].tolist() == wanted["rank"].tolist()
    assert actual["coverage"].tolist() == pytest.approx(wanted["coverage"].tolist())


def test_a_region_below_the_coverage_setting_is_shown_but_not_ranked(fixture_db, monkeypatch):
    """Issue 9: a district with one scored indicator got 100 and rank 1; now it shows its coverage, unranked."""
    monkeypatch.setenv("CHUANGCHENG_MIN_COVERAGE", "50")
    database = Database(fixture_db[0].manifest, fixture_db[1])
    ranking = database.query("scope_ranking", level="district", parent="980100", year=2020)
    assert len(ranking) == 4 and not ranking["ranked"].any() and ranking["rank"].isna().all()
    assert ranking.set_index("region_code").loc["980101", "coverage"] == pytest.approx(100 * 6 / 31)
    monkeypatch.setenv("CHUANGCHENG_MIN_COVERAGE", "15")
    database = Database(fixture_db[0].manifest, fixture_db[1])
    ranking = database.query("scope_ranking", level="district", parent="980100", year=2020).set_index("region_code")
    assert ranking["rank"].to_dict() == {"980101": 1, "980102": 2, "980103": pd.NA, "980104": pd.NA} or (
        ranking.loc[["980101", "980102"], "rank"].tolist() == [1, 2]
        and ranking.loc[["980103", "980104"], "rank"].isna().all()
    )


def test_an_aspect_with_no_values_that_year_is_left_out_not_zero(fixture_db):
    rows = fixture_db[0].query("region_aspects", region="980101", year=2019)
    assert rows["aspect"].tolist() == ["A11"]
    assert rows["score_rate"].tolist() == [50.0]  # air full, sewage low


def test_unmet_standards_are_ordered_by_the_points_they_cost(fixture_db):
    view = region.region(fixture_db[0], Params(region="980101", year=2020))
    unmet = view.unmet
    # A03: 2 scored (one low) -> 50/aspects; A09: 2 scored (all full); A11: 1 (full); A12: survey partial+uncertain
    aspects = 4
    assert unmet[["indicator", "verdict", "status_text"]].values.tolist() == [
        ["volunteer_active_ratio", "low", "below the standard"],
        [
            "campaign_satisfaction_rate",
            "uncertain_below",
            "meets the partial standard; uncertain whether it meets the full one",
        ],
    ]
    assert unmet["cost"].tolist() == pytest.approx([100 * 1 / 2 / aspects, 100 * 0.5 / 1 / aspects])


def test_bulletin_cli_byte_for_byte(fixture_db, tmp_path):
    _, _, data = fixture_db
    out = tmp_path / "bulletin.csv"
    assert (
        main(
            [
                "scorecard",
                "--data",
                str(data),
                "--snapshot",
                "edge",
                "--year",
                "2020",
                "--level",
                "aspect",
                "--lang",
                "en",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert out.read_bytes().decode("utf-8-sig") == (
        "region_code,region_name,year,aspect,aspect_name,score_rate,coverage,rank\r\n"
        "980101,District A,2020,A03,Civic morality and volunteering,50,,\r\n"
        "980101,District A,2020,A09,Comfortable and convenient living,100,,\r\n"
        "980101,District A,2020,A11,Sustainable ecological environment,100,,\r\n"
        "980101,District A,2020,A12,Lasting campaign mechanism,50,,\r\n"
        "980101,District A,2020,overall,Overall,75,19,1\r\n"
        "980102,District B,2020,A03,Civic morality and volunteering,75,,\r\n"
        "980102,District B,2020,A09,Comfortable and convenient living,25,,\r\n"
        "980102,District B,2020,A11,Sustainable ecological environment,0,,\r\n"
        "980102,District B,2020,A12,Lasting campaign mechanism,100,,\r\n"
        "980102,District B,2020,overall,Overall,50,19,2\r\n"
        "980104,District D,2020,A03,Civic morality and volunteering,100,,\r\n"
        "980104,District D,2020,A09,Comfortable and convenient living,0,,\r\n"
        "980104,District D,2020,overall,Overall,50,6,3\r\n"
        "980103,District C,2020,A03,Civic morality and volunteering,0,,\r\n"
        "980103,District C,2020,A09,Comfortable and convenient living,50,,\r\n"
        "980103,District C,2020,A11,Sustainable ecological environment,50,,\r\n"
        "980103,District C,2020,overall,Overall,33.3,13,4\r\n"
    )


def test_bulletin_at_indicator_level_in_chinese(fixture_db, tmp_path):
    _, _, data = fixture_db
    out = tmp_path / "bulletin.csv"
    assert (
        main(
            [
                "scorecard",
                "--data",
                str(data),
                "--snapshot",
                "edge",
                "--year",
                "2020",
                "--level",
                "indicator",
                "--lang",
                "zh",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    lines = out.read_bytes().decode("utf-8-sig").split("\r\n")
    assert (
        lines[0] == "地区代码,地区名称,年份,指标代码,指标名称,数值,标准类型,达标值,基本达标值,判定,达标情况,得分,差距"
    )  # in INDICATOR_COLUMNS' order
    assert "980102,乙区,2020,gdp_growth,地区生产总值增长率,8,city_average,8.1,7.9,partial,基本达标,0.5,0.1" in lines
    assert (
        "980101,甲区,2020,campaign_satisfaction_rate,群众对创建工作的满意率,79,min,80,75,uncertain_below,达到基本标准；是否达到完全标准尚不确定,0.5,1"
        in lines
    )


def test_bulletin_of_a_year_without_scores_says_so(fixture_db, capsys):
    assert main(["scorecard", "--data", str(fixture_db[2]), "--snapshot", "edge", "--year", "1999"]) == 1
    assert "not in snapshot edge: year 1999" in capsys.readouterr().err


def test_exactly_min_peers_with_a_value_are_enough_and_one_fewer_is_not(fixture_db, expected):
    """Issue 26: the city_average minimum at its boundary; `peers <= min_peers` passed every other test."""
    frame = sql_attainment(fixture_db[0]).set_index(["region_code", "indicator"])
    three = frame.loc[[("980301", "gdp_growth"), ("980302", "gdp_growth"), ("980303", "gdp_growth")]]
    assert three["peers"].tolist() == [3, 3, 3] and three["attainment"].tolist() == ["partial"] * 3
    assert three["peer_mean"].tolist() == [100.0] * 3 and three["gap"].tolist() == [0.0, 1.0, 2.0]
    assert frame.loc[("980304", "gdp_growth"), "verdict"] == "too_few_peers"  # a town is no district's peer
    two = frame.loc[[("980401", "gdp_growth"), ("980402", "gdp_growth")]]
    assert two["verdict"].tolist() == ["too_few_peers"] * 2 and two["credit"].isna().all()
    reference_credit = expected.set_index(["region_code", "indicator"])["credit"]
    assert reference_credit.loc[[("980301", "gdp_growth"), ("980303", "gdp_growth")]].tolist() == [0.5, 0.5]


def test_a_region_exactly_at_the_coverage_setting_is_ranked(fixture_db, monkeypatch):
    """Issue 26: coverage equal to min_coverage reaches it (`>=`); `>` left such a region unranked unnoticed."""
    coverage_of_a = 100 * 6 / 31  # District A: 6 of the catalog's 31 scored indicators in 2020
    monkeypatch.setenv("CHUANGCHENG_MIN_COVERAGE", repr(coverage_of_a))
    database = Database(fixture_db[0].manifest, fixture_db[1])
    try:
        ranking = database.query("scope_ranking", level="district", parent="980100", year=2020).set_index("region_code")
    finally:
        database.close()
    assert ranking.loc["980101", "coverage"] == coverage_of_a
    wanted = reference.scores(
        reference.attainment(
            reference.indicator_values(fixture_db[0].manifest.path, fixture_db[1]),
            fixture_db[1],
            pd.read_csv(io.StringIO(REGIONS), dtype=str, keep_default_na=False).set_index("code"),
        ),
        len(fixture_db[1].scored),
        min_coverage=coverage_of_a,
    )
    wanted = wanted[(wanted["parent"] == "980100") & (wanted["year"] == 2020)].set_index("region_code")
    assert ranking["ranked"].to_dict() == wanted["ranked"].to_dict()
    assert bool(ranking.loc["980101", "ranked"]) and ranking.loc["980101", "rank"] == 1
    assert not ranking.loc[["980103", "980104"], "ranked"].any()


def test_the_period_before_is_the_year_before_on_every_page(fixture_db):
    """#24: the district page took its change on the last year scored (2017, skipping an unscored 2018) where the
    overview, the bulletin and the API took it on the year before; a region missing a year showed two changes."""
    from chuangcheng.model.params import Params
    from chuangcheng.views import bulletin, overview, region

    database, shipped, _ = fixture_db
    scores = database.query("region_scores", region="980101").set_index("year")
    assert list(scores.index) == [2017, 2019, 2020]
    assert pd.isna(scores.at[2019, "score_change"]) and pd.isna(scores.at[2019, "rank_change"])
    assert scores.at[2020, "score_change"] == pytest.approx(
        scores.at[2020, "score_rate"] - scores.at[2019, "score_rate"]
    )
    page = region.region(database, Params(lang="en", region="980101", year=2019))
    assert page.score.change_text is None
    assert page.score.change_note == "No score in 2018 to compare with (the last before is 2017): no change is shown."
    ranked = overview.overview(
        database, Params(lang="en", level="district", parent="980100", year=2019)
    ).ranking.set_index("region_code")
    assert pd.isna(ranked.at["980101", "score_change"])
    table = bulletin.bulletin(
        database, Params(lang="en", level="district", parent="980100", year=2019), "summary"
    ).table
    assert pd.isna(table.set_index("region_code").at["980101", "score_change"])
    later = region.region(database, Params(lang="en", region="980101", year=2020)).score
    assert later.score_change == ranked_change(database, 2020) and later.change_note == ""


def ranked_change(database, year):
    from chuangcheng.model.params import Params
    from chuangcheng.views import overview

    ranked = overview.overview(database, Params(lang="en", level="district", parent="980100", year=year)).ranking
    return ranked.set_index("region_code").at["980101", "score_change"]
