"""The reviewed catalog (aspects, indicators, survey scales, regions, sources): load it and check it."""

import hashlib
import json
import tomllib
from dataclasses import dataclass, field as dataclass_field
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from chuangcheng import files as files_module
from chuangcheng.errors import CatalogError, Problem
from chuangcheng.model import composite as composite_module, regions as regions_module, rounding
from chuangcheng.i18n import t

LANGS = ("en", "zh")
KINDS = ("statistic", "survey")
STANDARDS = ("min", "max", "zero", "city_average", "none")
# How a parent's figure is made from its regions' (the overview's headline): their sum (amounts), their mean, or
# their mean weighted by another figure of the same region and year (a rate by the amount it is a rate of; a
# per-person figure by people): `weight`, optionally divided by `weight_per` (GDP ÷ GDP per person = people).
AGGREGATES = ("sum", "mean", "weighted")
# Periods finer than a year an indicator is published for (model/periods.GRAINS but the year), and what such a
# value holds: the period's own figure (当月, "period") or the figure from January to the period's end (1-6月累计,
# "cumulative"). Cumulative values are never added up, and their change on the period before is not shown: 1-6月
# less 1-5月 is June's own figure only where the indicator is additive, which the catalog does not say.
SUB_YEAR_GRAINS = ("half", "quarter", "month", "week")
SUB_YEAR = ("period", "cumulative")
CATALOG_FILES = (
    "aspects.csv",
    "indicators.toml",
    "scales.csv",
    "regions.csv",
    "sources.csv",
    "units.csv",
    "plausible.csv",
    "indicator_names.csv",
    "peer_groups.toml",
)
# files a catalog may leave out: without composite.toml no composite index is shown
OPTIONAL_FILES = (composite_module.FILE, "inspection_terms.csv")
# inspection_terms.csv: what field inspections and ledgers write, in both languages — point types, categories and
# standards (a standard with the aspect of the evaluation system it serves and the point types it applies to)
TERM_KINDS = ("point_type", "category", "standard")
TERM_COLUMNS = ["kind", "name_zh", "name_en", "aspect", "applies_to"]
PEER_SCHEMES = ("parent", "level")  # peers by default (same level, same parent), or every region of its level
GROUP_FIELDS = ("id", "name_zh", "name_en", "level", "source_zh", "source_en", "codes")
INDICATOR_FIELDS = {
    # field: (type, required)
    "code": (str, True),
    "aspect": (str, True),
    "name_zh": (str, True),
    "name_en": (str, True),
    "unit_zh": (str, True),
    "unit_en": (str, True),
    "kind": (str, True),
    "scale": (str, False),
    "standard": (str, True),
    "full": ((int, float), False),
    "partial": ((int, float), False),
    "decimals": (int, True),
    "lowest": ((int, float), False),
    "highest": ((int, float), False),
    "city_aggregate": (str, True),
    "weight": (str, False),
    "weight_per": (str, False),
    "weight_zh": (str, False),
    "weight_en": (str, False),
    "headline": (bool, False),
    "grains": (list, False),
    "sub_year": (str, False),
    "definition_zh": (str, True),
    "definition_en": (str, True),
    "evidence_zh": (str, True),
    "evidence_en": (str, True),
}


@dataclass(frozen=True)
class Catalog:
    """The catalog's tables, one DataFrame each, indexed by code."""

    aspects: pd.DataFrame
    indicators: pd.DataFrame
    scales: pd.DataFrame
    regions: pd.DataFrame
    sources: pd.DataFrame
    units: pd.DataFrame  # how a written unit converts: unit (as written, either language or symbol) -> base, factor
    # what a region of a level plausibly reports, with the evidence: (indicator, level) -> low, high, evidence_zh/_en;
    # level '' holds for every level. A value outside is a problem at ingest (a unit slip more often than news).
    plausible: pd.DataFrame = dataclass_field(
        default_factory=lambda: pd.DataFrame(
            columns=["low", "high", "evidence_zh", "evidence_en"],
            index=pd.MultiIndex.from_tuples([], names=["indicator", "level"]),
        )
    )
    # other names tables give an indicator (GRP_pc, 人均GDP): an unknown header is compared with them for meaning, and
    # they are suggested first, never matched unasked (a steward confirms in the mapping). Kept apart from
    # indicators.toml, which scores depend on: adding a name rebuilds no snapshot.
    indicator_names: pd.DataFrame = dataclass_field(default_factory=lambda: pd.DataFrame(columns=["indicator", "name"]))
    # named peer groups (peer_groups.toml): id -> name_zh, name_en, level, source_zh, source_en, codes (a tuple)
    peer_groups: pd.DataFrame = dataclass_field(
        default_factory=lambda: pd.DataFrame(columns=list(GROUP_FIELDS)).set_index("id")
    )
    # the composite index the city ranks by (composite.toml), None when the catalog gives none
    composite: composite_module.Composite | None = None
    # inspection_terms.csv by (kind, name_zh): name_en, aspect, applies_to; empty when the catalog has none
    inspection_terms: pd.DataFrame = dataclass_field(
        default_factory=lambda: pd.DataFrame(columns=TERM_COLUMNS).set_index(["kind", "name_zh"])
    )

    def term(self, kind: str, text, lang: str) -> str:
        """A point type, category or standard as the reader's language says it: its English name where the catalog
        has one, else as the sheet wrote it."""
        if lang == "zh" or not isinstance(text, str) or (kind, text) not in self.inspection_terms.index:
            return text if isinstance(text, str) else ""
        return str(self.inspection_terms.at[(kind, text), "name_en"])

    def peer_schemes(self) -> list[str]:
        """What a region may be compared with: its parent's regions (default), its level's, or a named group."""
        return [*PEER_SCHEMES, *self.peer_groups.index]

    def plausible_range(self, code: str, level: str) -> pd.Series | None:
        """low, high and evidence of what a region of this level plausibly reports for the indicator, or None."""
        for key in ((code, level), (code, "")):
            if key in self.plausible.index:
                return self.plausible.loc[key]
        return None

    def indicator(self, code: str) -> pd.Series:
        return self.indicators.loc[code]

    def grains(self, code: str) -> tuple[str, ...]:
        """The periods an indicator is published for: ("year",) unless the catalog names finer ones."""
        return tuple(str(self.indicators.at[code, "grains"]).split(",")) if code in self.indicators.index else ()

    def cumulative(self, code: str) -> bool:
        """Whether its sub-year values run from January to the period's end (1-6月累计)."""
        return self.indicators.at[code, "sub_year"] == "cumulative"

    def name(self, table: str, code: str, lang: str) -> str:
        """The name of a code in one language (the code itself when it is unknown)."""
        frame = getattr(self, table)
        return str(frame.at[code, f"name_{lang}"]) if code in frame.index else str(code)

    def unit(self, code: str, lang: str) -> str:
        return str(self.indicators.at[code, f"unit_{lang}"])

    def label(self, code: str, lang: str) -> str:
        """An indicator's name with its unit, as axis titles and column headers show it."""
        return f"{self.name('indicators', code, lang)} ({self.unit(code, lang)})"

    def format(self, code: str, value: float | None) -> str:
        """A value with its indicator's decimals, as rounding.number writes every number; empty when missing."""
        return rounding.number(value, int(self.indicators.at[code, "decimals"]))

    def standard_text(self, code: str, lang: str) -> str:
        """The standard in words: '≥ 80 (partial credit ≥ 75)', 'more than 1% above the city mean', ..."""
        meta = self.indicators.loc[code]
        standard = meta["standard"]
        key = f"standard_{standard}_partial" if pd.notna(meta["partial"]) else f"standard_{standard}"
        return t(key, lang, full=self.format(code, meta["full"]), partial=self.format(code, meta["partial"]))

    def source_title(self, source: str | None, lang: str) -> str:
        if not isinstance(source, str) or source not in self.sources.index:
            return source if isinstance(source, str) else ""
        return str(self.sources.at[source, f"title_{lang}"])

    @cached_property
    def source_by_title(self) -> dict[str, str]:
        """A source's id by its title in either language (exports name sources by title; ingest stores ids)."""
        return {str(self.sources.at[s, f"title_{lang}"]): s for s in self.sources.index for lang in ("en", "zh")}

    @cached_property
    def scored(self) -> list[str]:
        return list(self.indicators.index[self.indicators["standard"] != "none"])

    @cached_property
    def headline(self) -> list[str]:
        return list(self.indicators.index[self.indicators["headline"]])

    @cached_property
    def headline_inputs(self) -> list[str]:
        """The headline indicators and the figures their weighted aggregates are weighted by."""
        frame = self.indicators.loc[self.headline]
        weights = [c for c in [*frame["weight"], *frame["weight_per"]] if c]
        return list(dict.fromkeys([*self.headline, *weights]))


def load(data_dir: Path) -> Catalog:
    """Read and check the catalog under data_dir/catalog; raise CatalogError listing every problem.

    The cross-checks (a national regions list is thousands of rows) run once per state of the files: a
    catalog that passed is remembered by its files' identities and the rules' own source (CHECKED_FILE), as
    snapshots are by store/integrity.py, so every later start, page process and command skips them."""
    folder = Path(data_dir) / "catalog"
    absent = [name for name in CATALOG_FILES if not (folder / name).is_file()]
    if absent:
        raise CatalogError([Problem(name, None, None, "missing from the data folder's catalog/") for name in absent])
    before = checked_stamp(folder)
    tables, problems = read_tables(folder)
    unchanged = checked_stamp(folder) == before  # not rewritten while it was being read
    if not (unchanged and (remembered_clean(folder) == before or content_key(folder) in _clean_contents)):
        problems += check(tables, folder)
        if not problems and unchanged:
            remember_clean(folder, before)
    if not problems and unchanged:
        _clean_contents.add(content_key(folder))
    if problems:
        raise CatalogError(problems)
    composite = tables.pop("composite")[0]
    return Catalog(
        **{name: typed(name, frame).set_index(key) if key else frame for name, (frame, key) in tables.items()},
        composite=composite,
    )


CHECKED_FILE = ".checked.json"  # in the catalog folder; starts with '.', never a catalog table


@lru_cache(maxsize=1)
def rules_version() -> str:
    """The checking code itself: a catalog checked by older rules is checked again by the new ones."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(Path(regions_module.__file__).read_bytes())
    return digest.hexdigest()


def state(data_dir: Path) -> str:
    """Changes whenever a catalog file does (a stat each): what a running app keys its loaded catalog by, so an
    edited catalog is read again without a restart."""
    return json.dumps(checked_stamp(Path(data_dir) / "catalog"), sort_keys=True)


def checked_stamp(folder: Path) -> dict:
    """What a clean check is remembered by: each file's identity (path, size, modification time, inode) and
    the rules, as JSON gives it back."""
    return {
        "files": {name: list(files_module.identity(folder / name) or ()) for name in (*CATALOG_FILES, *OPTIONAL_FILES)},
        "rules": rules_version(),
    }


def remembered_clean(folder: Path) -> dict | None:
    return files_module.recalled(folder / CHECKED_FILE)


def remember_clean(folder: Path, stamp: dict) -> None:
    files_module.remember(folder / CHECKED_FILE, stamp)


_clean_contents: set[tuple] = set()  # catalogs this process checked clean, by their bytes: a copied folder is known


def content_key(folder: Path) -> tuple:
    """The catalog's bytes (hashed once per file identity) and the rules: a copy of a clean catalog is clean."""
    present = [name for name in OPTIONAL_FILES if (folder / name).is_file()]
    return (
        *(files_module.digest(folder / name) for name in (*CATALOG_FILES, *present)),
        tuple(present),
        rules_version(),
    )


def typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Give the checked text tables their real types."""
    if name == "units":
        return frame.assign(factor=frame["factor"].astype(float))
    if name == "plausible":
        return frame.assign(low=frame["low"].astype(float), high=frame["high"].astype(float))
    if name == "scales":
        return frame.assign(
            answer=frame["answer"].astype("int16"),
            positive=frame["positive"] == "true",
            valid=frame["valid"] == "true",
        )
    return frame


def read_tables(folder: Path) -> tuple[dict[str, tuple[pd.DataFrame, str | list[str]]], list[Problem]]:
    problems: list[Problem] = []
    indicators, more = read_indicators(folder / "indicators.toml")
    problems += more
    tables = {
        "aspects": (read_csv(folder / "aspects.csv"), "code"),
        "indicators": (indicators, "code"),
        "scales": (read_csv(folder / "scales.csv"), ["scale", "answer"]),
        "regions": (regions_module.tidy(read_csv(folder / "regions.csv")), "code"),
        "sources": (read_csv(folder / "sources.csv"), "source"),
        "units": (read_csv(folder / "units.csv"), "unit"),
        "plausible": (read_csv(folder / "plausible.csv"), ["indicator", "level"]),
        "indicator_names": (read_csv(folder / "indicator_names.csv"), []),
        "peer_groups": (read_peer_groups(folder / "peer_groups.toml"), "id"),
    }
    composite, more = composite_module.read(folder / composite_module.FILE)
    tables["composite"] = (composite, None)
    terms = folder / "inspection_terms.csv"
    found = read_csv(terms) if terms.is_file() else pd.DataFrame(columns=TERM_COLUMNS)
    tables["inspection_terms"] = (found.reindex(columns=TERM_COLUMNS).fillna(""), ["kind", "name_zh"])
    return tables, problems + more


def read_peer_groups(path: Path) -> pd.DataFrame:
    """peer_groups.toml as a table, codes as a tuple; a malformed file reads as its rows, checked by check_peer_groups."""
    try:
        groups = tomllib.loads(path.read_text(encoding="utf-8")).get("group", [])
    except tomllib.TOMLDecodeError as error:
        return pd.DataFrame(
            [
                {
                    "id": "",
                    "name_zh": "",
                    "name_en": "",
                    "level": "",
                    "source_zh": "",
                    "source_en": str(error),
                    "codes": (),
                }
            ]
        )
    rows = [
        {
            name: (tuple(map(str, g.get(name) or ())) if name == "codes" else str(g.get(name, "") or ""))
            for name in GROUP_FIELDS
        }
        for g in groups
        if isinstance(g, dict)
    ]
    return pd.DataFrame(rows, columns=list(GROUP_FIELDS))


def read_csv(path: Path) -> pd.DataFrame:
    # Everything is text: codes such as 990102 must stay strings; check() converts what is numeric.
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def read_indicators(path: Path) -> tuple[pd.DataFrame, list[Problem]]:
    records = tomllib.loads(path.read_text(encoding="utf-8")).get("indicator", [])
    problems = [
        problem
        for row, record in enumerate(records, start=1)
        for problem in check_indicator_fields(record, path.name, row)
    ]
    frame = pd.DataFrame(records, columns=list(INDICATOR_FIELDS))
    frame["headline"] = frame["headline"].fillna(False).astype(bool)
    for column in ("full", "partial", "lowest", "highest"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    for column in ("scale", "weight", "weight_per", "weight_zh", "weight_en", "sub_year"):
        frame[column] = frame[column].fillna("")
    # Text, not a list: the derived SQL joins this table, and "year,month" reads there with one string function.
    frame["grains"] = [",".join(g) if isinstance(g, list) else "year" for g in frame["grains"]]
    return frame, problems


def check_indicator_fields(record: dict, file: str, row: int) -> list[Problem]:
    problems = [Problem(file, row, key, "unknown field") for key in record if key not in INDICATOR_FIELDS]
    for field, (kind, required) in INDICATOR_FIELDS.items():
        value = record.get(field)
        if value is None:
            if required:
                problems.append(Problem(file, row, field, "missing"))
        elif not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
            problems.append(Problem(file, row, field, f"must be {getattr(kind, '__name__', 'a number')}"))
        elif isinstance(value, str) and not value.strip():
            problems.append(Problem(file, row, field, "empty"))
    return problems


def check(tables: dict, folder: Path) -> list[Problem]:
    """Every problem of the catalog's tables against its schema and against each other."""
    frames = {name: frame for name, (frame, _) in tables.items()}
    return (
        check_aspects(frames["aspects"])
        + check_indicators(frames["indicators"], frames)
        + check_scales(frames["scales"])
        + regions_module.check(frames["regions"], "regions.csv")
        + check_sources(frames["sources"])
        + check_units(frames["units"])
        + check_plausible(frames["plausible"], frames["indicators"])
        + check_indicator_names(frames["indicator_names"], frames["indicators"])
        + check_peer_groups(frames["peer_groups"])
        + composite_module.check(frames["composite"], frames["indicators"].set_index("code"))
        + check_inspection_terms(frames["inspection_terms"], set(frames["aspects"]["code"]))
    )


def check_inspection_terms(terms: pd.DataFrame, aspects: set) -> list[Problem]:
    """inspection_terms.csv: a kind of TERM_KINDS, names in both languages, each term once; a standard's aspect one of
    aspects.csv and the point types it applies to (、-separated) point types of the file."""
    file = "inspection_terms.csv"
    problems = duplicates(terms, ["kind", "name_zh"], file) + blanks(terms, ["kind", "name_zh", "name_en"], file)
    types = set(terms.loc[terms["kind"] == "point_type", "name_zh"])
    for row, term in enumerate(terms.to_dict("records"), start=2):
        if term["kind"] not in TERM_KINDS:
            problems.append(Problem(file, row, "kind", f"one of {', '.join(TERM_KINDS)}"))
        if term["aspect"] and term["aspect"] not in aspects:
            problems.append(Problem(file, row, "aspect", f"“{term['aspect']}” is no aspect of aspects.csv"))
        unknown = [t for t in str(term["applies_to"]).split("、") if t and t not in types]
        if unknown:
            problems.append(Problem(file, row, "applies_to", f"not point types of the file: {'、'.join(unknown)}"))
    return problems


def check_peer_groups(groups: pd.DataFrame) -> list[Problem]:
    """peer_groups.toml: an id of its own (a code, not parent or level), names and source in both languages, a level,
    and at least two codes, each once."""
    file, problems = "peer_groups.toml", []
    for row, group in enumerate(groups.to_dict("records"), start=1):
        problems += [
            Problem(file, row, name, "empty") for name in GROUP_FIELDS if name != "codes" and not group[name].strip()
        ]
        if group["id"] and (not regions_module.CODE.fullmatch(group["id"]) or group["id"] in PEER_SCHEMES):
            problems.append(Problem(file, row, "id", f"a code of its own, not {' or '.join(PEER_SCHEMES)}"))
        if group["level"] and group["level"] not in regions_module.LEVELS:
            problems.append(Problem(file, row, "level", f"one of {', '.join(regions_module.LEVELS)}"))
        if len(set(group["codes"])) < 2 or len(set(group["codes"])) != len(group["codes"]):
            problems.append(Problem(file, row, "codes", "two or more codes, each once"))
    problems += [Problem(file, None, "id", f"{id!r} given twice") for id in groups["id"][groups["id"].duplicated()]]
    return problems


def check_indicator_names(names: pd.DataFrame, indicators: pd.DataFrame) -> list[Problem]:
    """indicator_names.csv: indicator, name — each indicator in the catalog, each name given once and to one indicator."""
    file = "indicator_names.csv"
    missing = [c for c in ("indicator", "name") if c not in names.columns]
    if missing:
        return [Problem(file, None, c, "missing column") for c in missing]
    problems = blanks(names, ["indicator", "name"], file)
    problems += [
        Problem(file, line(i), "indicator", f"unknown indicator {row['indicator']!r}")
        for i, row in names.iterrows()
        if row["indicator"] and row["indicator"] not in set(indicators["code"])
    ]
    folded = names["name"].str.casefold().str.strip()
    problems += [Problem(file, line(i), "name", "given twice") for i in names.index[folded.duplicated()]]
    return problems


def line(index) -> int:
    """The row a spreadsheet shows for a CSV data row (the header is row 1)."""
    return int(index) + 2


def duplicates(frame: pd.DataFrame, columns: list[str], file: str) -> list[Problem]:
    repeated = frame[frame.duplicated(columns, keep="first")]
    return [Problem(file, line(i), columns[0], "duplicate key") for i in repeated.index]


def blanks(frame: pd.DataFrame, columns: list[str], file: str) -> list[Problem]:
    return [
        Problem(file, line(i), column, "empty")
        for column in columns
        for i in frame.index[frame[column].astype(str).str.strip() == ""]
    ]


def check_aspects(aspects: pd.DataFrame) -> list[Problem]:
    file = "aspects.csv"
    return duplicates(aspects, ["code"], file) + blanks(aspects, ["code", "name_zh", "name_en"], file)


def check_indicators(indicators: pd.DataFrame, frames: dict) -> list[Problem]:
    file = "indicators.toml"
    problems = duplicates(indicators, ["code"], file)
    scales = set(frames["scales"]["scale"])
    aspects = set(frames["aspects"]["code"])
    codes = set(indicators["code"])
    for i, row in indicators.iterrows():
        problems += [
            Problem(file, int(i) + 1, column, message)
            for column, message in indicator_rule_breaks(row, aspects, scales)
            + aggregate_rule_breaks(row, codes)
            + grain_rule_breaks(row)
        ]
    return problems


def indicator_rule_breaks(row: pd.Series, aspects: set, scales: set) -> list[tuple[str, str]]:
    """The rules one indicator record must keep, as (field, message) pairs."""
    breaks = []
    if row["aspect"] not in aspects:
        breaks.append(("aspect", f"unknown aspect {row['aspect']!r}"))
    if row["kind"] not in KINDS:
        breaks.append(("kind", f"must be one of {', '.join(KINDS)}"))
    if (row["kind"] == "survey") != bool(row["scale"]):
        breaks.append(("scale", "a survey indicator needs a scale, a statistic has none"))
    elif row["scale"] and row["scale"] not in scales:
        breaks.append(("scale", f"unknown scale {row['scale']!r}"))
    if row["standard"] not in STANDARDS:
        breaks.append(("standard", f"must be one of {', '.join(STANDARDS)}"))
    if row["city_aggregate"] not in AGGREGATES:
        breaks.append(("city_aggregate", f"must be one of {', '.join(AGGREGATES)}"))
    if isinstance(row["decimals"], (int, float)) and not 0 <= row["decimals"] <= 4:
        breaks.append(("decimals", "must be 0 to 4"))
    return breaks + standard_rule_breaks(row)


def aggregate_rule_breaks(row: pd.Series, codes: set) -> list[tuple[str, str]]:
    """A weighted aggregate names its weight (indicators of the catalog) and says what it is in both languages."""
    weighted = row["city_aggregate"] == "weighted"
    breaks = []
    if weighted and not row["weight"]:
        breaks.append(("weight", "a weighted aggregate needs a weight (an indicator code)"))
    if not weighted and (row["weight"] or row["weight_per"]):
        breaks.append(("weight", f"only a weighted aggregate takes a weight, not {row['city_aggregate']!r}"))
    if row["weight"] and (row["weight"] not in codes or row["weight"] == row["code"]):
        breaks.append(("weight", f"{row['weight']!r} is not another indicator of the catalog"))
    if row["weight_per"] and row["weight_per"] not in codes:  # may be the indicator itself: GDP ÷ GDP per person
        breaks.append(("weight_per", f"{row['weight_per']!r} is not an indicator of the catalog"))
    if weighted and not (row["weight_zh"] and row["weight_en"]):
        breaks.append(("weight_en", "a weighted aggregate says what its weight is (weight_zh and weight_en)"))
    return breaks


def grain_rule_breaks(row: pd.Series) -> list[tuple[str, str]]:
    """An indicator published finer than a year names its grains and says what a sub-year value holds."""
    grains = row["grains"].split(",")
    breaks = []
    if any(g not in ("year", *SUB_YEAR_GRAINS) for g in grains) or len(set(grains)) != len(grains):
        breaks.append(("grains", f"each of year, {', '.join(SUB_YEAR_GRAINS)}, once"))
    finer = [g for g in grains if g in SUB_YEAR_GRAINS]
    if finer and row["sub_year"] not in SUB_YEAR:
        breaks.append(("sub_year", f"a sub-year grain needs sub_year = {' or '.join(SUB_YEAR)}"))
    if not finer and row["sub_year"]:
        breaks.append(("sub_year", "only an indicator with a grain finer than a year takes sub_year"))
    if finer and row["kind"] == "survey":
        breaks.append(("grains", "survey rates are yearly: the household survey is one a year"))
    return breaks


def standard_rule_breaks(row: pd.Series) -> list[tuple[str, str]]:
    standard, full, partial = row["standard"], row["full"], row["partial"]
    lowest = row["lowest"] if pd.notna(row["lowest"]) else float("-inf")
    highest = row["highest"] if pd.notna(row["highest"]) else float("inf")
    breaks = []
    if standard in ("min", "max", "zero") and pd.isna(full):
        breaks.append(("full", f"a {standard} standard needs a full threshold"))
    if standard in ("city_average", "none") and (pd.notna(full) or pd.notna(partial)):
        breaks.append(("full", f"a {standard} standard takes no thresholds"))
    if standard == "zero" and (full != 0 or pd.notna(partial)):
        breaks.append(("full", "a zero standard has full = 0 and no partial"))
    if standard == "min" and pd.notna(partial) and partial >= full:
        breaks.append(("partial", "a min standard's partial threshold must be below full"))
    if standard == "max" and pd.notna(partial) and partial <= full:
        breaks.append(("partial", "a max standard's partial threshold must be above full"))
    if lowest > highest:
        breaks.append(("lowest", "lowest is above highest"))
    for field, value in (("full", full), ("partial", partial)):
        if pd.notna(value) and not lowest <= value <= highest:
            breaks.append((field, "threshold outside the possible range"))
    return breaks


def check_scales(scales: pd.DataFrame) -> list[Problem]:
    file = "scales.csv"
    problems = duplicates(scales, ["scale", "answer"], file) + blanks(scales, ["label_zh", "label_en"], file)
    for column in ("positive", "valid"):
        bad = scales.index[~scales[column].isin(["true", "false"])]
        problems += [Problem(file, line(i), column, "must be true or false") for i in bad]
    bad = scales.index[~scales["answer"].str.fullmatch(r"\d{1,2}")]
    problems += [Problem(file, line(i), "answer", "must be a small whole number") for i in bad]
    for scale, answers in scales.groupby("scale"):
        if not ((answers["positive"] == "true") & (answers["valid"] == "true")).any():
            problems.append(Problem(file, None, "positive", f"scale {scale!r} has no valid positive answer"))
    problems += [
        Problem(file, line(i), "positive", "an answer that is not valid cannot be positive")
        for i in scales.index[(scales["positive"] == "true") & (scales["valid"] == "false")]
    ]
    return problems


def check_sources(sources: pd.DataFrame) -> list[Problem]:
    file = "sources.csv"
    return duplicates(sources, ["source"], file) + blanks(sources, ["source", "title_zh", "title_en"], file)


def check_plausible(plausible: pd.DataFrame, indicators: pd.DataFrame) -> list[Problem]:
    """Each range: a known indicator and level, low below high, inside what the indicator can possibly be, evidence."""
    file = "plausible.csv"
    problems = duplicates(plausible, ["indicator", "level"], file) + blanks(
        plausible, ["evidence_zh", "evidence_en"], file
    )
    known = indicators.set_index("code")
    for i, row in plausible.iterrows():
        low, high = pd.to_numeric(pd.Series([row["low"], row["high"]]), errors="coerce").tolist()
        if row["indicator"] not in known.index:
            problems.append(Problem(file, line(i), "indicator", f"unknown indicator {row['indicator']!r}"))
            continue
        if row["level"] not in ("", *regions_module.LEVELS):
            problems.append(
                Problem(file, line(i), "level", f"one of {', '.join(regions_module.LEVELS)}, or empty for every level")
            )
        if not (pd.notna(low) and pd.notna(high) and low < high):
            problems.append(Problem(file, line(i), "low", "low and high must be numbers, low below high"))
            continue
        lowest, highest = known.at[row["indicator"], "lowest"], known.at[row["indicator"], "highest"]
        if (pd.notna(lowest) and low < lowest) or (pd.notna(highest) and high > highest):
            problems.append(Problem(file, line(i), "low", "outside the range the indicator can possibly take"))
    return problems


def check_units(units: pd.DataFrame) -> list[Problem]:
    file = "units.csv"
    problems = duplicates(units, ["unit"], file) + blanks(units, ["unit", "base"], file)
    factors = pd.to_numeric(units["factor"], errors="coerce")
    return problems + [
        Problem(file, line(i), "factor", "must be a positive number") for i in units.index[~(factors > 0)]
    ]
