"""The monthly bulletin (每月通报): every region of a scope scored in a year, by aspect or by indicator.

Cells are decided here (rounding, status words with the side of an uncertain result, coverage), so the
overview's download and `python -m chuangcheng scorecard` give the same bytes.
"""

from dataclasses import dataclass

import pandas as pd

from chuangcheng.i18n import t
from chuangcheng.model.params import Params
from chuangcheng.store.db import Database
from chuangcheng.views import choices, present
from chuangcheng.views.common import names

LEVELS = ("aspect", "indicator")
ASPECT_COLUMNS = ["region_code", "region_name", "year", "aspect", "aspect_name", "score_rate", "coverage", "rank"]
INDICATOR_COLUMNS = ["region_code", "region_name", "year", "indicator", "indicator_name", "value", "standard_kind", "full",
                     "partial", "verdict", "status", "credit", "gap"]


@dataclass(frozen=True)
class Bulletin:
    params: Params
    notices: list
    level: str
    table: pd.DataFrame  # ASPECT_COLUMNS or INDICATOR_COLUMNS


def bulletin(db: Database, params: Params, level: str = "aspect") -> Bulletin:
    params, notices = choices.resolve_scope(db, params)
    where = {"level": params.level, "parent": params.parent, "year": params.year}
    if level == "aspect":
        table = aspect_table(db.query("scorecard_aspects", **where), db, params.lang)
    else:
        table = indicator_table(db.query("scorecard_indicators", **where), db, params.lang)
    return Bulletin(params, notices, level, table)


def aspect_table(rows: pd.DataFrame, db: Database, lang: str) -> pd.DataFrame:
    aspect_names = [db.catalog.name("aspects", a, lang) if a != "overall" else t("overall", lang) for a in rows["aspect"]]
    return pd.DataFrame({
        "region_code": rows["region_code"], "region_name": names(db, rows["region_code"], lang), "year": rows["year"].astype("int64"),
        "aspect": rows["aspect"], "aspect_name": aspect_names,
        "score_rate": [present.rounded(v, 1) for v in rows["score_rate"]],
        "coverage": [present.rounded(v, 0) for v in rows["coverage"]],
        "rank": rows["rank"].astype("Int64"),
    }, columns=ASPECT_COLUMNS).reset_index(drop=True)


def indicator_table(rows: pd.DataFrame, db: Database, lang: str) -> pd.DataFrame:
    catalog = db.catalog
    decimals = present.decimals_of(rows["indicator"], catalog)
    at = lambda column: [present.rounded(v, d) for v, d in zip(rows[column], decimals)]
    return pd.DataFrame({
        "region_code": rows["region_code"], "region_name": names(db, rows["region_code"], lang), "year": rows["year"].astype("int64"),
        "indicator": rows["indicator"], "indicator_name": rows["indicator"].map(catalog.indicators[f"name_{lang}"]),
        "value": at("value"), "standard_kind": rows["standard"], "full": at("full_at"), "partial": at("partial_at"),
        "verdict": rows["verdict"], "status": [present.status_text(v, lang) for v in rows["verdict"]],
        "credit": rows["credit"].astype(float), "gap": at("gap"),
    }, columns=INDICATOR_COLUMNS).reset_index(drop=True)
