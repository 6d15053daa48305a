"""Issue 21, units the file did not state: every value is held to what a region of its level plausibly reports
(catalog/plausible.csv, with its evidence); a column a power of ten off is named with the unit that fits."""

import shutil

import pandas as pd
import pytest

from chuangcheng import ROOT, ingest
from chuangcheng.errors import CatalogError
from chuangcheng.model import catalog

REGIONS = "code,parent_code,level,name_zh,name_en\n440000,,province,广东省,Guangdong\n440100,440000,city,广州市,Guangzhou\n440300,440000,city,深圳市,Shenzhen\n"


@pytest.fixture()
def data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "catalog", folder / "catalog")
    (tmp_path / "regions.csv").write_text(REGIONS, encoding="utf-8")
    return folder


def run(data, tmp_path, text: str, mapping: str | None = None, lang: str = "en") -> ingest.Result:
    (tmp_path / "table.csv").write_text(text, encoding="utf-8")
    if mapping is not None:
        (tmp_path / "map.toml").write_text(mapping, encoding="utf-8")
    return ingest.ingest(
        ingest.Request(
            [tmp_path / "table.csv"],
            "t-v1",
            regions=tmp_path / "regions.csv",
            lang=lang,
            mapping=tmp_path / "map.toml" if mapping is not None else None,
        ),
        data,
        publish=False,
    )


def messages(found) -> list[str]:
    return [str(p) for p in found]


BUREAU = "地区,年份,地区生产总值\n广州市,2022,288392000\n广州市,2023,301908700\n深圳市,2023,346064600\n"


def test_a_gdp_in_wan_yuan_under_a_header_without_a_unit_is_named_with_the_unit_that_fits(data, tmp_path):
    """A bureau's GDP in 万元 published Shanghai at 114,493,200 亿元 with 0 problems."""
    result = run(data, tmp_path, BUREAU)
    assert messages(result.problems) == [
        "table.csv, row 2: 3 values of gdp in this file (the first 288,392,000) are far from what any city reports in "
        "100 million yuan (10 to 100,000); in 万元 they would be 28,839.2 100 million yuan — if the file writes them in 万元, "
        'say so in the mapping: [units] gdp = "万元"'
    ]
    fixed = run(data, tmp_path, BUREAU, mapping='[units]\ngdp = "万元"\n')
    assert fixed.ok and fixed.observations.set_index(["region_code", "year"])["value"].to_dict() == {
        ("440100", 2022): 28839.2,
        ("440100", 2023): 30190.87,
        ("440300", 2023): 34606.46,
    }


def test_in_chinese_too(data, tmp_path):
    assert messages(run(data, tmp_path, BUREAU, lang="zh").problems) == [
        "table.csv, row 2: 本文件中 gdp 的 3 个数值（第一个为 288,392,000）远超出任何城市以 亿元 计的范围（10 至 100,000）；"
        '若以 万元 计，则为 28,839.2 亿元——如文件以 万元 为单位，请在映射文件中写明：[units] gdp = "万元"'
    ]


def test_one_value_outside_is_a_problem_with_the_evidence_and_the_mapping_may_widen_it(data, tmp_path):
    text = "地区,年份,人均地区生产总值\n广州市,2022,153625\n广州市,2023,1616310\n深圳市,2023,183274\n"
    result = run(data, tmp_path, text)
    assert len(result.problems) == 1 and result.problems[0].row == 3
    assert str(result.problems[0]).startswith(
        "table.csv, row 3: 1,616,310 yuan for 440100 gdp_per_capita 2023 is outside what a city plausibly reports (5,000 to 1,000,000 yuan) — "
        "In 2023 provincial GDP per person ran from 47,867 元 (Gansu) to 200,278 元 (Beijing)"
    )
    assert str(result.problems[0]).endswith(
        "If the figure is right, give the range yourself in the mapping: [plausible] gdp_per_capita = [low, high]"
    )
    widened = run(data, tmp_path, text, mapping="[plausible]\ngdp_per_capita = [5000, 2000000]\n")
    assert widened.ok and any("1,616,310" in str(w) for w in widened.warnings)  # still a jump worth a look


def test_a_threefold_jump_of_an_amount_is_a_warning_and_of_a_rate_it_takes_tenfold(data, tmp_path):
    text = "地区,年份,人均地区生产总值,地区生产总值增长率\n广州市,2021,50000,2.0\n广州市,2022,160000,6.5\n广州市,2023,50000,2.1\n"
    result = run(data, tmp_path, text)
    assert result.ok
    jumps = [str(w) for w in result.warnings if "neighbouring years" in str(w)]
    assert (
        "table.csv, row 3: 160,000 for 440100 gdp_per_capita 2022 is 3 or more times, or 1/3 or less of, its "
        "neighbouring years (50,000; 50,000): a unit slip?" in jumps
    )
    assert not any("gdp_growth" in jump for jump in jumps)  # 2.0, 6.5, 2.1: a rate moves so


def test_every_plausible_range_is_checked_against_the_catalog(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "catalog", folder / "catalog")
    with open(folder / "catalog" / "plausible.csv", "a", encoding="utf-8") as table:
        table.write(
            "nope,,1,2,证据,evidence\ngdp,county,1,2,证据,evidence\nsewage_treatment_rate,,9,3,证据,evidence\nair_good_days_ratio,,0,120,证据,evidence\n"
        )
    with pytest.raises(CatalogError) as raised:
        catalog.load(folder)
    assert [(p.row, p.column, p.message) for p in raised.value.problems if p.file == "plausible.csv"] == [
        (17, "indicator", "unknown indicator 'nope'"),
        (18, "level", "one of province, city, district, street, or empty for every level"),
        (19, "low", "low and high must be numbers, low below high"),
        (20, "low", "outside the range the indicator can possibly take"),
    ]


def test_the_shipped_data_keep_to_the_ranges():
    """The demo and the reported figures are what a steward would load: none is outside."""
    shipped = catalog.load(ROOT / "data")
    for snapshot in ("demo-v1", "reported-v1"):
        values = pd.read_parquet(ROOT / "data" / "snapshots" / snapshot / "observations.parquet")
        levels = values["region_code"].map(shipped.regions["level"]).fillna("")
        for (code, level), rows in values.assign(level=levels).groupby(["indicator", "level"]):
            bounds = shipped.plausible_range(code, level)
            assert bounds is None or rows["value"].between(bounds["low"], bounds["high"]).all(), (snapshot, code, level)
