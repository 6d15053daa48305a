"""Validate: every row of every file checked, every problem collected with its file, row and column."""

import difflib
import re
from dataclasses import dataclass
from datetime import date

import pandas as pd

from chuangcheng.model.catalog import Catalog
from chuangcheng.errors import Problem
from chuangcheng.i18n import t
from chuangcheng.ingest.mapping import SURVEY_COLUMNS, Mapping, conversion, folded, is_missing, parse_value, undefused
from chuangcheng.ingest.match import RegionMatcher
from chuangcheng.ingest.read import Loaded

FIRST_YEAR = 1949
QUALIFIERS = {"=": "=", ">=": ">=", "<=": "<=", "≥": ">=", "≤": "<=", "": "="}
STATUSES = ("reported", "estimated", "synthetic")
DANGEROUS = re.compile(r"^[=+\-@\t\r\n]|<\s*script|javascript:", re.IGNORECASE)
NAME_COLUMNS = ("region_name", "indicator_name", "source")


@dataclass
class Checked:
    """What validation made of the files: clean rows and every problem found."""

    observations: pd.DataFrame
    survey: pd.DataFrame
    problems: list[Problem]


class Resolver:
    """Finds a region or indicator by code or by name in either language, and suggests close ones."""

    def __init__(self, frame: pd.DataFrame, extra_labels: dict[str, str] | None = None):
        self.lookup = {}
        for code, row in frame.iterrows():
            for label in (code, row["name_zh"], row["name_en"]):
                self.lookup.setdefault(folded(label), code)
        for label, code in (extra_labels or {}).items():
            self.lookup.setdefault(folded(label), code)

    def find(self, text: str) -> str | None:
        return self.lookup.get(folded(text))

    def suggest(self, text: str) -> str:
        close = difflib.get_close_matches(folded(text), list(self.lookup), n=3, cutoff=0.5)
        return ", ".join(dict.fromkeys(self.lookup[c] for c in close))


def indicator_resolver(catalog: Catalog, mapping: Mapping) -> Resolver:
    """Indicators by code, name, or our wide export's 'name (unit)' headers, plus the mapping's headers."""
    labels = {catalog.label(code, lang): code for code in catalog.indicators.index for lang in ("en", "zh")}
    return Resolver(catalog.indicators, {**labels, **mapping.indicators})


def check(files: list[Loaded], catalog: Catalog, mapping: Mapping, lang: str, regions_in_force=None) -> Checked:
    """Every row of every file; regions_in_force are the catalog's with the base's and the regions file's laid over."""
    known = catalog.regions if regions_in_force is None else regions_in_force
    plain = RegionMatcher(known)
    aliases = {written: target if target in known.index else plain.find(target).code for written, target in mapping.aliases.items()}
    regions = RegionMatcher(known, {written: code for written, code in aliases.items() if code})
    indicators = indicator_resolver(catalog, mapping)
    observations, survey, problems = [], [], mapping_problems(mapping, catalog, plain, indicators, lang)
    for loaded in files:
        loaded = Loaded(loaded.name, loaded.frame.drop(columns=[c for c in mapping.ignore if c in loaded.frame.columns]))
        kind_survey = all(c in loaded.frame.columns for c in SURVEY_COLUMNS)
        checker = check_survey if kind_survey else check_observations
        rows, found = checker(loaded, catalog, mapping, regions, indicators, lang)
        (survey if kind_survey else observations).append(rows)
        problems += found
    frames = [pd.concat(x, ignore_index=True) if x else pd.DataFrame() for x in (observations, survey)]
    problems += duplicate_problems(frames[0], ["region_code", "year", "indicator"], "value", lang)
    problems += duplicate_problems(frames[1], ["region_code", "year", "respondent_id", "question"], "answer", lang)
    return Checked(frames[0], frames[1], problems)


def long_rows(loaded: Loaded, catalog: Catalog, mapping: Mapping, indicators: Resolver, lang: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The file as long rows (one value a row), however it is laid out; value_column names the header."""
    frame, columns = loaded.frame, mapping.columns
    missing = [columns[c] for c in ("region", "year") if columns[c] not in frame.columns]
    if columns["region"] not in frame.columns and "region_name" in frame.columns:
        missing = [m for m in missing if m != columns["region"]]
        columns = {**columns, "region": "region_name"}
    if missing:
        return pd.DataFrame(), [Problem(loaded.name, 1, m, t("problem_missing_column", lang)) for m in missing]
    if columns["indicator"] in frame.columns or columns["value"] in frame.columns:
        absent = [columns[c] for c in ("indicator", "value") if columns[c] not in frame.columns]
        if absent:
            return pd.DataFrame(), [Problem(loaded.name, 1, m, t("problem_missing_column", lang)) for m in absent]
        rows = frame.assign(value_column=columns["value"])
        return rows.rename(columns={columns[k]: k for k in ("region", "year", "indicator", "value") }), []
    return wide_rows(loaded, columns, indicators, lang)


def wide_rows(loaded: Loaded, columns: dict, indicators: Resolver, lang: str) -> tuple[pd.DataFrame, list[Problem]]:
    frame = loaded.frame
    known = {"_row", columns["region"], columns["year"], "region_code", "region_name"}
    value_columns = [c for c in frame.columns if c not in known]
    problems = [
        Problem(loaded.name, 1, c, t("problem_unknown_indicator", lang, value=c, suggest=indicators.suggest(c) or "—"))
        for c in value_columns if indicators.find(c) is None
    ]
    # Unknown headers stay in, so their rows' regions and years are still checked: a header problem must not
    # hide the row problems behind it (their values are not kept: check_observation reports the header once).
    melted = frame.melt(id_vars=["_row", columns["region"], columns["year"]], value_vars=value_columns, var_name="value_column", value_name="value")
    melted["indicator"] = melted["value_column"]
    return melted.rename(columns={columns["region"]: "region", columns["year"]: "year"}), problems


def check_observations(loaded, catalog, mapping, regions, indicators, lang):
    rows, problems = long_rows(loaded, catalog, mapping, indicators, lang)
    if rows.empty:
        return pd.DataFrame(), problems
    problems += name_field_problems(loaded, lang)
    clean = []
    for row in rows.to_dict("records"):
        if is_missing(row["value"]):
            continue  # '—' and friends: no figure this year, not an error
        record, found = check_observation(row, loaded.name, mapping, catalog, regions, indicators, lang)
        problems += found
        if record:
            clean.append(record)
    # A wide file's row holds many values: a bad region or year is one problem of the row, not one per column.
    return pd.DataFrame(clean), list(dict.fromkeys(problems))


def check_observation(row, file, mapping, catalog, regions, indicators, lang):
    at = row["_row"]
    problems = []
    region, problem = region_of(regions, row["region"], lang)
    if problem:
        problems.append(Problem(file, at, mapping.columns["region"], problem))
    year = parse_year(row["year"])
    if year is None:
        problems.append(Problem(file, at, mapping.columns["year"], t("problem_year", lang, value=row["year"], first=FIRST_YEAR, last=date.today().year + 1)))
    code = indicators.find(row["indicator"])
    if code is None:
        if row["value_column"] == mapping.columns["value"]:  # long form; wide headers were reported once
            problems.append(Problem(file, at, mapping.columns["indicator"], t("problem_unknown_indicator", lang, value=row["indicator"], suggest=indicators.suggest(row["indicator"]) or "—")))
        return None, problems
    if not kept(mapping, region, year, regions):
        return None, problems  # left out by the mapping's [filter]: not a problem of the file
    value, value_problems = check_value(row, code, file, mapping, catalog, lang)
    row = {**row, **{k: v for k, v in mapping.defaults.items() if not str(row.get(k, "") or "").strip()}}
    qualifier = QUALIFIERS.get(undefused(str(row.get("qualifier", ""))).strip())
    if qualifier is None:
        problems.append(Problem(file, at, "qualifier", t("problem_qualifier", lang, value=row.get("qualifier"))))
    status = str(row.get("status", "") or "reported").strip()
    if status not in STATUSES:
        problems.append(Problem(file, at, "status", t("problem_status", lang, value=status)))
    problems += value_problems
    if problems:
        return None, problems
    source = undefused(str(row.get("source", ""))).strip() or None
    return {"region_code": region, "year": year, "indicator": code, "value": value, "qualifier": qualifier,
            "source": source, "status": status, "_file": file, "_row": at}, []


def kept(mapping: Mapping, region: str | None, year: int | None, regions: RegionMatcher) -> bool:
    """Whether a row passes the mapping's [filter] (rows whose region or year is unreadable are checked anyway)."""
    if mapping.years and year is not None and not mapping.years[0] <= year <= mapping.years[1]:
        return False
    if mapping.regions and region is not None:
        return region in {regions.find(r).code for r in mapping.regions}
    return True


def mapping_problems(mapping: Mapping, catalog: Catalog, regions: RegionMatcher, indicators: Resolver, lang: str) -> list[Problem]:
    """A mapping's targets against the catalog and the regions: each bad one named with its key and the closest."""
    file, problems = mapping.file, []
    for header, code in mapping.indicators.items():
        if code not in catalog.indicators.index:
            problems.append(Problem(file, None, f"indicators.{header}", t("problem_mapping_indicator", lang, value=code,
                                                                           suggest=indicators.suggest(code) or "—")))
    for code, unit in mapping.units.items():
        if code not in catalog.indicators.index:
            problems.append(Problem(file, None, f"units.{code}", t("problem_mapping_indicator", lang, value=code, suggest=indicators.suggest(code) or "—")))
        elif conversion(unit, (catalog.indicators.at[code, "unit_zh"], catalog.indicators.at[code, "unit_en"]), catalog.units) is None:
            problems.append(Problem(file, None, f"units.{code}", t("problem_mapping_unit", lang, value=unit, unit=catalog.unit(code, lang))))
    for written, target in mapping.aliases.items():
        if target not in regions.regions.index and regions.find(target).code is None:
            problems.append(Problem(file, None, f"aliases.{written}", t("problem_unknown_region_far", lang, value=target)))
    for key, value in mapping.defaults.items():
        allowed = {"status": STATUSES, "qualifier": tuple(QUALIFIERS), "source": None}.get(key, ())
        if allowed is not None and value not in allowed:
            problems.append(Problem(file, None, f"defaults.{key}", t("problem_mapping_default", lang, value=value,
                                                                      allowed=", ".join(a for a in allowed if a) or "source, status, qualifier")))
    return problems


def region_of(regions: RegionMatcher, written: str, lang: str) -> tuple[str | None, str | None]:
    """The region a cell names, or the problem to report, with suggestions a person recognises."""
    found = regions.find(undefused(str(written)))
    if found.code:
        return found.code, None
    if found.problem == "ambiguous":
        return None, t("problem_ambiguous_region", lang, value=written, suggest=regions.describe(found.suggestions))
    if found.suggestions:
        return None, t("problem_unknown_region", lang, value=written, suggest=regions.describe(found.suggestions))
    return None, t("problem_unknown_region_far", lang, value=written)


def check_value(row, code, file, mapping, catalog, lang):
    meta = catalog.indicator(code)
    value = parse_value(row["value"], (meta["unit_zh"], meta["unit_en"]), mapping.units.get(code), catalog.units)
    if value is None:
        return None, [Problem(file, row["_row"], row["value_column"], t("problem_not_number", lang, value=row["value"], unit=meta["unit_zh"]))]
    low = meta["lowest"] if pd.notna(meta["lowest"]) else float("-inf")
    high = meta["highest"] if pd.notna(meta["highest"]) else float("inf")
    if not low <= value <= high:
        return None, [Problem(file, row["_row"], row["value_column"], t("problem_range", lang, value=row["value"], low=bound(low), high=bound(high)))]
    return value, []


def bound(value: float) -> str:
    return "∞" if value == float("inf") else "−∞" if value == float("-inf") else f"{value:g}"


def parse_year(text: str) -> int | None:
    cleaned = folded(text).removesuffix("年").removesuffix(".0")
    if not cleaned.isdigit():
        return None
    year = int(cleaned)
    return year if FIRST_YEAR <= year <= date.today().year + 1 else None


def name_field_problems(loaded: Loaded, lang: str) -> list[Problem]:
    """Formula or script text in a name field: refused, so nothing we later export or show can run it."""
    problems = []
    for column in [c for c in loaded.frame.columns if c in NAME_COLUMNS or c == "region"]:
        for at, text in zip(loaded.frame["_row"], loaded.frame[column]):
            if DANGEROUS.search(text) and not text.startswith("'"):
                problems.append(Problem(loaded.name, at, column, t("problem_formula", lang, value=text)))
    return problems


def check_survey(loaded, catalog, mapping, regions, indicators, lang):
    frame, problems, clean = loaded.frame, [], []
    for row in frame.to_dict("records"):
        record, found = check_answer(row, loaded.name, catalog, regions, lang)
        problems += found
        if record:
            clean.append(record)
    return pd.DataFrame(clean), problems


def check_answer(row, file, catalog, regions, lang):
    at, problems = row["_row"], []
    region, problem = region_of(regions, row.get("region_code", ""), lang)
    if problem:
        problems.append(Problem(file, at, "region_code", problem))
    year = parse_year(row.get("year", ""))
    if year is None:
        problems.append(Problem(file, at, "year", t("problem_year", lang, value=row.get("year"), first=FIRST_YEAR, last=date.today().year + 1)))
    question = row["question"].strip()
    scale = catalog.indicators["scale"].get(question, "")
    if not scale:
        problems.append(Problem(file, at, "question", t("problem_not_survey", lang, value=question)))
    answer = parse_int(row["answer"])
    answers = set(catalog.scales.loc[scale].index) if scale else set()
    if scale and answer not in answers:
        problems.append(Problem(file, at, "answer", t("problem_answer", lang, value=row["answer"], allowed=", ".join(map(str, sorted(answers))))))
    respondent = parse_int(row["respondent_id"])
    if respondent is None:
        problems.append(Problem(file, at, "respondent_id", t("problem_not_number", lang, value=row["respondent_id"], unit="")))
    weight = parse_value(row.get("weight", "") or "1", (), None, catalog.units)
    if weight is None or weight <= 0:
        problems.append(Problem(file, at, "weight", t("problem_weight", lang, value=row.get("weight"))))
    if problems:
        return None, problems
    status = str(row.get("status", "") or "reported").strip()
    return {"region_code": region, "year": year, "respondent_id": respondent, "question": question, "answer": answer,
            "weight": weight, "status": status if status in STATUSES else "reported", "_file": file, "_row": at}, []


def parse_int(text) -> int | None:
    cleaned = folded(str(text)).removesuffix(".0")
    return int(cleaned) if cleaned.lstrip("-").isdigit() else None


def duplicate_problems(frame: pd.DataFrame, key: list[str], value: str, lang: str) -> list[Problem]:
    """The same key twice with different values; the same value twice is harmless and kept once."""
    if frame.empty:
        return []
    differing = frame.groupby(key)[value].transform("nunique") > 1
    clashes = frame[differing]
    return [
        Problem(r["_file"], r["_row"], value, t("problem_duplicate", lang, what=" / ".join(str(r[k]) for k in key)))
        for r in clashes.to_dict("records")
    ]
