"""Load: a CSV (UTF-8 or GB18030/GBK, line by line), XLSX (merged cells filled) or Parquet file as text cells,
read as a stream and stopped at the limits (inflated size, rows, columns, cells, cell length) while reading."""

import csv
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq

from chuangcheng import settings
from chuangcheng.errors import Problem
from chuangcheng.ingest.report import found

ENCODINGS = ("utf-8", "gb18030")  # GB18030 reads GBK and GB2312 too; UTF-8 first: GBK text is almost never valid UTF-8
ENCODING_NAMES = {"utf-8": "UTF-8", "gb18030": "GB18030/GBK"}
# No text a statistics file holds: C1 controls, U+0250-U+07FF but Greek and Cyrillic letters (μ, Ω stay), private use.
NOT_ASCII = re.compile(rb"[\x80-\xff]")
IMPLAUSIBLE = re.compile("[\x80-\x9f\u0250-\u0390\u03ca-\u040f\u0450-\u07ff\ue000-\uf8ff\U000f0000-\U0010ffff]")


# Lines a table holds besides its rows, as statistical yearbooks and bulletins lay them out: a title or a unit
# line above the header, notes and sources below the rows. Each is one filled cell; they are read, never data.
# A number format that shows a percentage: a % outside quotes and not escaped (0.0"%" shows the number as it is)
PERCENT_FORMAT = re.compile(r'^(?:"[^"]*"|\\.|[^"\\%])*%')
UNIT_WORD = re.compile(
    r"^(?:计量)?单位\s*[:：]\s*|^units?\s*[:：]\s*", re.IGNORECASE
)  # '单位：亿元' in a units row is 亿元
YEAR_FORMAT = re.compile(r'^\s*(?:yyyy|yy)\s*(?:"?年"?)?\s*$', re.IGNORECASE)
# A date formatted with a year and a month but no day (yyyy"年"m"月", yyyy-mm, mmm-yy): what Excel makes of 2025年6月 typed
MONTH_FORMAT = re.compile(r"^(?=.*y)(?=.*m)(?!.*d)(?!.*[hs])", re.IGNORECASE)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the start of an old Excel .xls (and other OLE files)
LEAD_ROWS = 10  # the header is the first row with two filled cells among these (rows above it are title lines)
UNIT_LINE = re.compile(
    r"(?:计量)?单位\s*[:：]\s*([^）)\s,，;；。、]+)|\bunits?\s*[:：]\s*([^)\n;]+?)\s*(?:[);]|$)", re.IGNORECASE
)
NOTE_LINE = re.compile(
    r"^\s*[（(]?\s*(?:注|附注|说明|备注|资料来源|数据来源|来源|notes?|sources?)\s*\d*\s*[:：.]", re.IGNORECASE
)


@dataclass(frozen=True)
class Loaded:
    """A file's cells as text, with the row number a spreadsheet would show (the header's is header_row), and
    what the table says besides its rows: the unit of a unit line, each column's unit from a units row under
    the header, and the title and note lines that were read as such (row, text)."""

    name: str
    frame: pd.DataFrame  # all cells str ('' when empty); column "_row" holds the row number
    header_row: int = 1
    unit: str | None = None
    column_units: dict = field(default_factory=dict)
    lines: tuple = ()
    sub_header: int | None = None  # the row a two-row header's second row is on (among lines)
    warnings: tuple = ()  # what reading left out on purpose (other sheets, hidden rows), to read before publishing


@dataclass(frozen=True)
class Limits:
    """What one file may hold; checked while reading, so a huge or inflating file is refused early."""

    file_bytes: int
    inflated_bytes: int
    rows: int
    columns: int
    cells: int
    cell_chars: int

    @classmethod
    def from_settings(cls) -> "Limits":
        mb = lambda name: int(float(settings.get(name)) * 2**20)  # noqa: E731
        whole = lambda name: int(settings.get(name))  # noqa: E731
        return cls(
            mb("max_ingest_mb"),
            mb("max_inflated_mb"),
            whole("max_ingest_rows"),
            whole("max_ingest_columns"),
            whole("max_ingest_cells"),
            whole("max_cell_chars"),
        )


class Refused(Exception):
    """A limit reached while reading: the problem says which, and reading stops there."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


def load(
    path: Path, limits: Limits, lang: str, units: frozenset = frozenset(), sheet: str | None = None
) -> tuple[Loaded | None, list[Problem]]:
    """A file's cells as text; units are the unit words a units row under the header may hold (the catalog's,
    compared by unit_key), none for a file that has no such row (a regions list); sheet names a workbook's sheet."""
    name = path.name
    if not path.is_file():
        return None, [found("ingest_no_file", name, None, None, lang)]
    too_big = size_problems(path, limits, lang)
    if too_big:
        return None, too_big
    suffix = path.suffix.lower()
    reader = {".xlsx": partial(read_xlsx, sheet=sheet), ".parquet": read_parquet}.get(suffix, read_csv)
    try:
        table, problems = reader(path, limits, lang, units)
        frame = table.frame() if table is not None else None
    except Refused as refused:
        return None, [refused.problem]
    except Exception as error:  # a file that claims a format it is not in: say so, keep going with the rest
        return None, [
            found(
                "problem_unreadable",
                name,
                None,
                None,
                lang,
                kind=suffix.lstrip(".") or "csv",
                detail=type(error).__name__,
            )
        ]
    if frame is None:
        return None, problems
    if frame.drop(columns="_row").empty:  # rows refused above are not "no rows"
        return None, problems or [found("problem_no_rows", name, None, None, lang)]
    return Loaded(
        name,
        frame,
        table.header_row,
        table.unit(),
        table.column_units,
        tuple(table.lines),
        table.sub_header,
        tuple(table.warnings),
    ), problems


class Table:
    """Rows gathered one at a time under the limits: each row's width checked against the header's, blank
    rows left out but counted, so every row keeps the number a spreadsheet shows."""

    def __init__(self, name: str, limits: Limits, lang: str, ragged: bool = False, units: frozenset = frozenset()):
        self.name, self.limits, self.lang, self.units = name, limits, lang, units
        self.ragged = ragged  # a spreadsheet row ends at its last filled cell: short is normal there, not in a CSV
        self.header: list[str] = []
        self.header_row = 1
        self.lines: list[tuple[int, str]] = []  # title, unit and note lines: (row, text)
        self.column_units: dict[str, str] = {}
        self.units_row: int | None = None  # its units are its columns', not the whole table's
        self.sub_header: int | None = None  # the row of a two-row header's second row (the years under an indicator)
        self.rows: list[list[str]] = []
        self.numbers: list[int] = []
        self.cells = 0
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def refuse(self, key: str, row: int | None, column: str | None = None, **values):
        raise Refused(found(key, self.name, row, column, self.lang, **values))

    def take(self, cells: list[str], number: int) -> None:
        """One row as read: a title line above the header, the header, a units row under it, a note line, or data."""
        filled = list(
            dict.fromkeys(str(c).strip() for c in cells if str(c).strip())
        )  # a title merged over a row is one cell
        if (
            not self.header
            and number <= LEAD_ROWS
            and (len(filled) <= 1 or (len(filled) == 2 and UNIT_LINE.search(filled[1])))
        ):
            self.lines += (
                [(number, " ".join(filled))] if filled else []
            )  # a title, or a title and its unit ('表3 …, 单位：万元')
        elif not self.header:
            self.set_header(cells, number)
        elif len(filled) == 1 and (NOTE_LINE.search(filled[0]) or UNIT_LINE.search(filled[0])):
            self.lines.append((number, filled[0]))
        elif not self.rows and not self.column_units and self.sub_header is None and sub_header_row(self.header, cells):
            self.combine_header(cells, number)
        elif not self.rows and not self.column_units and units_row(cells, self.units):
            self.column_units = {
                h: UNIT_WORD.sub("", str(c).strip()) for h, c in zip(self.header[1:], cells[1:]) if str(c).strip()
            }
            self.units_row = number
            self.lines.append((number, " ".join(str(c).strip() for c in cells if str(c).strip())))
        else:
            self.add(cells, number)

    def combine_header(self, cells: list[str], number: int) -> None:
        """A two-row header (an indicator merged over its years, or a year over its indicators): each column headed
        by both rows ('地区生产总值（亿元） 2020年'); a top cell left empty by a merge takes the one before it."""
        top, combined = "", []
        for i, name in enumerate(self.header):
            top = top if name.startswith("Unnamed: ") else name
            below = str(cells[i]).strip() if i < len(cells) else ""
            combined.append(top if not below or below == top else f"{top} {below}")
        first_row = self.header_row
        self.problems = [
            p for p in self.problems if not (p.row == first_row and getattr(p, "kind", "") == "ingest_duplicate_column")
        ]
        self.set_header(combined, first_row)
        self.sub_header = number
        self.lines.append((number, " ".join(str(c).strip() for c in cells if str(c).strip())))

    def unit(self) -> str | None:
        """The unit a unit line states for the whole table ('单位：亿元'), if one does."""
        for number, text in self.lines:  # above the header only: a note below names the unit of one column, not all
            match = UNIT_LINE.search(text) if number < self.header_row else None
            if match:
                return (match.group(1) or match.group(2)).strip()
        return None

    def set_header(self, cells: list[str], number: int = 1) -> None:
        if len(cells) > self.limits.columns:
            self.refuse(
                "ingest_too_many_columns", number, None, count=f"{len(cells):,}", limit=f"{self.limits.columns:,}"
            )
        self.check_lengths(cells, number, [f"{i + 1}" for i in range(len(cells))])
        self.header, self.header_row = header_names(cells), number
        for duplicate in sorted({h for h in self.header if self.header.count(h) > 1}):
            self.problems.append(
                found("ingest_duplicate_column", self.name, number, duplicate, self.lang, value=duplicate)
            )

    def add(self, cells: list[str], number: int) -> None:
        """One data row, numbered as a spreadsheet shows it; a blank row is skipped, a short or long one is a problem."""
        if number - 1 > self.limits.rows:
            self.refuse("ingest_too_many_rows", number, None, limit=f"{self.limits.rows:,}")
        if not "".join(cells).strip():
            return
        width = len(self.header)
        if len(cells) != width:
            cells = cells + [""] * (width - len(cells)) if self.ragged else cells
            if len(cells) < width or "".join(cells[width:]).strip():
                self.problems.append(
                    found("ingest_row_width", self.name, number, None, self.lang, count=len(cells), width=width)
                )
                return
            cells = cells[:width]
        if max(map(len, cells)) > self.limits.cell_chars:
            self.check_lengths(cells, number, self.header)
        self.cells += width
        if self.cells > self.limits.cells:
            self.refuse("ingest_too_many_cells", number, None, limit=f"{self.limits.cells:,}")
        self.rows.append(cells)
        self.numbers.append(number)

    def check_lengths(self, cells: list[str], number: int, columns: list[str]) -> None:
        for column, cell in zip(columns, cells):
            if len(cell) > self.limits.cell_chars:
                self.problems.append(
                    found(
                        "ingest_long_cell",
                        self.name,
                        number,
                        column,
                        self.lang,
                        count=f"{len(cell):,}",
                        limit=f"{self.limits.cell_chars:,}",
                    )
                )

    def frame(self) -> pd.DataFrame:
        columns = list(dict.fromkeys(self.header))  # a repeated header is a problem already; keep its first column
        positions = [self.header.index(c) for c in columns]
        if len(positions) == len(self.header):
            body = self.rows
        else:
            body = [[row[i] for i in positions] for row in self.rows]
        frame = (
            pd.DataFrame(body, columns=columns, dtype=object)
            if body
            else pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
        )
        frame.insert(0, "_row", self.numbers)
        return frame


YEAR_CELL = re.compile(r"^(?:19|20)\d\d\s*年?$")
NUMBER_CELL = re.compile(r"^[+\-−]?[\d,.]+\s*%?$")


def sub_header_row(header: list[str], cells: list[str]) -> bool:
    """The second row of a two-row header: the top row repeats a name (a merge filled it) or leaves cells empty
    for one, with nothing under the first column (or its own name again); under indicators this row names years,
    under years it names indicators (text, never a number)."""
    first = str(cells[0]).strip() if cells else ""
    rest = [str(c).strip() for c in cells[1:] if str(c).strip()]
    repeated = len(set(header)) < len(header) or any(h.startswith("Unnamed: ") for h in header[1:])
    tops = [h for h in header[1:] if not h.startswith("Unnamed: ")]
    if not (repeated and first in ("", header[0]) and len(rest) >= 2 and tops):
        return False
    if all(YEAR_CELL.match(h) for h in tops):
        return not any(YEAR_CELL.match(c) or NUMBER_CELL.match(c) for c in rest)
    return all(YEAR_CELL.match(c) for c in rest)


def units_row(cells: list[str], units: frozenset) -> bool:
    """A row under the header that gives each column's unit ('', '亿元', '%', '元'): its first cell is empty or says
    单位/unit, and every other filled cell is a unit the catalog knows (a data row whose region sits in its second
    column has a name there, and values)."""
    first = str(cells[0]).strip() if cells else ""
    rest = [UNIT_WORD.sub("", str(c).strip()) for c in cells[1:] if str(c).strip()]
    return (
        bool(rest)
        and first.casefold() in ("", "单位", "计量单位", "unit", "units")
        and all(unit_key(c) in units for c in rest)
    )


def unit_key(unit: str) -> str:
    """A unit as compared: '10,000 Yuan' and '10000yuan' are the same; '万元' and '万 元' too."""
    return re.sub(r"[\s,，]", "", unicodedata.normalize("NFKC", str(unit)).strip().casefold())


def header_names(cells: list[str]) -> list[str]:
    """Headers trimmed; an empty one named as pandas names it ('Unnamed: 3'), so mappings written for that still work."""
    return [str(c).strip() or f"Unnamed: {i}" for i, c in enumerate(cells)]


class Lines:
    """A file's lines decoded one at a time, each as UTF-8 or else GB18030/GBK; a file mixing the two, a line in
    neither or a NUL byte is a problem naming its line, never mojibake (decoding the whole file as GB18030 would
    turn the UTF-8 lines into nonsense without a word)."""

    def __init__(self, name: str, lang: str):
        self.name, self.lang = name, lang
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.first: tuple[str, int] | None = None  # the file's encoding: that of its first line not in ASCII
        self.binary = False

    def decoded(self, handle, block_size: int = 2**20):
        """Lines of a binary file, a block at a time: a block that is plausible UTF-8 as a whole is split at once
        (the common case, at C speed); any other block is decoded line by line to find the line at fault."""
        number, rest = 1, b""
        while not self.binary:
            block = handle.read(block_size)
            body = rest + block
            end = len(body) if not block else body.rfind(b"\n") + 1
            body, rest = body[:end], body[end:]
            yield from self.block(body, number)
            number += body.count(b"\n")
            if not block:
                return

    def block(self, body: bytes, number: int):
        if number == 1:
            body = body.removeprefix(b"\xef\xbb\xbf")
        text = decoded_as(body, "utf-8") if b"\x00" not in body else None
        if text is not None and not IMPLAUSIBLE.search(text):
            first = NOT_ASCII.search(body)
            if first:
                self.note("utf-8", number + body.count(b"\n", 0, first.start()))
            return lines_of(text)
        return (self.line(raw, number + i) for i, raw in enumerate(lines_of(body)) if not self.binary)

    def line(self, raw: bytes, number: int) -> str:
        if b"\x00" in raw:
            self.binary = True
            self.problems.append(found("problem_binary", self.name, None, None, self.lang))
            return ""
        if raw.isascii():
            return raw.decode("ascii")
        found_reading = reading(raw)
        if found_reading:
            encoding, text = found_reading
            self.note(encoding, number)
            return text
        self.problems.append(found("problem_encoding", self.name, number, None, self.lang))
        return raw.decode("utf-8", "replace")

    def note(self, encoding: str, number: int) -> None:
        if self.first is None:
            self.first = (encoding, number)
        elif encoding != self.first[0]:
            self.problems.append(
                found(
                    "ingest_mixed_encoding",
                    self.name,
                    number,
                    None,
                    self.lang,
                    encoding=ENCODING_NAMES[encoding],
                    first=ENCODING_NAMES[self.first[0]],
                    first_row=self.first[1],
                )
            )


def lines_of(body):
    """Lines split at \\n only, each with its end (splitlines would also split at \\x0b, \\x1c or U+2028 inside a cell)."""
    parts = body.split(b"\n" if isinstance(body, bytes) else "\n")
    lines = [part + (b"\n" if isinstance(body, bytes) else "\n") for part in parts[:-1]]
    return lines + ([parts[-1]] if parts[-1] else [])


def reading(raw: bytes) -> tuple[str, str] | None:
    """(encoding, text) of a line. A short GBK line can be valid UTF-8 too (值 is D6 B5, UTF-8 for a Hebrew vowel
    point): UTF-8 is taken unless what it reads is no text a statistics file holds and the GBK reading is."""
    fallback = None
    for encoding in ENCODINGS:
        text = decoded_as(raw, encoding)
        if text is not None and not IMPLAUSIBLE.search(text):
            return encoding, text
        fallback = fallback or (text is not None and (encoding, text)) or None
    return fallback


def decoded_as(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode(raw: bytes, name: str, lang: str) -> tuple[str | None, list[Problem]]:
    """A whole small file (a regions list) as text, line by line as read_csv decodes it."""
    lines = Lines(name, lang)
    text = "".join(lines.decoded(io.BytesIO(raw)))
    problems = lines.problems
    return (None, problems) if problems else (text, [])


def read_csv(
    path: Path, limits: Limits, lang: str, units: frozenset = frozenset()
) -> tuple[Table | None, list[Problem]]:
    """Streamed: decoded line by line and parsed record by record, so memory follows the rows kept, and a
    limit stops the reading where it is reached."""
    table, lines = Table(path.name, limits, lang, units=units), Lines(path.name, lang)
    csv.field_size_limit(max(csv.field_size_limit(), limits.cell_chars + 1))
    with open(path, "rb") as handle:
        start = handle.read(4096)
        kind = (
            "problem_utf16"
            if start[:2] in (b"\xff\xfe", b"\xfe\xff")
            else "problem_old_xls"
            if start[:8] == OLE
            else None
        )
        if kind:  # Excel's 'Unicode text' and an old .xls: said what they are, not 'not text'
            return None, [found(kind, path.name, None, None, lang)]
        delimiter = separator(start)
        handle.seek(0)
        reader = csv.reader(lines.decoded(handle), delimiter=delimiter, skipinitialspace=True, strict=True)
        number = 0
        try:
            for number, cells in enumerate(reader, start=1):
                table.take(cells, number)
        except csv.Error as error:
            kind = (
                "ingest_unclosed_quote"
                if "end of data" in str(error) or "field larger" in str(error)
                else "ingest_csv_syntax"
            )
            table.problems.append(found(kind, path.name, number + 1, None, lang, detail=str(error)))
    problems = lines.problems + table.problems
    if not table.header and not problems:  # nothing read as a header: never a file that silently counts for nothing
        problems.append(found("problem_no_header", path.name, None, None, lang))
    if lines.problems or not table.header:
        return None, problems
    return table, problems


def separator(start: bytes) -> str:
    """The file's field separator: a comma, unless its first line has none and has tabs (Excel's 'Unicode
    text' and tab-separated exports) or semicolons (a European Excel's CSV)."""
    first = next((line for line in start.replace(b"\r", b"").split(b"\n") if line.strip()), b"")
    if b"," in first:
        return ","
    return "\t" if b"\t" in first else ";" if b";" in first else ","


def read_parquet(path: Path, limits: Limits, lang: str, units: frozenset = frozenset()) -> tuple[Table, list[Problem]]:
    """Its footer says how many rows and columns and how large uncompressed: checked before a byte is inflated."""
    meta = pq.ParquetFile(path).metadata
    table = Table(path.name, limits, lang)
    inflated = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if inflated > limits.inflated_bytes:
        table.refuse("ingest_inflated", None, None, limit=f"{limits.inflated_bytes / 2**20:.0f}")
    if meta.num_rows > limits.rows:
        table.refuse("ingest_too_many_rows", None, None, limit=f"{limits.rows:,}")
    frame = pq.read_table(path).to_pandas()
    table.set_header([str(c) for c in frame.columns])
    for number, row in enumerate(frame.itertuples(index=False), start=2):
        table.add([plain(v) for v in row], number)
    return table, table.problems


def read_xlsx(
    path: Path, limits: Limits, lang: str, units: frozenset = frozenset(), sheet: str | None = None
) -> tuple[Table, list[Problem]]:
    """One sheet (the mapping's `sheet`, else the active one if visible, else the first visible), streamed by
    openpyxl's read-only reader; a merged cell's value is given to every cell it covers (a district merged over
    its years), a formula without a stored result is a problem, and hidden rows and the other sheets with data
    are left out with a warning (a hidden draft sheet first in the book was read in place of the final one)."""
    import openpyxl

    table = Table(path.name, limits, lang, ragged=True, units=units)
    refuse_inflated(path, limits, table)
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        chosen = chosen_sheet(book, sheet, table)
        if chosen is None:
            return table, table.problems
        chosen.reset_dimensions()  # the file's own <dimension> may lie; each row is as wide as its cells
        rows = [[shown(c) for c in row] for row in bounded(chosen.iter_rows(), limits, table)]
        scan = scan_sheet(book._archive, chosen._worksheet_path)
        others = [ws.title for ws in book.worksheets if ws.title != chosen.title and ws.max_row and ws.max_column]
    finally:
        book.close()
    listed = ("、" if lang == "zh" else ", ").join(others)
    if scan.hidden:
        table.warnings.append(
            found("ingest_hidden_rows", path.name, None, None, lang, rows=", ".join(map(str, scan.hidden[:20])))
        )
    fill_merged(rows, scan.merged)
    hidden = set(scan.hidden)
    for number, cells in enumerate(rows, start=1):
        if number not in hidden:
            table.take(cells, number)
    if others and not table.rows:  # a notes or empty sheet first: the table is elsewhere, and the message says where
        table.problems.append(
            found("ingest_sheet_no_table", path.name, None, None, lang, sheet=chosen.title, others=listed)
        )
    elif others:
        table.warnings.append(
            found("ingest_other_sheets", path.name, None, None, lang, sheet=chosen.title, others=listed)
        )
    table.problems += [
        found("ingest_formula_no_value", path.name, row, header_of(table.header, letters), lang, cell=reference)
        for row, letters, reference in scan.uncached
    ]
    return table, table.problems


def chosen_sheet(book, name: str | None, table: Table):
    """The sheet to read: the one named, else the active sheet when visible, else the first visible one."""
    if name is not None:
        if name not in book.sheetnames:
            table.problems.append(
                found(
                    "ingest_no_sheet", table.name, None, None, table.lang, sheet=name, sheets=", ".join(book.sheetnames)
                )
            )
            return None
        return book[name]
    visible = [ws for ws in book.worksheets if getattr(ws, "sheet_state", "visible") == "visible"]
    active = book.active
    return active if active in visible else (visible or book.worksheets)[0]


def shown(cell) -> str:
    """A cell as Excel shows its number: one formatted as a percentage (0.0245 under '0.00%') is 2.45%, which the
    value parser reads as 2.45 of a % indicator; stored as 0.0245 it was published a hundred times too small."""
    value, shape = cell.value, getattr(cell, "number_format", None) or ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and PERCENT_FORMAT.search(shape):
        return f"{plain(round(value * 100, 10))}%"
    if isinstance(value, datetime) and YEAR_FORMAT.match(shape):  # a date formatted 'yyyy' shows, and means, its year
        return str(value.year)
    if isinstance(value, datetime) and MONTH_FORMAT.match(shape.replace('"年"', "").replace('"月"', "")):
        return f"{value.year}-{value.month:02d}"  # shown as its month, and meant so
    return plain(value)


def size_problems(path: Path, limits: Limits, lang: str) -> list[Problem]:
    """An empty file, or one larger than the limit: refused before a byte of it is read."""
    size = path.stat().st_size
    if size == 0:
        return [found("problem_empty_file", path.name, None, None, lang)]
    if size > limits.file_bytes:
        return [
            found(
                "problem_huge_file",
                path.name,
                None,
                None,
                lang,
                size=f"{size / 2**20:.1f}",
                limit=f"{limits.file_bytes / 2**20:.0f}",
            )
        ]
    return []


def inflates_too_far(path: Path, limits: Limits) -> bool:
    """A zip's entries declare their inflated sizes and Python's zipfile never inflates past them (a larger stream
    fails its CRC), so their sum bounds what reading can cost: a zip bomb is refused before anything is inflated."""
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist()) > limits.inflated_bytes


def refuse_inflated(path: Path, limits: Limits, table: Table) -> None:
    if inflates_too_far(path, limits):
        table.refuse("ingest_inflated", None, None, limit=f"{limits.inflated_bytes / 2**20:.0f}")


def bounded(rows, limits: Limits, table: Table):
    """Rows until the row or column limit, then a refusal: a sheet claiming a million rows is not read to the end."""
    for number, row in enumerate(rows, start=1):
        if number - 1 > limits.rows:
            table.refuse("ingest_too_many_rows", number, None, limit=f"{limits.rows:,}")
        if len(row) > limits.columns:
            table.refuse("ingest_too_many_columns", number, None, count=f"{len(row):,}", limit=f"{limits.columns:,}")
        yield row


@dataclass
class Scan:
    merged: list[str]
    uncached: list[tuple[int, str, str]]  # row, column header letter, cell reference
    hidden: list[int] = field(default_factory=list)  # rows hidden in the sheet


def scan_sheet(archive: zipfile.ZipFile, sheet_path: str) -> Scan:
    """What openpyxl's read-only reader does not tell: the merged ranges, and the formula cells without a stored
    result (a workbook saved by a program that does not calculate); read as a stream, elements freed as they pass."""
    from xml.etree.ElementTree import iterparse

    scan = Scan([], [])
    with archive.open(sheet_path) as source:
        for _, element in iterparse(source, events=("end",)):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "c":
                children = {child.tag.rsplit("}", 1)[-1]: child for child in element}
                stored = (
                    children.get("v") is not None and (children["v"].text or "") != ""
                )  # openpyxl writes an empty <v/>
                if "f" in children and not stored and "is" not in children:
                    scan.uncached.append(cell_place(element.get("r", "")))
                element.clear()
            elif tag == "mergeCell":
                scan.merged.append(element.get("ref", ""))
            elif tag == "row":
                if element.get("hidden") in ("1", "true") and str(element.get("r", "")).isdigit():
                    scan.hidden.append(int(element.get("r")))
                element.clear()
    return scan


def cell_place(reference: str) -> tuple[int, str, str]:
    from openpyxl.utils.cell import coordinate_from_string

    letters, row = coordinate_from_string(reference)
    return row, letters, reference


def header_of(header: list[str], letters: str) -> str:
    from openpyxl.utils.cell import column_index_from_string

    index = column_index_from_string(letters) - 1
    return header[index] if index < len(header) else letters


def fill_merged(rows: list[list[str]], merged: list[str]) -> None:
    from openpyxl.utils.cell import range_boundaries

    for reference in merged:
        first_col, first_row, last_col, last_row = range_boundaries(reference)
        value = cell(rows, first_row, first_col)
        for row in range(first_row, min(last_row, len(rows)) + 1):
            line = rows[row - 1]
            line.extend([""] * (last_col - len(line)))
            for column in range(first_col, last_col + 1):
                line[column - 1] = value


def cell(rows: list[list[str]], row: int, column: int) -> str:
    return rows[row - 1][column - 1] if row <= len(rows) and column <= len(rows[row - 1]) else ""


def plain(value) -> str:
    """A cell as text; whole floats lose their '.0' so a year read as 2020.0 stays 2020."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
