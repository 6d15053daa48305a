"""The catalog against its schema, against the reference facts, and against the shipped snapshots."""

import json
import shutil

import pandas as pd
import pytest

from chuangcheng import ROOT, settings
from chuangcheng.model import catalog
from chuangcheng.store import snapshots
from chuangcheng.errors import CatalogError

REFERENCE_INDICATORS = 41  # rows of the evaluation system's reference list
SNAPSHOTS = [m.id for m in snapshots.list_all(settings.data_dir())]


def test_shipped_catalog_passes_its_schema(shipped_catalog):
    assert len(shipped_catalog.aspects) == 12
    assert shipped_catalog.indicators["kind"].isin(["statistic", "survey"]).all()


def test_catalog_holds_the_reference_indicators_and_the_reported_context_ones(shipped_catalog):
    context = {
        "community_health_stations",
        "old_courtyards_renovated",
        "road_surface_repairs",
        "subdistricts_and_towns",
        "household_survey_share_of_city",
    }
    assert len(shipped_catalog.indicators) == REFERENCE_INDICATORS + len(context)
    assert (shipped_catalog.indicators.loc[sorted(context), "standard"] == "none").all()


@pytest.mark.parametrize("field", ["name", "unit", "definition", "evidence"])
def test_every_indicator_speaks_both_languages(shipped_catalog, field):
    for lang in ("en", "zh"):
        assert shipped_catalog.indicators[f"{field}_{lang}"].str.strip().ne("").all()


def test_every_survey_indicator_has_a_scale_with_positive_and_invalid_codes_named(shipped_catalog):
    surveys = shipped_catalog.indicators[shipped_catalog.indicators["kind"] == "survey"]
    assert len(surveys) == 9
    scales = shipped_catalog.scales.reset_index()
    satisfaction = scales[scales["scale"] == "satisfaction"].set_index("answer")
    assert list(satisfaction.index[satisfaction["positive"]]) == [1, 2]
    assert list(satisfaction.index[~satisfaction["valid"]]) == [9]


def broken_catalog(tmp_path):
    folder = tmp_path / "catalog"
    shutil.copytree(ROOT / "data" / "catalog", folder)
    toml = (folder / "indicators.toml").read_text(encoding="utf-8")
    toml = toml.replace('code = "gdp_growth"\naspect = "A09"', 'code = "gdp_growth"\naspect = "A99"', 1)
    toml = toml.replace('standard = "min"\nfull = 80\npartial = 75', 'standard = "min"\nfull = 80\npartial = 85', 1)
    toml = toml.replace('scale = "safety"', 'scale = "fear"', 1)
    toml = toml.replace(
        'decimals = 2\nlowest = 0\ncity_aggregate = "weighted"\nweight = "gdp"',
        'decimals = 9\nlowest = 0\ncity_aggregate = "weighted"\nweight = "gdp"',
        1,
    )
    toml = toml.replace(
        'city_aggregate = "weighted"\nweight = "gdp"\nweight_zh = "地区生产总值"',
        'city_aggregate = "weighted"\nweight = "gdp_typo"\nweight_zh = "地区生产总值"',
        1,
    )
    toml = toml.replace(
        'city_aggregate = "sum"\ndefinition_zh = "辖区内',
        'city_aggregate = "sum"\nweight = "gdp"\ndefinition_zh = "辖区内',
        1,
    )
    toml = toml.replace('grains = ["year", "month"]\nsub_year = "period"', 'grains = ["year", "month"]', 1)
    toml = toml.replace(
        'code = "energy_per_unit_gdp"', 'code = "energy_per_unit_gdp"\ngrains = ["year", "fortnight"]', 1
    )
    toml = toml.replace('grains = ["year", "month"]\nsub_year = "cumulative"', 'sub_year = "cumulative"', 1)
    (folder / "indicators.toml").write_text(toml, encoding="utf-8")
    regions = (folder / "regions.csv").read_text(encoding="utf-8")
    (folder / "regions.csv").write_text(
        regions + "99 011,990100,district,坏码区,Bad Code\n990199,990177,town,孤儿区,Orphan\n", encoding="utf-8"
    )
    return tmp_path


def test_a_broken_catalog_reports_every_problem_at_once(tmp_path):
    with pytest.raises(CatalogError) as caught:
        catalog.load(broken_catalog(tmp_path))
    found = {(p.file, p.column, p.message) for p in caught.value.problems}
    assert found == {
        ("indicators.toml", "aspect", "unknown aspect 'A99'"),
        ("indicators.toml", "partial", "a min standard's partial threshold must be below full"),
        ("indicators.toml", "scale", "unknown scale 'fear'"),
        ("indicators.toml", "decimals", "must be 0 to 4"),
        ("indicators.toml", "weight", "'gdp_typo' is not another indicator of the catalog"),
        ("indicators.toml", "weight", "only a weighted aggregate takes a weight, not 'sum'"),
        ("indicators.toml", "sub_year", "a sub-year grain needs sub_year = period or cumulative"),
        ("indicators.toml", "sub_year", "only an indicator with a grain finer than a year takes sub_year"),
        ("indicators.toml", "grains", "each of year, half, quarter, month, week, once"),
        ("regions.csv", "code", "a code is 1 to 32 letters or digits, no spaces"),
        ("regions.csv", "level", "must be one of province, city, district, street (or 省, 市, 区, 县, 街道, 乡镇)"),
        ("regions.csv", "parent_code", "unknown parent region '990177'"),
    }


def test_problems_name_their_row(tmp_path):
    with pytest.raises(CatalogError) as caught:
        catalog.load(broken_catalog(tmp_path))
    rows = {(p.file, p.column): p.row for p in caught.value.problems}
    assert rows[("indicators.toml", "aspect")] == 15  # gdp_growth is the 15th [[indicator]]
    assert rows[("regions.csv", "code")] == 26  # the header is row 1


def test_region_codes_of_any_length_and_street_level_are_accepted(tmp_path):
    """Issue 9: nothing assumes 6-digit codes or three levels: a street (街道) with a 9-digit code is a region."""
    import shutil

    from chuangcheng import ROOT

    folder = tmp_path / "catalog"
    shutil.copytree(ROOT / "data" / "catalog", folder)
    regions = (folder / "regions.csv").read_text(encoding="utf-8")
    (folder / "regions.csv").write_text(
        regions + "990102001,990102,street,云街道,Yunjie Street,Yunjie;云街\n", encoding="utf-8"
    )
    loaded = catalog.load(tmp_path)
    assert loaded.regions.at["990102001", "level"] == "street"
    assert loaded.regions.at["990102001", "aliases"] == "Yunjie;云街"


def test_an_indicator_record_with_a_wrong_type_or_missing_field_is_named(tmp_path):
    shutil.copytree(ROOT / "data" / "catalog", tmp_path / "catalog")
    path = tmp_path / "catalog" / "indicators.toml"
    text = path.read_text(encoding="utf-8").replace(
        'decimals = 0\nlowest = 0\ncity_aggregate = "mean"\ndefinition_zh = "区党委',
        'decimals = "zero"\nlowest = 0\ncity_aggregate = "mean"\ndefinition_zh = "区党委',
        1,
    )
    text = text.replace('evidence_en = "context indicator"\n', "", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        catalog.load(tmp_path)
    assert {(p.row, p.column, p.message) for p in caught.value.problems} == {
        (1, "decimals", "must be int"),
        (14, "evidence_en", "missing"),
    }


@pytest.mark.parametrize("snapshot_id", SNAPSHOTS)
def test_every_region_and_indicator_in_a_shipped_snapshot_is_in_the_catalog(shipped_catalog, snapshot_id):
    folder = snapshots.find(settings.data_dir(), snapshot_id).path
    observations = pd.read_parquet(folder / "observations.parquet")
    survey = pd.read_parquet(folder / "survey.parquet")
    regions = set(observations["region_code"]) | set(survey["region_code"])
    indicators = set(observations["indicator"]) | set(survey["question"])
    assert regions <= set(shipped_catalog.regions.index)
    assert indicators <= set(shipped_catalog.indicators.index)
    assert set(survey["question"]) <= set(
        shipped_catalog.indicators.index[shipped_catalog.indicators["kind"] == "survey"]
    )


def test_reported_regions_carry_their_real_codes_and_parents(shipped_catalog):
    regions = shipped_catalog.regions
    assert regions.loc["650203", ["parent_code", "name_zh"]].tolist() == ["650200", "克拉玛依区"]
    assert regions.loc["350206", ["parent_code", "name_zh"]].tolist() == ["350200", "湖里区"]
    assert regions.loc["230110", ["parent_code", "name_zh"]].tolist() == ["230100", "香坊区"]


def copied_catalog(tmp_path):
    folder = tmp_path / "catalog"
    shutil.copytree(ROOT / "data" / "catalog", folder, ignore=shutil.ignore_patterns(".*"))
    return folder


@pytest.fixture
def fresh_process(monkeypatch):
    """As in a new process: no catalog checked clean in this one (what is remembered on disk then counts)."""
    monkeypatch.setattr(catalog, "_clean_contents", set())


def test_a_catalog_that_passed_is_not_checked_again_until_a_file_changes(tmp_path, monkeypatch, fresh_process):
    """The cross-checks run once per state of the files (a national regions list is thousands of rows,
    checked at every start); any change to a file, however small, is checked again."""
    folder = copied_catalog(tmp_path)
    checks = []
    original = catalog.check
    monkeypatch.setattr(catalog, "check", lambda tables, where: checks.append(where) or original(tables, where))
    catalog.load(tmp_path)
    catalog.load(tmp_path)
    assert len(checks) == 1 and (folder / catalog.CHECKED_FILE).is_file()
    text = (folder / "regions.csv").read_text(encoding="utf-8")
    (folder / "regions.csv").write_text(text + "990199,990100,district,=新区,New\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        catalog.load(tmp_path)
    assert [(p.file, p.column) for p in caught.value.problems] == [("regions.csv", "name_zh")]
    assert len(checks) == 2


def test_a_remembered_check_by_other_rules_or_of_another_folder_is_not_trusted(tmp_path, monkeypatch, fresh_process):
    folder = copied_catalog(tmp_path)
    catalog.load(tmp_path)
    stamp = json.loads((folder / catalog.CHECKED_FILE).read_text())
    checks = []
    original = catalog.check
    monkeypatch.setattr(catalog, "check", lambda tables, where: checks.append(where) or original(tables, where))
    for changed in ({**stamp, "rules": "0" * 64}, {**stamp, "folder": "/elsewhere"}, "not json"):
        (folder / catalog.CHECKED_FILE).write_text(changed if isinstance(changed, str) else json.dumps(changed))
        monkeypatch.setattr(catalog, "_clean_contents", set())  # each load as a new process's
        catalog.load(tmp_path)
    assert len(checks) == 3


def test_a_read_only_catalog_folder_loads_and_is_checked_once_a_process(
    tmp_path, monkeypatch, read_only, fresh_process
):
    """Nothing can be remembered on a read-only mount: the check runs in every process, once (by the bytes)."""
    folder = copied_catalog(tmp_path)
    read_only(folder)
    checks = []
    original = catalog.check
    monkeypatch.setattr(catalog, "check", lambda tables, where: checks.append(where) or original(tables, where))
    assert len(catalog.load(tmp_path).regions) == len(catalog.load(ROOT / "data").regions)
    catalog.load(tmp_path)
    assert len(checks) == 1 and sorted(p.name for p in folder.iterdir() if p.is_file()) == sorted(
        (*catalog.CATALOG_FILES, *catalog.OPTIONAL_FILES)
    )
    monkeypatch.setattr(catalog, "_clean_contents", set())  # a new process
    catalog.load(tmp_path)
    assert len(checks) == 2


def test_a_copy_of_a_clean_catalog_is_known_by_its_bytes_and_one_changed_byte_is_checked(tmp_path, monkeypatch):
    catalog.load(ROOT / "data")
    checks = []
    original = catalog.check
    monkeypatch.setattr(catalog, "check", lambda tables, where: checks.append(where) or original(tables, where))
    copied_catalog(tmp_path / "a")
    catalog.load(tmp_path / "a")
    assert checks == []
    folder = copied_catalog(tmp_path / "b")
    text = (folder / "units.csv").read_text(encoding="utf-8")
    (folder / "units.csv").write_text(text.replace("10000", "1000", 1), encoding="utf-8")
    catalog.load(tmp_path / "b")
    assert len(checks) == 1


def test_inspection_terms_name_point_types_categories_and_standards_in_both_languages(tmp_path):
    """#25: what sheets write (点位类型, 问题类别, 测评内容) reads in English where the catalog names it, as written
    elsewhere; a wrong kind, an unknown aspect or a standard applying to no point type of the file is a problem."""
    shipped = catalog.load(ROOT / "data")
    assert shipped.term("point_type", "农贸市场", "en") == "Farmers' market"
    assert (
        shipped.term("category", "环境卫生", "en") == "Sanitation"
        and shipped.term("category", "环境卫生", "zh") == "环境卫生"
    )
    assert shipped.term("standard", "某街道自定标准", "en") == "某街道自定标准"  # an office's own, as written
    assert shipped.inspection_terms.at[("standard", "路灯完好"), "applies_to"] == "背街小巷"
    folder = copied_catalog(tmp_path)
    with open(folder / "inspection_terms.csv", "a", encoding="utf-8") as terms:
        terms.write("place,公厕,Toilet,,\nstandard,井盖完好,Manhole covers in place,A99,背街小巷、停车场\n")
    with pytest.raises(CatalogError) as raised:
        catalog.load(tmp_path)
    said = {(p.file, p.column) for p in raised.value.problems}
    assert said == {
        ("inspection_terms.csv", "kind"),
        ("inspection_terms.csv", "aspect"),
        ("inspection_terms.csv", "applies_to"),
    }
