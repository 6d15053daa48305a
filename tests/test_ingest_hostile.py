"""Hostile input (#15): every bad file refused by name with its row, never a traceback, never a wrong number
stored, and read within bounded time and memory. Files are made in tmp_path; the number and encoding parsers
are checked with Hypothesis."""

import functools
import math
import shutil
import zipfile

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from chuangcheng import ROOT, ingest
from chuangcheng.cli import main
from chuangcheng.ingest.mapping import number_problem, parse_value, written_number
from chuangcheng.ingest.read import decode
from chuangcheng.model import regions

HEADER = "region_code,year,indicator,value\n"
SURVEY = "region_code,year,respondent_id,question,answer,weight\n"


@pytest.fixture()
def data(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "catalog", folder / "catalog")
    return folder


def write(tmp_path, name, content, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    return path


def run(data, files, snapshot="new-v1", **options) -> ingest.Result:
    return ingest.ingest(ingest.Request(files=list(files), snapshot=snapshot, **options), data)


def problems(result) -> list[tuple]:
    return [(p.file, p.row, p.column, p.message) for p in result.problems]


def stored(result) -> pd.DataFrame:
    return pd.read_parquet(result.manifest.file("observations.parquet"))


@pytest.mark.parametrize("cell", ["1e309", "-1e309", "1E400"])
def test_a_number_too_large_to_be_finite_is_a_problem_not_inf(data, tmp_path, cell):
    result = run(data, [write(tmp_path, "inf.csv", HEADER + f"990102,2020,gdp,{cell}\n")])
    assert problems(result) == [("inf.csv", 2, "value", f"“{cell}” is not a finite number")]


@pytest.mark.parametrize(
    "weight, ok", [("1e309", False), ("0", False), ("-0.5", False), ("nan", False), ("0.25", True)]
)
def test_survey_weights_are_finite_and_positive(data, tmp_path, weight, ok):
    result = run(data, [write(tmp_path, "w.csv", SURVEY + f"990102,2020,1,campaign_support_rate,1,{weight}\n")])
    assert result.ok == ok, problems(result)
    if not ok:
        assert problems(result) == [("w.csv", 2, "weight", f"weight “{weight}” is not a positive number")]


@pytest.mark.parametrize("respondent", ["2147483648", "99999999999", "9" * 5000, "-1", "1.5"])
def test_a_respondent_id_outside_int32_is_a_problem_not_a_traceback(data, tmp_path, respondent):
    result = run(data, [write(tmp_path, "r.csv", SURVEY + f"990102,2020,{respondent},campaign_support_rate,1,1\n")])
    shown = respondent if len(respondent) <= 80 else respondent[:79] + "…"
    assert problems(result) == [
        ("r.csv", 2, "respondent_id", f"respondent id “{shown}” is not a whole number from 0 to 2,147,483,647")
    ]


def test_the_largest_respondent_id_publishes(data, tmp_path):
    result = run(data, [write(tmp_path, "r.csv", SURVEY + "990102,2020,2147483647,campaign_support_rate,1,1\n")])
    assert result.ok and result.manifest.rows["survey.parquet"] == 1


@pytest.mark.parametrize("cell", ["1,5", "12,3", "1.450,5", "1,23,4"])
def test_an_ambiguous_separator_is_a_problem(data, tmp_path, cell):
    result = run(data, [write(tmp_path, "d.csv", HEADER + f'990102,2020,gdp,"{cell}"\n')])
    assert problems(result) == [
        (
            "d.csv",
            2,
            "value",
            f"“{cell}”: is the separator a decimal mark or a thousands separator? "
            f'Say which with decimal = "," or decimal = "." in the mapping',
        )
    ]


def test_the_mapping_declares_the_decimal_mark(data, tmp_path):
    rows = HEADER + '990102,2020,gdp,"1,5"\n990102,2021,gdp,"12,3"\n990102,2022,gdp,"1.450,5"\n990102,2023,gdp,7\n'
    comma = write(tmp_path, "comma.toml", 'decimal = ","\n')
    result = run(data, [write(tmp_path, "eu.csv", rows)], mapping=comma)
    assert result.ok, problems(result)
    assert stored(result)["value"].tolist() == [1.5, 12.3, 1450.5, 7.0]
    bad = write(tmp_path, "bad.toml", 'decimal = ";"\n')
    assert (
        "bad.toml",
        None,
        "decimal",
        'must be "," or ".": the mark between the whole part and the fraction in the file\'s numbers',
    ) in problems(run(data, [write(tmp_path, "x.csv", HEADER + "990102,2020,gdp,1\n")], mapping=bad))


def test_an_unambiguous_thousands_separator_keeps_working(data, tmp_path):
    result = run(
        data,
        [
            write(
                tmp_path,
                "t.csv",
                HEADER
                + '990102,2020,campaign_fiscal_investment,"12,345.6"\n990102,2021,campaign_fiscal_investment,"1,234,567"\n',
            )
        ],
    )
    assert result.ok and stored(result)["value"].tolist() == [12345.6, 1234567.0]


@given(st.text(max_size=30))
def test_any_cell_is_a_finite_number_or_none(text):
    for decimal in (None, ".", ","):
        value = parse_value(text, ("亿元",), None, pd.DataFrame(columns=["base", "factor"]), decimal)
        assert value is None or math.isfinite(value)
        assert value is not None or number_problem(text, decimal) in (
            "problem_not_number",
            "problem_not_finite",
            "problem_ambiguous_decimal",
            "problem_footnote_marker",
        )


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_finite_float_reads_back_as_itself(number):
    assert written_number(repr(number), None) == (number, "")


@given(st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=99))
def test_thousands_grouped_either_way_read_back(whole, cents):
    english = f"{whole:,}.{cents:02d}"
    european = english.replace(",", " ").replace(".", ",").replace(" ", ".")
    assert (
        written_number(english, None)
        == written_number(english, ".")
        == written_number(european, ",")
        == (float(f"{whole}.{cents:02d}"), "")
    )


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=99).filter(lambda d: d % 10))
def test_a_lone_comma_before_one_or_two_digits_is_never_a_number_undeclared(whole, fraction):
    cell = f"{whole},{fraction}"
    assert written_number(cell, None) is None and number_problem(cell, None) == "problem_ambiguous_decimal"


CHINESE_LINES = st.lists(
    st.text(alphabet=st.sampled_from("西安市栖云区统计年鉴生产总值abc,019 "), min_size=1, max_size=12),
    min_size=1,
    max_size=8,
)


@given(CHINESE_LINES, st.sampled_from(["utf-8", "gbk", "utf-8-sig"]))
def test_a_file_in_one_encoding_decodes_to_its_text(lines, encoding):
    text = "\n".join(lines) + "\n"
    assert decode(text.encode(encoding), "f.csv", "en") == (text, [])


@given(CHINESE_LINES, st.integers(min_value=0, max_value=7))
def test_a_gbk_line_among_utf8_lines_is_named(lines, at):
    lines = ["区县"] + lines  # the first line is UTF-8 with Chinese in it
    at = 1 + at % len(lines[1:]) if len(lines) > 1 else 0
    if at == 0 or lines[at].isascii():
        return
    raw = b"".join((line + "\n").encode("gbk" if i == at else "utf-8") for i, line in enumerate(lines))
    text, found = decode(raw, "f.csv", "en")
    assert text is None and [p.row for p in found][:1] == [at + 1]


def test_a_file_mixing_utf8_and_gbk_is_a_problem_naming_the_row(data, tmp_path):
    raw = (
        (HEADER.strip() + ",source\n").encode()
        + "990102,2020,gdp,1,统计年鉴\n".encode("utf-8")
        + "990102,2021,gdp,2,统计年鉴\n".encode("gbk")
    )
    result = run(data, [write(tmp_path, "mixed.csv", raw)])
    assert problems(result) == [
        (
            "mixed.csv",
            3,
            None,
            "this line is GB18030/GBK but line 2 is UTF-8: the file mixes encodings; save it whole as UTF-8",
        )
    ]


@pytest.mark.parametrize(
    "rows, expected",
    [
        (
            "990102,2020,gdp\n",
            [(2, None, "the row has 3 cells but the header has 4: a separator missing or too many?")],
        ),
        (
            "990102,2020,gdp,1,2\n",
            [(2, None, "the row has 5 cells but the header has 4: a separator missing or too many?")],
        ),
        (
            '990102,2020,gdp,1\n990102,2021,gdp,"2\n990102,2022,gdp,3\n',
            [(3, None, "a quoted cell that starts on this row is not closed (or is longer than the cell limit)")],
        ),
    ],
)
def test_short_long_and_unclosed_rows_are_problems_with_their_row(data, tmp_path, rows, expected):
    result = run(data, [write(tmp_path, "rows.csv", HEADER + rows)])
    assert [(row, column, message) for _, row, column, message in problems(result)] == expected


def test_a_trailing_empty_cell_loses_nothing_and_is_no_problem(data, tmp_path):
    assert run(data, [write(tmp_path, "trail.csv", HEADER + "990102,2020,gdp,1,\n")]).ok


def test_a_formula_without_a_stored_result_is_a_problem_with_its_cell(data, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(["region_code", "year", "gdp"])
    book.active.append(["990102", 2020, 5])
    book.active.append(["990102", 2021, "=C2*2"])  # openpyxl stores the formula only; Excel would store 10 beside it
    path = tmp_path / "formula.xlsx"
    book.save(path)
    assert problems(run(data, [path])) == [
        (
            "formula.xlsx",
            3,
            "gdp",
            "cell C3 holds a formula without a stored result: open and save "
            "the file in Excel or WPS so it calculates, or paste the values",
        )
    ]


def test_status_and_qualifier_are_exact_words(data, tmp_path):
    survey = run(
        data,
        [
            write(
                tmp_path,
                "s.csv",
                "region_code,year,respondent_id,question,answer,weight,status\n"
                '990102,2020,1,campaign_support_rate,1,1,Reported\n990102,2020,2,campaign_support_rate,1,1,=HYPERLINK("x")\n',
            )
        ],
    )
    assert problems(survey) == [
        ("s.csv", 2, "status", "status “Reported” is not reported, estimated or synthetic"),
        ("s.csv", 3, "status", 'status “=HYPERLINK("x")” is not reported, estimated or synthetic'),
    ]
    values = run(
        data,
        [write(tmp_path, "q.csv", HEADER.strip() + ",qualifier,status\n990102,2020,gdp,1,=HYPERLINK(1),Reported\n")],
    )
    assert [p[2] for p in problems(values)] == ["qualifier", "status"]


def test_a_source_keeps_its_leading_quote(data, tmp_path):
    result = run(
        data, [write(tmp_path, "q.csv", HEADER.strip() + ',source\n990102,2020,gdp,1,\'=HYPERLINK("http://x")\n')]
    )
    assert result.ok and stored(result)["source"].tolist() == ['\'=HYPERLINK("http://x")']


@pytest.mark.parametrize(
    "source, message",
    [
        ("=HYPERLINK(1)", "“=HYPERLINK(1)” looks like a formula or script, not a name"),
        ('"年鉴\r2020"', "“年鉴\r2020” holds a control character (U+000D), which has no place in a name or source"),
        (
            "[click](https://evil.example)",
            "“[click](https://evil.example)” holds markup (a tag, link or image), not plain text",
        ),
        ("'<img src=x>", "“'<img src=x>” holds markup (a tag, link or image), not plain text"),
    ],
)
def test_a_source_gets_the_name_guard(data, tmp_path, source, message):
    result = run(data, [write(tmp_path, "src.csv", HEADER.strip() + f",source\n990102,2020,gdp,1,{source}\n")])
    assert problems(result) == [("src.csv", 2, "source", message)]


@pytest.mark.parametrize(
    "second, column", [("990102,2020,gdp,1,>=,yearbook", "qualifier"), ("990102,2020,gdp,1,=,census", "source")]
)
def test_a_duplicate_differing_only_in_qualifier_or_source_is_a_problem(data, tmp_path, second, column):
    rows = HEADER.strip() + ",qualifier,source\n990102,2020,gdp,1,=,yearbook\n" + second + "\n"
    result = run(data, [write(tmp_path, "dup.csv", rows)])
    assert problems(result) == [
        ("dup.csv", row, column, f"990102 / 2020 / gdp appears more than once with a different {column}")
        for row in (2, 3)
    ]


def test_an_identical_repeat_is_kept_once(data, tmp_path):
    result = run(data, [write(tmp_path, "same.csv", HEADER + "990102,2020,gdp,1\n990102,2020,gdp,1\n")])
    assert result.ok and len(stored(result)) == 1


def test_a_long_cell_is_cut_at_80_characters_in_every_message(data, tmp_path):
    long = "x" * 5_000
    result = run(data, [write(tmp_path, "long.csv", HEADER.strip() + f",source\n{long},2020,{long},{long},={long}\n")])
    assert len(result.problems) >= 3 and all("…”" in p.message and "x" * 81 not in p.message for p in result.problems)
    huge = run(data, [write(tmp_path, "huge.csv", HEADER + f"990102,2020,gdp,{'1' * 200_000}\n")])
    assert [(p.row, len(p.message) < 200) for p in huge.problems] == [(2, True)]


def test_a_bad_10000_row_file_reports_with_a_bounded_output(data, tmp_path, capsys):
    """Its time is the benchmark's (bench: the 10,000-row regions check), not a timed test's."""
    rows = HEADER + "".join(f"Nowhere {i},2020,gdp,{i}\n" for i in range(10_000))
    path = write(tmp_path, "bad.csv", rows)
    assert main(["ingest", str(path), "--snapshot", "x", "--data", str(data)]) == 1
    err = capsys.readouterr().err
    assert len(err.encode()) < 20_000 and "10,000 problems" in err.splitlines()[0]
    assert "… and 9,950 more groups (9,950 problems) not shown: fix the ones above first" in err


@pytest.mark.parametrize(
    "mapping, encoding, expected",
    [
        ("[columns\n", "utf-8", "bad.toml: not a TOML file: Expected ']' at the end of a table declaration — row 1"),
        (
            '[indicators]\n"GDP" = "gpd"\n',
            "utf-8",
            "bad.toml, indicators.GDP: “gpd” is not an indicator code of the catalog — closest: gdp",
        ),
        (
            '[indicators]\n"GDP" = 3\n',
            "utf-8",
            "bad.toml, indicators.GDP: must be a text (or, in [columns], a list of texts)",
        ),
        (
            "[defaults]\nstatus = 1\n",
            "utf-8",
            "bad.toml, defaults.status: must be a text (or, in [columns], a list of texts)",
        ),
        (
            '[defaults]\nsource = "=HYPERLINK(1)"\n',
            "utf-8",
            "bad.toml, defaults.source: “=HYPERLINK(1)” looks like a formula or script, not a name",
        ),
        ("[nope]\n", "utf-8", "bad.toml, nope: unknown key"),
        (
            '[columns]\nregion = "区县"\n',
            "gbk",
            "ok.csv, 区县: required column is missing — row 1",
        ),  # read as GBK, like a data file
        (b"\xff\xfe[columns]\n\x81\x30", None, "bad.toml: the text is neither UTF-8 nor GB18030/GBK"),
    ],
)
def test_a_bad_mapping_is_a_named_problem_never_a_traceback(data, tmp_path, capsys, mapping, encoding, expected):
    files = [write(tmp_path, "ok.csv", HEADER + "990102,2020,gdp,1\n")]
    toml = write(tmp_path, "bad.toml", mapping if isinstance(mapping, bytes) else mapping.encode(encoding))
    assert (
        main(["ingest", *map(str, files), "--snapshot", "x", "--data", str(data), "--mapping", str(toml), "--check"])
        == 1
    )
    err = capsys.readouterr().err
    assert "Traceback" not in err and expected in err, err


def test_a_missing_input_file_is_named(data, tmp_path, capsys):
    assert main(["ingest", str(tmp_path / "gone.csv"), "--snapshot", "x", "--data", str(data)]) == 1
    assert "gone.csv: the file does not exist" in capsys.readouterr().err


@pytest.mark.parametrize(
    "setting, value, rows, expected",
    [
        (
            "MAX_INGEST_ROWS",
            "100",
            1000,
            (
                "big.csv",
                102,
                None,
                "more than 100 rows: reading stopped here; split the file, or raise CHUANGCHENG_MAX_INGEST_ROWS",
            ),
        ),
        (
            "MAX_INGEST_CELLS",
            "200",
            1000,
            (
                "big.csv",
                52,
                None,
                "more than 200 cells: reading stopped here; split the file, or raise CHUANGCHENG_MAX_INGEST_CELLS",
            ),
        ),
        (
            "MAX_INGEST_COLUMNS",
            "3",
            10,
            ("big.csv", 1, None, "4 columns, more than the limit of 3 (CHUANGCHENG_MAX_INGEST_COLUMNS)"),
        ),
        (
            "MAX_CELL_CHARS",
            "12",
            1,
            (
                "big.csv",
                2,
                "value",
                "a cell of 13 characters, longer than the limit of 12 (CHUANGCHENG_MAX_CELL_CHARS)",
            ),
        ),
    ],
)
def test_limits_are_checked_while_reading(data, tmp_path, monkeypatch, setting, value, rows, expected):
    monkeypatch.setenv(f"CHUANGCHENG_{setting}", value)
    result = run(
        data,
        [
            write(
                tmp_path,
                "big.csv",
                HEADER + "".join(f"990102,{1950 + i % 70},gdp,{i + 1_000_000_000_000}\n" for i in range(rows)),
            )
        ],
    )
    assert problems(result)[:1] == [expected]


def bomb(path, inflated_mb: int) -> None:
    """A valid workbook whose sheet XML is padded with whitespace to inflated_mb: tiny zipped, huge unpacked."""
    book = openpyxl.Workbook()
    book.active.append(["region_code", "year", "gdp"])
    plain = path.with_name("plain.xlsx")
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, content)
                continue
            head, tail = content.split(b"<sheetData>", 1)
            with target.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(head + b"<sheetData>")
                chunk = b" " * 2**20
                for _ in range(inflated_mb):
                    sheet.write(chunk)
                sheet.write(tail)


def counted_inflation(monkeypatch) -> dict:
    """How many bytes zipfile inflates from here on (every read of an entry passes ZipExtFile.read)."""
    count, read = {"bytes": 0}, zipfile.ZipExtFile.read

    def counting(self, n=-1):
        data = read(self, n)
        count["bytes"] += len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting)
    return count


def counted_rows(monkeypatch) -> dict:
    """How many rows the reader parses, in the reader the running ingest uses (its load function's own module: a
    name imported here may be another copy where a test in the same worker imported the package afresh)."""
    table = ingest.ingest.__globals__["load"].__globals__["Table"]
    count, take = {"rows": 0}, table.take

    def counting(self, cells, number):
        count["rows"] += 1
        return take(self, cells, number)

    monkeypatch.setattr(table, "take", counting)
    return count


def test_an_xlsx_zip_bomb_is_refused_before_unpacking(data, tmp_path, monkeypatch):
    monkeypatch.setenv("CHUANGCHENG_MAX_INFLATED_MB", "20")
    path = tmp_path / "bomb.xlsx"
    bomb(path, 40)
    assert path.stat().st_size < 200_000
    inflated = counted_inflation(monkeypatch)
    result = run(data, [path])
    assert inflated["bytes"] < 2**20  # refused from the sizes the zip declares: its 40 MB never unpacked
    assert problems(result) == [
        ("bomb.xlsx", None, None, "unpacks to more than 20 MB (CHUANGCHENG_MAX_INFLATED_MB): refused before unpacking")
    ]


def test_a_large_csv_is_refused_at_the_row_limit_without_reading_it_whole(data, tmp_path, monkeypatch):
    monkeypatch.setenv("CHUANGCHENG_MAX_INGEST_ROWS", "1000")
    path = tmp_path / "large.csv"
    with open(path, "w") as handle:
        handle.write(HEADER)
        handle.writelines(f"990102,2020,gdp,{i}\n" for i in range(1_000_000))  # about 20 MB
    parsed = counted_rows(monkeypatch)
    result = run(data, [path])
    assert parsed["rows"] == 1002  # the header, 1,000 rows, and the one past the limit: of 1,000,001
    assert problems(result) == [
        (
            "large.csv",
            1002,
            None,
            "more than 1,000 rows: reading stopped here; split the file, or raise CHUANGCHENG_MAX_INGEST_ROWS",
        )
    ]


@pytest.mark.parametrize(
    "name_en, column, message",
    [
        (
            '"New\rDistrict"',
            "name_en",
            "“New\rDistrict” holds a control character (U+000D), which has no place in a name or source",
        ),
        (
            '"=HYPERLINK(""http://x"")"',
            "name_en",
            '“=HYPERLINK("http://x")” looks like a formula or script, not a name',
        ),
        (
            "[New](https://evil.example)",
            "name_en",
            "“[New](https://evil.example)” holds markup (a tag, link or image), not plain text",
        ),
        ("<b>New</b>", "name_en", "“<b>New</b>” holds markup (a tag, link or image), not plain text"),
    ],
)
def test_names_in_a_regions_file_get_the_name_guard(data, tmp_path, name_en, column, message):
    figures = write(tmp_path, "new.csv", HEADER + "990114,2024,gdp,12\n")
    regions = write(
        tmp_path, "regions.csv", f"code,parent_code,level,name_zh,name_en\n990114,990100,district,新区,{name_en}\n"
    )
    result = run(data, [figures], regions=regions)
    assert ("regions.csv", 2, column, message) in problems(result) and result.manifest is None


def test_a_regions_file_name_problem_comes_in_chinese(data, tmp_path):
    regions = write(
        tmp_path, "regions.csv", "code,parent_code,level,name_zh,name_en\n990114,990100,district,=新区,New\n"
    )
    result = run(data, [write(tmp_path, "new.csv", HEADER + "990114,2024,gdp,12\n")], regions=regions, lang="zh")
    assert ("regions.csv", 2, "name_zh", "“=新区”像是公式或脚本，而不是名称") in problems(result)


@pytest.mark.parametrize("snapshot", ["abc\n", "abc\r", "\nabc"])
def test_a_snapshot_id_is_matched_whole(data, tmp_path, snapshot):
    result = run(data, [write(tmp_path, "ok.csv", HEADER + "990102,2020,gdp,1\n")], snapshot=snapshot)
    assert [p.file for p in result.problems] == ["--snapshot"] and result.manifest is None


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list(" \t\r\n=+-@<>[]()!/:abcJSjs\u00a0\u0085\u202e\u2066新\x00\x7f")), max_size=12
    )
)
def test_the_quick_pass_over_a_regions_file_never_skips_a_name_the_guard_refuses(text):
    """A national regions list is checked at every start by one vectorised match; only what it flags gets
    the full guard, so it must flag everything the guard would refuse."""
    if regions.text_problem(text.strip(" ")) is not None:
        assert regions.SUSPECT.search(text)


@functools.cache
def shipped_units() -> pd.DataFrame:
    from chuangcheng.model import catalog

    return catalog.load(ROOT / "data").units


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**12), st.sampled_from(["万元", "千元", "元", "亿元", "‰"]))
def test_a_converted_value_is_the_double_nearest_the_exact_result(whole, unit):
    """Issue 21: 1,108,000 万元 was stored as 110.80000000000001 亿元 (231 of 770 cells of a bureau's table)."""
    from decimal import Decimal

    units = shipped_units()
    written = f"{whole / 100:.2f}"  # two decimals, as a bureau writes them
    targets = ("%",) if unit == "‰" else ("亿元",)
    got = parse_value(written + unit, targets, None, units)
    source, target = (Decimal(repr(float(units.at[u, "factor"]))) for u in (unit, targets[0]))
    assert got == float(Decimal(written) * source / target)
    assert parse_value("1108000万元", ("亿元",), None, units) == 110.8
