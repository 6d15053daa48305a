"""The data page's rows: chosen regions, indicators and years, as the page shows and every export writes them."""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from chuangcheng.errors import TooManyRows
from chuangcheng.i18n import t
from chuangcheng.model import periods as periods_module
from chuangcheng.model.catalog import Catalog
from chuangcheng.model.layout import PERIOD_COLUMNS, long_columns
from chuangcheng.model.params import Params
from chuangcheng.store.db import Database
from chuangcheng.views import choices, present


# The rows a data view holds: the long layout's columns but the names a renderer adds in its language.
COLUMNS = [c for c in long_columns(periods=True) if c not in ("region_name", "indicator_name", "unit")]


@dataclass(frozen=True)
class DataRows:
    params: Params
    notices: list
    # data_rows: region_code, year, period (null for a year's figure), period_start, period_end, indicator, value,
    # lower, upper, n, qualifier, status, source, note
    rows: pd.DataFrame
    regions_total: int  # how many regions and indicators "all" would be (for the file name)
    indicators_total: int

    @property
    def filters_text(self) -> str:
        """What the rows are filtered by, in words: on a phone the pickers are in the folded sidebar."""
        lang, params = self.params.lang, self.params
        regions = (
            t("filters_all", lang, count=self.regions_total)
            if len(params.regions) in (0, self.regions_total)
            else str(len(params.regions))
        )
        indicators = (
            t("filters_all", lang, count=self.indicators_total)
            if len(params.indicators) in (0, self.indicators_total)
            else str(len(params.indicators))
        )
        years = f"{params.years[0]}–{params.years[1]}" if params.years else "—"
        return t("filters_text", lang, regions=regions, indicators=indicators, years=years)


def data_rows(db: Database, params: Params, default_all: bool = True, most: int | None = None) -> DataRows:
    """Empty indicators mean all of them; empty regions mean all of them too (the whole snapshot), unless
    default_all is False (a page whose picker was cleared shows nothing). With `most`, more rows than that are
    refused (TooManyRows) after counting them, before any is loaded."""
    every = tuple(choices.present(db)["region_code"])
    totals = (len(every), len(db.catalog.indicators))
    if not params.regions and not default_all:
        return DataRows(params, [], pd.DataFrame(columns=COLUMNS), *totals)
    params, notices = choices.resolve_regions(
        db, params.but(regions=params.regions or every), default_count=None, most=None
    )
    params, more = choices.resolve_indicators(db, params, list(db.catalog.indicators.index))
    params, years = choices.resolve_years(db, params)
    notices += more + years
    if params.years is None:
        return DataRows(params, notices, pd.DataFrame(columns=COLUMNS), *totals)
    first, last = params.years
    # Every region or every indicator is asked as an empty list: matching thousands of codes row by row is slow.
    regions = [] if len(params.regions) == len(every) else list(params.regions)
    indicators = [] if len(params.indicators) == len(db.catalog.indicators) else list(params.indicators)
    asked = dict(regions=regions, indicators=indicators, first=first, last=last)
    # figures finer than a year are asked for only where an indicator asked is published so (a GDP export reads none)
    monthly = any(grain != "year" for code in params.indicators for grain in db.catalog.grains(code))
    if most is not None:
        count = int(db.query("data_rows_count", **asked)["rows"].iloc[0])
        count += int(db.query("data_period_rows_count", **asked)["rows"].iloc[0]) if monthly else 0
        if count > most:
            raise TooManyRows(count, most)
    rows = db.many_rows("data_rows", **asked)
    finer = db.many_rows("data_period_rows", **asked) if monthly else pd.DataFrame()
    return DataRows(params, notices, with_periods(rows, finer), *totals)


def with_periods(rows: pd.DataFrame, finer: pd.DataFrame) -> pd.DataFrame:
    """A year's figures, and after them within each region and year its figures finer than a year (each with its
    period and dates); the year's alone, in the contract's columns, where there are none."""
    if finer.empty:
        return rows
    both = pd.concat([rows.assign(_part=0), finer.assign(_part=1)], ignore_index=True)
    both = both.sort_values(["region_code", "year", "_part"], kind="stable", ignore_index=True)  # each part sorted
    return both[COLUMNS]


def whole(db: Database, params: Params) -> DataRows:
    """Every row of the snapshot."""
    return data_rows(db, Params(snapshot=params.snapshot, lang=params.lang))


# --- the rows in the CSV contract's long layout, and as the data page shows them ---


def values(codes: pd.Series, numbers: pd.Series, catalog: Catalog, full_precision: bool) -> pd.Series:
    """Numbers as the page shows them (the catalog's decimals), or the stored doubles for analysts who ask."""
    if full_precision or numbers.isna().all():
        return numbers.astype("float64")
    decimals = present.decimals_of(codes, catalog).to_numpy()
    return pd.Series(
        present.rounded_all(numbers.to_numpy(dtype="float64", na_value=np.nan), decimals),
        index=numbers.index,
        dtype="float64",
    )


def mapped(column: pd.Series, lookup) -> pd.Series:
    """column's values looked up (a dict or Series), each distinct value once; unknown ones kept as they are."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    found = np.array([lookup.get(value, value) for value in uniques] + [None], dtype=object)
    return pd.Series(found[codes], index=column.index, dtype=object)


def long_table(
    rows: pd.DataFrame, catalog: Catalog, names: dict, lang: str, full_precision: bool = False
) -> pd.DataFrame:
    """The contract's long columns, with names and units in the chosen language; survey rates carry their
    interval (lower, upper) and n; a plain value's qualifier is empty, a bound's is ≥ or ≤."""
    meta = catalog.indicators
    absent = pd.Series([float("nan")] * len(rows), index=rows.index, dtype="float64")
    column = lambda name: rows[name] if name in rows.columns else absent  # noqa: E731
    periods = "period" in rows.columns and bool(rows["period"].notna().any())
    return pd.DataFrame(
        {
            "region_code": rows["region_code"],
            "region_name": mapped(rows["region_code"], names),
            "year": rows["year"].astype("int64"),
            **({column: dates(rows[column]) for column in PERIOD_COLUMNS} if periods else {}),
            "indicator": rows["indicator"],
            "indicator_name": mapped(rows["indicator"], meta[f"name_{lang}"].to_dict()),
            "unit": mapped(rows["indicator"], meta[f"unit_{lang}"].to_dict()),
            "value": values(rows["indicator"], rows["value"], catalog, full_precision),
            "lower": values(rows["indicator"], column("lower"), catalog, full_precision),
            "upper": values(rows["indicator"], column("upper"), catalog, full_precision),
            "n": column("n").astype("Int64"),
            "qualifier": mapped(rows["qualifier"], present.QUALIFIER_WORDS),
            "status": rows["status"],
            "source": mapped(
                sources(rows, lang), catalog.sources[f"title_{lang}"].to_dict()
            ),  # titles, as the page shows them
            "note": column("note").astype(object).where(column("note").notna(), None),
        },
        columns=long_columns(periods),
    ).reset_index(drop=True)


def dates(column: pd.Series) -> pd.Series:
    """A period or its dates as text (2025-06, 2025-06-01), empty for a year's figure: ISO dates, which Excel and every
    script read alike."""
    text = column.map(lambda value: value.isoformat() if hasattr(value, "isoformat") else value)
    return text.astype(object).where(column.notna(), None)


def sources(rows: pd.DataFrame, lang: str) -> pd.Series:
    """Each row's source; a survey rate, computed from the snapshot's microdata, says so (it left empty)."""
    if "lower" not in rows.columns:
        return rows["source"]
    survey = rows["source"].isna() & rows["lower"].notna()
    return rows["source"].astype(object).where(~survey, t("source_survey", lang))


def period_label(period, code: str, year: int, catalog: Catalog, lang: str) -> str:
    """A month as releases write it: 2025年6月, or 2025年1—6月 for a figure from January; a year's figure its year."""
    if not isinstance(period, str):
        return periods_module.Period("year", int(year)).label(lang)
    parsed = periods_module.parse(period)
    return parsed.cumulative_label(lang) if catalog.cumulative(code) else parsed.label(lang)


def readable(rows: pd.DataFrame, catalog: Catalog, names: dict, lang: str) -> pd.DataFrame:
    """The rows as a reader sees them on the data page, every cell text decided here (the page names the headers):
    the indicator, its value at the catalog's decimals, the period beside it when rows hold months, unit, region,
    year, the survey interval, the bound, the status in words, the source's title and the note."""
    table = long_table(rows, catalog, names, lang)
    decimals = present.decimals_of(table["indicator"], catalog)
    return pd.DataFrame(
        {
            "indicator": table["indicator_name"],
            "value": [present.number(v, d) for v, d in zip(table["value"], decimals)],
            **(
                {
                    "period": [
                        period_label(p, c, y, catalog, lang)
                        for p, c, y in zip(table["period"], table["indicator"], table["year"])
                    ]
                }
                if "period" in table
                else {}
            ),
            "unit": table["unit"],
            "region": table["region_name"],
            "year": table["year"].astype(str),
            "interval": [
                present.interval_range(lo, up, d) for lo, up, d in zip(table["lower"], table["upper"], decimals)
            ],
            "qualifier": table["qualifier"],
            "data_status": [t(f"status_{s}", lang) for s in table["status"]],
            "source": [catalog.source_title(s, lang) for s in table["source"]],
            "note": table["note"].fillna(""),
        }
    )
