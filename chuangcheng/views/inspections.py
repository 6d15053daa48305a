"""Field inspections' questions (实地检查): each region's points visited and standards checked in a period, 符合率 and
得分率, ranked, with the places moved since the period before; which standards fail at which point types, and the
share of the points lost by category (失分占比). Every text a renderer shows is decided here; the API's JSON and CSV
read the same columns."""

from dataclasses import dataclass, field

import pandas as pd

from chuangcheng.i18n import t
from chuangcheng.model import periods
from chuangcheng.model.params import Params
from chuangcheng.store.db import Database
from chuangcheng.views import choices, common, present

RATES = [
    "region_code",
    "region",
    "period",
    "period_label",
    "points",
    "checked",
    "passed",
    "severe",
    "pass_rate",
    "pass_rate_text",
    "score",
    "max_score",
    "score_rate",
    "score_rate_text",
    "ranked_by",
    "rank",
    "rank_text",
    "rank_change",
    "rank_change_text",
]
STANDARDS = [
    "point_type",
    "point_type_name",
    "standard",
    "standard_name",
    "category",
    "category_name",
    "aspect_name",
    "checked",
    "passed",
    "failed",
    "severe",
    "pass_rate",
    "lost_points",
]
CATEGORIES = ["category", "category_name", "lost_points", "share", "share_text"]


@dataclass(frozen=True)
class InspectionRates:
    params: Params
    notices: list
    rows: pd.DataFrame  # RATES, one row per region of the scope with an inspection, ranked
    months: list = field(default_factory=list)  # the months from the first visit to the last
    weeks: list = field(default_factory=list)  # the ISO weeks from the first visit to the last
    parents: list = field(default_factory=list)  # the scopes of the level inspected, the most results first


@dataclass(frozen=True)
class Standards:
    params: Params
    notices: list
    rows: pd.DataFrame  # STANDARDS: each point type and standard checked in the period, the most failed first
    categories: pd.DataFrame  # CATEGORIES: the points lost by category, the most first, with their share in %


def ranked_by(found: pd.DataFrame) -> str:
    """Offices rank by 得分率 where the sheets score; by 符合率 where any region's only say 合格 / 不合格 (ranked by
    得分率, a region without scores would be left unranked)."""
    checked = found[found["checked"] > 0]
    return "score_rate" if len(checked) and checked["score_rate"].notna().all() else "pass_rate"


def places(found: pd.DataFrame, by: str | None = None) -> pd.Series:
    return present.places(found[by or ranked_by(found)], found["checked"])


def asked_rates(db: Database, level: str, parent: str, period: periods.Period) -> pd.DataFrame:
    return db.query("inspection_rates", level=level, parent=parent or "", start=period.start, end=period.end)


def inspection_rates(db: Database, params: Params) -> InspectionRates:
    """Each region's inspections in the period asked (period=, or year=), else the month of the last visit."""
    scopes = db.query("inspection_scopes")
    params, notices, period = choices.dated_scope(scopes, params, "last_visit")
    if period is None:
        return InspectionRates(params, notices, pd.DataFrame(columns=RATES))
    level, parent = params.level, params.parent
    found = asked_rates(db, level, parent, period)
    before = asked_rates(db, level, parent, period.previous())
    found = found.assign(rank=places(found))
    # the period before ranked by this period's measure: places under two rates are no move
    earlier = places(before, ranked_by(found))
    moved = present.places_moved(found["region_code"], found["rank"], dict(zip(before["region_code"], earlier)))
    found = found.assign(rank_change=moved).sort_values(["rank", "region_code"], na_position="last")
    lang = params.lang
    rates = {c: [present.rounded(v, 1) if pd.notna(v) else None for v in found[c]] for c in ("pass_rate", "score_rate")}
    frame = found.assign(
        region=common.names(db, found["region_code"], lang),
        period=str(period),
        period_label=period.label(lang),
        ranked_by=ranked_by(found),
        rank_change_text=[present.moved_places(v, lang) for v in found["rank_change"]],
        rank_text=[present.place_text(v) for v in found["rank"]],
        **rates,
    )
    for column in ("pass_rate", "score_rate"):
        frame[f"{column}_text"] = [present.number(v, 1) if v is not None else "" for v in frame[column]]
    for column in ("points", "checked", "passed", "severe"):
        frame[column] = frame[column].astype("int64")
    for column in ("rank", "rank_change"):
        frame[column] = frame[column].astype("Int64")
    mine = scopes[scopes["level"] == level]
    first, last = pd.Timestamp(mine["first_visit"].min()), pd.Timestamp(mine["last_visit"].max())
    asked = params.but(level=level, parent=parent, period=str(period))
    return InspectionRates(
        asked,
        notices,
        frame[RATES].reset_index(drop=True),
        spanned(first, last, "month"),
        spanned(first, last, "week"),
        list(mine["parent_code"]),
    )


def spanned(first: pd.Timestamp, last: pd.Timestamp, grain: str) -> list[str]:
    """The periods of a grain from the one holding the first date to the one holding the last, oldest first."""
    period, end, found = periods.of_day(grain, first.date()), periods.of_day(grain, last.date()), []
    while period <= end:
        found.append(str(period))
        period = period.next()
    return found


def standards(db: Database, params: Params) -> Standards:
    """Which standards fail at which point types in the period, and the points lost by category (失分占比: a
    category's points lost over all points lost, in %; the sheets' 不合格 without a score lose none)."""
    params, notices, period = choices.dated_scope(db.query("inspection_scopes"), params, "last_visit")
    if period is None:
        return Standards(params, notices, pd.DataFrame(columns=STANDARDS), pd.DataFrame(columns=CATEGORIES))
    found = db.query(
        "inspection_standards", level=params.level, parent=params.parent or "", start=period.start, end=period.end
    )
    lang, catalog = params.lang, db.catalog
    terms = catalog.inspection_terms
    aspects = [terms.at[("standard", s), "aspect"] if ("standard", s) in terms.index else "" for s in found["standard"]]
    found = found.assign(
        pass_rate=[present.rounded(v, 1) if pd.notna(v) else None for v in found["pass_rate"]],
        point_type_name=[catalog.term("point_type", v, lang) for v in found["point_type"]],
        standard_name=[catalog.term("standard", v, lang) for v in found["standard"]],
        category_name=[catalog.term("category", v, lang) or t("category_none", lang) for v in found["category"]],
        aspect_name=[catalog.name("aspects", a, lang) if a else "" for a in aspects],
    )
    for column in ("checked", "passed", "failed", "severe"):
        found[column] = found[column].astype("int64")
    lost = found.groupby("category", as_index=False)["lost_points"].sum()
    lost = lost[lost["lost_points"] > 0].sort_values(["lost_points", "category"], ascending=[False, True])
    total = lost["lost_points"].sum()
    share = [present.rounded(100.0 * v / total, 1) for v in lost["lost_points"]]
    categories = lost.assign(
        category_name=[catalog.term("category", c, lang) or t("category_none", lang) for c in lost["category"]],
        share=share,
        share_text=[present.number(v, 1) for v in share],
    )
    asked = params.but(period=str(period))
    return Standards(
        asked, notices, found[STANDARDS].reset_index(drop=True), categories[CATEGORIES].reset_index(drop=True)
    )


TREND = [
    "region_code",
    "region",
    "period",
    "period_label",
    "period_start",
    "checked",
    "passed",
    "pass_rate",
    "score_rate",
]


@dataclass(frozen=True)
class InspectionTrend:
    params: Params
    notices: list
    rows: pd.DataFrame  # TREND, each region's periods oldest first
    grain: str = "month"


def inspection_trend(db: Database, params: Params) -> InspectionTrend:
    """Each region's 符合率 and 得分率 period by period, of the grain of the period asked (weeks for a week), else by
    month."""
    params, notices, period = choices.dated_scope(db.query("inspection_scopes"), params, "last_visit")
    if period is None:
        return InspectionTrend(params, notices, pd.DataFrame(columns=TREND))
    grain = period.grain if params.period else "month"
    found = db.query("inspection_trend", level=params.level, parent=params.parent or "", grain=grain)
    lang = params.lang
    labels = {p: periods.parse(p).label(lang) for p in found["period"].unique()}
    frame = found.assign(
        region=common.names(db, found["region_code"], lang),
        period_label=found["period"].map(labels),
        period_start=[periods.parse(p).start for p in found["period"]],
        pass_rate=[present.rounded(v, 1) if pd.notna(v) else None for v in found["pass_rate"]],
        score_rate=[present.rounded(v, 1) if pd.notna(v) else None for v in found["score_rate"]],
    ).astype({"checked": "int64", "passed": "int64"})
    return InspectionTrend(params, notices, frame[TREND].reset_index(drop=True), grain)


SITES = [
    "region_code",
    "region",
    "point",
    "point_type",
    "point_type_name",
    "longitude",
    "latitude",
    "checked",
    "passed",
    "pass_rate",
    "pass_rate_text",
    "score_rate",
    "score_rate_text",
]


@dataclass(frozen=True)
class Sites:
    params: Params
    notices: list
    rows: pd.DataFrame  # SITES: each site with coordinates inspected in the period, the lowest 符合率 first


def sites(db: Database, params: Params) -> Sites:
    """Where the sites of the scope inspected in the period stand and how they fared (the map of sites); none where
    the sheets give no coordinates."""
    params, notices, period = choices.dated_scope(db.query("inspection_scopes"), params, "last_visit")
    if period is None:
        return Sites(params, notices, pd.DataFrame(columns=SITES))
    found = db.query(
        "inspection_sites", level=params.level, parent=params.parent or "", start=period.start, end=period.end
    )
    lang = params.lang
    rates = {c: [present.rounded(v, 1) if pd.notna(v) else None for v in found[c]] for c in ("pass_rate", "score_rate")}
    frame = found.assign(
        region=common.names(db, found["region_code"], lang),
        point_type_name=[db.catalog.term("point_type", v, lang) for v in found["point_type"]],
        **rates,
    ).astype({"checked": "int64", "passed": "int64"})
    for column in ("pass_rate", "score_rate"):
        frame[f"{column}_text"] = [present.number(v, 1) if v is not None else "" for v in frame[column]]
    return Sites(params.but(period=str(period)), notices, frame[SITES].reset_index(drop=True))
