"""Adapt a foreign table: which column is which, and how its values are written (units, %, separators)."""

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

# The columns of our own long export (and of a plain long file): name in our terms -> header.
DEFAULT_COLUMNS = {
    "region": "region_code", "year": "year", "indicator": "indicator", "value": "value",
    "qualifier": "qualifier", "status": "status", "source": "source",
}
SURVEY_COLUMNS = ("respondent_id", "question", "answer")
# How many of the catalog's unit a value in another unit is worth.
UNIT_FACTORS = {
    ("万元", "亿元"): 1e-4, ("元", "亿元"): 1e-8, ("亿元", "万元"): 1e4, ("元", "万元"): 1e-4,
    ("万元", "元"): 1e4, ("亿元", "元"): 1e8, ("千元", "元"): 1e3, ("千元", "万元"): 0.1,
}
MISSING = {"", "—", "–", "-", "--", "…", "...", "n/a", "na", "null", "none", "无", "暂无", "空"}
NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*(.*)$")


@dataclass(frozen=True)
class Mapping:
    """Which header holds each of our columns, which headers are indicators (wide), and source units."""

    columns: dict = field(default_factory=lambda: dict(DEFAULT_COLUMNS))
    indicators: dict = field(default_factory=dict)  # header -> indicator code
    units: dict = field(default_factory=dict)  # indicator code -> the unit the file writes it in

    @classmethod
    def read(cls, path: Path | None) -> "Mapping":
        if path is None:
            return cls()
        spec = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        return cls({**DEFAULT_COLUMNS, **spec.get("columns", {})}, spec.get("indicators", {}), spec.get("units", {}))


def folded(text: str) -> str:
    """Text as compared: full-width forms made plain (NFKC), trimmed, case-folded."""
    return unicodedata.normalize("NFKC", str(text)).strip().casefold()


def undefused(text: str) -> str:
    """Undo our export's formula defusing ('=) so a downloaded CSV ingests back to what it came from."""
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r", "\n") else text


def is_missing(text: str) -> bool:
    return folded(undefused(text)) in MISSING


def parse_value(text: str, catalog_unit: str, file_unit: str | None) -> float | None:
    """A number from a cell such as '1,234.5', '１２３', '36%', '145亿元' or '3.2万元'; None when it is not one."""
    cleaned = unicodedata.normalize("NFKC", undefused(text)).strip().replace(",", "").replace(" ", "")
    match = NUMBER.match(cleaned)
    if not match:
        return None
    number, suffix = float(match.group(1)), match.group(2)
    unit = suffix or file_unit or catalog_unit
    if unit == catalog_unit or (suffix == "%" and catalog_unit.startswith("%")):
        return number
    factor = UNIT_FACTORS.get((unit, catalog_unit))
    return number * factor if factor is not None else None
