"""Figures finer than a year (a month's good-air days, fiscal revenue from January to date): the periods a scope or
a region has, one period's figures with their change on the period before (环比) and on the same period a year
earlier (同比), and a region's series. Scores stay yearly: the evaluation judges a year, never a month.

Every text a renderer shows is decided here (labels, rounding, signs, percentage points); the page, the API's JSON
and CSV read the same columns."""

from dataclasses import dataclass, field, replace

import pandas as pd

from chuangcheng.i18n import t
from chuangcheng.model import periods
from chuangcheng.model.params import Params
from chuangcheng.store.db import Database
from chuangcheng.views import choices, common, present

# What an answer's rows hold, in this order: the API's CSV columns and the page's tables alike.
COLUMNS = [
    "region_code",
    "region",
    "indicator",
    "indicator_name",
    "unit",
    "period",
    "period_label",
    "period_start",
    "period_end",
    "cumulative",
    "value",
    "value_text",
    "before_period",
    "change",
    "change_text",
    "year_ago_period",
    "year_change",
    "year_change_text",
    "status",
    "source",
    "note",
]


@dataclass(frozen=True)
class PeriodFigures:
    """One period's figures for a scope's regions (or one region), with the periods that could be asked for."""

    params: Params
    notices: list
    periods: list[str]  # every sub-year period with a figure, oldest first
    rows: pd.DataFrame  # COLUMNS, the chosen period's figures
    series: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COLUMNS))  # one region's, every period
    sources: list = field(default_factory=list)  # (source, title) of the figures shown, for the footer and charts

    @property
    def period_label(self) -> str:
        return periods.parse(self.params.period).label(self.params.lang) if self.params.period else ""

    def period_labels(self) -> dict[str, str]:
        """Each period's label in the asked language, for a picker."""
        return {p: periods.parse(p).label(self.params.lang) for p in self.periods}

    def file_table(self) -> pd.DataFrame:
        """The period's figures as a file carries them (the 月度通报's table): names for people, codes for scripts,
        numbers as numbers at the catalog's decimals (as loaded with precision=full), headed in the asked language."""
        columns = {
            "region_code": "col_code",
            "region": "col_region",
            "indicator_name": "col_indicator",
            "period_label": "col_period",
            "value": "col_value",
            "unit": "col_unit",
            "change": "col_period_change",
            "year_change": "col_year_change",
            "source": "col_source",
        }
        lang, titles = self.params.lang, dict(self.sources)
        table = self.rows[list(columns)].assign(source=self.rows["source"].map(lambda s: titles.get(s, s)))
        headers = {c: t(key, lang) for c, key in columns.items()}
        if "since_change" in self.rows:  # since=: the change since that period, headed by it
            table.insert(list(columns).index("year_change") + 1, "since_change", self.rows["since_change"])
            headers["since_change"] = t("col_since_change", lang, period=periods.parse(self.params.since).label(lang))
        return table.rename(columns=headers)

    def file_name(self, fmt: str) -> str:
        scope = self.params.parent or "all"
        return f"chuangcheng_periods_{self.params.snapshot}_{scope}_{self.params.period}_{self.params.lang}.{fmt}"

    @property
    def cumulative_note(self) -> str:
        """What a reader needs to know of cumulative figures among the rows, or ''."""
        return t("period_cumulative_note", self.params.lang) if self.rows["cumulative"].any() else ""


def scope_periods(db: Database, params: Params) -> PeriodFigures:
    """The figures of a period (the latest by default) for every region of a scope."""
    params, notices = choices.resolve_scope(db, params)
    listed = period_list(db, params.level, params.parent, "")
    period = choices.checked(params.period, listed, listed[-1] if listed else None, "period", notices)
    found = (
        db.query("period_scope", level=params.level, parent=params.parent, period=period) if period else pd.DataFrame()
    )
    rows = readable(db, found, params)
    earlier = [p for p in listed if period and periods.parse(p).grain == periods.parse(period).grain and p < period]
    since = choices.checked(params.since, earlier, None, "since", notices) if isinstance(params.since, str) else None
    if since is not None:
        rows = with_since(db, rows, list(found["value"]), params.but(period=period), since)
    return PeriodFigures(
        params.but(period=period, since=since), notices, listed, rows, sources=common.sources(db, rows, params.lang)
    )


# With since (a period before the one asked, of its grain): each figure's change since then, as a fourth comparison.
SINCE_COLUMNS = ["since_period", "since_period_label", "since_value", "since_change", "since_change_text"]


def with_since(db: Database, rows: pd.DataFrame, values: list, params: Params, since: str) -> pd.DataFrame:
    """The rows (their values as stored: `values`) with the figure of `since` and the change from it, taken on the
    values as stored and then rounded, as 环比 and 同比 are (since=2024-12 beside period=2025-06: six months on).
    A cumulative figure is compared only with the same months of another year (1-6月 with 1-6月): January-to-March
    against January-to-June would read the months added as a change, so it is left empty."""
    then = db.query("period_scope", level=params.level, parent=params.parent, period=since)
    then = then.set_index(["region_code", "indicator"])["value"]
    lang, catalog, asked, earlier = params.lang, db.catalog, periods.parse(params.period), periods.parse(since)
    frame = rows.copy()
    keys = list(zip(frame["region_code"], frame["indicator"]))
    raw = [then.get(key) for key in keys]
    alike = [not cumulative or asked.index == earlier.index for cumulative in frame["cumulative"]]
    decimals = [present.decimals_of(pd.Series([code]), catalog).iloc[0] for code in frame["indicator"]]
    frame["since_period"] = since
    frame["since_period_label"] = [
        earlier.cumulative_label(lang) if cumulative else earlier.label(lang) for cumulative in frame["cumulative"]
    ]
    frame["since_value"] = [present.rounded(v, d) if v is not None else None for v, d in zip(raw, decimals)]
    frame["since_change"] = [
        present.change(now, before, d) if ok and before is not None else None
        for now, before, d, ok in zip(values, raw, decimals, alike)
    ]
    frame["since_change_text"] = [
        present.moved(v, d, present.is_rate(catalog, code), lang) if v is not None else ""
        for v, d, code in zip(frame["since_change"], decimals, frame["indicator"])
    ]
    return frame[[*COLUMNS, *SINCE_COLUMNS]]


def region_periods(db: Database, params: Params) -> PeriodFigures:
    """One region's figures of a period (the latest by default), and its every sub-year figure for its trend."""
    params, notices = choices.resolve_region(db, params)
    series = db.query("period_region", region=params.region) if params.region else pd.DataFrame()
    listed = ordered(series)
    period = choices.checked(params.period, listed, listed[-1] if listed else None, "period", notices)
    shown = readable(db, series, params)
    rows = shown[shown["period"] == period].reset_index(drop=True)
    return PeriodFigures(
        params.but(period=period), notices, listed, rows, shown, common.sources(db, shown, params.lang)
    )


def report_periods(db: Database, params: Params) -> PeriodFigures:
    """A region's figures finer than a year as its report for a year shows them: the period asked when it lies in
    that year, else the year's latest; no rows when the region has none that year (the report then has no such
    section). The page, the command line and the API read one answer."""
    every = region_periods(db, params.but(period=None))
    in_year = [p for p in every.periods if periods.parse(p).year == params.year] if params.year else every.periods
    wanted = params.period if params.period in in_year else (in_year[-1] if in_year else None)
    if wanted is None:
        return PeriodFigures(every.params.but(period=None), every.notices, in_year, every.rows.iloc[0:0], every.series)
    if wanted == every.params.period:
        return replace(every, periods=in_year)
    return replace(region_periods(db, params.but(period=wanted)), periods=in_year)


def period_list(db: Database, level: str, parent: str, region: str) -> list[str]:
    return list(db.query("period_list", level=level, parent=parent, region=region)["period"])


def ordered(rows: pd.DataFrame) -> list[str]:
    if rows.empty:
        return []
    return list(rows.sort_values("period_start").drop_duplicates("period")["period"])


def readable(db: Database, rows: pd.DataFrame, params: Params) -> pd.DataFrame:
    """The rows with every text a reader sees: names, the period as releases write it (2025年1—6月 for a figure
    from January), each number at the catalog's decimals (as loaded with precision=full; the texts are rounded
    either way), each change signed (percentage points for a rate)."""
    if rows.empty:
        return pd.DataFrame(columns=COLUMNS)
    catalog, lang, full = db.catalog, params.lang, params.precision == "full"
    raw = rows[["value", "change", "year_change"]].copy()
    frame = rows.copy()
    frame["region"] = common.names(db, frame["region_code"], lang)
    # Looked up once per indicator and period: a national scope's month is 5,700 rows of two indicators.
    codes = frame["indicator"].unique()
    frame["indicator_name"] = frame["indicator"].map({c: catalog.name("indicators", c, lang) for c in codes})
    frame["unit"] = frame["indicator"].map({c: catalog.unit(c, lang) for c in codes})
    labels = {
        (p, c): periods.parse(p).cumulative_label(lang) if c else periods.parse(p).label(lang)
        for p, c in set(zip(frame["period"], frame["cumulative"]))
    }
    frame["period_label"] = [labels[key] for key in zip(frame["period"], frame["cumulative"])]
    decimals = frame["indicator"].map(present.decimals_of(pd.Series(codes), catalog).set_axis(codes)).tolist()
    rates = frame["indicator"].map({c: present.is_rate(catalog, c) for c in codes}).tolist()
    frame["value_text"] = [
        present.qualified(v, q, d, lang) for v, q, d in zip(frame["value"], frame["qualifier"], decimals)
    ]
    for column in ("change", "year_change"):
        frame[column] = [present.rounded(v, d) if pd.notna(v) else None for v, d in zip(frame[column], decimals)]
        frame[f"{column}_text"] = [
            present.moved(v, d, rate, lang) if v is not None else ""
            for v, d, rate in zip(frame[column], decimals, rates)
        ]
    frame["value"] = [present.rounded(v, d) for v, d in zip(frame["value"], decimals)]
    if full:
        frame[["value", "change", "year_change"]] = raw.astype(object).where(raw.notna(), None)
    # The dates a figure covers: a cumulative one from the first of January (1-6月 runs from 1 January to 30 June)
    starts = pd.to_datetime(frame["period_start"])  # of the period's own year: 2025-W01 starts on 30 December 2024
    frame["period_start"] = starts.where(
        ~frame["cumulative"].astype(bool), pd.to_datetime(frame["year"].astype(str) + "-01-01")
    )
    for column in ("period_start", "period_end"):
        frame[column] = pd.to_datetime(frame[column]).dt.strftime("%Y-%m-%d")
    frame["cumulative"] = frame["cumulative"].astype(bool)
    return frame[COLUMNS].reset_index(drop=True)
