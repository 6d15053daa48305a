"""The weekly 督查通报 as offices write it: a scope's streets in a week (or any period) — points inspected and problems
counted, the streets ranked by 得分率 and, separately, by 问题整改率 with the places moved since the period before,
the points well rectified and the points not rectified (整改较好的点位 / 整改未落实的点位), and the overdue problems by
responsible unit. Every cell is decided here, so the page, `python -m chuangcheng weekly` and /api/weekly.* give the
same document in either language.

第N期 is the period's number in its year: the ISO week of a weekly bulletin, the month of a monthly one."""

from dataclasses import dataclass, field

import pandas as pd

from chuangcheng.i18n import t
from chuangcheng.model import periods
from chuangcheng.model.params import Params
from chuangcheng.store.db import Database
from chuangcheng.views import choices, common, inspections, ledger, present

RANKING = [
    "region_code",
    "region",
    "points",
    "checked",
    "pass_rate",
    "score_rate",
    "inspection_rank",
    "inspection_rank_change",
    "inspection_rank_change_text",
    "assigned",
    "rectified",
    "assigned_overdue",
    "rectification_rate",
    "rectification_rank",
    "rectification_rank_change",
    "rectification_rank_change_text",
]
WELL = ["region", "point", "point_type", "rectified_in_period", "responsible"]
NOT_DONE = ["region", "point", "point_type", "overdue", "returned", "reopened", "days_overdue", "responsible"]
UNITS = ["responsible", "open", "overdue", "days_overdue"]
FACTS = [
    "points",
    "checked",
    "pass_rate",
    "score_rate",
    "found",
    "rectified",
    "returned",
    "reopened",
    "open",
    "overdue",
]
WELL_LISTED = 10  # a bulletin praises a few; every point not rectified is listed, each needs acting on
HEADERS = {  # column -> the i18n key of its header, for every table of the bulletin
    "region": "col_region",
    "points": "col_points",
    "checked": "col_checked",
    "pass_rate": "col_pass_rate",
    "score_rate": "col_score_rate",
    "inspection_rank": "col_inspection_rank",
    "inspection_rank_change_text": "col_inspection_rank_change",
    "assigned": "col_assigned",
    "rectified": "col_rectified",
    "overdue": "col_overdue",
    "assigned_overdue": "col_overdue_assigned",
    "rectification_rate": "col_rectification_rate",
    "rectification_rank": "col_rectification_rank",
    "rectification_rank_change_text": "col_rectification_rank_change",
    "point": "col_point",
    "point_type": "col_point_type",
    "responsible": "col_responsible",
    "returned": "col_returned",
    "reopened": "col_reopened",
    "days_overdue": "col_days_overdue",
    "open": "col_open_problems",
    "rectified_in_period": "weekly_fact_rectified",
}
SHOWN = {  # the columns a reader sees of each table, in order
    "ranking": [
        "inspection_rank",
        "region",
        "points",
        "checked",
        "pass_rate",
        "score_rate",
        "inspection_rank_change_text",
        "rectification_rank",
        "assigned",
        "rectified",
        "assigned_overdue",
        "rectification_rate",
        "rectification_rank_change_text",
    ],
    "well": WELL,
    "not_done": NOT_DONE,
    "units": UNITS,
}


@dataclass(frozen=True)
class WeeklyBulletin:
    params: Params
    notices: list
    period: periods.Period | None
    title: str = ""
    subtitle: str = ""  # the period's dates and the date the ledger's status is read at
    scope: str = ""
    number: int = 0  # 第N期
    facts: pd.DataFrame = field(default_factory=pd.DataFrame)  # fact, label, value, value_text
    summary: str = ""  # the figures in one sentence, as a bulletin opens
    ranking: pd.DataFrame = field(default_factory=pd.DataFrame)  # RANKING, by 得分率's place (else 问题整改率's)
    well: pd.DataFrame = field(default_factory=pd.DataFrame)  # WELL: 整改较好的点位, at most WELL_LISTED
    well_total: int = 0  # how many points were well rectified in all
    not_done: pd.DataFrame = field(default_factory=pd.DataFrame)  # NOT_DONE: 整改未落实的点位
    units: pd.DataFrame = field(default_factory=pd.DataFrame)  # UNITS: overdue problems by responsible unit
    weeks: list = field(default_factory=list)  # the weeks from the first record to the last, oldest first
    months: list = field(default_factory=list)  # the months likewise
    parents: list = field(default_factory=list)  # the scopes of the level with records, the most first

    def headers(self, table: str) -> dict[str, str]:
        """Each shown column of a table (ranking, well, not_done, units) with its header in the bulletin's language."""
        lang = self.params.lang
        return {c: t(HEADERS[c] if c in HEADERS else f"col_{c}", lang) for c in SHOWN[table]}

    def shown(self, table: str) -> pd.DataFrame:
        """A table as the reader sees it: its shown columns under their headers."""
        names = self.headers(table)
        return getattr(self, table)[list(names)].rename(columns=names)

    def cells(self, table: str) -> tuple[list[str], list[list[str]], set[int]]:
        """A table as text a reader sees in the page and the printable bulletin: its headers, its cells (rates with
        one decimal, counts whole, — where there is nothing) and which columns are numbers."""
        frame, columns = getattr(self, table), list(self.headers(table))
        numeric = {i for i, c in enumerate(columns) if pd.api.types.is_numeric_dtype(frame[c].dtype)}
        rows = [
            [
                cell_text(v, c.endswith("rate")) if i in numeric else (str(v) if pd.notna(v) and v != "" else "—")
                for i, (c, v) in enumerate(zip(columns, row))
            ]
            for row in frame[columns].itertuples(index=False)
        ]
        return list(self.headers(table).values()), rows, numeric

    def text_table(self, table: str) -> pd.DataFrame:
        headers, rows, _ = self.cells(table)
        return pd.DataFrame(rows, columns=headers)

    def sections(self) -> list[tuple[str, str, pd.DataFrame]]:
        """The bulletin's tables in its order: (key, heading, table as shown)."""
        lang, well = self.params.lang, len(self.well)
        return [
            ("ranking", t("weekly_ranking", lang), self.shown("ranking")),
            (
                "well",
                t("weekly_well", lang, n=well)
                if well == self.well_total
                else t("weekly_well_of", lang, n=well, total=self.well_total),
                self.shown("well"),
            ),
            ("not_done", t("weekly_not_done", lang, n=len(self.not_done)), self.shown("not_done")),
            ("units", t("weekly_units", lang), self.shown("units")),
        ]


def scopes(db: Database) -> pd.DataFrame:
    """Where the ledger and the inspections have records: level, parent_code, records, last (their latest date)."""
    found = pd.concat(
        [
            db.query("ledger_scopes")  # a scope's own latest event: the ledger's last date is the whole ledger's
            .drop(columns="ledger_end")
            .rename(columns={"problems": "records", "last_event": "last", "first_found": "first"}),
            db.query("inspection_scopes").rename(
                columns={"results": "records", "last_visit": "last", "first_visit": "first"}
            ),
        ]
    )
    if found.empty:
        return found
    found = found.groupby(["level", "parent_code"], as_index=False).agg(
        records=("records", "sum"), first=("first", "min"), last=("last", "max")
    )
    return found.sort_values(["records", "level", "parent_code"], ascending=[False, True, True], ignore_index=True)


def weekly(db: Database, params: Params) -> WeeklyBulletin:
    """The bulletin of the period asked (period=: a week, a month …), else the week of the latest record."""
    where = scopes(db)
    params, notices, period = choices.dated_scope(where, params, "last")
    if period is not None and not params.period and not params.year:  # the scope's latest week, not anywhere's
        mine = where[where["level"] == params.level]
        period = last_whole_week(mine[mine["parent_code"] == params.parent] if params.parent else mine)
    params = params.but(period=str(period)) if period is not None else params
    if period is None:
        empty = {"facts": pd.DataFrame(columns=["fact", "label", "value", "value_text"])}
        tables = {"ranking": RANKING, "well": WELL, "not_done": NOT_DONE, "units": UNITS}
        return WeeklyBulletin(params, notices, None, **empty, **{k: pd.DataFrame(columns=c) for k, c in tables.items()})
    lang = params.lang
    rates = same_scope(inspections.inspection_rates(db, params), params)
    rectification = same_scope(ledger.rectification(db, params), params)
    problems = db.query(
        "problems_at", level=params.level, parent=params.parent or "", start=period.start, end=period.end
    )
    ranking = ranked(db, rates, rectification, lang)
    points = by_point(problems)
    well = points_well(db, points, problems, lang)
    counted = facts(rates, problems, lang)
    scope = common.scope_name(db, params.level, params.parent, lang)
    mine = where[where["level"] == params.level]
    first, last = pd.Timestamp(mine["first"].min()), pd.Timestamp(mine["last"].max())
    as_of = problems["cutoff"].iloc[0] if len(problems) else None
    return WeeklyBulletin(
        params,
        notices,
        period,
        title=t("weekly_title", lang, scope=scope, year=period.year, number=period.index),
        subtitle=subtitle(period, as_of, lang),
        scope=scope,
        number=period.index,
        facts=counted,
        summary=t("weekly_summary", lang, **said(counted)),
        ranking=ranking,
        well=well.head(WELL_LISTED),
        well_total=len(well),
        not_done=points_not_done(db, points, problems, lang),
        units=overdue_units(problems),
        weeks=inspections.spanned(first, last, "week"),
        months=inspections.spanned(first, last, "month"),
        parents=list(mine["parent_code"]),
    )


def last_whole_week(where: pd.DataFrame) -> periods.Period:
    """The latest week the records cover to its end (a ledger read on a Wednesday has last week's bulletin), or the
    week of the only records there are."""
    first, last = pd.Timestamp(where["first"].min()).date(), pd.Timestamp(where["last"].max()).date()
    week = periods.of_day("week", last)
    return week.previous() if week.end > last and week.previous().end >= first else week


def same_scope(view, params: Params) -> pd.DataFrame:
    """A view's rows by region, when it answered the scope asked: one whose records lie elsewhere (inspections of
    other districts than the ledger's) would answer another scope, and has nothing here."""
    if (view.params.level, view.params.parent) != (params.level, params.parent):
        return view.rows.iloc[0:0].set_index("region_code")
    return view.rows.set_index("region_code")


def said(counted: pd.DataFrame) -> dict[str, str]:
    """The issue's figures as its opening sentence writes them: a rate with its %, — where there is none (no 得分率
    where the sheets give no scores), never "—%"."""
    return {
        fact: (f"{text}%" if fact.endswith("rate") else text) if text else "—"
        for fact, text in zip(counted["fact"], counted["value_text"])
    }


def cell_text(value, rate: bool) -> str:
    """A number as the bulletin writes it: a rate with one decimal, a count whole, — for nothing."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "—"
    return present.number(value, 1) if rate else str(int(value))


def subtitle(period: periods.Period, as_of, lang: str) -> str:
    label = period.label(lang)  # it opens a line: Week 52 of 2025
    dates = t("weekly_dates", lang, period=label[:1].upper() + label[1:], start=str(period.start), end=str(period.end))
    if as_of is None or pd.isna(as_of):
        return dates
    return f"{dates} · {t('weekly_as_of', lang, date=pd.Timestamp(as_of).strftime('%Y-%m-%d'))}"


def ranked(db: Database, rates: pd.DataFrame, rectification: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every street with an inspection or a problem: its places by 得分率 (or 符合率) and by 问题整改率."""
    codes = list(dict.fromkeys([*rates.index, *rectification.index]))
    frame = pd.DataFrame({"region_code": codes})
    frame["region"] = common.names(db, frame["region_code"], lang)
    for column in ("points", "checked", "pass_rate", "score_rate"):
        frame[column] = frame["region_code"].map(rates[column]) if len(rates) else None
    frame["inspection_rank"] = frame["region_code"].map(rates["rank"]) if len(rates) else None
    frame["inspection_rank_change"] = frame["region_code"].map(rates["rank_change"]) if len(rates) else None
    for column, source in (
        ("assigned", "assigned"),
        ("rectified", "rectified"),
        ("assigned_overdue", "overdue"),
        ("rectification_rate", "rectification_rate"),
    ):
        frame[column] = frame["region_code"].map(rectification[source]) if len(rectification) else None
    frame["rectification_rank"] = frame["region_code"].map(rectification["rank"]) if len(rectification) else None
    frame["rectification_rank_change"] = (
        frame["region_code"].map(rectification["rank_change"]) if len(rectification) else None
    )
    for column in ("inspection_rank_change", "rectification_rank_change"):
        frame[f"{column}_text"] = [present.moved_places(v, lang) for v in frame[column]]
    for column in ("points", "checked", "assigned", "rectified", "assigned_overdue"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    for column in ("inspection_rank", "inspection_rank_change", "rectification_rank", "rectification_rank_change"):
        frame[column] = pd.array(frame[column], dtype="Int64")
    for column in ("pass_rate", "score_rate", "rectification_rate"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    order = ["inspection_rank", "rectification_rank", "region_code"]
    return frame.sort_values(order, na_position="last", ignore_index=True)[RANKING]


def facts(rates: pd.DataFrame, problems: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The bulletin's counts: points and standards inspected with the scope's 符合率 and 得分率 (totals over totals),
    and the problems found, rectified, sent back and found again in the period, open and overdue at its end."""
    checked = int(rates["checked"].sum()) if len(rates) else 0
    most = rates["max_score"].sum() if len(rates) else 0
    values = {
        "points": int(rates["points"].sum()) if len(rates) else 0,
        "checked": checked,
        "pass_rate": present.rounded(100.0 * rates["passed"].sum() / checked, 1) if checked else None,
        "score_rate": present.rounded(100.0 * rates["score"].sum() / most, 1) if most else None,
        "found": int(problems["found_in_period"].sum()),
        "rectified": int(problems["rectified_in_period"].sum()),
        "returned": int(problems["returned_in_period"].sum()),
        "reopened": int(problems["reopened_in_period"].sum()),
        "open": int((~problems["rectified"]).sum()),
        "overdue": int(problems["overdue"].sum()),
    }
    return pd.DataFrame(
        {
            "fact": FACTS,
            "label": [t(f"weekly_fact_{f}", lang) for f in FACTS],
            "value": [values[f] for f in FACTS],
            "value_text": [
                "" if values[f] is None else present.number(values[f], 1 if f.endswith("rate") else 0) for f in FACTS
            ],
        }
    )


def by_point(problems: pd.DataFrame) -> pd.DataFrame:
    """The problems at each point: rectified in the period, overdue, sent back or found again in it, the longest
    overdue (no names yet: a scope's thousands of points are counted, the few listed are named)."""
    if problems.empty:
        columns = ["region_code", "point", "point_type", *NOT_DONE[3:-1], "rectified_in_period"]
        return pd.DataFrame(columns=columns)
    return problems.groupby(["region_code", "point"], as_index=False, sort=True).agg(
        point_type=("point_type", "first"),
        rectified_in_period=("rectified_in_period", "sum"),
        overdue=("overdue", "sum"),
        returned=("returned_in_period", "sum"),
        reopened=("reopened_in_period", "sum"),
        days_overdue=("days_overdue", "max"),
    )


def named(db: Database, points: pd.DataFrame, problems: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Points listed, as a reader sees them: the street and point type by name, counts as whole numbers, and the units
    responsible for the problems that put them on the list (`problems`, in the order first met)."""
    units = problems.groupby(["region_code", "point"], sort=False)["responsible"].agg(
        lambda found: "、".join(dict.fromkeys(u for u in found if u))
    )
    points = points.assign(
        region=common.names(db, points["region_code"], lang),
        point_type=[db.catalog.term("point_type", v, lang) for v in points["point_type"]],
        responsible=[units.get((r, p), "") for r, p in zip(points["region_code"], points["point"])],
    )
    for column in ("rectified_in_period", "overdue", "returned", "reopened"):
        points[column] = points[column].astype("int64")
    points["days_overdue"] = pd.array(points["days_overdue"], dtype="Int64")
    return points


def points_well(db: Database, points: pd.DataFrame, problems: pd.DataFrame, lang: str) -> pd.DataFrame:
    """整改较好的点位: points with problems rectified in the period and none overdue, sent back or found again —
    the most rectified first (the bulletin lists WELL_LISTED)."""
    good = points[(points["rectified_in_period"] > 0) & (points[["overdue", "returned", "reopened"]].sum(axis=1) == 0)]
    good = good.sort_values(["rectified_in_period", "region_code", "point"], ascending=[False, True, True])
    return named(db, good, problems[problems["rectified_in_period"]], lang)[WELL].reset_index(drop=True)


def points_not_done(db: Database, points: pd.DataFrame, problems: pd.DataFrame, lang: str) -> pd.DataFrame:
    """整改未落实的点位: points with a problem overdue at the period's end, or sent back or found again in it — the
    most overdue first, then the longest overdue."""
    bad = points[points[["overdue", "returned", "reopened"]].sum(axis=1) > 0]
    bad = bad.sort_values(
        ["overdue", "days_overdue", "returned", "region_code", "point"],
        ascending=[False, False, False, True, True],
        na_position="last",
    )
    flagged = problems[problems["overdue"] | problems["returned_in_period"] | problems["reopened_in_period"]]
    return named(db, bad, flagged, lang)[NOT_DONE].reset_index(drop=True)


def overdue_units(problems: pd.DataFrame) -> pd.DataFrame:
    """Each responsible unit's open problems at the period's end, how many overdue and the longest overdue (days),
    the units with overdue problems first."""
    open_problems = problems[~problems["rectified"]]
    if open_problems.empty:
        return pd.DataFrame({c: pd.Series(dtype="Int64" if c != "responsible" else object) for c in UNITS})
    units = open_problems.groupby("responsible", as_index=False).agg(
        open=("problem_id", "count"), overdue=("overdue", "sum"), days_overdue=("days_overdue", "max")
    )
    units = units.astype({"open": "int64", "overdue": "int64"})
    units["days_overdue"] = pd.array(units["days_overdue"], dtype="Int64")
    return units.sort_values(["overdue", "open", "responsible"], ascending=[False, False, True], ignore_index=True)[
        UNITS
    ]
