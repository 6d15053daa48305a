"""Ingest: every bad input named exactly with file, row and column, nothing written; conversions accepted."""

import io
import shutil

import openpyxl
import pandas as pd
import pytest

from chuangcheng import ROOT, ingest
from chuangcheng.store import snapshots
from chuangcheng.cli import main
from conftest import data_digest


@pytest.fixture()
def data(tmp_path):
    """A data folder with the shipped catalog and the reported snapshot to leave untouched."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "catalog", folder / "catalog")
    shutil.copytree(ROOT / "data" / "snapshots" / "reported-v1", folder / "snapshots" / "reported-v1")
    return folder


def write(tmp_path, name: str, content, encoding: str = "utf-8") -> object:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding=encoding)
    return path


def run(data, files, snapshot="new-v1", **options) -> ingest.Result:
    return ingest.ingest(ingest.Request(files=list(files), snapshot=snapshot, **options), data)


def problems(result) -> list[tuple]:
    return [(p.file, p.row, p.column, p.message) for p in result.problems]


HEADER = "region_code,year,indicator,value\n"
BAD = {
    "empty file": ("empty.csv", b"", [("empty.csv", None, None, "the file is empty")]),
    "header only": ("header.csv", HEADER, [("header.csv", None, None, "the file has a header but no rows")]),
    "random bytes": (
        "random.csv",
        bytes(range(256)) * 8,
        [("random.csv", None, None, "the file is not text (it holds NUL bytes)")],
    ),
    "undecodable": (
        "latin.csv",
        HEADER.encode() + b"990102,2020,gdp,1\n990102,2021,gdp,\xff\xfe\x80\x81\n",
        [("latin.csv", 3, None, "the text is neither UTF-8 nor GB18030/GBK")],
    ),
    "missing year column": (
        "noyear.csv",
        "region_code,indicator,value\n990102,gdp,1\n",
        [("noyear.csv", 1, "year", "required column is missing")],
    ),
    "missing value column": (
        "novalue.csv",
        "region_code,year,indicator\n990102,2020,gdp\n",
        [("novalue.csv", 1, "value", "required column is missing")],
    ),
    "unknown region": (
        "region.csv",
        HEADER + "990102,2020,gdp,1\nQiyung Districk,2021,gdp,2\n",
        [
            (
                "region.csv",
                3,
                "region_code",
                "unknown region “Qiyung Districk” — did you mean 990102 栖云区 Qiyun District?",
            )
        ],
    ),
    "region nothing like any": (
        "far.csv",
        HEADER + "Atlantis,2021,gdp,2\n",
        [
            (
                "far.csv",
                2,
                "region_code",
                "unknown region “Atlantis” — no region is close: add it with a regions file, "
                "or an alias in the mapping",
            )
        ],
    ),
    "unknown indicator": (
        "indicator.csv",
        HEADER + "990102,2020,gdpp,1\n",
        [("indicator.csv", 2, "indicator", "unknown indicator “gdpp” — closest: gdp, gdp_growth, gdp_per_capita")],
    ),
    "unknown wide header": (
        "wide.csv",
        "region_code,year,gdp,happiness index\n990102,2020,1,2\n",
        [
            (
                "wide.csv",
                1,
                "happiness index",
                "unknown indicator “happiness index” in the header — "
                "map it under [indicators], or list it under ignore",
            )
        ],
    ),
    "not a number": (
        "text.csv",
        HEADER + "990102,2020,gdp,abc\n",
        [("text.csv", 2, "value", "“abc” is not a number in 亿元")],
    ),
    "unknown unit": (
        "unit.csv",
        HEADER + "990102,2020,gdp,12 dollars\n",
        [("unit.csv", 2, "value", "“12 dollars” is not a number in 亿元")],
    ),
    "percentage above 100": (
        "range.csv",
        HEADER + "990102,2020,air_good_days_ratio,120\n",
        [("range.csv", 2, "value", "120 is outside what this indicator can be (0 to 100)")],
    ),
    "negative count": (
        "count.csv",
        HEADER + "990102,2020,black_odorous_water_bodies,-1\n",
        [("count.csv", 2, "value", "-1 is outside what this indicator can be (0 to ∞)")],
    ),
    "duplicate key": (
        "dup.csv",
        HEADER + "990102,2020,gdp,1\n990102,2020,gdp,2\n",
        [
            ("dup.csv", 2, "value", "990102 / 2020 / gdp appears more than once with different values"),
            ("dup.csv", 3, "value", "990102 / 2020 / gdp appears more than once with different values"),
        ],
    ),
    "year too early": (
        "early.csv",
        HEADER + "990102,1900,gdp,1\n",
        [("early.csv", 2, "year", "year “1900” is not between 1949 and 2027")],
    ),
    "year in the future": (
        "late.csv",
        HEADER + "990102,2099,gdp,1\n",
        [("late.csv", 2, "year", "year “2099” is not between 1949 and 2027")],
    ),
    "year in words": (
        "words.csv",
        HEADER + "990102,二〇二〇,gdp,1\n",
        [("words.csv", 2, "year", "year “二〇二〇” is not between 1949 and 2027")],
    ),
    "formula in a name": (
        "formula.csv",
        'region_code,region_name,year,indicator,value\n990102,=HYPERLINK("x"),2020,gdp,1\n',
        [("formula.csv", 2, "region_name", '“=HYPERLINK("x")” looks like a formula or script, not a name')],
    ),
    "script in a source": (
        "script.csv",
        HEADER.strip() + ",source\n990102,2020,gdp,1,<script>alert(1)</script>\n",
        [("script.csv", 2, "source", "“<script>alert(1)</script>” looks like a formula or script, not a name")],
    ),
    "bad qualifier": (
        "qualifier.csv",
        HEADER.strip() + ",qualifier\n990102,2020,gdp,1,~\n",
        [("qualifier.csv", 2, "qualifier", "qualifier “~” is not =, >= or <=")],
    ),
    "bad status": (
        "status.csv",
        HEADER.strip() + ",status\n990102,2020,gdp,1,guessed\n",
        [("status.csv", 2, "status", "status “guessed” is not reported, estimated or synthetic")],
    ),
    "xlsx that is not": ("fake.xlsx", HEADER, [("fake.xlsx", None, None, "cannot be read as xlsx (BadZipFile)")]),
    "parquet that is not": (
        "fake.parquet",
        HEADER,
        [("fake.parquet", None, None, "cannot be read as parquet (ArrowInvalid)")],
    ),
    "answer off the scale": (
        "survey.csv",
        "region_code,year,respondent_id,question,answer,weight\n990102,2020,1,campaign_satisfaction_rate,7,1\n",
        [
            (
                "survey.csv",
                2,
                "answer",
                "answer “7” is not on the question's scale (1, 2, 3, 4, 5, 9) — write the code or its "
                "label: 1 very satisfied, 2 fairly satisfied, 3 neutral, 4 not very satisfied, 5 very dissatisfied, 9 can't say",
            )
        ],
    ),
    "survey question that is a statistic": (
        "survey2.csv",
        "region_code,year,respondent_id,question,answer,weight\n990102,2020,1,gdp,1,1\n",
        [("survey2.csv", 2, "question", "“gdp” is not a survey question of the catalog")],
    ),
    "negative weight": (
        "survey3.csv",
        "region_code,year,respondent_id,question,answer,weight\n990102,2020,1,campaign_support_rate,1,-2\n",
        [("survey3.csv", 2, "weight", "weight “-2” is not a positive number")],
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_named_exactly_and_nothing_is_written(data, tmp_path, case):
    name, content, expected = BAD[case]
    before = data_digest(data)
    result = run(data, [write(tmp_path, name, content)])
    assert problems(result) == expected
    assert result.manifest is None and data_digest(data) == before


def test_a_file_over_the_size_limit(data, tmp_path, monkeypatch):
    monkeypatch.setenv("CHUANGCHENG_MAX_INGEST_MB", "0.001")
    result = run(data, [write(tmp_path, "big.csv", HEADER + "990102,2020,gdp,1\n" * 200)])
    assert problems(result) == [
        ("big.csv", None, None, "the file is 0.0 MB, over the limit of 0 MB (CHUANGCHENG_MAX_INGEST_MB)")
    ]


def test_every_problem_of_every_file_is_reported_at_once(data, tmp_path):
    first = write(tmp_path, "a.csv", HEADER + "990102,2020,gdpp,1\n990199,1800,gdp,x\n")
    second = write(tmp_path, "b.csv", b"")
    result = run(data, [first, second])
    assert [(p.file, p.row, p.column) for p in result.problems] == [
        ("b.csv", None, None),
        ("a.csv", 2, "indicator"),
        ("a.csv", 3, "region_code"),
        ("a.csv", 3, "year"),
        ("a.csv", 3, "value"),
    ]


def test_problems_come_in_chinese(data, tmp_path):
    result = run(data, [write(tmp_path, "x.csv", HEADER + "990102,2020,gdp,abc\n")], lang="zh")
    assert problems(result) == [("x.csv", 2, "value", "“abc”不是以亿元为单位的数值")]


@pytest.mark.parametrize(
    "snapshot, message",
    [
        ("reported-v1", "snapshot “reported-v1” exists already; snapshots are never edited, choose a new id"),
        ("Bad ID", "snapshot id “Bad ID” must be lowercase letters, digits, '.', '_' or '-'"),
    ],
)
def test_snapshot_ids_are_checked(data, tmp_path, snapshot, message):
    result = run(data, [write(tmp_path, "ok.csv", HEADER + "990102,2020,gdp,1\n")], snapshot=snapshot)
    assert problems(result) == [("--snapshot", None, None, message)]


def test_an_unknown_base_is_named(data, tmp_path):
    result = run(data, [write(tmp_path, "ok.csv", HEADER + "990102,2020,gdp,1\n")], base="nope")
    assert problems(result) == [("--base", None, None, "Snapshot nope was not found.")]


def test_a_region_spelled_three_ways_and_values_written_as_people_write_them(data, tmp_path):
    rows = (
        HEADER
        + "\n".join(
            [
                "990102,2020,gdp,145亿元",
                ' 栖云区 ,2021,gdp,"1,450.5"',
                "QIYUN DISTRICT,2022,gdp,１３２０００００万元",
                "990102,2020,air_good_days_ratio,36%",
                "990102,2021,air_good_days_ratio,—",
                "990102,2022,air_good_days_ratio,８１．５",
            ]
        )
        + "\n"
    )
    result = run(data, [write(tmp_path, "people.csv", rows)])
    assert result.ok
    got = result.manifest and pd.read_parquet(result.manifest.file("observations.parquet"))
    assert got[["region_code", "year", "indicator", "value"]].values.tolist() == [
        ["990102", 2020, "air_good_days_ratio", 36.0],
        ["990102", 2022, "air_good_days_ratio", 81.5],
        ["990102", 2020, "gdp", 145.0],
        ["990102", 2021, "gdp", 1450.5],
        ["990102", 2022, "gdp", 1320.0],
    ]


def test_gbk_file_with_chinese_headers_and_a_mapping(data, tmp_path):
    text = "区县,年份,地区生产总值（万元）,绿化覆盖率\n栖云区,2020,1450000,40.5\n砚湖区,2020,—,38\n"
    mapping = write(
        tmp_path,
        "map.toml",
        '[columns]\nregion = "区县"\nyear = "年份"\n\n[indicators]\n"地区生产总值（万元）" = "gdp"\n'
        '"绿化覆盖率" = "built_up_green_coverage"\n\n[units]\ngdp = "万元"\n',
    )
    result = run(data, [write(tmp_path, "gbk.csv", text, encoding="gbk")], mapping=mapping, title="统计局 2020")
    assert result.ok, problems(result)
    got = pd.read_parquet(result.manifest.file("observations.parquet"))
    assert got[["region_code", "indicator", "value"]].values.tolist() == [
        ["990102", "built_up_green_coverage", 40.5],
        ["990102", "gdp", 145.0],
        ["990103", "built_up_green_coverage", 38.0],
    ]
    assert result.manifest.title == "统计局 2020" and result.manifest.built_from[0].startswith("gbk.csv sha256:")


def test_merged_cell_xlsx_gives_each_row_its_district(data, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["region_code", "year", "gdp", "air_good_days_ratio"])
    sheet.append(["990104", 2019, 1500.5, 71.2])
    sheet.append([None, 2020, 1600, 75])
    sheet.merge_cells("A2:A3")
    path = tmp_path / "merged.xlsx"
    book.save(path)
    result = run(data, [path])
    assert result.ok, problems(result)
    got = pd.read_parquet(result.manifest.file("observations.parquet"))
    assert got[["region_code", "year", "indicator", "value"]].values.tolist() == [
        ["990104", 2019, "air_good_days_ratio", 71.2],
        ["990104", 2020, "air_good_days_ratio", 75.0],
        ["990104", 2019, "gdp", 1500.5],
        ["990104", 2020, "gdp", 1600.0],
    ]


def test_a_survey_file_becomes_microdata_and_rates(data, tmp_path):
    rows = (
        "region_code,year,respondent_id,question,answer,weight\n"
        + "\n".join(f"990102,2024,{i},campaign_support_rate,{1 if i <= 30 else 3},1" for i in range(1, 41))
        + "\n"
    )
    result = run(data, [write(tmp_path, "answers.csv", rows)])
    assert result.ok and result.manifest.rows == {"observations.parquet": 0, "survey.parquet": 40}


def test_a_survey_file_takes_data_statuses_in_either_language_as_observations_do(data, tmp_path):
    rows = (
        "region_code,year,respondent_id,question,answer,weight,status\n"
        + "\n".join(
            f"990102,2024,{i},campaign_support_rate,1,1,{'估计' if i % 2 else 'estimated'}" for i in range(1, 41)
        )
        + "\n"
    )
    result = run(data, [write(tmp_path, "answers.csv", rows)])
    assert result.ok and set(pd.read_parquet(result.manifest.file("survey.parquet"))["status"]) == {"estimated"}
    refused = run(data, [write(tmp_path, "answers2.csv", rows.replace("估计", "Estimated"))], snapshot="other-v1")
    assert problems(refused)[0][:3] == ("answers2.csv", 2, "status")


def test_a_long_file_with_chinese_headers_reads_each_rows_unit_and_remarks(data, tmp_path):
    """The steward's walkthrough: a long file's 单位 column was dropped unsaid, and 180,000,000 万元 of GDP
    was published as 180,000,000 亿元; 指标 was not taken for the indicator column."""
    text = (
        '地区,年份,指标,数值,单位,备注\n990102,2024,地区生产总值,"180,000,000",万元,年报\n990102,2023,gdp,16000,亿元,\n'
    )
    result = run(data, [write(tmp_path, "long.csv", text)])
    assert result.ok, problems(result)
    got = pd.read_parquet(result.manifest.file("observations.parquet")).sort_values("year")
    assert got[["year", "value"]].values.tolist() == [[2023, 16000.0], [2024, 18000.0]]
    assert got["note"].isna().tolist() == [True, False] and got["note"].iloc[1] == "年报"


def test_a_long_files_unit_that_does_not_convert_and_a_column_nothing_reads_are_problems(data, tmp_path):
    text = "region_code,year,indicator,value,单位,口径\n990102,2024,gdp,180,斤,x\n990102,2023,gdp,170,,x\n"
    result = run(data, [write(tmp_path, "long.csv", text)])
    assert problems(result) == [
        (
            "long.csv",
            1,
            "口径",
            "column “口径” is not read — map it under [columns] (region, year, indicator, value, unit, qualifier, "
            "status, source, parent, note), or list it under ignore",
        ),
        (
            "long.csv",
            2,
            "单位",
            "unit “斤” does not convert to the catalog's 亿元 — closest: 亿元, 100 million yuan, 100m yuan, 万元",
        ),
    ]


def test_base_snapshot_is_laid_under_the_new_figures(data, tmp_path):
    update = write(tmp_path, "update.csv", HEADER + "650203,2006,gdp,150\n650203,2008,gdp,170\n")
    refused = run(data, [update], base="reported-v1")
    assert problems(refused) == [
        (
            "update.csv",
            2,
            None,
            "changes values of the base snapshot reported-v1 — the old and new values are listed "
            "with the warnings; add --replace (on the page: tick “Change values of the base "
            "snapshot”) to change them",
        )
    ]
    assert [(w.column, w.message) for w in refused.warnings] == [
        ("650203 / 2006 / gdp", "changes reported-v1's value 145 to 150")
    ]
    assert refused.manifest is None
    result = run(data, [update], base="reported-v1", replace=True)
    assert [w.message for w in result.warnings] == ["changes reported-v1's value 145 to 150"]
    got = pd.read_parquet(result.manifest.file("observations.parquet"))
    assert len(got) == 16 + 1
    gdp = got[(got["region_code"] == "650203") & (got["indicator"] == "gdp")]
    assert gdp[["year", "value", "status"]].values.tolist() == [[2006, 150.0, "reported"], [2008, 170.0, "reported"]]
    assert result.manifest.dataset == "reported" and "base snapshot reported-v1" in result.manifest.built_from


def test_new_regions_come_with_a_regions_file_never_silently(data, tmp_path):
    figures = write(tmp_path, "new.csv", HEADER + "990114,2024,gdp,12\n")
    assert problems(run(data, [figures]))[0][3].startswith("unknown region “990114”")
    bad = write(tmp_path, "regions.csv", "code,parent_code,level,name_zh,name_en\n99 011,990100,district,坏区,Bad\n")
    assert problems(run(data, [figures], regions=bad))[0] == (
        "regions.csv",
        2,
        "code",
        "a code is 1 to 32 letters or digits, no spaces",
    )
    good = write(
        tmp_path, "regions2.csv", "code,parent_code,level,name_zh,name_en\n990114,990100,district,新区,New District\n"
    )
    catalog_before = data_digest(data / "catalog")
    result = run(data, [figures], regions=good)
    assert (
        result.ok and data_digest(data / "catalog") == catalog_before
    )  # issue 9: the reviewed catalog is never rewritten
    own = pd.read_parquet(result.manifest.file("regions.parquet"))
    assert own[["code", "parent_code", "level", "name_zh", "name_en"]].values.tolist() == [
        ["990114", "990100", "district", "新区", "New District"]
    ]
    again = run(data, [figures], snapshot="new-v2", regions=good, base="new-v1")  # re-runnable: the base has it already
    assert again.ok, problems(again)


def test_cli_prints_a_problem_table_and_exits_non_zero(data, tmp_path, capsys):
    bad = write(tmp_path, "x.csv", HEADER + "990102,2020,gdpp,1\n990102,1800,gdp,1\n")
    assert main(["ingest", str(bad), "--snapshot", "x-v1", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "1 files, 2 rows read: 2 problems in 2 groups (indicator 1, year 1); 0 warnings."
    assert err.splitlines()[2] == "Problems, grouped:"
    assert "x.csv, indicator: unknown indicator “gdpp” — row 2; closest: gdp, gdp_growth, gdp_per_capita" in err
    assert "x.csv, year: year “1800” is not between 1949 and 2027 — row 3" in err
    assert err.strip().endswith("error: 2 problems; nothing was written")
    assert not (data / "snapshots" / "x-v1").exists()


def test_round_trip_of_a_downloaded_csv(data, tmp_path, capsysbinary):
    shutil.copytree(ROOT / "data" / "snapshots" / "demo-v1", data / "snapshots" / "demo-v1")
    for lang in ("zh", "en"):
        assert main(["export", "--data", str(data), "--snapshot", "demo-v1", "--lang", lang]) == 0
        original = capsysbinary.readouterr().out
        (tmp_path / f"{lang}.csv").write_bytes(original)
        assert main(["ingest", str(tmp_path / f"{lang}.csv"), "--snapshot", f"back-{lang}", "--data", str(data)]) == 0
        capsysbinary.readouterr()
        assert main(["export", "--data", str(data), "--snapshot", f"back-{lang}", "--lang", lang]) == 0
        # The figures come back byte for byte; a survey rate's interval and n need its microdata, which a CSV does not carry.
        assert without_intervals(capsysbinary.readouterr().out) == without_intervals(original)


def without_intervals(csv: bytes) -> list[list[str]]:
    """The file's cells but a survey rate's interval and n (lower, upper, n in either language's headers)."""
    from chuangcheng.i18n import t

    lines = [line.split(",") for line in csv.decode("utf-8-sig").split("\r\n")]
    dropped = {name for column in ("lower", "upper", "n") for name in (column, t(f"export_{column}", "zh"))}
    kept = [i for i, header in enumerate(lines[0]) if header not in dropped]
    assert len(kept) == len(lines[0]) - 3
    return [[line[i] for i in kept] if len(line) > 1 else line for line in lines]


def test_round_trip_of_a_wide_download(data, tmp_path, capsysbinary):
    shutil.copytree(ROOT / "data" / "snapshots" / "demo-v1", data / "snapshots" / "demo-v1")
    assert main(["export", "--data", str(data), "--snapshot", "demo-v1", "--lang", "zh", "--layout", "wide"]) == 0
    (tmp_path / "wide.csv").write_bytes(capsysbinary.readouterr().out)
    assert main(["ingest", str(tmp_path / "wide.csv"), "--snapshot", "back-wide", "--data", str(data)]) == 0
    capsysbinary.readouterr()
    for snapshot in ("demo-v1", "back-wide"):
        assert main(["export", "--data", str(data), "--snapshot", snapshot, "--lang", "en", "--layout", "wide"]) == 0
        (tmp_path / f"{snapshot}.csv").write_bytes(capsysbinary.readouterr().out)
    assert (tmp_path / "demo-v1.csv").read_bytes() == (tmp_path / "back-wide.csv").read_bytes()


def test_a_chinese_download_with_notes_loads_back_with_its_headers_statuses_and_notes(data, tmp_path, capsysbinary):
    """Chinese exports head their columns 地区代码 … 说明 and write 公开报告: ingest reads its own file back."""
    assert main(["export", "--data", str(data), "--snapshot", "reported-v1", "--lang", "zh"]) == 0
    original = capsysbinary.readouterr().out
    assert "说明".encode() in original.split(b"\r\n")[0] and "公开报告".encode() in original
    (tmp_path / "zh.csv").write_bytes(original)
    assert main(["ingest", str(tmp_path / "zh.csv"), "--snapshot", "back-reported", "--data", str(data)]) == 0
    capsysbinary.readouterr()
    assert main(["export", "--data", str(data), "--snapshot", "back-reported", "--lang", "zh"]) == 0
    assert capsysbinary.readouterr().out == original
    # exports name sources by their titles; what comes back is stored by id, so the English export names them in English
    stored = pd.read_parquet(data / "snapshots" / "back-reported" / "observations.parquet")["source"]
    assert sorted(stored.unique()) == sorted(
        pd.read_parquet(data / "snapshots" / "reported-v1" / "observations.parquet")["source"].unique()
    )


def test_a_full_precision_download_loads_back_to_the_very_values_loaded(data, tmp_path, capsysbinary):
    """Issue 21: the whole-snapshot download was rounded, so 254 of 300 green-coverage cells of a loaded table
    differed from what was loaded, and loading that file back passed with 0 problems. Full precision is lossless;
    the rounded file ("as shown") stays the page's default for the filtered rows."""
    values = [40.123, 38.5551, 99.96789, 0.04, 37.15]
    lines = ["region_code,year,indicator,value"] + [
        f"990102,{2015 + i},built_up_green_coverage,{v}" for i, v in enumerate(values)
    ]
    assert run(data, [write(tmp_path, "loaded.csv", "\n".join(lines) + "\n")], snapshot="loaded-v1").ok
    for lang in ("en", "zh"):
        assert main(["export", "--data", str(data), "--snapshot", "loaded-v1", "--lang", lang, "--full-precision"]) == 0
        exported = capsysbinary.readouterr().out
        back = write(tmp_path, f"back-{lang}.csv", exported)
        assert main(["ingest", str(back), "--snapshot", f"back-{lang}", "--data", str(data)]) == 0
        capsysbinary.readouterr()
        stored = pd.read_parquet(snapshots.find(data, f"back-{lang}").file("observations.parquet")).sort_values("year")
        assert stored["value"].tolist() == values  # the doubles themselves, not approximately
        assert (
            main(["export", "--data", str(data), "--snapshot", f"back-{lang}", "--lang", lang, "--full-precision"]) == 0
        )
        assert capsysbinary.readouterr().out == exported  # and the file again, byte for byte
    assert main(["export", "--data", str(data), "--snapshot", "loaded-v1"]) == 0
    shown = pd.read_csv(io.BytesIO(capsysbinary.readouterr().out), encoding="utf-8-sig")
    assert shown["value"].tolist() == [40.1, 38.6, 100.0, 0.0, 37.2]  # as shown: one decimal, half away from zero


def test_a_damaged_base_is_refused_and_named_never_built_on(data, tmp_path, capsys):
    """Issue 21: `ingest --base` read the base without checking it: with its values doubled on disk the new
    snapshot published, passed verify and served the doubled values as sound."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    path = data / "snapshots" / "reported-v1" / "observations.parquet"
    table = pq.read_table(path)
    pq.write_table(
        table.set_column(table.schema.get_field_index("value"), "value", pc.multiply(table["value"], 2)), path
    )
    new = write(tmp_path, "new.csv", "region_code,year,indicator,value\n650203,2008,gdp,100\n")
    result = run(data, [new], snapshot="on-damaged", base="reported-v1")
    assert problems(result) == [
        (
            "--base",
            None,
            None,
            "the base cannot be built on — Snapshot reported-v1 is damaged and is not "
            "served: observations.parquet differs from the checksum in its manifest (changed, truncated or "
            "replaced after publishing). Choose a sound snapshot as the base, or rebuild this one from its sources",
        )
    ]
    assert not (data / "snapshots" / "on-damaged").exists()


def test_the_manifest_names_the_bytes_that_were_read_not_the_file_as_it_became(data, tmp_path, monkeypatch):
    """Issue 21: built_from hashed each file after reading it, so a file changed meanwhile was named by bytes never read."""
    import hashlib

    text = "region_code,year,indicator,value\n650203,2008,gdp,100\n"
    path = write(tmp_path, "figures.csv", text)
    real_load = ingest.load

    def load_then_change(file, *args, **kwargs):
        path.write_text(text.replace("100", "999"), encoding="utf-8")  # the steward saves again while it is read
        return real_load(file, *args, **kwargs)

    monkeypatch.setattr(ingest, "load", load_then_change)
    result = run(data, [path], snapshot="read-once")
    assert result.ok and result.observations["value"].tolist() == [100.0]
    assert result.manifest.built_from == [f"figures.csv sha256:{hashlib.sha256(text.encode()).hexdigest()}"]


def test_two_uploads_of_one_name_are_two_files(tmp_path):
    """Issue 21: the upload page saved every file under its own name in one folder: two 'figures.csv' were read
    as '2 files, 2 rows read: 0 problems' and one of them was lost."""
    from chuangcheng import files

    first = files.free_name(tmp_path, "figures.csv")
    first.write_text("a")
    second = files.free_name(tmp_path, "figures.csv")
    second.write_text("b")
    assert (first.name, second.name) == ("figures.csv", "figures (2).csv") and files.free_name(
        tmp_path, "figures.csv"
    ).name == "figures (3).csv"
