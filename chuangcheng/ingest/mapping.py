"""Adapt a foreign table: which column is which, what to leave out, how names and values are written.

A mapping is a TOML file a steward writes (README, "Loading your own figures"):

    ignore = ["备注", "Unnamed: 0"]            # columns to drop
    [columns]    region = "城市" (or a list: ["City", "城市"]); year, indicator, value, unit, qualifier, status, source, parent, note
    [indicators] "地区生产总值（万元）" = "gdp"   # wide headers (or long indicator names) -> catalog codes
    [units]      gdp = "万元"                   # the unit a column is written in, either language or symbol
    [aliases]    "Xian" = "610100"              # names the file uses -> a region code (or a known name)
    [filter]     years = [2008, 2017]           # first and last year kept; regions = ["610100", "Chengdu"]
                 drop = ["合计", "城区小计"]        # rows whose region cell says these: totals that are no region
                 level = "city"                 # only regions of this level (of a national table)
    [defaults]   source = "统计年鉴2018"; status = "reported"; qualifier = "="   # for the whole file
                 year = 2021; region = "440100"; indicator = "gdp"  # a table that says them once, in its title
    [plausible]  gdp_per_capita = [5000, 300000] # values outside are warnings, not problems
    decimal = ","                              # (top level) the file writes 1,5 for one and a half
    sheet = "2021年"                           # (top level) the workbook sheet to read (default: the active one)
    [words]      "已办结" = "verified"; "基本合格" = "fail"  # an office's own words for a ledger status or a result
"""

import math
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from chuangcheng.model import kinds, ledger
from chuangcheng.errors import Problem
from chuangcheng.i18n import t
from chuangcheng.ingest.read import decode, unit_key  # noqa: F401  (unit_key: compared here, defined with the reader)
from chuangcheng.ingest.report import found
from chuangcheng.model.regions import LEVEL_WORDS
from chuangcheng.model.regions import LEVELS as REGION_LEVELS

# The columns of our own long export (and of a plain long file): name in our terms -> header.
# the columns of a problem ledger and of field inspection results, by role (ingest/ledger.py, ingest/inspections.py)
LEDGER_ROLES = (
    "problem_id",
    "found",
    "deadline",
    "point",
    "point_type",
    "category",
    "responsible",
    "description",
    "state",
    "rectified_on",
    "closed_on",
    "returned_on",
    "reopened_on",
)
INSPECTION_ROLES = (
    "point",
    "point_type",
    "category",
    "standard",
    "visited",
    "result",
    "score",
    "max_score",
    "team",
    "photo",
    "longitude",
    "latitude",
)
DEFAULT_COLUMNS = {
    "region": "region_code",
    "year": "year",
    "period": "period",  # a part of a year (2025-06, 1-6月); a file of periods alone may have no year column
    "indicator": "indicator",
    "value": "value",
    "unit": "unit",
    "qualifier": "qualifier",
    "status": "status",
    "source": "source",
    "parent": "parent_code",
    "note": "note",
    # a problem ledger and field inspection results (ingest/ledger.py, ingest/inspections.py)
    **{role: role for role in (*LEDGER_ROLES, *INSPECTION_ROLES)},
    # survey microdata
    "respondent_id": "respondent_id",
    "question": "question",
    "answer": "answer",
    "weight": "weight",
}
# The same columns as our Chinese export heads them (model/layout.py, render/export.py), so a downloaded file loads back.
EXPORT_COLUMNS = {
    "region": "region_code",
    "year": "year",
    "period": "period",
    "indicator": "indicator",
    "value": "value",
    "unit": "unit",
    "qualifier": "qualifier",
    "status": "status",
    "source": "source",
    "note": "note",
}
# Headers a steward's file commonly gives the region, codes first: a table with a code and a name column is read
# by its code (the name column is then a name, not an indicator).
CODE_HEADERS = (
    "region_code",
    "code",
    "行政区划代码",
    "统计用区划代码",
    "区划代码",
    "地区代码",
    "代码",
    "区域代码",
    "街道代码",
    "乡镇代码",
    "区县代码",
    "县区代码",
    "城市代码",
    "省份代码",
    "city_code",
    "citycode",
    "city code",
    "county_code",
    "county code",
    "province_code",
    "province code",
    "adcode",
    "area_code",
    "areacode",
    "division_code",
    "gb_code",
    "编码",
)
# Region-name headers from the finest level to the coarsest: of 城市 and 区县 the region is 区县, and 城市 its parent.
NAME_HEADERS = {
    "any": (
        "region_name",
        "region",
        "name",
        "地区",
        "地区名称",
        "区域",
        "名称",
    ),  # first: 地区 beside 城市 is the region, 城市 its parent
    "street": (
        "street",
        "town",
        "subdistrict",
        "街道",
        "乡镇",
        "街道（乡镇）",
        "乡镇（街道）",
        "街镇",
        "街道名称",
        "乡镇名称",
        "所属街道",
        "所属乡镇",
        "所属街镇",
    ),
    "district": (
        "district",
        "county",
        "区县",
        "县区",
        "县（市、区）",
        "县(市、区)",
        "区",
        "县",
        "区县名称",
        "所属区县",
        "所属区",
    ),
    "city": (
        "city",
        "城市",
        "地市",
        "市",
        "市州",
        "城市名称",
        "地级市",
        "city_name",
        "cityname",
        "city name",
        "city_en",
        "prefecture",
    ),
    "province": (
        "province",
        "省份",
        "省",
        "省区市",
        "省（区、市）",
        "省(区、市)",
        "province_name",
        "province name",
        "provincial",
    ),
}
# Headers a steward's file commonly gives its columns; used when the mapping names none.
HEADER_GUESSES = {
    "region": CODE_HEADERS + tuple(h for headers in NAME_HEADERS.values() for h in headers),
    "year": ("year", "年份", "年度", "年"),
    # a period column holds a year or a part of one (2025年6月, 1-6月, 2025Q2), each cell checked against its
    # indicator's grains; beside a year column it places the figures within their year (our export writes both)
    "period": ("时期", "期间", "月份", "统计期", "报告期", "统计时间", "month"),
    # a long file's columns, as Chinese tables head them (a unit column is read row by row; remarks are notes)
    "indicator": ("indicator_name", "指标", "指标名称"),
    "value": ("值",),
    "unit": ("计量单位",),
    "note": ("备注", "注", "remarks", "remark", "notes"),
    # a problem ledger as offices export it (问题台账, 抄告单)
    "problem_id": ("问题编号", "编号", "问题序号", "台账编号", "抄告单编号"),
    "found": ("发现时间", "发现日期", "交办时间", "交办日期", "检查时间", "检查日期", "抄告时间", "date found"),
    "deadline": ("整改时限", "整改期限", "整改截止时间", "完成时限", "限期"),
    "point": ("点位名称", "点位", "问题点位", "检查点位"),
    "point_type": ("点位类型", "点位类别"),
    "category": ("问题类别", "问题类型", "问题分类", "类别", "测评类别", "指标类别"),
    "responsible": ("责任单位", "整改单位", "抄告对象", "责任部门"),
    "description": ("问题描述", "问题内容", "存在问题"),
    "state": ("整改情况", "整改状态", "处理状态", "状态"),
    "rectified_on": ("整改时间", "整改完成时间", "整改日期", "提交时间"),
    "closed_on": ("销号时间", "销号日期", "复查时间", "审核时间"),
    "returned_on": ("退回时间", "退回日期"),
    "reopened_on": ("再次发现时间", "复发时间"),
    # field inspection results as inspection sheets head them (实地检查, 测评)
    "standard": ("测评内容", "测评标准", "测评项目", "检查内容", "检查项目"),
    "visited": ("检查时间", "测评时间", "检查日期", "测评日期", "督查时间", "督查日期"),
    "result": ("测评结果", "检查结果", "结果", "是否合格"),
    "score": ("得分", "实际得分"),
    "max_score": ("满分", "分值", "标准分"),
    "team": ("检查组", "测评组", "督查组"),
    "photo": ("照片", "图片", "附件"),
    "longitude": ("经度", "lng", "lon"),
    "latitude": ("纬度", "lat"),
    # survey microdata as survey platforms export it
    "respondent_id": ("受访者编号", "问卷编号", "样本编号", "答卷编号", "respondent"),
    "question": ("题目", "问题", "调查题目"),
    "answer": ("答案", "回答", "选项", "作答"),
    "weight": ("权重",),
}
LEVELS = ("street", "district", "city", "province")
SECTIONS = (
    "columns",
    "indicators",
    "units",
    "aliases",
    "filter",
    "defaults",
    "plausible",
    "ignore",
    "decimal",
    "sheet",
    "words",
)
# what an office's own word may mean ([words]): a ledger event (model/ledger.py) or an inspection result
WORD_MEANINGS = (*ledger.EVENTS, "pass", "fail", "severe")
DECIMALS = (".", ",")
FILTERS = ("years", "regions", "drop", "level")
DEFAULTS = (
    "source",
    "status",
    "qualifier",
    "indicator",
    "region",
    "year",
)  # the last three for a table that says them once, in its title
SURVEY_COLUMNS = kinds.SURVEY.roles  # the roles that make a table survey microdata
# No figure: the dashes and ellipses yearbooks print (——, ……: not available; compared after NFKC, which makes … '...'),
# a slash, and the words for none
MISSING = {"", "—", "–", "-", "--", "——", "…", "...", "......", "/", "n/a", "na", "null", "none", "无", "暂无", "空"}
NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*(.*)$")
# A number's digits with its separators, before the unit: 1,234.5  1.234,5  1,5  12 345
WRITTEN = re.compile(r"^([+-]?)(\d[\d,.]*)(.*)$", re.DOTALL)
GROUPED = {".": re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$"), ",": re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")}


@dataclass(frozen=True)
class Mapping:
    """What a mapping file says; every field has the meaning of a plain long or wide file by default."""

    columns: dict = field(default_factory=dict)  # role -> header, or a list of headers (the first present is used)
    indicators: dict = field(default_factory=dict)  # header -> indicator code
    units: dict = field(default_factory=dict)  # indicator code -> the unit the file writes it in
    aliases: dict = field(default_factory=dict)  # written name -> region code or known name
    ignore: tuple = ()
    years: tuple | None = None  # first, last kept
    regions: tuple = ()  # only these (codes or names); empty keeps all
    drop: tuple = ()  # rows whose region cell says one of these are left out: totals (合计, 城区小计) that are no region
    level: str | None = (
        None  # only regions of this level (province, city, district, street); a table's own level otherwise
    )
    defaults: dict = field(default_factory=dict)  # source, status, qualifier for rows that leave them empty
    plausible: dict = field(default_factory=dict)  # indicator code -> (low, high): outside is a warning
    decimal: str | None = (
        None  # the decimal mark the file writes; None: a lone comma is ambiguous, unless grouping thousands
    )
    sheet: str | None = None  # the workbook sheet to read (default: the active one, if visible)
    words: dict = field(default_factory=dict)  # an office's word -> a ledger event or inspection result it means
    file: str = ""

    @classmethod
    def read(cls, path: Path | None, lang: str = "en") -> tuple["Mapping", list[Problem]]:
        """The mapping, and every problem of its form (its targets are checked against the catalog later)."""
        if path is None:
            return cls(), []
        name = Path(path).name
        spec, problems = parse(Path(path), lang)
        if spec is None:
            return cls(file=name), problems
        if isinstance(spec.get("defaults"), dict) and type(spec["defaults"].get("year")) is int:
            spec["defaults"]["year"] = str(spec["defaults"]["year"])  # year = 2021 as naturally as year = "2021"
        problems += form_problems(spec, name, lang)
        section = lambda key: spec.get(key) if isinstance(spec.get(key), dict) else {}  # noqa: E731
        years = section("filter").get("years")
        mapping = cls(
            columns={k: v for k, v in section("columns").items() if k in DEFAULT_COLUMNS and headers(v)},
            indicators={str(k): v for k, v in section("indicators").items() if isinstance(v, str)},
            units={str(k): v for k, v in section("units").items() if isinstance(v, str)},
            aliases={str(k): v for k, v in section("aliases").items() if isinstance(v, str)},
            ignore=tuple(strings(spec.get("ignore"))),
            years=tuple(years) if is_year_range(years) else None,
            regions=tuple(strings(section("filter").get("regions"))),
            drop=tuple(strings(section("filter").get("drop"))),
            level=filter_level(section("filter").get("level")),
            defaults={k: v for k, v in section("defaults").items() if k in DEFAULTS and isinstance(v, str)},
            plausible={k: tuple(v) for k, v in section("plausible").items() if is_range(v)},
            decimal=spec.get("decimal") if spec.get("decimal") in DECIMALS else None,
            file=name,
            sheet=spec["sheet"].strip() if is_text(spec.get("sheet")) else None,
            words={str(k).strip(): v for k, v in section("words").items() if v in WORD_MEANINGS},
        )
        return mapping, problems

    def headers(self, role: str) -> tuple[str, ...]:
        """The headers a role may have in a file: the mapping's, else ours, else (region, year) the usual ones."""
        if role in self.columns:
            return headers(self.columns[role])
        ours = (t(f"export_{EXPORT_COLUMNS[role]}", "zh"),) if role in EXPORT_COLUMNS else ()
        return (DEFAULT_COLUMNS[role], *ours) + HEADER_GUESSES.get(role, ())

    def column(self, role: str, present) -> str | None:
        """The header of a role in a file with these columns, matched without case or surrounding spaces."""
        by_key = {folded(c): c for c in present}
        return next((by_key[folded(h)] for h in self.headers(role) if folded(h) in by_key), None)

    def region_columns(self, present) -> tuple[str | None, str | None, tuple[str, ...]]:
        """(region, parent, other name columns) of a file the mapping does not say these of. The region is the code
        column if there is one (the name columns beside it name the same regions: read as names, not indicators),
        else a plain name column (地区, name), else the finest level's; the parent is the finest level column
        coarser than the region (区县 under 城市; 地区 under 城市), which only checks and settles names, never moves a
        region. Other columns stay columns (an unknown one is named as a problem, never dropped unsaid)."""
        region = self.column("region", present)
        if "region" in self.columns or region is None:
            return region, self.column("parent", present), ()
        by_key = {folded(c): c for c in present}
        named = [
            (level, by_key[folded(h)])
            for level, headers in NAME_HEADERS.items()
            for h in headers
            if folded(h) in by_key
        ]
        if region in (by_key.get(folded(h)) for h in CODE_HEADERS):
            return region, self.column("parent", present), tuple(dict.fromkeys(column for _, column in named))
        level = next(level for level, column in named if column == region)
        coarser = [
            column
            for other, column in named
            if other != "any" and column != region and (level == "any" or LEVELS.index(other) > LEVELS.index(level))
        ]
        return region, self.column("parent", present) or (coarser[0] if coarser else None), ()

    def named(self, role: str) -> str:
        """The header to name when a role's column is missing."""
        return self.headers(role)[0]


def header_level(header: str | None) -> str | None:
    """The level a region column's header says (区县 is district, 城市 city), or None (地区, name, a code)."""
    wanted = folded(header or "")
    return next(
        (
            level
            for level, headers in NAME_HEADERS.items()
            if level != "any" and any(folded(h) == wanted for h in headers)
        ),
        None,
    )


def filter_level(value) -> str | None:
    """A [filter] level as written (city, 地级市, 区县 ...) as one of the regions' levels, else None."""
    if not isinstance(value, str):
        return None
    written = value.strip()
    return written.casefold() if written.casefold() in REGION_LEVELS else LEVEL_WORDS.get(written)


def parse(path: Path, lang: str) -> tuple[dict | None, list[Problem]]:
    name = path.name
    if not path.is_file():
        return None, [found("ingest_no_file", name, None, None, lang)]
    text, problems = decode(path.read_bytes(), name, lang)  # UTF-8 or GBK, as the data files may be
    if text is None:
        return None, problems
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as error:
        at = re.search(r"line (\d+)", str(error))
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
        return None, [found("ingest_mapping_toml", name, int(at.group(1)) if at else None, None, lang, detail=detail)]


def form_problems(spec: dict, file: str, lang: str) -> list[Problem]:
    """Unknown keys and values of the wrong type, each named with its key and what it could be."""
    problems = unknown_keys(spec, SECTIONS, "", file, lang)
    expect = {
        "columns": (DEFAULT_COLUMNS, is_header, "text"),
        "filter": (FILTERS, None, None),
        "defaults": (DEFAULTS, is_str, "text"),
        "indicators": (None, is_str, "text"),
        "units": (None, is_str, "text"),
        "aliases": (None, is_str, "text"),
        "plausible": (None, is_range, "range"),
        "words": (None, is_str, "text"),
    }
    for section, (keys, valid, shape) in expect.items():
        value = spec.get(section, {})
        if not isinstance(value, dict):
            problems.append(found("ingest_mapping_type", file, None, section, lang, expected=t_shape("table", lang)))
            continue
        problems += unknown_keys(value, keys, section + ".", file, lang) if keys else []
        problems += [
            found("ingest_mapping_type", file, None, f"{section}.{k}", lang, expected=t_shape(shape, lang))
            for k, v in value.items()
            if valid and not valid(v) and (keys is None or k in keys)
        ]
    if "ignore" in spec and not (isinstance(spec["ignore"], list) and all(is_text(v) for v in spec["ignore"])):
        problems.append(found("ingest_mapping_type", file, None, "ignore", lang, expected=t_shape("list", lang)))
    words = spec.get("words", {}) if isinstance(spec.get("words"), dict) else {}
    problems += [
        found(
            "ingest_mapping_word", file, None, f"words.{k}", lang, value=str(v)[:40], meanings=", ".join(WORD_MEANINGS)
        )
        for k, v in words.items()
        if isinstance(v, str) and v not in WORD_MEANINGS
    ]
    if "sheet" in spec and not is_text(spec["sheet"]):
        problems.append(found("ingest_mapping_type", file, None, "sheet", lang, expected=t_shape("text", lang)))
    if "decimal" in spec and spec["decimal"] not in DECIMALS:
        problems.append(found("ingest_mapping_decimal", file, None, "decimal", lang))
    filters = spec.get("filter", {}) if isinstance(spec.get("filter"), dict) else {}
    if "years" in filters and not is_year_range(filters["years"]):
        problems.append(found("ingest_mapping_years", file, None, "filter.years", lang))
    if "regions" in filters and not (
        isinstance(filters["regions"], list) and all(is_text(v) for v in filters["regions"])
    ):
        problems.append(
            found("ingest_mapping_type", file, None, "filter.regions", lang, expected=t_shape("list", lang))
        )
    if "level" in filters and filter_level(filters["level"]) is None:
        problems.append(
            found(
                "ingest_mapping_level",
                file,
                None,
                "filter.level",
                lang,
                value=filters["level"],
                levels=", ".join(REGION_LEVELS),
            )
        )
    if "drop" in filters and not (isinstance(filters["drop"], list) and all(is_text(v) for v in filters["drop"])):
        problems.append(found("ingest_mapping_type", file, None, "filter.drop", lang, expected=t_shape("list", lang)))
    return problems


def unknown_keys(table: dict, allowed, prefix: str, file: str, lang: str) -> list[Problem]:
    import difflib

    problems = []
    for k in table:
        if k not in allowed:
            close = difflib.get_close_matches(str(k), list(allowed), n=3, cutoff=0.6)
            hint = closest_hint(close, lang) if close else t("ingest_one_of", lang, allowed=", ".join(allowed))
            problems.append(found("ingest_mapping_key", file, None, prefix + str(k), lang, hint=hint))
    return problems


def closest_hint(options: list[str], lang: str) -> str:
    return t("ingest_closest", lang, suggest=", ".join(options)) if options else t("ingest_closest", lang, suggest="—")


def t_shape(shape: str, lang: str) -> str:
    return t(f"ingest_shape_{shape}", lang)


def is_str(value) -> bool:
    return isinstance(value, str)  # an empty target is named by the catalog check, with the closest codes


def is_text(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def is_header(value) -> bool:
    return is_text(value) or (isinstance(value, list) and bool(value) and all(is_text(v) for v in value))


def headers(value) -> tuple[str, ...]:
    return tuple(
        v.strip()
        for v in ([value] if isinstance(value, str) else value if isinstance(value, list) else [])
        if is_text(v)
    )


def strings(value) -> list[str]:
    return [v.strip() for v in value if is_text(v)] if isinstance(value, list) else []


def is_year_range(value) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(type(y) is int for y in value) and value[0] <= value[1]


def is_range(value) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        and value[0] <= value[1]
    )


def folded(text: str) -> str:
    """Text as compared: full-width forms made plain (NFKC), trimmed, case-folded."""
    return unicodedata.normalize("NFKC", str(text)).strip().casefold()


def undefused(text: str) -> str:
    """Undo our export's formula defusing ('=) so a downloaded CSV ingests back to what it came from."""
    return text[1:] if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r", "\n") else text


def is_missing(text: str) -> bool:
    return folded(undefused(text)) in MISSING


def factor(unit: str, units) -> tuple[str, Fraction] | None:
    """(base, factor) of a written unit from the catalog's units table (either language or symbol), the factor
    exact: the decimal the table writes, not its nearest double."""
    wanted = unit_key(unit)
    for written, row in units.iterrows():
        if unit_key(written) == wanted:
            return row["base"], Fraction(repr(float(row["factor"])))
    return None


def conversion(written: str, catalog_units: tuple[str, ...], units) -> Fraction | None:
    """How many of the catalog's unit one of the written unit is worth, exactly; None when they do not convert."""
    wanted = unit_key(written)
    if any(unit_key(unit) == wanted for unit in catalog_units):
        return Fraction(1)
    source = factor(written, units)
    for unit in catalog_units:
        target = factor(unit, units)
        if source and target and source[0] == target[0]:
            return source[1] / target[1]
    return None


def converted(number: float, ratio: Fraction) -> float | None:
    """number (the decimal it was written as) times ratio, computed exactly and stored as the nearest double:
    1,108,000 万元 is 110.8 亿元, where the product of doubles gave 110.80000000000001."""
    if ratio == 1:
        return number
    try:
        return finite(float(Fraction(repr(number)) * ratio))
    except OverflowError:  # beyond any double: no value, as 1e309 written out is none
        return None


def parse_value(
    text: str, catalog_units: tuple[str, ...], file_unit: str | None, units, decimal: str | None = None
) -> float | None:
    """A finite number from a cell such as '1,234.5', '１２３', '36%', '145亿元' or '3.2万元', in the catalog's unit;
    None when it is not one, its separators are ambiguous (see number_problem), or its unit does not convert."""
    parsed = written_number(text, decimal)
    if parsed is None:
        return None
    number, suffix = parsed
    written = suffix or file_unit
    if not written or (suffix == "%" and any(u.startswith("%") for u in catalog_units)):
        return number
    ratio = conversion(written, catalog_units, units)
    return converted(number, ratio) if ratio is not None else None


def has_marker(text: str) -> bool:
    """A footnote marker (①, ², ₃ …): a character NFKC makes a digit that is no digit as written (full-width
    digits are digits). Made plain, 12² read as 122 and 45.8① as 45.81."""
    return any(unicodedata.digit(c, None) is not None and not ("0" <= c <= "9" or "０" <= c <= "９") for c in str(text))


def written_number(text: str, decimal: str | None) -> tuple[float, str] | None:
    """(number, unit suffix) of a cell, or None: not a number, not finite (1e309 reads as inf), or separators
    that could mean two numbers (1,5 and 1.450,5 read as thousands once made 15 and 1.4505), or a footnote marker."""
    if has_marker(text):
        return None
    cleaned = plain_text(text)
    parts = WRITTEN.match(cleaned)
    if not parts:
        return None
    sign, digits, rest = parts.groups()
    plain = plain_digits(digits, decimal)
    match = plain is not None and NUMBER.match(sign + plain + rest)
    if not match:
        return None
    number = finite(float(match.group(1)))
    return None if number is None else (number, match.group(2))


def plain_digits(digits: str, decimal: str | None) -> str | None:
    """Digits and separators as Python reads them ('1,234.5' -> '1234.5'), or None when they are ambiguous or
    malformed. Undeclared, only a comma grouping thousands (12,345.6, 1,234,567) is read; declared, the other
    mark must group thousands properly."""
    if decimal == ",":
        grouped = GROUPED[","].match(digits) or ("." not in digits and digits.count(",") <= 1)
        return digits.replace(".", "").replace(",", ".") if grouped else None
    if "," not in digits:
        return digits
    return digits.replace(",", "") if GROUPED["."].match(digits) else None


def finite(number: float) -> float | None:
    return number if math.isfinite(number) else None


def plain_text(text: str) -> str:
    """A cell's number as compared: full-width forms made plain, spaces out, and the minus sign (U+2212) a copy from a
    PDF or a Word table brings made the hyphen-minus Python reads."""
    return unicodedata.normalize("NFKC", undefused(text)).strip().replace(" ", "").replace("\u2212", "-")


def number_problem(text: str, decimal: str | None) -> str:
    """Why a cell that is not a number is not one, as a message key: its separators, its size, a footnote marker, or anything else."""
    if has_marker(text):
        return "problem_footnote_marker"
    cleaned = plain_text(text)
    parts = WRITTEN.match(cleaned)
    if parts and plain_digits(parts.group(2), decimal) is None and decimal is None and "," in parts.group(2):
        return "problem_ambiguous_decimal"
    if parts and plain_digits(parts.group(2), decimal) is not None:
        match = NUMBER.match(parts.group(1) + plain_digits(parts.group(2), decimal) + parts.group(3))
        if match and not math.isfinite(float(match.group(1))):
            return "problem_not_finite"
    return "problem_not_number"
