"""The composite index (#25): the formula is data (catalog/composite.toml); each region's index is its parts weighed
as the catalog says, checked against the inspections' raw rows and the survey rates; a region missing a part has
no index; a wrong formula is named at its row."""

import shutil

import pandas as pd
import pytest

from reference import excel_round

from chuangcheng import ROOT, settings
from chuangcheng.errors import CatalogError
from chuangcheng.model import catalog as catalog_module
from chuangcheng.model.params import Params
from chuangcheng.store import snapshots
from chuangcheng.store.db import Database
from chuangcheng.views import composite

SURVEY = ["campaign_awareness_rate", "campaign_support_rate", "campaign_satisfaction_rate"]


def raw(name: str) -> pd.DataFrame:
    return pd.read_parquet(settings.data_dir() / "snapshots" / "demo-v1" / name)


def district_score_rates(year: int) -> pd.Series:
    """得分率 of each district's streets' inspections in the year, total over total, from the raw rows."""
    results, streets = raw("inspections.parquet"), raw("regions.parquet").set_index("code")
    results = results[pd.to_datetime(results["visited"]).dt.year == year]
    district = results["region_code"].map(streets["parent_code"])
    return 100 * results.groupby(district)["score"].sum() / results.groupby(district)["max_score"].sum()


def test_each_districts_index_is_its_inspections_and_survey_weighed_60_40(demo_db):
    found = composite.composite(demo_db, Params(lang="en", level="district", parent="990100", year=2025))
    assert found.formula == "Field inspections × 60% + Household survey × 40%"
    inspections = district_score_rates(2025)
    survey = (
        pd.concat(
            [
                demo_db.query("scope_indicator", level="district", parent="990100", year=2025, indicator=c)
                for c in SURVEY
            ]
        )
        .groupby("region_code")["value"]
        .mean()
    )
    rows = found.rows.set_index("region_code")
    assert len(rows) == 12
    for code, row in rows.iterrows():
        assert row["index"] == excel_round(0.6 * inspections[code] + 0.4 * survey[code], 2), code
    assert list(rows["rank"]) == list(range(1, 13))  # no ties in the demo
    parts = found.parts[found.parts["region_code"] == "990103"].set_index("part")
    assert parts.loc[1, "value"] == excel_round(inspections["990103"], 2) and parts.loc[1, "share"] == 60


@pytest.fixture()
def data_with(tmp_path):
    """A copy of the shipped data whose composite.toml is the text given."""

    def made(text: str | None):
        data = tmp_path / "data"
        shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("boundaries"), dirs_exist_ok=True)
        path = data / "catalog" / "composite.toml"
        path.unlink()
        if text is not None:
            path.write_text(text, encoding="utf-8")
        return data

    return made


JINING = """name_zh = "综合成绩"
name_en = "Overall"
[[part]]
measure = "inspection_pass_rate"
name_zh = "实地考察"
name_en = "Field"
weight = 85
[[part]]
measure = "survey"
indicators = ["campaign_satisfaction_rate"]
name_zh = "问卷"
name_en = "Survey"
weight = 15
"""


def test_another_citys_rule_is_another_file(data_with, demo_db):
    """Jining's 85 / 15 of 符合率 and one survey rate: the index follows the file, not the code."""
    data = data_with(JINING)
    database = Database(snapshots.find(data, "demo-v1"), catalog_module.load(data))
    found = composite.composite(database, Params(lang="zh", level="district", parent="990100", year=2025))
    assert found.formula == "实地考察 × 85% + 问卷 × 15%"
    results, streets = raw("inspections.parquet"), raw("regions.parquet").set_index("code")
    results = results[pd.to_datetime(results["visited"]).dt.year == 2025]
    district = results["region_code"].map(streets["parent_code"])
    passed = 100 * (results["result"] == "pass").groupby(district).mean()
    satisfied = demo_db.query(
        "scope_indicator", level="district", parent="990100", year=2025, indicator="campaign_satisfaction_rate"
    ).set_index("region_code")["value"]
    for code, row in found.rows.set_index("region_code").iterrows():
        assert row["index"] == excel_round(0.85 * passed[code] + 0.15 * satisfied[code], 2)


def test_a_region_without_a_part_has_no_index_and_says_which(demo_db):
    """In 2023 the demo has survey rates but no inspections: no index, the field part named as missing."""
    found = composite.composite(demo_db, Params(lang="zh", level="district", parent="990100", year=2023))
    assert found.rows["index"].isna().all() and found.rows["rank"].isna().all()
    assert set(found.rows["missing"]) == {"实地考察"}


def test_without_a_formula_there_is_no_index(data_with):
    data = data_with(None)
    database = Database(snapshots.find(data, "demo-v1"), catalog_module.load(data))
    assert composite.composite(database, Params(year=2025)).rows.empty


def test_a_wrong_formula_is_named_at_its_part(data_with):
    text = JINING.replace('"inspection_pass_rate"', '"inspection_vibes"').replace("weight = 15", "weight = -15")
    text = text.replace('["campaign_satisfaction_rate"]', '["gdp"]')
    with pytest.raises(CatalogError) as raised:
        catalog_module.load(data_with(text))
    said = {(p.file, p.row, p.column) for p in raised.value.problems}
    assert said == {
        ("composite.toml", 1, "measure"),
        ("composite.toml", 2, "weight"),
        ("composite.toml", 2, "indicators"),
    }
