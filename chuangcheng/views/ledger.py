"""The problem ledger's questions (model/ledger.py): how each region's problems found in a period stand at its end
(问题整改率, 按期整改率, overdue), and the ledger itself with each problem's status. Every text a renderer shows is
decided here; the API's JSON and CSV read the same columns."""

from dataclasses import dataclass, field

import pandas as pd

from chuangcheng.model import ledger, periods
from chuangcheng.model.params import Params
from chuangcheng.store.db import Database
from chuangcheng.views import choices, common, present

RECTIFICATION = [
    "region_code",
    "region",
    "period",
    "period_label",
    "assigned",
    "rectified",
    "rectified_on_time",
    "overdue",
    "due",
    "rectification_rate",
    "on_time_rate",
    "rectification_rate_text",
    "on_time_rate_text",
    "rank",
    "rank_text",
    "rank_change",
    "rank_change_text",
    "median_days",
    "p90_days",
    "as_of",
]
PROBLEMS = [
    "problem_id",
    "region_code",
    "region",
    "point",
    "point_type",
    "category",
    "category_name",
    "responsible",
    "description",
    "found",
    "deadline",
    "status",
    "status_text",
    "status_date",
    "rectified_on",
    "overdue",
    "days_open",
    "events",
    "history",
]


@dataclass(frozen=True)
class Rectification:
    params: Params
    notices: list
    rows: pd.DataFrame  # RECTIFICATION, one row per region of the scope with a problem in the ledger
    parents: list = field(default_factory=list)  # the scopes of the level that have problems, the most first
    months: list = field(default_factory=list)  # the months from the first problem found to the ledger's last date

    def month_labels(self) -> dict[str, str]:
        return {m: periods.parse(m).label(self.params.lang) for m in self.months}


@dataclass(frozen=True)
class Ledger:
    params: Params
    notices: list
    rows: pd.DataFrame  # PROBLEMS, one row per problem
    units: pd.DataFrame = field(default_factory=pd.DataFrame)  # UNITS: open and overdue problems by responsible unit


UNITS = ["responsible", "open", "overdue", "oldest_days", "median_days_open"]


def rectification(db: Database, params: Params) -> Rectification:
    """How each region's problems found in the period stand at its end (see queries/rectification.sql)."""
    scopes = db.query("ledger_scopes")
    params, notices, period = choices.dated_scope(scopes, params, "ledger_end")
    if period is None:
        return Rectification(params, notices, pd.DataFrame(columns=RECTIFICATION))
    found = ranked(asked_rectification(db, params, period)).reset_index(drop=True)
    before = ranked(asked_rectification(db, params, period.previous()))
    # places moved since the period before: 上升3名 / 下降17名, as bulletins write it
    found["rank_change"] = present.places_moved(
        found["region_code"], found["rank"], dict(zip(before["region_code"], before["rank"]))
    )
    lang = params.lang
    frame = found.assign(
        region=common.names(db, found["region_code"], lang),
        period=str(period),
        period_label=period.label(lang),
        rectification_rate=[present.rounded(v, 1) if pd.notna(v) else None for v in found["rectification_rate"]],
        on_time_rate=[present.rounded(v, 1) if pd.notna(v) else None for v in found["on_time_rate"]],
        as_of=pd.to_datetime(found["cutoff"]).dt.strftime("%Y-%m-%d"),
    )
    for column in ("rectification_rate", "on_time_rate"):
        frame[f"{column}_text"] = [present.number(v, 1) if v is not None else "" for v in frame[column]]
    frame["rank_change_text"] = [present.moved_places(v, lang) for v in frame["rank_change"]]
    frame["rank"] = frame["rank"].astype("Int64")
    frame["rank_text"] = [present.place_text(v) for v in frame["rank"]]
    frame["rank_change"] = frame["rank_change"].astype("Int64")
    for column in ("median_days", "p90_days"):  # numbers, missing where nothing was rectified (never the word None)
        frame[column] = pd.to_numeric(pd.Series([present.rounded(v, 1) for v in frame[column]], dtype="float64"))
    for column in ("assigned", "rectified", "rectified_on_time", "overdue", "due"):
        frame[column] = frame[column].astype("int64")
    mine = scopes[scopes["level"] == params.level]
    first, last = pd.Timestamp(mine["first_found"].min()), pd.Timestamp(mine["ledger_end"].max())
    months = [str(m).replace("M", "-") for m in pd.period_range(first, last, freq="M").strftime("%Y-%m")]
    return Rectification(
        params.but(period=str(period)),
        notices,
        frame[RECTIFICATION].reset_index(drop=True),
        list(mine["parent_code"]),
        months,
    )


def asked_rectification(db: Database, params: Params, period: periods.Period) -> pd.DataFrame:
    return db.query("rectification", level=params.level, parent=params.parent or "", start=period.start, end=period.end)


def ranked(rows: pd.DataFrame) -> pd.DataFrame:
    """Ranked by 问题整改率, highest first, ties sharing a place; a region with nothing assigned is unranked."""
    return rows.assign(rank=present.places(rows["rectification_rate"], rows["assigned"]))


def history(life, lang: str) -> str:
    """A problem's events in order, as a ledger's remarks write them: 2025-03-04 已交办 → 2025-03-06 已整改."""
    return " → ".join(f"{pd.Timestamp(e['day']).strftime('%Y-%m-%d')} {ledger.label(e['event'], lang)}" for e in life)


FILTERS = ("region", "responsible", "category_name", "status_text")


def filtered(rows: pd.DataFrame, chosen: dict[str, list], overdue_only: bool = False) -> pd.DataFrame:
    """The problems a reader narrowed the ledger to: each filter (FILTERS: street, unit, category, status) keeps the
    values chosen, none chosen keeps all; overdue_only keeps the overdue. The overdue first, the longest open first."""
    keep = pd.Series(True, index=rows.index)
    for column in FILTERS:
        if chosen.get(column):
            keep &= rows[column].isin(chosen[column])
    if overdue_only:
        keep &= rows["overdue"]
    return rows[keep].sort_values(["overdue", "days_open"], ascending=False)


def problems(db: Database, params: Params) -> Ledger:
    """The ledger: each problem with its status at the ledger's last date, overdue or not, and the days it was open."""
    params, notices, period = choices.dated_scope(db.query("ledger_scopes"), params, "ledger_end")
    if period is None:
        return Ledger(params, notices, pd.DataFrame(columns=PROBLEMS))
    found = db.query("problems", level=params.level, parent=params.parent or "")
    lang = params.lang
    end = pd.to_datetime(found["ledger_end"])
    found_on, rectified_on = pd.to_datetime(found["found"]), pd.to_datetime(found["rectified_on"])
    rectified = found["status"].isin(ledger.RECTIFIED)
    frame = found.assign(
        region=common.names(db, found["region_code"], lang),
        status_text=[ledger.label(s, lang) for s in found["status"]],
        overdue=~rectified & (pd.to_datetime(found["deadline"]) < end),
        days_open=((rectified_on.where(rectified, end)) - found_on).dt.days.astype("int64"),
    )
    frame["history"] = [history(life, lang) for life in frame["life"]]
    frame["category_name"] = [db.catalog.term("category", v, lang) for v in frame["category"]]
    for column in ("found", "deadline", "status_date", "rectified_on"):
        dates = pd.to_datetime(frame[column])
        frame[column] = dates.dt.strftime("%Y-%m-%d").where(dates.notna(), None)
    units = db.query("overdue_units", level=params.level, parent=params.parent or "")
    units = units.astype({"open": "int64", "overdue": "int64", "oldest_days": "int64"})
    return Ledger(params, notices, frame[PROBLEMS].reset_index(drop=True), units[UNITS].reset_index(drop=True))
