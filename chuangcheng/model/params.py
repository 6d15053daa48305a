"""What a view is asked, as one value: read from and written to a page's URL, the command line and the API alike."""

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

from chuangcheng.errors import InvalidParameter
from chuangcheng.model import periods

LANGS = ("en", "zh")
# URL name -> field, where they differ: the URL contract keeps the design's names (district, districts).
URL_NAMES = {"region": "district", "regions": "districts"}
# Older links still open: ?city=990100 meant what ?parent=990100 means now.
URL_ALIASES = {"city": "parent"}


@dataclass(frozen=True)
class Params:
    """One view's question. None (or empty) means "the default": the views choose it from the data.

    parent "" means every region of the level, whatever its parent. `year` asks for a year's figures (scores are
    yearly); `period` for figures finer than a year, as chuangcheng.model.periods writes it (2025-06, 2025Q2,
    2025-W23). ?period=2025 is a year, read into `year`: a year's link keeps one spelling.
    """

    snapshot: str | None = None
    lang: str = "en"
    level: str | None = None
    parent: str | None = None
    region: str | None = None
    regions: tuple[str, ...] = ()
    year: int | None = None
    period: str | None = None  # a half, quarter, month or week: its canonical text
    years: tuple[int, int] | None = None
    indicator: str | None = None
    indicators: tuple[str, ...] = ()
    aspect: str | None = None
    # "change since": the earlier year (the later is year), or with a period finer than a year the earlier period of
    # its grain (since=2024-12 beside period=2025-06), in canonical text
    since: int | str | None = None
    show: str | None = None  # how the overview shows one indicator: map, chart or table
    precision: str | None = None  # numbers of a download: "shown" (the catalog's decimals, the default) or "full"
    peers: str | None = None  # what a region is compared with: "parent" (the default), "level", or a named group's id

    @classmethod
    def from_query(cls, query: Mapping) -> "Params":
        """Parse a URL's or API's parameters (values may be strings or lists of strings).

        Raises InvalidParameter naming the parameter and why, for a value of the wrong type or a parameter of
        one value given twice (?year=2025&year=2024 has no one meaning); whether a code exists in a snapshot
        is for the view to decide (it knows the data).
        """
        values = {}
        for field in fields(cls):
            name = URL_NAMES.get(field.name, field.name)
            raw = values_of(query, name)
            if not raw and field.name in URL_ALIASES.values():
                raw = next((values_of(query, old) for old, new in URL_ALIASES.items() if new == field.name), [])
            if len(raw) > 1 and field.name in SINGLE:
                raise InvalidParameter(name, ", ".join(raw[:3]), f"given {len(raw)} times; give it once")
            if raw:
                values[field.name] = PARSERS[field.name](field.name, raw)
        if values.get("period", "").isdigit():  # a yearly period is the year
            if values.get("year", int(values["period"])) != int(values["period"]):
                raise InvalidParameter("period", values["period"], f"a year other than year={values['year']}")
            values["year"] = int(values.pop("period"))
        return cls(**values)

    def to_query(self) -> dict[str, list[str]]:
        """The parameters as a URL carries them: codes, never names; defaults left out."""
        query = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value is None or value == ():
                continue
            texts = [str(v) for v in value] if isinstance(value, tuple) else ["all" if value == "" else str(value)]
            query[URL_NAMES.get(field.name, field.name)] = texts
        return query

    def but(self, **changes) -> "Params":
        """The same question with some parameters changed."""
        return replace(self, **changes)


def values_of(query: Mapping, name: str) -> list[str]:
    raw = query.get(name)
    if raw is None:
        return []
    items = list(raw) if isinstance(raw, (list, tuple)) else [raw]
    return [str(item).strip() for item in items if str(item).strip() != ""]


def one(name: str, raw: list[str]) -> str:
    return raw[-1]


def code(name: str, raw: list[str]) -> str:
    value = one(name, raw)
    if len(value) > 64 or any(ch.isspace() for ch in value):
        raise InvalidParameter(name, value, "not a code")
    return value


def codes(name: str, raw: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(code(name, [item]) for item in raw))


def year(name: str, raw: list[str]) -> int:
    """Four ASCII digits, 1900 to 2200: '２０２５', '٢٠٢٥' or '²⁰²⁵' are refused, not read (str.isdigit() took the
    last for digits, then int() failed on it; 5,000 nines passed Python's limit on digits)."""
    value = one(name, raw)
    if not (len(value) == 4 and value.isascii() and value.isdigit() and 1900 <= int(value) <= 2200):
        raise InvalidParameter(name, value[:20], "not a year (four digits, 1900 to 2200)")
    return int(value)


def since(name: str, raw: list[str]) -> int | str:
    """A year (2015), or a period finer than a year in canonical text (2024-12): what a change is taken since."""
    value = period(name, raw)
    return int(value) if value.isdigit() else value


def period(name: str, raw: list[str]) -> str:
    """A period in canonical text (2025-06, 2025Q2, 2025-W23, 2025H1 or a year); what tables write (2025年6月) is
    ingest's to read, a link keeps one spelling."""
    value = one(name, raw)
    try:
        parsed = periods.parse(value)
    except periods.PeriodError:
        raise InvalidParameter(name, value[:20], "not a period (2025, 2025H1, 2025Q2, 2025-06 or 2025-W23)") from None
    if not 1900 <= parsed.year <= 2200:
        raise InvalidParameter(name, value[:20], "not a period (1900 to 2200)")
    return str(parsed)


def year_range(name: str, raw: list[str]) -> tuple[int, int]:
    if len(raw) != 2:
        raise InvalidParameter(name, ", ".join(raw), "needs two years, first and last")
    first, last = (year(name, [value]) for value in raw)
    if first > last:
        raise InvalidParameter(name, ", ".join(raw), "the first year is after the last")
    return first, last


def language(name: str, raw: list[str]) -> str:
    value = one(name, raw)
    if value not in LANGS:
        raise InvalidParameter(name, value, f"one of {', '.join(LANGS)}")
    return value


PRECISIONS = ("shown", "full")


def precision(name: str, raw: list[str]) -> str:
    value = one(name, raw)
    if value not in PRECISIONS:
        raise InvalidParameter(name, value, f"one of {', '.join(PRECISIONS)}")
    return value


def parent(name: str, raw: list[str]) -> str:
    value = one(name, raw)
    return "" if value in ("all", "*") else code(name, [value])


SHOWS = ("chart", "table", "map")


def show(name: str, raw: list[str]) -> str:
    value = one(name, raw)
    if value not in SHOWS:
        raise InvalidParameter(name, value[:20], f"one of {', '.join(SHOWS)}")
    return value


PARSERS = {
    "snapshot": code,
    "lang": language,
    "level": code,
    "parent": parent,
    "region": code,
    "regions": codes,
    "year": year,
    "period": period,
    "years": year_range,
    "indicator": code,
    "indicators": codes,
    "aspect": code,
    "since": since,
    "show": show,
    "precision": precision,
    "peers": code,
}
# Parameters of one value: given twice, the API refuses them (a page says which one it used).
SINGLE = {
    "snapshot",
    "lang",
    "level",
    "parent",
    "region",
    "year",
    "period",
    "indicator",
    "aspect",
    "since",
    "show",
    "precision",
    "peers",
}
