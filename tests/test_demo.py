"""The demo and reported snapshots: rebuilt byte for byte, and shaped as the design promises."""

import shutil

import pandas as pd
import pytest

from chuangcheng import ROOT
from chuangcheng.datasets import demo
from chuangcheng.store import derive, snapshots
from chuangcheng.cli import main

SHIPPED = ROOT / "data" / "snapshots"


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    """Both snapshots rebuilt from the committed catalog and sources, by the CLI, into a fresh folder."""
    data = tmp_path_factory.mktemp("data")
    shutil.copytree(ROOT / "data" / "catalog", data / "catalog")
    shutil.copytree(ROOT / "data" / "sources", data / "sources")
    assert main(["demo", "--data", str(data)]) == 0
    assert main(["reported", "--data", str(data)]) == 0
    return data / "snapshots"


@pytest.mark.parametrize("snapshot_id", ["demo-v1", "reported-v1"])
@pytest.mark.parametrize(
    "name",
    ["observations.parquet", "survey.parquet", "manifest.json"]
    + [f"derived/{table}.parquet" for table in derive.TABLES],
)
def test_rebuild_gives_the_committed_bytes(rebuilt, snapshot_id, name):
    assert (rebuilt / snapshot_id / name).read_bytes() == (SHIPPED / snapshot_id / name).read_bytes()


@pytest.mark.parametrize("name", ["problems.parquet", "regions.parquet", "inspections.parquet"])
def test_rebuild_gives_the_demos_committed_ledger_and_streets(rebuilt, name):
    """#25: the demo's 2025 ledger (datasets/demo_ledger.py) and its streets are reproducible byte for byte."""
    assert (rebuilt / "demo-v1" / name).read_bytes() == (SHIPPED / "demo-v1" / name).read_bytes()


def test_the_demo_ledger_lives_as_offices_see_it(demo_db):
    """Most problems closed within their deadline, some late, a few sent back or still open at the year's end."""
    from chuangcheng.model.params import Params
    from chuangcheng.views import ledger

    rows = pd.concat(
        ledger.problems(demo_db, Params(level="street", parent=code)).rows for code in ("990102", "990103", "990110")
    )
    assert len(rows) > 400 and (rows["status"] == "verified").mean() > 0.85
    on_time = ledger.rectification(demo_db, Params(level="street", parent="990102", year=2025)).rows
    assert 60 < on_time["on_time_rate"].mean() < 95 and on_time["overdue"].sum() >= 0


def test_the_demo_inspections_pass_most_standards_and_streets_differ(demo_db):
    from chuangcheng.model.params import Params
    from chuangcheng.views import inspections

    rows = inspections.inspection_rates(demo_db, Params(level="street", parent="990102", year=2025)).rows
    assert len(rows) == 3 and (rows["checked"] > 250).all() and 70 < rows["pass_rate"].mean() < 96
    assert rows["pass_rate"].nunique() == 3 and list(rows["rank"]) == [1, 2, 3]


def test_rebuild_gives_the_committed_fictional_boundaries(rebuilt):
    """The demo's map is generated with it (issue 12): the same bytes as data/boundaries/demo.geojson."""
    assert (rebuilt.parent / "boundaries" / "demo.geojson").read_bytes() == (
        ROOT / "data" / "boundaries" / "demo.geojson"
    ).read_bytes()


def test_manifest_checksums_match_the_files():
    for manifest in snapshots.list_all(ROOT / "data"):
        for name, digest in manifest.checksums.items():
            assert snapshots.sha256(manifest.file(name)) == digest
        for name, digest in manifest.derived["files"].items():
            assert snapshots.sha256(manifest.path / "derived" / name) == digest
        assert derive.is_current(manifest, ROOT / "data"), f"run python -m chuangcheng rebuild: {manifest.id} is stale"


@pytest.fixture(scope="module")
def demo_frames():
    folder = SHIPPED / "demo-v1"
    return pd.read_parquet(folder / "observations.parquet"), pd.read_parquet(folder / "survey.parquet")


def test_demo_city_has_10_to_14_fictional_districts_under_prefix_99(demo_frames, shipped_catalog):
    observations, survey = demo_frames
    districts = set(observations["region_code"])
    assert 10 <= len(districts) <= 14
    assert all(code.startswith("99") for code in districts | set(survey["region_code"]))
    assert set(shipped_catalog.regions.loc[sorted(districts), "parent_code"]) == {demo.CITY}


def test_demo_covers_every_statistic_indicator_2013_to_2025_with_a_few_gaps(demo_frames, shipped_catalog):
    observations, _ = demo_frames
    meta = shipped_catalog.indicators
    demo_statistics = set(meta.index[(meta["kind"] == "statistic")]) - {
        "community_health_stations",
        "old_courtyards_renovated",
        "road_surface_repairs",
        "subdistricts_and_towns",
        "household_survey_share_of_city",
    }
    assert set(observations["indicator"]) == demo_statistics
    assert (observations["year"].min(), observations["year"].max()) == (2013, 2025)
    yearly = observations[observations["period"].isna()]
    complete = 12 * 13 * len(demo_statistics)
    assert 0.9 * complete < len(yearly) < complete


def test_demo_has_monthly_figures_for_the_indicators_the_catalog_publishes_monthly(demo_frames, shipped_catalog):
    """Good-air days by the month (each month its own figure) and fiscal revenue growth cumulative from January,
    published first for 1-2月 and equal in 1-12月 to the year's figure: as offices receive them."""
    observations, _ = demo_frames
    monthly = observations[observations["period"].notna()]
    assert {code for code in monthly["indicator"]} == {
        code for code in shipped_catalog.indicators.index if "month" in shipped_catalog.grains(code)
    }
    assert (monthly["period"].str[:4].astype(int) == monthly["year"]).all()
    air = monthly[monthly["indicator"] == "air_good_days_ratio"]
    assert set(air["period"].str[5:]) == {f"{m:02d}" for m in range(1, 13)}
    fiscal = monthly[monthly["indicator"] == "fiscal_revenue_growth"]
    assert "01" not in set(fiscal["period"].str[5:])
    december = fiscal[fiscal["period"].str.endswith("-12")].set_index(["region_code", "year"])["value"]
    yearly = observations[observations["period"].isna()].set_index(["region_code", "year", "indicator"])["value"]
    assert (december == yearly.xs("fiscal_revenue_growth", level="indicator").loc[december.index]).all()


def test_demo_survey_has_about_600_respondents_per_district_and_year_on_every_scale(demo_frames, shipped_catalog):
    _, survey = demo_frames
    respondents = survey.groupby(["region_code", "year"])["respondent_id"].nunique()
    assert respondents.between(570, 630).all() and len(respondents) == 12 * 13
    scales = shipped_catalog.scales.reset_index()
    for question, answers in survey.groupby("question"):
        scale = scales[scales["scale"] == shipped_catalog.indicators.at[question, "scale"]]
        assert set(answers["answer"]) == set(scale["answer"])


def test_demo_values_are_possible_and_labelled_synthetic(demo_frames, shipped_catalog):
    observations, survey = demo_frames
    meta = shipped_catalog.indicators.loc[observations["indicator"]]
    assert (observations["value"].to_numpy() >= meta["lowest"].fillna(-1e18).to_numpy()).all()
    assert (observations["value"].to_numpy() <= meta["highest"].fillna(1e18).to_numpy()).all()
    assert set(observations["status"]) == {"synthetic"} == set(survey["status"])


def test_reported_snapshot_keeps_sources_and_bounds():
    observations = pd.read_parquet(SHIPPED / "reported-v1" / "observations.parquet")
    facts = pd.read_csv(ROOT / "data" / "sources" / "seed-facts.csv", dtype=str, keep_default_na=False)
    placed = facts[(facts["kind"] == "observation") & (facts["region_code"] != "")]
    assert len(observations) == len(placed) == 16
    assert set(observations["status"]) == {"reported"}
    bound = observations[(observations["indicator"] == "birth_policy_compliance_rate")]
    assert bound[["value", "qualifier", "source"]].values.tolist() == [[99.0, ">=", "karamay-district-campaign-record"]]
    assert observations.loc[observations["indicator"] == "road_surface_repairs", "qualifier"].tolist() == [">="]
