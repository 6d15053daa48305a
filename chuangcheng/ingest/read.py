"""Load: a CSV (UTF-8 or GB18030/GBK, detected), XLSX (merged cells filled) or Parquet file as text cells."""

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from chuangcheng.errors import Problem
from chuangcheng.ingest.report import found

ENCODINGS = ("utf-8-sig", "gb18030")  # GB18030 reads GBK and GB2312 too


@dataclass(frozen=True)
class Loaded:
    """A file's cells as text, with the row number a spreadsheet would show (header = row 1)."""

    name: str
    frame: pd.DataFrame  # all cells str ('' when empty); column "_row" holds the row number


def load(path: Path, limit_bytes: int, lang: str) -> tuple[Loaded | None, list[Problem]]:
    name = path.name
    if not path.is_file():
        return None, [found("ingest_no_file", name, None, None, lang)]
    size = path.stat().st_size
    if size == 0:
        return None, [found("problem_empty_file", name, None, None, lang)]
    if size > limit_bytes:
        return None, [found("problem_huge_file", name, None, None, lang, size=f"{size / 2**20:.1f}", limit=f"{limit_bytes / 2**20:.0f}")]
    suffix = path.suffix.lower()
    reader = {".xlsx": read_xlsx, ".parquet": read_parquet}.get(suffix, read_csv)
    try:
        frame, problems = reader(path, lang)
    except Exception as error:  # a file that claims a format it is not in: say so, keep going with the rest
        return None, [found("problem_unreadable", name, None, None, lang, kind=suffix.lstrip(".") or "csv", detail=type(error).__name__)]
    if frame is None:
        return None, problems
    if frame.drop(columns="_row").empty:
        return None, problems + [found("problem_no_rows", name, None, None, lang)]
    return Loaded(name, frame), problems


def numbered(frame: pd.DataFrame, first_row: int = 2) -> pd.DataFrame:
    frame = frame.fillna("").astype(str)
    frame.columns = [str(c).strip() for c in frame.columns]
    frame.insert(0, "_row", range(first_row, first_row + len(frame)))
    blank = frame.drop(columns="_row").apply(lambda column: column.str.strip() == "").all(axis=1)
    return frame[~blank].reset_index(drop=True)


def decode(raw: bytes, name: str, lang: str) -> tuple[str | None, list[Problem]]:
    if b"\x00" in raw:
        return None, [found("problem_binary", name, None, None, lang)]
    for encoding in ENCODINGS:
        try:
            return raw.decode(encoding), []
        except UnicodeDecodeError:
            continue
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [found("problem_encoding", name, line, None, lang)]
    return None, [found("problem_encoding", name, None, None, lang)]


def read_csv(path: Path, lang: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    import io

    text, problems = decode(path.read_bytes(), path.name, lang)
    if text is None:
        return None, problems
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
    return numbered(frame), problems


def read_parquet(path: Path, lang: str) -> tuple[pd.DataFrame, list[Problem]]:
    frame = pq.read_table(path).to_pandas()
    for column in frame.columns:
        frame[column] = [plain(v) for v in frame[column]]
    return numbered(frame), []


def read_xlsx(path: Path, lang: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The first sheet; a merged cell's value is given to every cell it covers (a district merged over its years)."""
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=True)
    sheet = book.worksheets[0]
    for merged in list(sheet.merged_cells.ranges):
        value = sheet.cell(merged.min_row, merged.min_col).value
        sheet.unmerge_cells(str(merged))
        for row in range(merged.min_row, merged.max_row + 1):
            for column in range(merged.min_col, merged.max_col + 1):
                sheet.cell(row, column).value = value
    rows = [[plain(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    if not rows:
        return pd.DataFrame({"_row": []}), []
    header, body = rows[0], rows[1:]
    return numbered(pd.DataFrame(body, columns=[h or f"column {i + 1}" for i, h in enumerate(header)])), []


def plain(value) -> str:
    """A cell as text; whole floats lose their '.0' so a year read as 2020.0 stays 2020."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
