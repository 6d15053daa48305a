"""A period is a value: a year, a half, a quarter, a month or an ISO week, with its dates, its order, its labels in
both languages, the period before and the same period a year earlier; and how tables write them.

Canonical text (what a `period` column, a link and the API hold): 2025, 2025H1, 2025Q2, 2025-06, 2025-W23. Each
grain tiles time, so "the period before" ends the day before a period starts, and the year before of a week is
the same ISO week number, where that year has one (a 53rd week has none).

Offices write periods as 2025年6月, 2025/6, 6月 (the year in the title), 2025年第二季度, 2025年上半年, 1-6月
(January to June, cumulative), 第23周 and Excel dates; `read` takes those, `Reading` says what it found."""

import datetime as dt
import numbers
import re
from dataclasses import dataclass
from functools import total_ordering

GRAINS = ("year", "half", "quarter", "month", "week")
PER_YEAR = {"year": 1, "half": 2, "quarter": 4, "month": 12}
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug folded in for serials after February 1900)


class PeriodError(ValueError):
    """Text that names no period; the message says what was read and what forms are taken."""


@total_ordering
@dataclass(frozen=True)
class Period:
    grain: str
    year: int
    index: int = 1  # the half, quarter, month or ISO week within the year; 1 for a year

    def __post_init__(self):
        if self.grain not in GRAINS:
            raise PeriodError(f"unknown grain {self.grain!r}")
        if not 1 <= self.index <= self.count_in(self.year):
            raise PeriodError(f"{self.grain} {self.index} is not in {self.year}")

    def count_in(self, year: int) -> int:
        """How many periods of this grain a year has (52 or 53 ISO weeks)."""
        return PER_YEAR.get(self.grain) or dt.date(year, 12, 28).isocalendar().week

    # --- dates and order ---
    @property
    def start(self) -> dt.date:
        if self.grain == "week":
            return dt.date.fromisocalendar(self.year, self.index, 1)
        months = 12 // PER_YEAR[self.grain]
        return dt.date(self.year, 1 + (self.index - 1) * months, 1)

    @property
    def end(self) -> dt.date:
        return self.next().start - dt.timedelta(days=1)

    def __lt__(self, other: "Period") -> bool:
        return (self.start, GRAINS.index(self.grain)) < (other.start, GRAINS.index(other.grain))

    def previous(self) -> "Period":
        """The period before: it ends the day before this one starts."""
        if self.index > 1:
            return Period(self.grain, self.year, self.index - 1)
        last = Period(self.grain, self.year - 1, 1)
        return Period(self.grain, self.year - 1, last.count_in(self.year - 1))

    def next(self) -> "Period":
        if self.index < self.count_in(self.year):
            return Period(self.grain, self.year, self.index + 1)
        return Period(self.grain, self.year + 1, 1)

    def year_ago(self) -> "Period | None":
        """The same period a year earlier (同比); None for a 53rd week, which the year before may not have."""
        if self.index > Period(self.grain, self.year - 1).count_in(self.year - 1):
            return None
        return Period(self.grain, self.year - 1, self.index)

    # --- text ---
    def __str__(self) -> str:
        return {
            "year": f"{self.year}",
            "half": f"{self.year}H{self.index}",
            "quarter": f"{self.year}Q{self.index}",
            "month": f"{self.year}-{self.index:02d}",
            "week": f"{self.year}-W{self.index:02d}",
        }[self.grain]

    def label(self, lang: str) -> str:
        """As a reader writes it: 2025年6月, June 2025; 2025年第23周, week 23 of 2025."""
        zh = lang == "zh"
        match self.grain:
            case "year":
                return f"{self.year}年" if zh else f"{self.year}"
            case "half":
                return f"{self.year}年{'上' if self.index == 1 else '下'}半年" if zh else f"H{self.index} {self.year}"
            case "quarter":
                return f"{self.year}年第{'一二三四'[self.index - 1]}季度" if zh else f"Q{self.index} {self.year}"
            case "month":
                return f"{self.year}年{self.index}月" if zh else f"{MONTHS_EN[self.index - 1]} {self.year}"
        return f"{self.year}年第{self.index}周" if zh else f"week {self.index} of {self.year}"

    def cumulative_label(self, lang: str) -> str:
        """A figure from January to this period's end, as releases title it: 2025年1—6月, Jan–Jun 2025; a first
        month is the month alone (2025年1月), and a cumulative week or year is its own label."""
        if self.grain in ("year", "week"):
            return self.label(lang)
        last = self.end.month
        if last == 1:
            return Period("month", self.year, 1).label(lang)
        if lang == "zh":
            return f"{self.year}年1—{last}月"
        return f"Jan–{MONTHS_EN[last - 1][:3]} {self.year}"


# ASCII digits only, the whole text: '２０２５-06' or '2025-06\n' is no canonical period (a link keeps one spelling)
CANONICAL = re.compile(r"(\d{4})(?:H([12])|Q([1-4])|-(\d{2})|-W(\d{2}))?", re.ASCII)


def of_day(grain: str, day: dt.date) -> Period:
    """The period of a grain that holds a day (an ISO week belongs to its ISO year: 2024-12-30 is in 2025-W01)."""
    if grain == "week":
        year, week, _ = day.isocalendar()
        return Period("week", year, week)
    if grain == "year":
        return Period("year", day.year)
    per_year = PER_YEAR[grain]
    return Period(grain, day.year, 1 + (day.month - 1) // (12 // per_year))


def parse(text: str) -> Period:
    """A period from its canonical text (2025, 2025H1, 2025Q2, 2025-06, 2025-W23); PeriodError otherwise."""
    found = CANONICAL.fullmatch(str(text).strip())
    if not found:
        raise PeriodError(f"{text!r} is not a period (2025, 2025H1, 2025Q2, 2025-06 or 2025-W23)")
    year, half, quarter, month, week = found.groups()
    if half:
        return Period("half", int(year), int(half))
    if quarter:
        return Period("quarter", int(year), int(quarter))
    if month:
        return Period("month", int(year), int(month))
    if week:
        return Period("week", int(year), int(week))
    return Period("year", int(year))


@dataclass(frozen=True)
class Reading:
    """What a cell says: a period, or a day (a dated record's), and whether the figure runs from January (1-6月累计)."""

    period: Period | None = None
    day: dt.date | None = None
    cumulative: bool = False


def number(text: str) -> int:
    """Arabic or Chinese digits up to 99 (二, 十二, 二十三): weeks, months and quarters as offices write them."""
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return CHINESE_DIGITS[text]
    tens, _, units = text.partition("十")
    return (CHINESE_DIGITS[tens] if tens else 1) * 10 + (CHINESE_DIGITS[units] if units else 0)


CN = "[0-9一二三四五六七八九十]+"
YEAR = r"(\d{4})\s*年?"
FORMS = [  # (pattern, what it reads as), tried in order; the year optional where a title or [defaults] gives it
    (re.compile(r"^(\d{4})\s*年$"), "year"),
    (re.compile(r"^(?:H|h)([12])\s+(\d{4})$"), "half_en"),
    (re.compile(r"^(?:Q|q)([1-4])\s+(\d{4})$"), "quarter_en"),
    (re.compile(r"^(?:week|Week)\s+(\d{1,2})\s+of\s+(\d{4})$"), "week_en"),
    (re.compile(r"^(" + "|".join(MONTHS_EN) + r")\s+(\d{4})$", re.I), "month_en"),
    (re.compile(rf"^(?:{YEAR}\s*)?(?:第\s*)?({CN})\s*季度$"), "quarter"),
    (re.compile(rf"^(?:{YEAR}\s*)?([上下])半年$"), "half"),
    (re.compile(rf"^(?:{YEAR}\s*)?(?:1|一)\s*[-－—–~～至到]\s*({CN})\s*月(?:份)?(?:累计)?$"), "cumulative"),
    (re.compile(rf"^(?:{YEAR}\s*)?(?:第\s*)?({CN})\s*周$"), "week"),
    (re.compile(rf"^(?:{YEAR}\s*)?({CN})\s*月(?:份)?$"), "month"),
    # 2025.06 and 2025/6, never 2025.1: a spreadsheet's number 2025.10 (October) is shown as 2025.1
    (re.compile(r"^(\d{4})\s*[/-]\s*(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})\s*\.\s*(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"), "day"),
    (re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$"), "day"),
]


def read(cell, year: int | None = None) -> Reading:
    """A period or a day from a cell as tables write it; `year` is the title's or [defaults]' year for cells that
    leave it out (6月, 第二季度, 1-6月, 第23周). Excel dates and day serials are days. PeriodError says why not."""
    if isinstance(cell, dt.datetime):
        return Reading(day=cell.date())
    if isinstance(cell, dt.date):
        return Reading(day=cell)
    if isinstance(cell, numbers.Real) and not isinstance(cell, bool):  # numpy's too: a column pandas read as numbers
        return read_number(float(cell))
    text = str(cell).strip().replace("年度", "年")
    if CANONICAL.fullmatch(text):  # 2025-W53 in a year of 52 weeks is that error, not "no period"
        return Reading(period=parse(text))
    for pattern, kind in FORMS:
        found = pattern.match(text)
        if found:
            return reading(kind, found.groups(), year, text)
    raise PeriodError(
        f"{text!r} is no period: write 2025, 2025年6月, 2025-06, 2025Q2, 2025年第二季度, 2025年上半年, 1-6月, "
        "2025-W23 or 第23周 (the year in the title or [defaults] where a cell leaves it out)"
    )


def read_number(value: float) -> Reading:
    """A whole number in a period cell: a year (1900-2200), a year and month written as one (202506), or an Excel
    day serial of a plausible year (1950-2200: 18,264-110,575); anything else is no period."""
    if value != value or value != int(value):  # NaN, or a fraction
        raise PeriodError(f"{value!r} is no period")
    whole = int(value)
    if 1900 <= whole <= 2200:
        return Reading(period=Period("year", whole))
    if 190001 <= whole <= 220012 and 1 <= whole % 100 <= 12:
        return Reading(period=Period("month", whole // 100, whole % 100))
    if 18_264 <= whole <= 110_575:
        return Reading(day=EXCEL_EPOCH + dt.timedelta(days=whole))
    raise PeriodError(f"{value!r} is no period")


def reading(kind: str, groups: tuple, year: int | None, text: str) -> Reading:
    if kind == "day":
        try:
            return Reading(day=dt.date(*map(int, groups)))
        except ValueError as error:  # 2025-02-30
            raise PeriodError(f"{text!r} is no day: {error}") from None
    if kind == "year":
        return Reading(period=Period("year", int(groups[0])))
    if kind.endswith("_en"):  # the English labels: H1 2025, Q2 2025, June 2025, week 23 of 2025
        first, second = groups
        index = [m.lower() for m in MONTHS_EN].index(first.lower()) + 1 if kind == "month_en" else int(first)
        return Reading(period=Period(kind[:-3], int(second), index))
    written_year, value = (groups[0], groups[1]) if len(groups) == 2 else (None, groups[0])
    if written_year is None and year is None:
        raise PeriodError(f"{text!r} names no year: give it in the cell (2025年{text}), the title or [defaults] year")
    whole_year = int(written_year) if written_year else int(year)
    try:
        if kind == "half":
            return Reading(period=Period("half", whole_year, 1 if value == "上" else 2))
        if kind == "cumulative":  # 1-6月: January to June, the figure of the months so far (累计)
            return Reading(period=Period("month", whole_year, number(value)), cumulative=True)
        return Reading(period=Period(kind, whole_year, number(value)))
    except (PeriodError, KeyError) as error:
        raise PeriodError(f"{text!r} is no {kind}: {error}") from None
