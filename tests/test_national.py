"""The national-scale generator, on one province: the same shape as the full 31, in seconds."""

import pandas as pd
import pytest

from chuangcheng.model import catalog
from chuangcheng.datasets import national
from chuangcheng.store import snapshots
from chuangcheng.store.db import Database


@pytest.fixture(scope="module")
def one_province(tmp_path_factory):
    out = tmp_path_factory.mktemp("national")
    manifest = national.build(out, provinces=1)
    return out, manifest


def test_regions_are_fictional_and_nested(one_province):
    out, _ = one_province
    regions = catalog.load(out).regions
    generated = regions[regions.index.str.startswith("901")]
    assert set(generated["level"]) == {"province", "city", "district"}
    cities = generated[generated["level"] == "city"]
    districts = generated[generated["level"] == "district"]
    assert len(cities) == 11 and 8 * 11 <= len(districts) <= 9 * 11
    assert set(districts["parent_code"]) == set(cities.index) and set(cities["parent_code"]) == {"901000"}


def test_every_statistic_indicator_every_year_and_18_respondents(one_province):
    out, manifest = one_province
    shipped = catalog.load(out)
    observations = pd.read_parquet(manifest.file("observations.parquet"))
    survey = pd.read_parquet(manifest.file("survey.parquet"))
    statistics = set(shipped.indicators.index[shipped.indicators["kind"] == "statistic"])
    assert set(observations["indicator"]) == statistics
    assert (observations["year"].min(), observations["year"].max()) == (2005, 2025)
    assert survey.groupby(["region_code", "year"])["respondent_id"].nunique().eq(national.RESPONDENTS).all()
    assert set(survey["question"]) == set(shipped.indicators.index[shipped.indicators["kind"] == "survey"])
    meta = shipped.indicators.loc[observations["indicator"]]
    assert (observations["value"].to_numpy() >= meta["lowest"].fillna(-1e18).to_numpy()).all()
    assert (observations["value"].to_numpy() <= meta["highest"].fillna(1e18).to_numpy()).all()
    assert manifest.rows["survey.parquet"] == len(survey) and {"synthetic"} == set(observations["status"]) | set(
        survey["status"]
    )


def test_the_app_opens_it_and_ranks_its_districts(one_province):
    out, manifest = one_province
    database = Database(snapshots.find(out, manifest.id), catalog.load(out))
    ranking = database.query("scope_ranking", level="district", parent="901010", year=2025)
    assert len(ranking) >= 8 and ranking["rank"].min() == 1
    database.close()
