"""Adapt a foreign table: which column is which, what to leave out, how names and values are written.

A mapping is a TOML file a steward writes (README, "Loading your own figures"):

    ignore = ["备注", "Unnamed: 0"]            # columns to drop
    [columns]   region = "城市" / year / indicator / value / qualifier / status / source
    [indicators] "地区生产总值（万元）" = "gdp"   # wide headers -> catalog codes
    [units]      gdp = "万元"                   # the unit a column is written in, either language or symbol
    [aliases]    "Xian" = "610100"              # names the file uses -> a region code (or a known name)
    [filter]     years = [2008, 2017]           # first and last year kept; regions = ["610100", ...]
    [defaults]   source = "统计年鉴2018"; status = "reported"; qualifier = "="   # for the whole file
"""

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from chuangcheng.errors import Problem

# The columns of our own long export (and of a plain long file): name in our terms -> header.
DEFAULT_COLUMNS = {
    "region": "region_code", "year": "year", "indicator": "indicator", "value": "value",
    "qualifier": "qualifier", "status": "status", "source": "source",
}
SECTIONS = {"columns", "indicators", "units", "aliases", "filter", "defaults", "ignore"}
SURVEY_COLUMNS = ("respondent_id", "question", "answer")
MISSING = {"", "—", "–", "-", "--", "…", "...", "n/a", "na", "null", "none", "无", "暂无", "空"}
NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*(.*)$")


@dataclass(frozen=True)
class Mapping:
    """What a mapping file says; every field has the meaning of a plain long or wide file by default."""

    columns: dict = field(default_factory=lambda: dict(DEFAULT_COLUMNS))
    indicators: dict = field(default_factory=dict)  # header -> indicator code
    units: dict = field(default_factory=dict)  # indicator code -> the unit the file writes it in
    aliases: dict = field(default_factory=dict)  # written name -> region code or known name
    ignore: tuple = ()
    years: tuple | None = None  # first, last kept
    regions: tuple = ()  # only these (codes or names); empty keeps all
    defaults: dict = field(default_factory=dict)  # source, status, qualifier for rows that leave them empty
    file: str = ""

    @classmethod
    def read(cls, path: Path | None) -> tuple["Mapping", list[Problem]]:
        """The mapping, and every problem of its form (its targets are checked against the catalog later)."""
        if path is None:
            return cls(), []
        name = Path(path).name
        try:
            spec = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            at = re.search(r"line (\d+)", str(error))
            return cls(file=name), [Problem(name, int(at.group(1)) if at else None, None, f"not a TOML file: {error}")]
        problems = [Problem(name, None, key, "unknown section (use " + ", ".join(sorted(SECTIONS)) + ")")
                    for key in spec if key not in SECTIONS]
        problems += [Problem(name, None, f"columns.{key}", "unknown column role (use " + ", ".join(DEFAULT_COLUMNS) + ")")
                     for key in spec.get("columns", {}) if key not in DEFAULT_COLUMNS]
        years = spec.get("filter", {}).get("years")
        if years is not None and not (isinstance(years, list) and len(years) == 2 and all(isinstance(y, int) for y in years) and years[0] <= years[1]):
            problems.append(Problem(name, None, "filter.years", "must be two years, first and last, e.g. [2008, 2017]"))
            years = None
        mapping = cls(
            columns={**DEFAULT_COLUMNS, **{k: str(v) for k, v in spec.get("columns", {}).items() if k in DEFAULT_COLUMNS}},
            indicators={str(k): str(v) for k, v in spec.get("indicators", {}).items()},
            units={str(k): str(v) for k, v in spec.get("units", {}).items()},
            aliases={str(k): str(v) for k, v in spec.get("aliases", {}).items()},
            ignore=tuple(str(c) for c in spec.get("ignore", [])), years=tuple(years) if years else None,
            regions=tuple(str(r) for r in spec.get("filter", {}).get("regions", [])),
            defaults={str(k): str(v) for k, v in spec.get("defaults", {}).items()}, file=name,
        )
        return mapping, problems


def folded(text: str) -> str:
    """Text as compared: full-width forms made plain (NFKC), trimmed, case-folded."""
    return unicodedata.normalize("NFKC", str(text)).strip().casefold()


def undefused(text: str) -> str:
    """Undo our export's formula defusing ('=) so a downloaded CSV ingests back to what it came from."""
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r", "\n") else text


def is_missing(text: str) -> bool:
    return folded(undefused(text)) in MISSING


def unit_key(unit: str) -> str:
    return folded(unit).replace(" ", "")


def factor(unit: str, units) -> tuple[str, float] | None:
    """(base, factor) of a written unit from the catalog's units table (either language or symbol)."""
    wanted = unit_key(unit)
    for written, row in units.iterrows():
        if unit_key(written) == wanted:
            return row["base"], float(row["factor"])
    return None


def conversion(written: str, catalog_units: tuple[str, ...], units) -> float | None:
    """How many of the catalog's unit one of the written unit is worth; None when they do not convert."""
    wanted = unit_key(written)
    if any(unit_key(unit) == wanted for unit in catalog_units):
        return 1.0
    source = factor(written, units)
    for unit in catalog_units:
        target = factor(unit, units)
        if source and target and source[0] == target[0]:
            return source[1] / target[1]
    return None


def parse_value(text: str, catalog_units: tuple[str, ...], file_unit: str | None, units) -> float | None:
    """A number from a cell such as '1,234.5', '１２３', '36%', '145亿元' or '3.2万元', in the catalog's unit;
    None when it is not one or its unit does not convert."""
    cleaned = unicodedata.normalize("NFKC", undefused(text)).strip().replace(",", "").replace(" ", "")
    match = NUMBER.match(cleaned)
    if not match:
        return None
    number, suffix = float(match.group(1)), match.group(2)
    written = suffix or file_unit
    if not written or (suffix == "%" and any(u.startswith("%") for u in catalog_units)):
        return number
    ratio = conversion(written, catalog_units, units)
    return number * ratio if ratio is not None else None
