"""Issue 9, end to end with a steward's messy tables (tests/fixtures/steward, written for these tests): a
30-row capitals panel with English names, suffixes, a typo, a trailing space, a code that lost a digit,
blanks and an outlier 100 times its neighbours, and a bureau's wide GDP sheet in 万元 with Chinese names.
Problems come grouped with suggestions a person recognises; one regions file and one mapping fix them;
the dry run writes nothing; the published snapshot holds its own regions; data/catalog never changes."""

import shutil

import pandas as pd
import pytest

from chuangcheng import ROOT, ingest
from chuangcheng.cli import main
from chuangcheng.ingest import report
from chuangcheng.ingest.match import RegionMatcher
from chuangcheng.model import catalog
from chuangcheng.model import regions as regions_module
from chuangcheng.model.params import Params
from chuangcheng.store import snapshots
from chuangcheng.store.db import Database
from chuangcheng.views import data as data_view
from chuangcheng.views import overview
from conftest import data_digest

FIXTURES = ROOT / "tests" / "fixtures" / "steward"
NO_CLOSE = "no region is close: add it with a regions file, or an alias in the mapping"
MAP_OR_IGNORE = "map it under [indicators], or list it under ignore"
HEADERS = [
    "capitals.csv, GDP per capita (yuan): unknown indicator “GDP per capita (yuan)” in the header — row 1; "
    f"closest: gdp_per_capita, gdp, volunteer_hours_per_volunteer; {MAP_OR_IGNORE}",
    "capitals.csv, Green coverage (%): unknown indicator “Green coverage (%)” in the header — row 1; "
    f"closest: built_up_green_coverage, legal_education_coverage, parent_school_coverage; {MAP_OR_IGNORE}",
]  # Remarks and 备注 are read as notes of their rows' values


@pytest.fixture
def steward(tmp_path):
    """A data folder with the shipped catalog, and the steward's files beside it."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "catalog", data / "catalog")
    files = tmp_path / "in"
    shutil.copytree(FIXTURES, files)
    return data, files


def request(files, **options) -> ingest.Request:
    return ingest.Request(
        files=[files / "capitals.csv", files / "gdp_wan.csv"],
        snapshot="capitals-2017",
        title="Six capitals",
        dataset="capitals",
        **options,
    )


def checked(data, files, **options) -> ingest.Result:
    return ingest.ingest(request(files, **options), data, publish=False)


def test_before_the_mapping_every_problem_is_one_line_with_its_rows(steward):
    """The six capitals are all in the national list (#23): Xian City, Chongqing Municipality, 重庆, 兰州 … match without a
    regions file, and what is left is the two typos and the lost digit, with suggestions, never a fuzzy match."""
    data, files = steward
    result = checked(data, files)
    assert (
        report.summary(result.problems, result.warnings, 2, result.rows_read, "en")
        == "2 files, 42 rows read: 5 problems in 4 groups (region 3, indicator 2); 0 warnings."
    )
    assert report.text(result.problems, "en").splitlines() == HEADERS + [
        "capitals.csv, City: unknown region “61010” — row 6; did you mean 610100 西安市 Xi'an?",
        "capitals.csv, City: unknown region “Lanzou” — 2 rows (23–24); did you mean 620100 兰州市 Lanzhou?",
    ]  # a bad row of a wide file is one problem, not one per column


def test_with_the_regions_file_only_typos_and_the_lost_digit_remain_with_suggestions(steward):
    data, files = steward
    result = checked(data, files, regions=files / "regions.csv")
    assert report.text(result.problems, "en").splitlines() == HEADERS + [
        "capitals.csv, City: unknown region “61010” — row 6; did you mean 610100 西安市 Xi'an?",
        "capitals.csv, City: unknown region “Lanzou” — 2 rows (23–24); did you mean 620100 兰州市 Lanzhou?",
    ]  # a steward's own regions file still lays its names over the list's


def test_the_grouped_table_in_chinese_and_as_the_page_shows_it(steward):
    data, files = steward
    result = ingest.ingest(request(files, regions=files / "regions.csv", lang="zh"), data, publish=False)
    assert (
        report.summary(result.problems, result.warnings, 2, result.rows_read, "zh")
        == "读取 2 个文件、42 行：5 个问题，归为 4 组（地区 3，指标 2）；0 个警告。"
    )
    assert "capitals.csv，City：未知地区“Lanzou”——2 行（第 23–24 行）；是否指 620100 兰州市 Lanzhou？" in report.text(
        result.problems, "zh"
    )
    table = report.frame(checked(data, files, regions=files / "regions.csv").problems, "en")
    assert list(table.columns) == ["File", "Column", "Problem", "Rows", "First rows", "Suggestion"]
    lanzou = table[table["Problem"] == "unknown region “Lanzou”"].iloc[0]
    assert (lanzou["Rows"], lanzou["First rows"], lanzou["Suggestion"]) == (
        2,
        "23–24",
        "did you mean 620100 兰州市 Lanzhou?",
    )


def test_the_mapping_fixes_them_the_dry_run_writes_nothing_and_publishing_keeps_the_catalog(steward, capsys):
    data, files = steward
    catalog_before = data_digest(data / "catalog")
    arguments = [
        "ingest",
        str(files / "capitals.csv"),
        str(files / "gdp_wan.csv"),
        "--snapshot",
        "capitals-2017",
        "--dataset",
        "capitals",
        "--data",
        str(data),
        "--mapping",
        str(files / "capitals.toml"),
        "--regions",
        str(files / "regions.csv"),
    ]
    assert main(arguments + ["--check"]) == 0
    out = capsys.readouterr()
    assert out.err.splitlines()[:3] == ["2 files, 42 rows read: 0 problems in 0 groups; 1 warnings.", "", "Warning:"]
    assert out.err.splitlines()[3] == (
        "capitals.csv: 747,000 for 510100 gdp_per_capita 2015 is 3 or more times, or 1/3 or less of, "
        "its neighbouring years (69,300; 80,100): a unit slip? — row 19"
    )
    assert out.out.splitlines() == [
        "Would publish snapshot capitals-2017 (dataset capitals): 70 values and 0 survey answers of 6 regions, 3 indicators, "
        "years 2013–2017; 5 regions of its own.",
        "Dry run: nothing written. 70 values and 0 survey answers would be published.",
    ]
    assert not (data / "snapshots").exists() or not any((data / "snapshots").iterdir())
    assert main(arguments) == 0
    capsys.readouterr()
    assert data_digest(data / "catalog") == catalog_before
    manifest = snapshots.find(data, "capitals-2017")
    own = regions_module.read(manifest.file("regions.parquet"))
    # the regions file's five cities as it gives them (no province: compared with each other), no row of the national list
    assert own["code"].tolist() == ["500000", "510100", "530100", "610100", "620100"] and set(own["level"]) == {"city"}
    values = pd.read_parquet(manifest.file("observations.parquet")).set_index(["region_code", "indicator", "year"])[
        "value"
    ]
    assert values["610100", "gdp", 2015] == pytest.approx(5801.0)  # 58,010,000 万元 = 5,801 亿元
    assert values["610100", "gdp_per_capita", 2017] == 76700  # the row that named the city 61010
    assert values["620100", "gdp_per_capita", 2014] == 55600  # a row that wrote Lanzou
    assert ("230100", "gdp_per_capita", 2016) not in values.index  # n/a: no figure, no problem
    assert ("530100", "built_up_green_coverage", 2014) not in values.index  # a blank cell
    stored = pd.read_parquet(manifest.file("observations.parquet"))
    assert set(stored["source"]) == {"City statistical yearbooks 2014-2018"} and set(stored["status"]) == {"reported"}


def test_the_published_capitals_open_on_the_overview_and_export(steward):
    data, files = steward
    result = ingest.ingest(request(files, regions=files / "regions.csv", mapping=files / "capitals.toml"), data)
    assert result.ok
    database = Database(result.manifest, catalog.load(data))
    view = overview.overview(database, Params(lang="zh"))
    assert set(view.ranking["region_code"]) <= {"500000", "510100", "530100", "610100", "620100", "230100"}
    rows = data_view.data_rows(database, Params(regions=("620100",), indicators=("gdp_per_capita",))).rows
    assert rows["value"].tolist() == [51300.0, 55600.0, 59900.0, 64200.0, 68500.0]
    database.close()


REVISED = "region_code,year,indicator,value\n成都市,2015,gdp_per_capita,74700\nChengdu,2018,gdp_per_capita,90000\n"


def test_an_update_over_a_base_lists_what_it_changes_and_needs_replace(steward, capsys):
    data, files = steward
    assert ingest.ingest(request(files, regions=files / "regions.csv", mapping=files / "capitals.toml"), data).ok
    revised = files / "revised.csv"
    revised.write_text(REVISED, encoding="utf-8")
    arguments = [
        "ingest",
        str(revised),
        "--snapshot",
        "capitals-2018",
        "--base",
        "capitals-2017",
        "--data",
        str(data),
        "--regions",
        str(files / "regions.csv"),
    ]  # the same regions file again: no duplicate-key problem
    assert main(arguments) == 1
    err = capsys.readouterr().err
    assert "revised.csv, 510100 / 2015 / gdp_per_capita: changes capitals-2017's value 747,000 to 74,700 — row 2" in err
    assert (
        "revised.csv: changes values of the base snapshot capitals-2017 — row 2; the old and new values are listed with the "
        "warnings; add --replace"
    ) in err
    assert "Traceback" not in err and not (data / "snapshots" / "capitals-2018").exists()
    assert main(arguments + ["--replace"]) == 0
    assert "changes capitals-2017's value 747,000 to 74,700" in capsys.readouterr().err
    manifest = snapshots.find(data, "capitals-2018")
    assert manifest.dataset == "capitals"
    values = pd.read_parquet(manifest.file("observations.parquet")).set_index(["region_code", "indicator", "year"])[
        "value"
    ]
    assert values["510100", "gdp_per_capita", 2015] == 74700 and values["510100", "gdp_per_capita", 2018] == 90000
    assert len(values) == 71  # the base's 70, one changed, one added
    assert regions_module.read(manifest.file("regions.parquet"))["code"].tolist() == [
        "500000",
        "510100",
        "530100",
        "610100",
        "620100",
    ]


def test_the_base_snapshot_regions_carry_over_without_a_regions_file(steward):
    data, files = steward
    assert ingest.ingest(request(files, regions=files / "regions.csv", mapping=files / "capitals.toml"), data).ok
    revised = files / "revised.csv"
    revised.write_text("region_code,year,indicator,value\nKunming City,2018,gdp_per_capita,80000\n", encoding="utf-8")
    result = ingest.ingest(ingest.Request(files=[revised], snapshot="capitals-2018", base="capitals-2017"), data)
    assert result.ok, report.text(result.problems, "en")
    assert len(regions_module.read(result.manifest.file("regions.parquet"))) == 5


BAD_MAPPING = """ignore = "Remarks"
colums = {}

[columns]
region = "City"
year = "Year"
district = "Town"

[indicators]
"GDP per capita (yuan)" = "gdp_per_capita"
"Green coverage (%)" = ""
"地区生产总值（万元）" = "gpd"

[units]
gdp_per_capita = "dollars"

[filter]
years = [2017, 2013]
region = ["Xi'an"]

[defaults]
status = "guessed"
"""


def test_a_bad_mapping_is_named_key_by_key_never_a_traceback(steward, capsys):
    data, files = steward
    bad = files / "bad.toml"
    bad.write_text(BAD_MAPPING, encoding="utf-8")
    assert (
        main(["ingest", str(files / "capitals.csv"), "--snapshot", "x", "--data", str(data), "--mapping", str(bad)])
        == 1
    )
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for line in [
        "bad.toml, colums: unknown key — closest: columns",
        "bad.toml, columns.district: unknown key — use one of: region, year, period, indicator, value, unit, qualifier, status, source, parent, note",
        "bad.toml, filter.region: unknown key — closest: regions",
        "bad.toml, ignore: must be a list of texts",
        "bad.toml, filter.years: must be two years, first and last, e.g. [2008, 2017]",
        "bad.toml, indicators.Green coverage (%): the target is empty: give an indicator code of the catalog — "
        "closest: built_up_green_coverage, legal_education_coverage, parent_school_coverage",
        "bad.toml, indicators.地区生产总值（万元）: “gpd” is not an indicator code of the catalog — closest: gdp",
        "bad.toml, units.gdp_per_capita: unit “dollars” does not convert to the catalog's yuan — closest: 元, yuan, 亿元, 100 million yuan",
        "bad.toml, defaults.status: “guessed” is not one of reported, estimated, synthetic",
    ]:
        assert line in err, line
    assert err.splitlines()[0].startswith("1 files, 30 rows read:") and "mapping 9" in err.splitlines()[0]
    broken = files / "broken.toml"
    broken.write_text('[columns]\nregion = "City"\nyear = \n', encoding="utf-8")
    assert (
        main(["ingest", str(files / "capitals.csv"), "--snapshot", "x", "--data", str(data), "--mapping", str(broken)])
        == 1
    )
    err = capsys.readouterr().err
    assert "broken.toml: not a TOML file: Invalid value — row 3" in err and "Traceback" not in err
    assert (
        main(
            [
                "ingest",
                str(files / "capitals.csv"),
                "--snapshot",
                "x",
                "--data",
                str(data),
                "--mapping",
                str(files / "nowhere.toml"),
            ]
        )
        == 1
    )
    assert "nowhere.toml: the file does not exist" in capsys.readouterr().err


def test_a_parent_column_settles_a_name_two_regions_share(steward, tmp_path):
    data, _ = steward
    regions_file = tmp_path / "gulou.csv"
    regions_file.write_text(
        "code,parent_code,level,name_zh,name_en\n320100,,city,南京市,Nanjing\n350100,,city,福州市,Fuzhou\n"
        "320106,320100,district,鼓楼区,Gulou District\n350102,350100,district,鼓楼区,Gulou District\n",
        encoding="utf-8",
    )
    figures = tmp_path / "districts.csv"
    figures.write_text(
        "区县,所属城市,年份,建成区绿化覆盖率\n鼓楼区,南京市,2020,45.1\nGulou,福州,2020,43.2\n鼓楼区,厦门市,2020,40\n",
        encoding="utf-8",
    )

    def ask(mapping):
        return ingest.ingest(
            ingest.Request(files=[figures], snapshot="gulou", regions=regions_file, mapping=mapping),
            data,
            publish=False,
        )

    plain = tmp_path / "plain.toml"
    plain.write_text(
        'ignore = ["所属城市"]\n[columns]\nregion = "区县"\n[indicators]\n"建成区绿化覆盖率" = "built_up_green_coverage"\n',
        encoding="utf-8",
    )
    gulou = (
        "320106 鼓楼区 Gulou District (南京市 Nanjing); 320302 鼓楼区 Gulou District (江苏省 Jiangsu); "
        "350102 鼓楼区 Gulou District (福州市 Fuzhou); 410204 鼓楼区 Gulou District (河南省 Henan)"
    )
    # the national list has four; the regions file puts Nanjing and Fuzhou under no province, so they stand as their top
    settles = "a code column, a province column or an alias under [aliases] settles which"
    assert report.text(ask(plain).problems, "en").splitlines() == [
        f"districts.csv, 区县: “鼓楼区” could be more than one region — 2 rows (2, 4); it could be {gulou}: {settles}",
        f"districts.csv, 区县: “Gulou” could be more than one region — row 3; it could be {gulou}: {settles}",
    ]
    with_parent = tmp_path / "parent.toml"
    with_parent.write_text(
        '[columns]\nregion = "区县"\nparent = "所属城市"\n[indicators]\n"建成区绿化覆盖率" = "built_up_green_coverage"\n',
        encoding="utf-8",
    )
    result = ask(with_parent)
    assert report.text(result.problems, "en").splitlines() == [  # Xiamen is in the catalog, but has no 鼓楼区 of ours
        "districts.csv, 区县: no region “鼓楼区” under 350200 厦门市 Xiamen — row 4; did you mean 320106 鼓楼区 Gulou District (南京市 Nanjing); "
        "320302 鼓楼区 Gulou District (江苏省 Jiangsu); 350102 鼓楼区 Gulou District (福州市 Fuzhou)?"
    ]
    assert result.observations["region_code"].tolist() == ["320106", "350102"]


@pytest.mark.parametrize(
    "written", ["Xi'an", "Xian City ", "XIAN", "西安", "西安市", "610100", "Sian", "xi an", "Ｘｉ’ａｎ"]
)
def test_a_region_as_people_write_it(written):
    regions = regions_module.tidy(pd.read_csv(FIXTURES / "regions.csv", dtype=str, keep_default_na=False)).set_index(
        "code"
    )
    assert RegionMatcher(regions).find(written).code == "610100"


def test_a_code_that_lost_its_leading_zero_is_suggested_never_matched():
    regions = pd.DataFrame(
        {
            "parent_code": ["", ""],
            "level": ["street", "street"],
            "name_zh": ["东关街道", "西关街道"],
            "name_en": ["Dongguan Subdistrict", "Xiguan Subdistrict"],
            "aliases": ["", ""],
        },
        index=["061010", "061020"],
    )
    found = RegionMatcher(regions).find("61010")
    assert (found.code, found.problem, found.suggestions) == (None, "unknown", ("061010",))
    assert RegionMatcher(regions).describe(found.suggestions) == "061010 东关街道 Dongguan Subdistrict"


@pytest.mark.parametrize(
    "written, factor", [("100 million yuan", 1.0), ("亿元", 1.0), ("10,000 yuan", 1e-4), ("万元", 1e-4), ("元", 1e-8)]
)
def test_units_in_either_language_or_by_symbol(written, factor):
    from chuangcheng.ingest.mapping import conversion

    units = catalog.load(ROOT / "data").units
    assert conversion(written, ("亿元", "100 million yuan"), units) == pytest.approx(factor)
    assert conversion("‰", ("%", "%"), units) == pytest.approx(0.1)
