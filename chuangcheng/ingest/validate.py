"""Validate: every row of every file checked, every problem collected with its file, row and column."""

import re
from functools import partial
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

import pandas as pd

from chuangcheng.model.catalog import Catalog
from chuangcheng.errors import Problem
from chuangcheng.i18n import t
from chuangcheng.ingest.mapping import (
    SURVEY_COLUMNS,
    Mapping,
    closest_hint,
    conversion,
    folded,
    header_level,
    is_missing,
    is_text,
    number_problem,
    parse_value,
    undefused,
    unit_key,
)
from chuangcheng.ingest.inspections import check as check_inspections, out_of_place
from chuangcheng.ingest.ledger import check as check_ledger
from chuangcheng.ingest.match import RegionMatcher, key as name_key, without_suffix
from chuangcheng.ingest.read import UNIT_WORD, Loaded
from chuangcheng.ingest.report import found
from chuangcheng.model import kinds, periods
from chuangcheng.model.layout import LONG_COLUMNS, PERIOD_COLUMNS
from chuangcheng.model.regions import text_problem

FIRST_YEAR = 1949
# Part of a year (figures here are yearly): 上半年, 三季度, 1-6月, H1, Q2
PERIOD = re.compile(
    r"上半年|下半年|[一二三四1-4]\s*季度|\d{1,2}\s*[-–—~至到]\s*\d{1,2}\s*月|(?<![A-Za-z])[HQ][1-4](?![0-9])|半年|季报|月报",
    re.IGNORECASE,
)
DATE = re.compile(r"^\s*(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")  # 2021-12-31, 2021/6/30, 2021年6月30日
TOTAL = re.compile(
    r"合计|总计|小计|^全(?:市|省|区|县|国)$|^(?:sub)?total$", re.IGNORECASE
)  # a sum of rows, no region of its own
E_NOTATION = re.compile(
    r"^\d(?:\.\d+)?E\+\d+$", re.IGNORECASE
)  # 3.30102E+11: a code Excel showed, and saved, with its digits lost
QUALIFIERS = {
    "=": "=",
    ">=": ">=",
    "<=": "<=",
    "≥": ">=",
    "≤": "<=",
    "": "=",  # and as Chinese documents write a bound:
    "以上": ">=",
    "不低于": ">=",
    "不少于": ">=",
    "至少": ">=",
    "大于等于": ">=",
    "以下": "<=",
    "不高于": "<=",
    "不超过": "<=",
    "至多": "<=",
    "小于等于": "<=",
}
# A bound written in the value's own cell: ≥45, >=45, 不低于46, 45以上, 45%以上
BOUND_IN_CELL = re.compile(
    r"^\s*(≥|≤|>=|<=|不低于|不少于|不高于|不超过|至少|至多)\s*(.+?)\s*$|^\s*(.+?)\s*(以上|以下)\s*$"
)
STATUSES = ("reported", "estimated", "synthetic")
STATUS_WORDS = {t(f"status_{code}", lang): code for lang in ("en", "zh") for code in STATUSES}
RESPONDENT_MAX = 2**31 - 1  # respondent_id is int32 in every published survey.parquet (snapshots.SURVEY)
NAME_COLUMNS = (
    "region_name",
    "indicator_name",
    "source",  # and as our Chinese export heads them:
    *(t(f"export_{column}", "zh") for column in ("region_name", "indicator_name", "source")),
)
ID_ROLES = ("region", "year", "parent")
# Our long export's headers (model/layout.py), in English and as the Chinese export heads them: a file we
# wrote loads back without naming its lower, upper and n (survey intervals come from microdata, not files).
EXPORT_HEADERS = (
    *LONG_COLUMNS,
    *PERIOD_COLUMNS,
    *(t(f"export_{column}", "zh") for column in (*LONG_COLUMNS, *PERIOD_COLUMNS)),
)


@dataclass
class Checked:
    """What validation made of the files: clean rows of each kind (by its name) and every problem found."""

    frames: dict[str, pd.DataFrame]
    problems: list[Problem]
    warnings: list[Problem] = field(default_factory=list)  # what was read but is worth saying: rows a [filter] left out


class Resolver:
    """Finds an indicator by code or by name in either language, and suggests close codes."""

    def __init__(
        self, frame: pd.DataFrame, extra_labels: dict[str, str] | None = None, other_names: dict[str, str] | None = None
    ):
        self.lookup, self.names = {}, {}
        for code, row in frame.iterrows():
            for label in (code, row["name_zh"], row["name_en"]):
                self.lookup.setdefault(folded(label), code)
                self.names.setdefault(plain_name(label), code)
        for label, code in (extra_labels or {}).items():
            if code in frame.index:
                self.lookup[folded(label)] = code
        # What a header means, besides how it is spelled: GRP_pc, 人均GDP are gdp_per_capita's other names
        self.meanings = {plain_name(name): code for name, code in (other_names or {}).items() if code in frame.index}
        self.frame, self.metas = frame, {}

    def meta(self, code: str) -> dict:
        """An indicator's catalog row, looked up once per ingest: a row lookup a value would cost half a millisecond."""
        if code not in self.metas:
            self.metas[code] = self.frame.loc[code].to_dict()
        return self.metas[code]

    def find(self, text: str) -> str | None:
        return self.lookup.get(folded(text))

    def suggest(self, text: str) -> list[str]:
        """Up to three codes whose code or name is spelled close to the text (its unit in brackets aside)."""
        from rapidfuzz import process

        written = plain_name(text)
        meant = (
            process.extract(written, list(self.meanings), scorer=likeness, score_cutoff=88, limit=3)
            if self.meanings
            else []
        )
        close = process.extract(written, list(self.names), scorer=likeness, score_cutoff=75, limit=10)
        return list(
            dict.fromkeys(
                [self.meanings[label] for label, _, _ in meant] + [self.names[label] for label, _, _ in close]
            )
        )[:3]


def plain_name(text: str) -> str:
    """'GDP per capita (yuan)' and 'gdp_per_capita' both as 'gdp per capita'."""
    return re.sub(r"[_\s]+", " ", re.sub(r"[（(][^）)]*[）)]", "", folded(text))).strip()


def likeness(written: str, label: str, **_) -> float:
    """rapidfuzz's WRatio (parts and word order forgiven), and a swapped or missed letter (gpd) counted as close."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import OSA

    slip = min(len(written), len(label)) >= 3 and OSA.distance(written, label, score_cutoff=1) <= 1
    return max(fuzz.WRatio(written, label), 95.0 if slip else 0.0)


def indicator_resolver(catalog: Catalog, mapping: Mapping) -> Resolver:
    """Indicators by code, name, or our wide export's 'name (unit)' headers, plus the mapping's headers."""
    labels = {catalog.label(code, lang): code for code in catalog.indicators.index for lang in ("en", "zh")}
    other_names = dict(zip(catalog.indicator_names["name"], catalog.indicator_names["indicator"]))
    return Resolver(catalog.indicators, {**labels, **mapping.indicators}, other_names)


def check(
    files: list[Loaded],
    catalog: Catalog,
    mapping: Mapping,
    lang: str,
    regions_in_force=None,
    changes=None,
    national=None,
    overlay=None,
) -> Checked:
    """Every row of every file; regions_in_force are the national list and the catalog's with the base's and the
    regions file's laid over (overlay: the rows laid over, national: the national list's matcher), changes the
    codes the national list no longer has."""
    known = catalog.regions if regions_in_force is None else regions_in_force
    plain = (
        national.overlaid(known, overlay, changes)
        if national is not None and overlay is not None
        else RegionMatcher(known, changes=changes)
    )
    aliases = {
        written: target if target in known.index else plain.find(target).code
        for written, target in mapping.aliases.items()
    }
    regions = plain.with_aliases({written: code for written, code in aliases.items() if code})
    indicators = indicator_resolver(catalog, mapping)
    rows_of = {kind.name: [] for kind in kinds.KINDS}
    problems, warnings = mapping_problems(mapping, catalog, plain, indicators, lang), []
    for loaded in files:
        ignored = {folded(c) for c in mapping.ignore}
        loaded = replace(
            loaded, frame=loaded.frame.drop(columns=[c for c in loaded.frame.columns if folded(c) in ignored])
        )
        kind = kind_of(loaded, mapping)
        left_out: set[tuple] = (
            set()
        )  # (row, value column): a wide row may be kept for one year and left out for another
        rows, more = CHECKS[kind.name](loaded, catalog, mapping, regions, indicators, lang, left_out)
        warnings += [found("ingest_filtered", loaded.name, None, None, lang, count=len(left_out))] if left_out else []
        rows_of[kind.name].append(rows)
        problems += more
        warnings += WARNINGS[kind.name](rows, catalog, loaded.name, lang) if kind.name in WARNINGS and not more else []
    frames = {name: pd.concat(rows, ignore_index=True) if rows else pd.DataFrame() for name, rows in rows_of.items()}
    for kind in kinds.KINDS:
        problems += duplicate_problems(frames[kind.name], list(kind.named_by), kind.compared, lang)
    return Checked(frames, problems, warnings)


def kind_of(loaded: Loaded, mapping: Mapping) -> kinds.Kind:
    """The kind of data a table holds (model/kinds.py): the one whose column roles it has all of (respondent_id,
    question and answer: survey microdata), else figures, the kind that names no roles."""
    columns = loaded.frame.columns
    named = [kind for kind in kinds.KINDS if kind.roles and all(mapping.column(r, columns) for r in kind.roles)]
    return named[0] if named else next(kind for kind in kinds.KINDS if not kind.roles)


def columns_of(loaded: Loaded, mapping: Mapping) -> dict[str, str | None]:
    """Which header of this file holds each role (None when the file has none)."""
    region, parent, _ = mapping.region_columns(loaded.frame.columns)
    columns = {
        "region": region,
        "parent": parent,
        **{
            role: mapping.column(role, loaded.frame.columns)
            for role in ("year", "period", "indicator", "value", "unit", "qualifier", "status", "source", "note")
        },
    }
    if columns["year"] is None:  # an office's 时期 column alone: its cells give the year too (2025年6月, 1-6月)
        columns["year"], columns["period"] = columns["period"], None
    return columns


# A header that holds a year beside an indicator, as a two-row header combines them: '地区生产总值（亿元） 2020年', '2020年 GDP'
YEAR_IN_HEADER = re.compile(r"^(?:(?P<before>.*\S)\s+)?(?P<year>(?:19|20)\d\d)\s*年?(?:\s+(?P<after>\S.*))?$")


def split_year(header: str) -> tuple[int | None, str]:
    """(year, the rest of the header) of a header that holds a year; (None, header) of one that does not."""
    parts = YEAR_IN_HEADER.match(str(header).strip())
    if not parts or parse_year(parts.group("year")) is None:
        return None, header
    return parse_year(parts.group("year")), (parts.group("before") or parts.group("after") or "").strip()


def year_headers(loaded: Loaded, columns: dict) -> list[str]:
    """Headers that are years (2019, 2019年), or a year beside an indicator, in a file with no year column: a
    yearbook's years across."""
    if columns["year"] is not None or columns["value"] is not None:
        return []
    taken = {c for c in columns.values() if c}
    return [c for c in loaded.frame.columns if c != "_row" and c not in taken and split_year(c)[0] is not None]


def long_rows(
    loaded: Loaded, mapping: Mapping, indicators: Resolver, catalog: Catalog, lang: str
) -> tuple[pd.DataFrame, list[Problem], bool]:
    """The file as long rows (one value a row), however it is laid out, and whether its values can be kept.
    A missing column is a problem of the header, but the rows' other cells are still checked."""
    frame, columns, at = loaded.frame, columns_of(loaded, mapping), loaded.header_row
    across = year_headers(loaded, columns)
    given = {role for role in ("region", "year") if role in mapping.defaults} | ({"year"} if across else set())
    problems = [
        found(
            "problem_missing_column", loaded.name, at, mapping.named(role), lang, hint=said_in_title(loaded, role, lang)
        )
        for role in ("region", "year")
        if columns[role] is None and role not in given
    ]
    long = columns["indicator"] is not None or columns["value"] is not None
    if across:
        rows, more = across_rows(loaded, columns, across, mapping, indicators, catalog, lang)
        problems += more + unread_columns(loaded, columns, mapping, lang, set(across))
    elif long:
        absent = [role for role in ("indicator", "value") if columns[role] is None]
        problems += [found("problem_missing_column", loaded.name, at, mapping.named(role), lang) for role in absent]
        rows = pd.DataFrame(
            {
                "_row": frame["_row"],
                "indicator": frame.get(columns["indicator"], ""),
                "value": frame.get(columns["value"], ""),
                "value_column": columns["value"] or mapping.named("value"),
                "_long": True,
                "_indicator_column": columns["indicator"] or mapping.named("indicator"),
                "_unit_column": columns["unit"] or "unit",
                "_header_unit": loaded.column_units.get(columns["value"]),
            }
        )  # a units row's word for the value column
        problems += unread_columns(loaded, columns, mapping, lang)
    else:
        columns["unit"] = (
            None  # a wide row holds several indicators: one unit cell cannot be theirs (the header says it)
        )
        rows, more = wide_rows(loaded, columns, indicators, catalog, mapping, lang)
        problems += more
    rows = rows.join(
        frame.set_index("_row")[[c for c in {columns[r] for r in columns if r not in ("indicator", "value")} if c]],
        on="_row",
    )
    rows = rows.rename(columns={columns[r]: r for r in columns if columns[r] and r not in ("indicator", "value")})
    for role in ("region", "year"):
        if (
            columns[role] is None and role in mapping.defaults and role not in rows.columns
        ):  # years across give their own
            rows[role] = mapping.defaults[role]
    return rows, problems, not problems


def said_in_title(loaded: Loaded, role: str, lang: str) -> str:
    """A yearbook table gives its year in its title ('各市主要经济指标（2021年）'): named as a hint, never taken unasked."""
    above = title_lines(loaded)
    years = title_years(loaded)
    if role != "year" or len(years) != 1:
        return ""
    period = next((PERIOD.search(text).group(0) for text in above if PERIOD.search(text)), None)
    # 2021年上半年 is no year's figure: offering [defaults] year = 2021 published half a year as the whole
    return (
        t("ingest_period_in_title", lang, period=period)
        if period
        else t("ingest_year_in_title", lang, year=next(iter(years)))
    )


def across_rows(
    loaded: Loaded, columns: dict, years: list[str], mapping: Mapping, indicators: Resolver, catalog: Catalog, lang: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """A table with its years across (地区, 2019年, 2020年): one value a region and year, of the indicator its
    indicator column names, else the mapping's [defaults] indicator; with neither, the table's title may say
    which, but that is for the steward to confirm, never to guess."""
    frame, problems = loaded.frame, []
    melted = frame.melt(id_vars=["_row"], value_vars=years, var_name="value_column", value_name="value")
    melted["year"] = melted["value_column"].map(lambda header: split_year(header)[0])
    named = {header: split_year(header)[1] for header in years}
    if any(named.values()):  # each column names its indicator beside its year (a two-row header)
        codes, units, problems = headed_indicators(loaded, named, indicators, catalog, lang)
        return melted.assign(
            indicator=melted["value_column"].map(codes), _long=False, _header_unit=melted["value_column"].map(units)
        ), problems
    if columns["indicator"] is not None:
        melted = melted.join(frame.set_index("_row")[columns["indicator"]].rename("indicator"), on="_row")
    elif "indicator" in mapping.defaults:
        melted["indicator"] = mapping.defaults["indicator"]
    else:
        title = " ".join(text for _, text in loaded.lines)
        close = indicators.suggest(title) if title else []
        problems.append(
            found(
                "ingest_years_across",
                loaded.name,
                loaded.header_row,
                years[0],
                lang,
                value=", ".join(years[:3]),
                hint=closest_hint(close, lang) if close else "",
            )
        )
        melted["indicator"] = ""
    return melted.assign(
        _long=columns["indicator"] is not None,
        _indicator_column=columns["indicator"] or "indicator",
        _unit_column=columns["unit"] or "unit",
        _header_unit=melted["value_column"].map(loaded.column_units),
    ), problems


def unread_columns(
    loaded: Loaded, columns: dict, mapping: Mapping, lang: str, values: set[str] = frozenset()
) -> list[Problem]:
    """A long file's columns that no role reads and that are not our export's own: named, never dropped
    unsaid (a unit column left unread stored 180,000,000 万元 as 亿元)."""
    ours = {folded(c) for c in (*NAME_COLUMNS, *EXPORT_HEADERS, *region_names(loaded, mapping), *values)}
    read = {folded(c) for c in columns.values() if c} | ours | {"_row"}
    return [
        found(
            "ingest_unread_column",
            loaded.name,
            loaded.header_row,
            c,
            lang,
            value=c,
            hint=t("ingest_map_column_or_ignore", lang),
        )
        for c in loaded.frame.columns
        if folded(c) not in read
    ]


def region_names(loaded: Loaded, mapping: Mapping) -> tuple[str, ...]:
    """Columns that name the same regions as the region column does (地区名称 beside 行政区划代码)."""
    return mapping.region_columns(loaded.frame.columns)[2]


def wide_rows(
    loaded: Loaded, columns: dict, indicators: Resolver, catalog: Catalog, mapping: Mapping, lang: str
) -> tuple[pd.DataFrame, list[Problem]]:
    frame = loaded.frame
    taken = {"_row", "region_code", *NAME_COLUMNS, *region_names(loaded, mapping)} - {"source"} | {
        columns[r] for r in columns if columns[r]
    }
    value_columns = [c for c in frame.columns if c not in taken]
    codes, units, problems = headed_indicators(loaded, {c: c for c in value_columns}, indicators, catalog, lang)
    # Unknown headers stay in, so their rows' regions and years are still checked: a header problem must not
    # hide the row problems behind it (their values are skipped: the header is reported once).
    melted = frame.melt(id_vars=["_row"], value_vars=value_columns, var_name="value_column", value_name="value")
    return melted.assign(
        indicator=melted["value_column"].map(codes), _header_unit=melted["value_column"].map(units), _long=False
    ), problems


def headed_indicators(
    loaded: Loaded, named: dict[str, str], indicators: Resolver, catalog: Catalog, lang: str
) -> tuple[dict, dict, list[Problem]]:
    """For columns headed by an indicator (named: header -> the header's indicator part): each column's code (the
    header itself where it names none, or a unit it cannot be in, so its values are skipped: the header is reported
    once), its unit (the header's, else a units row's), and the problems of the headers."""
    read = {header: header_indicator(text, indicators, catalog) for header, text in named.items()}
    problems = [
        found(
            "ingest_unknown_header",
            loaded.name,
            loaded.header_row,
            header,
            lang,
            value=named[header],
            hint=indicator_hint(indicators.suggest(named[header]), lang, header=True),
        )
        for header, (code, _) in read.items()
        if code is None
    ]
    wrong_units = {
        h: header_unit_problem(loaded, h, code, unit, catalog, lang)
        for h, (code, unit) in read.items()
        if code and unit
    }
    problems += [p for p in wrong_units.values() if p]
    codes = {h: h if code is None or wrong_units.get(h) else code for h, (code, _) in read.items()}
    units = {h: unit or loaded.column_units.get(h) for h, (_, unit) in read.items()}
    return codes, units, problems


# A header that carries its unit: 地区生产总值（万元）, GDP (10,000 yuan), 人均地区生产总值/元
HEADER_UNIT = re.compile(r"^(.*?)\s*(?:[（(]\s*([^（）()]+?)\s*[）)]|/\s*([^/]+?))\s*$")


def header_indicator(header: str, indicators: Resolver, catalog: Catalog) -> tuple[str | None, str | None]:
    """(indicator, unit) a wide file's header names: the header itself (a code, a name, our export's 'name (unit)',
    a mapping's key), else its name with the unit it carries taken off. A bracket that is no unit stays part of the name."""
    name, unit = split_unit(header, catalog)
    return indicators.find(header) or (indicators.find(name) if unit else None), unit


def split_unit(header: str, catalog: Catalog) -> tuple[str, str | None]:
    parts = HEADER_UNIT.match(str(header))
    if not parts:
        return header, None
    unit = (parts.group(2) or parts.group(3) or "").strip()
    unit = UNIT_WORD.sub("", unit)
    return (parts.group(1).strip(), unit) if is_unit(unit, catalog) else (header, None)


def unit_words(catalog: Catalog) -> frozenset:
    """Every unit the catalog knows, as compared: its indicators' units and the rows of its units table."""
    return frozenset(
        unit_key(u) for u in (*catalog.indicators["unit_zh"], *catalog.indicators["unit_en"], *catalog.units.index)
    )


def is_unit(text: str, catalog: Catalog) -> bool:
    return bool(text) and unit_key(text) in unit_words(catalog)


def header_unit_problem(
    loaded: Loaded, header: str, code: str, unit: str, catalog: Catalog, lang: str
) -> Problem | None:
    """A header whose unit does not convert to its indicator's (人均地区生产总值（%）): once, for the column."""
    meta = catalog.indicator(code)
    if conversion(unit, (meta["unit_zh"], meta["unit_en"]), catalog.units) is not None:
        return None
    return found(
        "problem_unit",
        loaded.name,
        loaded.header_row,
        header,
        lang,
        value=unit,
        unit=meta["unit_zh"],
        hint=closest_hint(convertible(code, catalog), lang),
    )


def indicator_hint(codes: list[str], lang: str, header: bool = False) -> str:
    """'closest: gdp, gdp_growth' and, for a wide file's header, how to map or leave it."""
    if not header:
        return closest_hint(codes, lang)
    return t("ingest_or_ignore", lang, hint=closest_hint(codes, lang)) if codes else t("ingest_map_or_ignore", lang)


def check_observations(loaded, catalog, mapping, regions, indicators, lang, left_out: set | None = None):
    """A figures file's rows; left_out collects the rows the mapping's [filter] leaves out (they are not checked)."""
    rows, problems, usable = long_rows(loaded, mapping, indicators, catalog, lang)
    headers = {role: header or mapping.named(role) for role, header in columns_of(loaded, mapping).items()}
    if rows.empty:
        return pd.DataFrame(), problems
    problems += name_field_problems(loaded, mapping, lang)
    columns = columns_of(loaded, mapping)
    level = mapping.level or header_level(columns["region"]) or table_level(rows, regions)  # what the header says first
    names = names_beside_codes(loaded, mapping)
    context_year = year_of_context(loaded, mapping)
    clean, places, named = [], {}, {}
    wanted = {regions.find(r).code for r in mapping.regions} - {None}
    for row in rows.to_dict("records"):
        if not may_be_kept(mapping, row.get("region"), wanted, regions):
            if left_out is not None:
                left_out.add((row["_row"], row.get("value_column")))
            continue  # a national table's other regions: not looked up, suggested for or checked
        key = (row["_row"], row.get("region"), row.get("parent"), row.get("year"))
        if key not in places:  # a wide file's row holds many values: its region and year are checked once
            places[key] = check_place(row, loaded.name, headers, regions, lang, level, context_year)
            places[key][2].extend(
                name_problems_beside_code(
                    places[key][0], names.get(row["_row"], {}), row["_row"], loaded.name, regions, level, lang
                )
            )
            places[key][2].extend(
                two_names_problem(
                    places[key][0], row.get("region"), row["_row"], named, loaded.name, headers, regions, lang
                )
            )
        region, year, place_problems, reading = places[key]
        if not kept(mapping, region, year, regions) or dropped(mapping, row.get("region")):
            if left_out is not None:
                left_out.add((row["_row"], row.get("value_column")))
            continue  # left out by the mapping's [filter]: not a problem of the file
        problems += place_problems
        if is_missing(str(row["value"])):
            continue  # '—' and friends: no figure this year, not an error
        record, more = check_observation(row, loaded.name, mapping, catalog, indicators, lang, loaded.unit)
        grain = grain_problem(reading, record, row, loaded.name, headers, catalog, lang) if record else None
        problems += more + ([grain] if grain else [])
        if record and usable and not place_problems and not grain:
            period = str(reading.period) if reading and reading.period.grain != "year" else ""
            clean.append(
                {
                    "region_code": region,
                    "year": year,
                    "period": period,
                    **record,
                    "_file": loaded.name,
                    "_row": row["_row"],
                }
            )
    return pd.DataFrame(clean), list(dict.fromkeys(problems))


def table_level(rows: pd.DataFrame, regions: RegionMatcher) -> str | None:
    """The level most of a table's regions are at, from the names that name one region whatever the level: a
    table of cities reads Fuzhou among cities only, and a town never stands for a city."""
    if "region" not in rows.columns:
        return None
    names = rows["region"].astype(str).drop_duplicates()
    named = (regions.candidates(name) | regions.sounds(name) for name in names)  # no suggestions: this is a census, and
    # a name in Latin letters counts only if its sound is one region's too (Chaoyang is no city's name alone)
    levels = [regions.levels.get(next(iter(codes))) for codes in named if len(codes) == 1]
    counted = pd.Series([lv for lv in levels if lv]).value_counts()
    return str(counted.index[0]) if len(counted) else None


def names_beside_codes(loaded: Loaded, mapping: Mapping) -> dict[int, dict[str, str]]:
    """Row -> {name column: cell} of the name columns beside a code column (地区名称 beside 行政区划代码)."""
    columns = [c for c in region_names(loaded, mapping) if c in loaded.frame.columns][
        :1
    ]  # the finest: 城市 beside 省份 is
    if not columns:  # the region's name, 省份 its parent's
        return {}
    frame = loaded.frame[["_row", *columns]]
    return {int(r["_row"]): {c: str(r[c]) for c in columns if str(r[c]).strip()} for r in frame.to_dict("records")}


def name_problems_beside_code(
    code: str | None, names: dict[str, str], at: int, file: str, regions: RegionMatcher, level, lang: str
) -> list[Problem]:
    """The code decides which region a row is; a name beside it that is not that region's is a problem (抚州 under
    福州's code), named with what the name would be."""
    problems = []
    for column, written in names.items() if code else ():
        if text_problem(written.strip()) or regions.answers_to(code, written):
            continue  # a formula or markup in the name is named by the name guard
        other = regions.find(written, level=level)
        meant = regions.describe((other.code,) if other.code else other.suggestions)
        problems.append(
            found(
                "ingest_name_not_code",
                file,
                at,
                column,
                lang,
                value=written,
                region=regions.describe((code,)),
                meant=t("ingest_name_meant", lang, region=meant) if meant else "",
            )
        )
    return problems


def two_names_problem(
    code: str | None, written, at: int, named: dict, file: str, headers: dict, regions: RegionMatcher, lang: str
) -> list[Problem]:
    """Two different names in one file reaching one region, one of them only by its sound (Fu zhou beside 福州): one
    region's figures would be two places' mixed, so the second name is a problem naming both. Names the region is
    known by (栖云区 and Qiyun District) or a mapping's alias are one place."""
    if not code or written is None or str(written).strip() == code:
        return []
    text = str(written).strip()
    by_name = code in regions.candidates(text) or name_key(text) in regions.said
    first = named.setdefault(code, (text, name_key(without_suffix(text)), at, by_name))
    if first[1] == name_key(without_suffix(text)) or (by_name and first[3]):
        return []
    return [
        found(
            "ingest_two_names_one_region",
            file,
            at,
            headers["region"],
            lang,
            value=text,
            first=first[0],
            first_row=first[2],
            region=regions.describe((code,)),
        )
    ]


def check_place(
    row: dict,
    file: str,
    headers: dict,
    regions: RegionMatcher,
    lang: str,
    level: str | None = None,
    context_year: int | None = None,
) -> tuple[str | None, int | None, list[Problem], periods.Reading | None]:
    """The region (through the parent column, if the file has one) and the year of a row, or their problems, and the
    period finer than a year its year cell names (2025年6月, 1-6月 with the year from the title or [defaults]);
    headers name the file's column of each role, level is the table's."""
    at, problems, parent = row["_row"], [], None
    if "parent" in row and str(row["parent"]).strip():  # a province column reads 吉林 as the province, not the city
        parent, problem = region_of(
            regions, row["parent"], None, lang, "ingest_unknown_parent", level=header_level(headers.get("parent"))
        )
        if problem:
            problems.append(found(problem[0], file, at, headers["parent"], lang, **problem[1]))
    region = None
    if "region" in row:
        region, problem = region_of(regions, row["region"], parent, lang, level=level)
        if problem:
            problems.append(found(problem[0], file, at, headers["region"], lang, **problem[1]))
    year, reading = None, None
    if "year" in row:
        year = parse_year(row["year"])
        reading = sub_year(row["year"], context_year) if year is None else None
        year = reading.period.year if reading else year
        if year is None:
            problems.append(
                found(
                    year_problem(str(row["year"]), context_year),
                    file,
                    at,
                    headers["year"],
                    lang,
                    value=row["year"],
                    first=FIRST_YEAR,
                    last=date.today().year + 1,
                )
            )
    if year is not None and is_text(row.get("period")):  # a period column beside the year places it within it
        reading = month_number(row["period"], year) or sub_year(row["period"], year)
        if reading is None or reading.period.year != year:
            problems.append(
                found(
                    "problem_period_in_year",
                    file,
                    at,
                    headers["period"],
                    lang,
                    value=row["period"],
                    year=year,
                )
            )
            reading = None
        elif reading.period.grain == "year":
            reading = None
    return region, year, problems, reading


def month_number(cell: str, year: int) -> periods.Reading | None:
    """A bare 1 to 12 beside a year (年份 2025, 月份 6): that month, as offices' monthly sheets write it."""
    text = cell.strip().removesuffix(".0")
    if text.isascii() and text.isdigit() and 1 <= int(text) <= 12:
        return periods.Reading(period=periods.Period("month", year, int(text)))
    return None


def sub_year(cell, context_year: int | None) -> periods.Reading | None:
    """The period finer than a year a year cell names, or None (no period, a day, or a year out of range)."""
    try:
        reading = periods.read(cell, context_year)
    except periods.PeriodError:
        return None
    if reading.period is None or not FIRST_YEAR <= reading.period.year <= date.today().year + 1:
        return None
    return reading


def year_of_context(loaded: Loaded, mapping: Mapping) -> int | None:
    """The year a cell such as 6月 or 1-6月 belongs to: the mapping's [defaults] year, else the one year the lines
    above the table name (a release's title: 2025年1—6月各区主要指标)."""
    if "year" in mapping.defaults:
        return parse_year(str(mapping.defaults["year"]))
    years = title_years(loaded)
    return int(years.pop()) if len(years) == 1 else None


def title_lines(loaded: Loaded) -> list[str]:
    """The lines above a table's header (a source line below names its yearbook's year, not the table's)."""
    return [text for row, text in loaded.lines if row < loaded.header_row]


def title_years(loaded: Loaded) -> set[str]:
    """The years the lines above the header name: 各市主要经济指标（2021年）, 2025年1—6月各区主要指标."""
    return {m for text in title_lines(loaded) for m in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)}


def grain_problem(reading, record: dict, row: dict, file: str, headers: dict, catalog: Catalog, lang: str):
    """A period finer than a year the indicator is not published for (a month's GDP), or a figure from January
    (1-6月) of an indicator whose monthly figures are each month's own; None when the figure fits its indicator."""
    if reading is None:
        return None
    role = "period" if is_text(row.get("period")) else "year"  # the cell the period was read from
    code, grain = record["indicator"], reading.period.grain
    name = catalog.name("indicators", code, lang)
    if grain not in catalog.grains(code):
        published = (
            "、".join(t(f"grain_{g}", lang) for g in catalog.grains(code))
            if lang == "zh"
            else ", ".join(t(f"grain_{g}", lang).lower() for g in catalog.grains(code))
        )
        return found(
            "problem_grain",
            file,
            row["_row"],
            headers[role],
            lang,
            value=row[role],
            indicator=name,
            grain=t("grain_cumulative" if reading.cumulative else f"grain_{grain}", lang).lower(),
            published=published,
        )
    if reading.cumulative and not catalog.cumulative(code):
        return found("problem_cumulative", file, row["_row"], headers[role], lang, value=row[role], indicator=name)
    return None


def year_problem(text: str, context_year: int | None = None) -> str:
    """Why a year cell is no year nor period: empty, a month without its year (6月, with no year in the title or
    [defaults]), a date (a day: figures are of a year or a part of one), or anything else."""
    if not text.strip():
        return "ingest_empty_year"
    if context_year is None and sub_year(text, 2000) is not None:
        return "problem_period_no_year"
    if DATE.match(text) or sub_year(text, None) is None and is_day(text):
        return "problem_date_year"
    return "problem_period" if PERIOD.search(text) else "problem_year"


def is_day(text: str) -> bool:
    try:
        return periods.read(text).day is not None
    except periods.PeriodError:
        return False


def check_observation(row, file, mapping, catalog, indicators, lang, table_unit=None):
    """A row's indicator, value, qualifier, status and source, or their problems."""
    at, problems = row["_row"], []
    code = indicators.find(row["indicator"])
    if code is None:
        if row["_long"]:  # a wide file's unknown headers were reported once
            problems.append(
                found(
                    "ingest_unknown_indicator",
                    file,
                    at,
                    row["_indicator_column"],
                    lang,
                    value=row["indicator"],
                    hint=indicator_hint(indicators.suggest(row["indicator"]), lang),
                )
            )
        return None, problems
    row = bound_in_cell(row)
    value, problems = check_value(row, code, file, mapping, catalog, lang, indicators.meta(code), table_unit)
    row = {**row, **{k: v for k, v in mapping.defaults.items() if not str(row.get(k, "") or "").strip()}}
    qualifier = QUALIFIERS.get(folded(undefused(str(row.get("qualifier", "") or ""))))
    if qualifier is None:
        problems.append(found("problem_qualifier", file, at, "qualifier", lang, value=row.get("qualifier")))
    status = status_code(str(row.get("status", "") or "reported").strip())
    if status not in STATUSES:  # exact words: 'Reported' is not silently 'reported', nor a formula a status
        problems.append(found("problem_status", file, at, "status", lang, value=status))
    if problems:
        return None, problems
    # Kept as written, a leading ' too: it is what makes '=HYPERLINK(…) text (the name guard lets it pass for that
    # reason), and taking it off would store exactly the formula the guard refuses.
    source = str(row.get("source", "") or "").strip() or None
    source = catalog.source_by_title.get(source, source)  # our export names sources by title: back to their ids
    note = str(row.get("note", "") or "").strip() or None
    return {
        "indicator": code,
        "value": value,
        "qualifier": qualifier,
        "source": source,
        "status": status,
        "note": note,
    }, []


def bound_in_cell(row: dict) -> dict:
    """A value cell that writes its bound (≥45, 45以上) as the value and its qualifier, when the qualifier cell is
    empty; with a qualifier of its own the cell stays as written, and is not a number."""
    parts = BOUND_IN_CELL.match(unicodedata.normalize("NFKC", str(row["value"])))
    if not parts or str(row.get("qualifier", "") or "").strip():
        return row
    word, number = (parts.group(1), parts.group(2)) if parts.group(1) else (parts.group(4), parts.group(3))
    return {**row, "value": number, "qualifier": QUALIFIERS[word]}


def status_code(word: str) -> str:
    """A data status as our exports write it in either language (公开报告 is reported), exactly, else as written."""
    return STATUS_WORDS.get(word, word)


def dropped(mapping: Mapping, written) -> bool:
    """A row the mapping's [filter] drop names by its region cell (合计, 城区小计: a sum, not a region)."""
    return bool(mapping.drop) and folded(str(written or "")) in {folded(d) for d in mapping.drop}


def may_be_kept(mapping: Mapping, written, wanted: set[str], regions: RegionMatcher) -> bool:
    """Whether a row's region cell could be one the mapping's [filter] keeps, by its labels and sound alone (no
    suggestion is made for a row the filter leaves out); kept() decides on the region the row resolves to."""
    if not (mapping.regions or mapping.level) or written is None:
        return True
    codes = regions.candidates(str(written)) | regions.sounds(str(written))
    if mapping.regions and not codes & wanted:
        return False
    return not mapping.level or any(regions.levels.get(code) == mapping.level for code in codes)


def kept(mapping: Mapping, region: str | None, year: int | None, regions: RegionMatcher) -> bool:
    """Whether a row passes the mapping's [filter]: its years, regions and level. A row whose region the filter does
    not name is left out unchecked, even one naming no known region (a national table's other 300 cities); a row
    whose year is unreadable is checked anyway."""
    if mapping.years and year is not None and not mapping.years[0] <= year <= mapping.years[1]:
        return False
    if mapping.regions and region not in {regions.find(r).code for r in mapping.regions}:
        return False
    if mapping.level and regions.levels.get(region) != mapping.level:
        return False
    return True


def mapping_problems(
    mapping: Mapping, catalog: Catalog, regions: RegionMatcher, indicators: Resolver, lang: str
) -> list[Problem]:
    """A mapping's targets against the catalog and the regions: each bad one named with its key and the closest."""
    file, problems = mapping.file, []
    for header, code in mapping.indicators.items():
        if not code.strip():
            problems.append(
                found(
                    "ingest_mapping_empty",
                    file,
                    None,
                    f"indicators.{header}",
                    lang,
                    hint=closest_hint(indicators.suggest(header), lang),
                )
            )
        elif code not in catalog.indicators.index:
            problems.append(
                found(
                    "ingest_mapping_target",
                    file,
                    None,
                    f"indicators.{header}",
                    lang,
                    value=code,
                    hint=closest_hint(indicators.suggest(code), lang),
                )
            )
    for code, unit in mapping.units.items():
        if code not in catalog.indicators.index:
            problems.append(
                found(
                    "ingest_mapping_target",
                    file,
                    None,
                    f"units.{code}",
                    lang,
                    value=code,
                    hint=closest_hint(indicators.suggest(code), lang),
                )
            )
        elif (
            conversion(
                unit, (catalog.indicators.at[code, "unit_zh"], catalog.indicators.at[code, "unit_en"]), catalog.units
            )
            is None
        ):
            problems.append(
                found(
                    "ingest_mapping_unit",
                    file,
                    None,
                    f"units.{code}",
                    lang,
                    value=unit,
                    unit=catalog.unit(code, lang),
                    hint=closest_hint(convertible(code, catalog), lang),
                )
            )
    for code in mapping.plausible:
        if code not in catalog.indicators.index:
            problems.append(
                found(
                    "ingest_mapping_target",
                    file,
                    None,
                    f"plausible.{code}",
                    lang,
                    value=code,
                    hint=closest_hint(indicators.suggest(code), lang),
                )
            )
    for written, target in list(mapping.aliases.items()) + [(r, r) for r in mapping.regions]:
        if target not in regions.regions.index and regions.find(target).code is None:
            where = f"aliases.{written}" if written in mapping.aliases else "filter.regions"
            problems.append(
                found(
                    "ingest_mapping_region",
                    file,
                    None,
                    where,
                    lang,
                    value=target,
                    hint=regions_hint(regions, regions.find(target), lang),
                )
            )
    for key, value in mapping.defaults.items():
        allowed = {"status": STATUSES, "qualifier": tuple(q for q in QUALIFIERS if q)}.get(key)
        if allowed is not None and value not in allowed:
            problems.append(
                found(
                    "ingest_mapping_default",
                    file,
                    None,
                    f"defaults.{key}",
                    lang,
                    value=value,
                    allowed=", ".join(allowed),
                )
            )
    return problems


def convertible(code: str, catalog: Catalog) -> list[str]:
    """The units a file may write an indicator in: its own, and those of the units table with the same base."""
    own = [catalog.indicators.at[code, "unit_zh"], catalog.indicators.at[code, "unit_en"]]
    others = [unit for unit in catalog.units.index if conversion(unit, tuple(own), catalog.units) is not None]
    return list(dict.fromkeys(own + others))[:4]


def regions_hint(regions: RegionMatcher, match, lang: str) -> str:
    if match.suggestions:
        return t("ingest_did_you_mean", lang, suggest=regions.describe(match.suggestions))
    return t("ingest_add_region", lang)


NO_NAME = {
    "nan",
    "none",
    "null",
    "<na>",
    "nat",
}  # how a program writes an empty cell: no region named 南 (Nan) is meant


def region_of(
    regions: RegionMatcher,
    written: str,
    parent: str | None,
    lang: str,
    unknown: str = "ingest_unknown_region",
    level: str | None = None,
):
    """The region a cell names, or (message key, values) of the problem, with suggestions a person recognises."""
    written = "" if written is None or str(written).strip().casefold() in NO_NAME else written
    match = regions.find(undefused(str(written)), parent, level)
    if match.code:
        return match.code, None
    hint = (
        t("ingest_code_in_e_notation", lang)
        if E_NOTATION.match(str(written).strip())
        else t("ingest_total_row", lang, value=str(written).strip())
        if TOTAL.search(str(written)) and not match.suggestions
        else regions_hint(regions, match, lang)
    )
    values = {"value": str(written).strip(), "hint": hint}
    if match.problem == "empty":
        return None, ("ingest_empty_region", {})
    if match.problem == "ambiguous":
        return None, (
            "ingest_ambiguous_region",
            {**values, "hint": t("ingest_ambiguous_hint", lang, regions=regions.describe(match.suggestions))},
        )
    if match.problem == "abolished":
        gone = regions.changes.loc[regions.gone(undefused(str(written)))]
        return None, (
            "ingest_code_abolished",
            {
                **values,
                "name": gone["name_zh"],
                "revision": gone["last_revision"],
                "hint": t(f"ingest_abolished_{gone['how']}", lang, region=regions.describe(match.suggestions)),
            },
        )
    if match.problem == "with_note":
        return None, (
            "ingest_region_with_note",
            {"value": str(written).strip(), "region": regions.describe(match.suggestions)},
        )
    if match.problem == "not_under_parent":
        return None, ("ingest_not_under_parent", {**values, "parent": regions.describe((parent,))})
    return None, (unknown, values)


def check_value(row, code, file, mapping, catalog, lang, meta=None, table_unit=None):
    meta = catalog.indicator(code) if meta is None else meta
    units = (meta["unit_zh"], meta["unit_en"])
    written = str(row.get("unit", "") or "").strip()  # a long file's unit column: this row's unit, over the mapping's
    if written and not is_missing(written) and conversion(written, units, catalog.units) is None:
        return None, [
            found(
                "problem_unit",
                file,
                row["_row"],
                row.get("_unit_column", "unit"),
                lang,
                value=written,
                unit=meta["unit_zh"],
                hint=closest_hint(convertible(code, catalog), lang),
            )
        ]
    # Then the mapping's word for the indicator, the unit the header carries (or a units row gives its column), and
    # last the table's unit line ('单位：亿元' above the header), which holds for every column that says none.
    header_unit = row.get("_header_unit") if isinstance(row.get("_header_unit"), str) else None
    file_unit = written if written and not is_missing(written) else mapping.units.get(code) or header_unit or table_unit
    if file_unit and file_unit == table_unit and conversion(file_unit, units, catalog.units) is None:
        return None, [
            found(
                "problem_table_unit",
                file,
                row["_row"],
                row["value_column"],
                lang,
                value=file_unit,
                unit=meta["unit_zh"],
                hint=closest_hint(convertible(code, catalog), lang),
            )
        ]
    value = parse_value(str(row["value"]), units, file_unit, catalog.units, mapping.decimal)
    if value is None:
        key = number_problem(str(row["value"]), mapping.decimal)
        return None, [
            found(key, file, row["_row"], row["value_column"], lang, value=row["value"], unit=meta["unit_zh"])
        ]
    low = meta["lowest"] if pd.notna(meta["lowest"]) else float("-inf")
    high = meta["highest"] if pd.notna(meta["highest"]) else float("inf")
    if not low <= value <= high:
        return None, [
            found(
                "problem_range",
                file,
                row["_row"],
                row["value_column"],
                lang,
                value=row["value"],
                low=bound(low),
                high=bound(high),
            )
        ]
    return value, []


def bound(value: float) -> str:
    return "∞" if value == float("inf") else "−∞" if value == float("-inf") else f"{value:g}"


def parse_year(text: str) -> int | None:
    """A year as written: 2021, 2021年, 2021年度 (the year's), 2021年末/年底 (at its end), 2021.0 (a spreadsheet's)."""
    cleaned = re.sub(r"年(?:度|末|底)?$", "", folded(text)).removesuffix(".0")
    if not re.fullmatch(r"[0-9]{4}", cleaned):  # int() of a 5,000-digit cell raises; a year has four digits
        return None
    year = int(cleaned)
    return year if FIRST_YEAR <= year <= date.today().year + 1 else None


def name_field_problems(loaded: Loaded, mapping: Mapping, lang: str) -> list[Problem]:
    """Formula, script, control characters or markup in a name field or the source: refused, so nothing we later
    store, export or show can run it or break a table."""
    problems = []
    names = set(NAME_COLUMNS) | {
        mapping.column(role, loaded.frame.columns) for role in ("region", "source", "parent", "note")
    }
    for column in [c for c in loaded.frame.columns if c in names]:
        for at, text in zip(loaded.frame["_row"], loaded.frame[column]):
            wrong = text_problem(text) if not is_missing(text) else None
            if wrong:
                problems.append(found(wrong[0], loaded.name, at, column, lang, **wrong[1]))
    for key, text in mapping.defaults.items():  # a default stands in every row's cell, so it is checked as one
        wrong = text_problem(text) if key == "source" else None
        if wrong:
            problems.append(found(wrong[0], mapping.file, None, f"defaults.{key}", lang, **wrong[1]))
    return problems


def check_survey(loaded, catalog, mapping, regions, indicators, lang, left_out: set | None = None):
    """A survey microdata file's answers (a mapping's [filter] is for figures: nothing is left out)."""
    frame, problems, clean = loaded.frame, [], []
    # the region and year columns are found as in a figures file (地区, 年份, a mapping's [columns])
    places = {
        "region_code": mapping.region_columns(frame.columns)[0] or "region_code",
        "year": mapping.column("year", frame.columns) or "year",
        **{role: mapping.column(role, frame.columns) or role for role in (*SURVEY_COLUMNS, "weight")},
    }
    written: dict[
        tuple, str
    ] = {}  # (region, year, id) -> the id as first written: 00012 and 12 are one number, two people
    for row in frame.rename(columns={column: role for role, column in places.items()}).to_dict("records"):
        record, more = check_answer(row, loaded.name, catalog, regions, lang, mapping.decimal, places, indicators)
        problems += more
        if record:
            as_written = str(row["respondent_id"]).strip().removesuffix(".0")  # 12.0 is how a spreadsheet writes 12
            first = written.setdefault((record["region_code"], record["year"], record["respondent_id"]), as_written)
            if first != as_written:
                problems.append(
                    found(
                        "problem_respondent_twice",
                        loaded.name,
                        record["_row"],
                        "respondent_id",
                        lang,
                        value=as_written,
                        first=first,
                    )
                )
                continue
            clean.append(record)
    return pd.DataFrame(clean), problems


def check_answer(row, file, catalog, regions, lang, decimal=None, places=None, indicators=None):
    at, problems = row["_row"], []
    places = {role: role for role in ("region_code", "year", *SURVEY_COLUMNS, "weight")} | (places or {})
    region, problem = region_of(regions, row.get("region_code", ""), None, lang)
    if problem:
        problems.append(found(problem[0], file, at, places["region_code"], lang, **problem[1]))
    year = parse_year(row.get("year", ""))
    if year is None:
        problems.append(
            found(
                year_problem(str(row.get("year", ""))),
                file,
                at,
                places["year"],
                lang,
                value=row.get("year"),
                first=FIRST_YEAR,
                last=date.today().year + 1,
            )
        )
    question = row["question"].strip()
    question = (
        question
        if question in catalog.indicators.index
        else (indicators.find(question) if indicators else None) or question
    )
    scale = catalog.indicators["scale"].get(question, "")
    if not scale:
        problems.append(found("problem_not_survey", file, at, places["question"], lang, value=question))
    answer = answer_code(row["answer"], scale, catalog)
    answers = set(catalog.scales.loc[scale].index) if scale else set()
    if scale and answer not in answers:
        problems.append(
            found(
                "problem_answer",
                file,
                at,
                places["answer"],
                lang,
                value=row["answer"],
                allowed=", ".join(map(str, sorted(answers))),
                hint=t("ingest_answer_labels", lang, labels=scale_words(scale, catalog, lang)),
            )
        )
    respondent = parse_int(row["respondent_id"])
    if respondent is None or not 0 <= respondent <= RESPONDENT_MAX:
        problems.append(
            found(
                "problem_respondent",
                file,
                at,
                places["respondent_id"],
                lang,
                value=row["respondent_id"],
                limit=f"{RESPONDENT_MAX:,}",
            )
        )
    weight = parse_value(row.get("weight", "") or "1", (), None, catalog.units, decimal)
    if weight is None or weight <= 0:  # finite too: an inf weight made the published snapshot unopenable
        problems.append(found("problem_weight", file, at, places["weight"], lang, value=row.get("weight")))
    status = status_code(str(row.get("status", "") or "reported").strip())
    if status not in STATUSES:
        problems.append(found("problem_status", file, at, "status", lang, value=status))
    if problems:
        return None, problems
    return {
        "region_code": region,
        "year": year,
        "respondent_id": respondent,
        "question": question,
        "answer": answer,
        "weight": weight,
        "status": status,
        "_file": file,
        "_row": at,
    }, []


def answer_code(written, scale: str, catalog: Catalog) -> int | None:
    """An answer as its code on the question's scale: the code itself, or its label in either language (很满意,
    fairly satisfied), as survey platforms export answers."""
    code = parse_int(written)
    if code is not None or not scale:
        return code
    labels = catalog.scales.loc[scale]
    by_label = {
        folded(label): int(answer) for answer, row in labels.iterrows() for label in (row["label_zh"], row["label_en"])
    }
    return by_label.get(folded(str(written)))


def scale_words(scale: str, catalog: Catalog, lang: str) -> str:
    """A scale's answers as a reader can write them: '1 很满意, 2 比较满意, …'."""
    return ", ".join(f"{int(answer)} {row[f'label_{lang}']}" for answer, row in catalog.scales.loc[scale].iterrows())


def parse_int(text) -> int | None:
    """A whole number of at most 18 digits (a longer cell is not one: int() of thousands of digits raises)."""
    cleaned = folded(str(text)).removesuffix(".0")
    return int(cleaned) if re.fullmatch(r"-?[0-9]{1,18}", cleaned) else None


def duplicate_problems(frame: pd.DataFrame, key: list[str], columns: tuple[str, ...], lang: str) -> list[Problem]:
    """The same key twice with anything different (value, qualifier, source, status): keeping one would lose the
    other without a word. The same row twice is harmless and kept once. Each row is named by its first difference."""
    if frame.empty:
        return []
    repeated = frame[frame.duplicated(key, keep=False)]
    if repeated.empty:
        return []
    named, problems = set(), []
    for column in [c for c in columns if c in repeated.columns]:
        cells = repeated[column].astype(object).where(repeated[column].notna(), "")
        differing = cells.groupby([repeated[k] for k in key]).transform("nunique") > 1
        for r in repeated[differing].to_dict("records"):
            if (r["_file"], r["_row"]) in named:
                continue
            named.add((r["_file"], r["_row"]))
            what = " / ".join(str(r[k]) for k in key if str(r[k]))  # a year's figure has no period to name
            message = (
                ("problem_duplicate", {}) if column == columns[0] else ("ingest_duplicate_differs", {"field": column})
            )
            problems.append(found(message[0], r["_file"], r["_row"], column, lang, what=what, **message[1]))
    return problems


# How a table of each kind (model/kinds.py) is checked: a new kind of data adds its checker here.
# what a kind's rows may hold that is worth a look but no error (published as they are)
WARNINGS = {"inspections": out_of_place}
CHECKS = {
    "figures": check_observations,
    "survey": check_survey,
    "problems": partial(check_ledger, place=region_of, years_of=title_years),
    "inspections": partial(check_inspections, place=region_of, years_of=title_years),
}
