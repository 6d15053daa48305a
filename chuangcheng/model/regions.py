"""Regions as data: the reviewed list in the catalog, extended or overridden by a snapshot's own regions.parquet.

Nothing here assumes a code length or a level: a snapshot may hold provinces, cities, districts and
streets in any mix; peers are the regions of the same level under the same parent.
"""

import re
import unicodedata
from pathlib import Path

import pandas as pd
import pyarrow as pa

from chuangcheng import files as files_module
from chuangcheng.errors import Problem
from chuangcheng.i18n import cut, t

LEVELS = ("province", "city", "district", "street")
COLUMNS = ["code", "parent_code", "level", "name_zh", "name_en", "aliases"]
SCHEMA = pa.schema([(column, pa.string()) for column in COLUMNS])
CODE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_.-]{0,31}$")
ALIAS_SEPARATOR = ";"
# Text from a steward's file that a spreadsheet would run (=, +, -, @ or a control character first) or a page or
# export could turn into script; a leading ' is how a spreadsheet (and our export) marks text as text.
FORMULA = re.compile(r"^[=+\-@\t\r\n]")
SCRIPT = re.compile(r"<\s*script|javascript:", re.IGNORECASE)
# Markup a renderer could make live: an HTML tag, a Markdown link or image.
MARKUP = re.compile(r"<\s*/?\s*[a-z!][^>]*>|!?\[[^\]]*\]\([^)]*\)", re.IGNORECASE)
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")  # they reorder what a reader sees
# Anything text_problem could object to shows one of these; a national list's thousands of plain names are
# passed over in one vectorised match instead of one call each (the catalog is checked at every start).
SUSPECT = re.compile(r"^\s*[=+\-@]|[\x00-\x1f\x7f-\x9f<\[\u202a-\u202e\u2066-\u2069]|javascript:", re.IGNORECASE)


def text_problem(text: str) -> tuple[str, dict] | None:
    """What is wrong with a name or source as text, as (message key, values), or None: a formula or script, a
    control character inside it (a carriage return splits a name in two in every table), or markup."""
    if FORMULA.match(text) or SCRIPT.search(text):
        return "problem_formula", {"value": text}
    control = next((c for c in text.strip() if unicodedata.category(c) == "Cc" or c in BIDI), None)
    if control is not None:
        return "problem_control", {"value": text, "char": f"U+{ord(control):04X}"}
    if MARKUP.search(text):
        return "problem_markup", {"value": text}
    return None


# Levels as a steward's regions file may write them in Chinese
LEVEL_WORDS = {
    "省": "province",
    "省级": "province",
    "自治区": "province",
    "直辖市": "province",
    "市": "city",
    "地级市": "city",
    "地级": "city",
    "地区": "city",
    "自治州": "city",
    "盟": "city",
    "区": "district",
    "县": "district",
    "县级市": "district",
    "县级": "district",
    "区县": "district",
    "旗": "district",
    "街道": "street",
    "乡镇": "street",
    "乡": "street",
    "镇": "street",
}


def tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns in order, every cell text ('' when missing), codes trimmed."""
    frame = frame.reindex(columns=COLUMNS).fillna("").astype(str)
    for column in COLUMNS:
        frame[column] = frame[column].str.strip()
    return frame.reset_index(drop=True)


def merged(base: pd.DataFrame, extra: pd.DataFrame | None) -> pd.DataFrame:
    """The base list (indexed by code) with a snapshot's regions laid over it: a code in both takes the
    snapshot's row, except for cells the snapshot leaves empty."""
    if extra is None or extra.empty:
        return base
    extra = tidy(extra).set_index("code")
    overlap = extra.index.intersection(base.index)
    combined = extra.copy()
    for column in extra.columns:
        blank = combined.loc[overlap, column] == ""
        combined.loc[overlap[blank.to_numpy()], column] = base.loc[overlap[blank.to_numpy()], column]
    return pd.concat([base.drop(index=overlap), combined]).sort_index()


def read(path: Path) -> pd.DataFrame | None:
    """A snapshot's regions.parquet, or None when it has none."""
    if not Path(path).is_file():
        return None
    return tidy(pd.read_parquet(path))


def to_table(frame: pd.DataFrame) -> pa.Table:
    return pa.Table.from_pandas(tidy(frame).sort_values("code", ignore_index=True), schema=SCHEMA, preserve_index=False)


def check(
    frame: pd.DataFrame, file: str, known_parents: set[str] = frozenset(), first_row: int = 2, lang: str = "en"
) -> list[Problem]:
    """Every problem of a regions table: codes, levels, names, duplicates and parents (known elsewhere or here).
    Column by column, not row by row: a national list has thousands of regions and is checked at every start."""
    problems = name_problems(frame, file, first_row, lang)
    frame = tidy(frame).set_axis(
        frame.index
    )  # rows are named by index + first_row: a steward's file keeps its row numbers
    at = lambda mask: [int(i) + first_row for i in frame.index[mask]]  # noqa: E731
    problems += [
        Problem(file, row, "code", t("regions_bad_code", lang)) for row in at(~frame["code"].str.fullmatch(CODE))
    ]
    problems += [
        Problem(file, row, "level", t("regions_bad_level", lang, levels=", ".join(LEVELS)))
        for row in at(~frame["level"].isin(LEVELS))
    ]
    for column in ("name_zh", "name_en"):
        problems += [Problem(file, row, column, t("regions_empty", lang)) for row in at(frame[column] == "")]
    problems += [
        Problem(file, row, "code", t("regions_duplicate", lang)) for row in at(frame.duplicated("code", keep="first"))
    ]
    known = set(frame["code"]) | set(known_parents)
    # a lookup per row, not isin: pandas' string isin converts all 45,000 known codes at each call (0.2 s)
    orphans = (frame["parent_code"] != "") & ~frame["parent_code"].map(known.__contains__).astype(bool)
    problems += [
        Problem(
            file,
            int(i) + first_row,
            "parent_code",
            t("regions_unknown_parent", lang, code=repr(frame.at[i, "parent_code"])),
        )
        for i in frame.index[orphans]
    ]
    return sorted(problems, key=lambda p: (p.row or 0, p.column or ""))


def name_problems(frame: pd.DataFrame, file: str, first_row: int, lang: str) -> list[Problem]:
    """The same guard as names in data files get, on the names and aliases as written (before trimming, which
    would hide a leading tab): a regions file's names are shown on every page and in every export."""
    problems = []
    for column in [c for c in ("name_zh", "name_en", "aliases") if c in frame.columns]:
        texts = frame[column].fillna("").astype(str)
        suspect = texts.str.contains(SUSPECT, regex=True)
        for i, text in zip(frame.index[suspect], texts[suspect]):
            found = text_problem(text.strip(" ")) if text.strip() else None
            if found:
                key, values = found
                problems.append(
                    Problem(file, int(i) + first_row, column, t(key, lang, **{**values, "value": cut(values["value"])}))
                )
    return problems


NATIONAL_FOLDER = "china"  # under a data folder's catalog/: regions.parquet, changes.parquet, source.json


# Read once per content: every data folder that copies the list (a test's, a second checkout's) shares one reading.
_national = files_module.ByContent(lambda path: pd.read_parquet(path).set_index("code"), most=4)


def national(catalog_folder: Path) -> pd.DataFrame:
    """All of China's regions (datasets/china.py builds them), indexed by code, with their romanised keys; empty when
    the catalog has no national list. Read once per state of the file: ingest, not serving, reads it."""
    path = Path(catalog_folder) / NATIONAL_FOLDER / "regions.parquet"
    if not path.is_file():
        return pd.DataFrame(columns=[*COLUMNS[1:], "romanised"]).rename_axis("code")
    return _national(path)


def national_changes(catalog_folder: Path) -> pd.DataFrame:
    """Codes that are no longer in the national list (code, name_zh, last_revision, successor, how), indexed by code."""
    path = Path(catalog_folder) / NATIONAL_FOLDER / "changes.parquet"
    if not path.is_file():
        return pd.DataFrame(columns=["name_zh", "last_revision", "successor", "how"]).rename_axis("code")
    return _national(path)


def lineage(parents: dict[str, str], codes: set[str]) -> list[str]:
    """The codes and their ancestors by these parents, sorted: what a snapshot keeps of a list so it needs no other."""
    wanted = set()
    for code in codes:
        while code and code in parents and code not in wanted:
            wanted.add(code)
            code = parents[code]
    return sorted(wanted)
