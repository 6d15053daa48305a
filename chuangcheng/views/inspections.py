"""Field inspections' questions (实地检查): each region's points visited and standards checked in a period, 符合率 and
得分率, ranked. Every text a renderer shows is decided here; the API's JSON and CSV read the same columns."""

from dataclasses import dataclass

import pandas as pd

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
    "score_rate",
    "score_rate_text",
    "rank",
]


@dataclass(frozen=True)
class InspectionRates:
    params: Params
    notices: list
    rows: pd.DataFrame  # RATES, one row per region of the scope with an inspection, ranked by 符合率


def inspection_rates(db: Database, params: Params) -> InspectionRates:
    """Each region's inspections in the period asked (period=, or year=), else the month of the last visit."""
    params, notices, period = choices.dated_scope(db.query("inspection_scopes"), params, "last_visit")
    if period is None:
        return InspectionRates(params, notices, pd.DataFrame(columns=RATES))
    level, parent = params.level, params.parent
    found = db.query("inspection_rates", level=level, parent=parent, start=period.start, end=period.end)
    lang = params.lang
    rates = {c: [present.rounded(v, 1) if pd.notna(v) else None for v in found[c]] for c in ("pass_rate", "score_rate")}
    frame = found.assign(
        region=common.names(db, found["region_code"], lang),
        period=str(period),
        period_label=period.label(lang),
        **rates,
        rank=found["pass_rate"].rank(method="min", ascending=False).where(found["checked"] > 0).astype("Int64"),
    )
    for column in ("pass_rate", "score_rate"):
        frame[f"{column}_text"] = [present.number(v, 1) if v is not None else "" for v in frame[column]]
    for column in ("points", "checked", "passed", "severe"):
        frame[column] = frame[column].astype("int64")
    asked = params.but(level=level, parent=parent, period=str(period))
    return InspectionRates(asked, notices, frame[RATES].reset_index(drop=True))
