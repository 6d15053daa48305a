"""The data page's rows: chosen regions, indicators and years, as the page shows and every export writes them."""

from dataclasses import dataclass

import pandas as pd

from chuangcheng.errors import TooManyRows
from chuangcheng.i18n import t

from chuangcheng.model.layout import long_columns
from chuangcheng.model.params import Params
from chuangcheng.store.db import Database
from chuangcheng.views import choices


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
