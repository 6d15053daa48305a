"""Exports of the data page and the command line: the same rows give the same bytes from both."""

import math
import re
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from chuangcheng.i18n import t
from chuangcheng.model.catalog import Catalog
from chuangcheng.model.layout import LONG_COLUMNS, PERIOD_COLUMNS
from chuangcheng.model.params import Params
from chuangcheng.render import safe
from chuangcheng.views import present
from chuangcheng.views.data import long_table, mapped, values  # what each row reads is the view's

EXPORT_HEADERS = [*LONG_COLUMNS, *PERIOD_COLUMNS]  # the wide layout's first columns are among them
# OWASP CSV injection: a cell starting with one of these runs as a formula in a spreadsheet.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
FORMULA_PATTERN = "^[=+@\\t\\r\\n-]"  # the same, as a pattern Arrow's string kernels take
# ...but a spreadsheet reads a signed number ('-0.4', '+1.5', '-12%') as a number and a bare '=' (a qualifier) as
# no formula: they are written as they are, not as '-0.4 or '=.
HARMLESS_PATTERN = "^([+-]?([0-9][0-9,]*([.][0-9]*)?|[.][0-9]+)%?|=)$"
HARMLESS = re.compile(HARMLESS_PATTERN)
TEXT = pa.large_string()  # CSV text in Arrow: 64-bit offsets, as a slice of long notes may pass a plain string's 2 GB
LAYOUTS = ("long", "wide")
FORMATS = ("csv", "xlsx")
MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def status_words(lang: str) -> dict:
    """Data statuses as the reader says them: codes in English (the stable layout), words in Chinese."""
    return {} if lang == "en" else {code: t(f"status_{code}", lang) for code in ("reported", "estimated", "synthetic")}


def headed(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The file's header row and data statuses in the reader's language. English keeps the codes, the layout
    scripts read; the order of columns is the same in every language (README: Exports)."""
    if lang == "en":
        return frame
    if "status" in frame.columns:
        frame = frame.assign(status=mapped(frame["status"], status_words(lang)))
    return frame.rename(
        columns={column: t(f"export_{column}", lang) for column in EXPORT_HEADERS if column in frame.columns}
    )


def wide_table(
    rows: pd.DataFrame, catalog: Catalog, names: dict, lang: str, full_precision: bool = False
) -> pd.DataFrame:
    """One row per region and year, one column per indicator headed by its name and unit. A bound keeps its sign in
    its cell (≥3200, as the documents write it: the wide layout has no qualifier column, and a plain 3200 would say
    a figure was measured); the other cells of its column stay numbers."""
    codes = [c for c in catalog.indicators.index if c in set(rows["indicator"])]
    rows = rows.assign(value=values(rows["indicator"], rows["value"], catalog, full_precision))
    bound = rows["qualifier"].isin(["<=", ">="]) & rows["value"].notna()
    if bound.any():
        written = [
            present.QUALIFIER_WORDS[q] + plain_number(v)
            for q, v in zip(rows.loc[bound, "qualifier"], rows.loc[bound, "value"])
        ]
        rows = rows.assign(
            value=rows["value"].astype(object).where(~bound, pd.Series(written, index=rows.index[bound], dtype=object))
        )
    # a month's figures a row of their own after their year's, headed by the period (empty for the year's)
    periods = "period" in rows.columns and bool(rows["period"].notna().any())
    keys = ["region_code", "year", *(["period"] if periods else [])]
    rows = rows.assign(period=rows["period"].fillna("")) if periods else rows
    wide = rows.pivot(index=keys, columns="indicator", values="value").reindex(columns=codes)
    wide = wide.apply(lambda column: column if column.map(type).eq(str).any() else column.astype("float64"))
    wide.columns = [catalog.label(code, lang) for code in codes]
    wide = wide.reset_index()
    wide.insert(1, "region_name", mapped(wide["region_code"], names))
    if periods:
        wide["period"] = wide["period"].replace("", None)
    return wide.astype({"year": "int64"})


def table(
    rows: pd.DataFrame, catalog: Catalog, names: dict, lang: str, layout: str, full_precision: bool = False
) -> pd.DataFrame:
    builder = wide_table if layout == "wide" else long_table
    return headed(builder(rows, catalog, names, lang, full_precision), lang)


def plain_number(value: float) -> str:
    """Shortest exact decimal, never scientific notation; empty when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    shortest = repr(float(value))  # the same shortest digits, four times faster, when it needs no exponent
    return shortest if "e" not in shortest else np.format_float_positional(float(value), trim="-")


def defused(text: str) -> str:
    """A text cell a spreadsheet will show, never run, and without bidi controls."""
    text = safe.without_bidi(text)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) and not HARMLESS.fullmatch(text) else text


def cell(value) -> str:
    if isinstance(
        value, (bool, np.bool_)
    ):  # before int: True is an int, and read '1' in one file and 'True' in another
        return "true" if value else "false"
    if isinstance(value, float):
        return plain_number(value)
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, np.floating):
        return plain_number(float(value))
    return defused(str(value))


NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def quoted(text: str) -> str:
    """A CSV field as csv.writer's QUOTE_MINIMAL writes it: quoted only when it holds , " CR or LF."""
    if NEEDS_QUOTES.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def field_text(value) -> str:
    return quoted(cell(value))


def number_fields(column: pd.Series) -> pa.Array:
    """plain_number() of a float column, vectorised: Arrow writes a double's shortest round-trip digits, as
    repr() does; the few it writes with an exponent (or as '-0') are written by plain_number itself."""
    numbers = column.to_numpy(dtype="float64", na_value=np.nan)
    text = pc.cast(pa.array(numbers, from_pandas=True), pa.string())
    odd = pc.fill_null(pc.or_(pc.match_substring(text, "e"), pc.equal(text, "-0")), False).to_numpy(
        zero_copy_only=False
    )
    if odd.any():
        fields = np.array(text.to_pylist(), dtype=object)
        fields[odd] = [plain_number(float(value)) for value in numbers[odd]]
        text = pa.array(fields, type=pa.string())
    return pc.fill_null(text, "").cast(TEXT)


def string_fields(text: pa.Array) -> pa.Array:
    """defused() then quoted() over a whole text column: Arrow's string kernels, no Python per cell."""
    text = pc.replace_substring_regex(text, safe.BIDI_PATTERN, "")
    risky = pc.and_(
        pc.match_substring_regex(text, FORMULA_PATTERN), pc.invert(pc.match_substring_regex(text, HARMLESS_PATTERN))
    )
    text = pc.if_else(risky, pc.binary_join_element_wise("'", text, ""), text)
    needs = pc.match_substring_regex(text, NEEDS_QUOTES.pattern)
    text = pc.if_else(needs, pc.binary_join_element_wise('"', pc.replace_substring(text, '"', '""'), '"', ""), text)
    return pc.fill_null(text, "")


def csv_fields(column: pd.Series) -> pa.Array:
    """One column as CSV fields. Floats are formatted whole in Arrow; any other column one distinct value
    at a time (names, units and statuses repeat on every row), then laid out by Arrow's take."""
    if pd.api.types.is_float_dtype(column):
        return number_fields(column)
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    if (
        column.dtype == object
        and any(isinstance(u, (bool, np.bool_, int, np.integer, float)) for u in uniques)
        and any(isinstance(value, (bool, np.bool_)) for value in column)
    ):
        # factorize takes False for 0 and True for 1 (they hash alike): such a column is written cell by cell
        return pa.array([field_text(value) for value in column], type=TEXT)
    if pd.api.types.is_string_dtype(uniques) and not pd.api.types.is_bool_dtype(uniques):
        try:
            formatted = string_fields(pa.array(uniques, type=pa.string(), from_pandas=True))
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # an object column that holds more than text
            formatted = pa.array([field_text(value) for value in uniques], type=pa.string())
    else:
        formatted = pa.array([field_text(value) for value in uniques], type=pa.string())
    return pc.fill_null(formatted.cast(TEXT).take(pa.array(codes, mask=codes < 0)), pa.scalar("", TEXT))


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (Chinese Excel opens it right), comma separated, one header row, CRLF lines.

    Cell by cell through csv.writer a million rows took 30 s; the columns are formatted whole in Arrow and
    joined into lines there, with the same bytes (tests/test_export.py holds them to cell() and quoted()).
    """
    return b"".join(csv_chunks(frame))


def csv_chunks(frame: pd.DataFrame) -> Iterator[bytes]:
    """to_csv() a slice of rows at a time: what a large answer streams, so its whole text is never in memory."""
    header = ",".join(quoted(defused(str(c))) for c in frame.columns)
    yield ("\ufeff" + header + "\r\n").encode("utf-8")
    if len(frame.columns):
        for start in range(0, len(frame), CSV_SLICE):  # bounds the memory a slice's text takes at once
            yield csv_lines(frame.iloc[start : start + CSV_SLICE]).to_pybytes()


CSV_SLICE = 500_000


def csv_lines(frame: pd.DataFrame) -> pa.Buffer:
    """Rows of a frame as CSV lines, each ended by CRLF, in one buffer."""
    fields = [csv_fields(frame[c]) for c in frame.columns]
    if (
        len(fields) == 1
    ):  # a line of one empty field would be a blank line, which readers skip: quoted, as csv.writer does
        fields[0] = pc.if_else(pc.equal(fields[0], ""), pa.scalar('""', TEXT), fields[0])
    fields[-1] = pc.binary_join_element_wise(fields[-1], pa.scalar("\r\n", TEXT), pa.scalar("", TEXT))
    lines = pc.binary_join_element_wise(*fields, pa.scalar(",", TEXT))
    _, offsets, data = lines.buffers()
    width = np.int64 if pa.types.is_large_string(lines.type) else np.int32
    first, last = np.frombuffer(offsets, dtype=width)[[lines.offset, lines.offset + len(lines)]]
    return data.slice(int(first), int(last - first))


def to_xlsx(frame: pd.DataFrame, sheet: str, created: datetime) -> bytes:
    """An XLSX workbook; numbers stay numbers, text stays text, and the bytes depend only on the content.

    Rows stream to a temporary file (constant_memory): held in memory, a million rows took gigabytes.
    """
    import xlsxwriter  # only when an XLSX is asked for: a CSV export should not pay for loading it

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.xlsx"
        book = xlsxwriter.Workbook(
            path,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "nan_inf_to_errors": False,
            },
        )
        book.set_properties({"created": created})
        worksheet = book.add_worksheet(sheet[:31])
        worksheet.freeze_panes(1, 0)
        worksheet.write_row(0, 0, [str(c) for c in frame.columns], book.add_format({"bold": True}))
        columns = [xlsx_cells(frame[c]) for c in frame.columns]
        for row_number, row in enumerate(zip(*columns), start=1):
            for column, value in enumerate(row):
                if value is not None:
                    (worksheet.write_number if isinstance(value, float) else worksheet.write_string)(
                        row_number, column, value
                    )
        book.close()
        return path.read_bytes()


def xlsx_cells(column: pd.Series) -> list:
    """Floats for numbers, str for text, None for missing: decided once per column, not per cell."""
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        values = column.astype("float64")
        return [None if v != v else v for v in values.tolist()]
    # a wide column with a bound holds numbers and '≥3200' texts: the numbers stay numbers
    return [
        None
        if v is None or v is pd.NA or (isinstance(v, float) and v != v)
        else v
        if isinstance(v, float)
        else safe.without_bidi(str(v))
        for v in column.astype(object).tolist()
    ]


def part(codes: tuple[str, ...], every: int, word: str) -> str:
    if len(codes) == every:
        return f"all-{word}"
    return "+".join(codes) if len(codes) <= 3 else f"{len(codes)}-{word}"


def file_name(
    snapshot: str,
    params: Params | None,
    layout: str,
    lang: str,
    fmt: str,
    totals: tuple[int, int],
    full_precision: bool = False,
) -> str:
    """Says the snapshot, the filters and, for the stored doubles, so:
    chuangcheng_demo-v1_990102+990103_gdp_2015-2020_long_en.csv, chuangcheng_demo-v1_full_long_en_full-precision.csv."""
    if params is None:
        scope = "full"
    else:
        scope = "_".join(
            [
                part(params.regions, totals[0], "regions"),
                part(params.indicators, totals[1], "indicators"),
                f"{params.years[0]}-{params.years[1]}",
            ]
        )
    return f"chuangcheng_{snapshot}_{scope}_{layout}_{lang}{'_full-precision' if full_precision else ''}.{fmt}"


def render(
    rows: pd.DataFrame,
    catalog: Catalog,
    names: dict,
    lang: str,
    layout: str,
    fmt: str,
    created: datetime,
    full_precision: bool = False,
) -> bytes:
    """The bytes of one export of query rows (data_rows' columns) in a layout and format."""
    frame = table(rows, catalog, names, lang, layout, full_precision)
    return to_xlsx(frame, "chuangcheng", created) if fmt == "xlsx" else to_csv(frame)


def render_scorecard(bulletin, fmt: str, created: datetime, generated: str = "") -> bytes:
    """The bulletin's bytes from its view (views/bulletin.py decides every cell): the summary as a finished
    document (headers in the reader's language; in XLSX a title, frozen header, widths, filters, formats and
    status colours), the detail levels as plain tables (stable column codes in English, words in Chinese)."""
    if bulletin.level != "summary":
        table = bulletin.table.rename(columns=bulletin.headers)
        return to_xlsx(table, "bulletin", created) if fmt == "xlsx" else to_csv(table)
    if fmt == "csv":
        return to_csv(bulletin.table.rename(columns=bulletin.headers))
    return bulletin_xlsx(bulletin, created, generated)


NUMBER_FORMATS = {
    "score": "0.0",
    "change": "+0.0;-0.0;0.0",
    "rank": "0",
    "rank_change": "+0;-0;0",
    "count": "0",
    "percent": "0",
}
BAND_FILLS = {"full": "#C8E6C9", "partial": "#FFE0A3", "low": "#F8C4C0"}


def bulletin_xlsx(bulletin, created: datetime, generated: str) -> bytes:
    import xlsxwriter  # only when an XLSX is asked for

    frame, kinds = bulletin.table, bulletin.kinds
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bulletin.xlsx"
        book = xlsxwriter.Workbook(
            path,
            {
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "nan_inf_to_errors": False,
            },
        )
        book.set_properties({"created": created, "title": bulletin.title})
        sheet = book.add_worksheet("bulletin")
        sheet.write(0, 0, bulletin.title, book.add_format({"bold": True, "font_size": 14}))
        sheet.write(1, 0, generated)
        header = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
        formats = {kind: book.add_format({"num_format": pattern}) for kind, pattern in NUMBER_FORMATS.items()}
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        first = 3
        for column, name in enumerate(frame.columns):
            sheet.write_string(first, column, bulletin.headers.get(name, name), header)
            kind = kinds.get(name)
            width = 48 if name == "costliest" else 22 if name in ("region_name", "note") else 10 if kind else 12
            sheet.set_column(
                column, column, width, formats.get(kind) if kind else (wrap if name == "costliest" else None)
            )
            for row, value in enumerate(xlsx_cells(frame[name]), start=first + 1):
                if value is not None:
                    (sheet.write_number if isinstance(value, float) else sheet.write_string)(row, column, value)
        last_row, last_column = first + len(frame), len(frame.columns) - 1
        sheet.freeze_panes(first + 1, 3)
        sheet.autofilter(first, 0, max(last_row, first), last_column)
        for column, name in enumerate(frame.columns):
            if kinds.get(name) == "score" and len(frame):
                for (floor, band), ceiling in zip(present.SCORE_BANDS, (None, 90.0, 60.0)):
                    rule = {"type": "cell", "format": book.add_format({"bg_color": BAND_FILLS[band]})}
                    rule.update(
                        {"criteria": ">=", "value": floor}
                        if ceiling is None
                        else {
                            "criteria": "between",
                            "minimum": floor if floor != float("-inf") else -1e9,
                            "maximum": ceiling - 1e-9,
                        }
                    )
                    sheet.conditional_format(first + 1, column, last_row, column, rule)
        book.close()
        return path.read_bytes()


def render_periods(view, fmt: str, created: datetime) -> bytes:
    """A scope's figures of one period (views/periods.py decides every cell) as CSV or XLSX."""
    table = view.file_table()
    return to_xlsx(table, "periods", created) if fmt == "xlsx" else to_csv(table)


def scorecard_file_name(snapshot: str, year: int, level: str, lang: str, fmt: str, peers: str | None = None) -> str:
    """The bulletin's file name; one ranked among other peers than the default says which (…_peers-capitals_en.csv)."""
    among = f"_peers-{peers}" if peers and peers != "parent" else ""
    return f"chuangcheng_bulletin_{snapshot}_{year}_{level}{among}_{lang}.{fmt}"
