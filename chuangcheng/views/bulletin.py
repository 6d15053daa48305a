"""The yearly bulletin (年度通报; monthly ones need periods finer than a year): every region of a scope scored in a year, by aspect or by indicator.

Cells are decided here (rounding, status words with the side of an uncertain result, coverage), so the
overview's download and `python -m chuangcheng scorecard` give the same bytes.
"""

from dataclasses import dataclass, field

import pandas as pd

from chuangcheng.i18n import TEXT, t
from chuangcheng.model.params import Params
from chuangcheng.store.db import Database
from chuangcheng.views import choices, common, overview, present
from chuangcheng.views.common import names

LEVELS = ("summary", "aspect", "indicator")
COSTLIEST = 3
ASPECT_COLUMNS = ["region_code", "region_name", "year", "aspect", "aspect_name", "score_rate", "coverage", "rank"]
INDICATOR_COLUMNS = [
    "region_code",
    "region_name",
    "year",
    "indicator",
    "indicator_name",
    "value",
    "standard_kind",
    "full",
    "partial",
    "verdict",
    "status",
    "credit",
    "gap",
]


@dataclass(frozen=True)
class Bulletin:
    """The bulletin's table; `summary` is the document people read (headers in their language, a title),
    `aspect` and `indicator` the long detail with stable column codes for scripts."""

    params: Params
    notices: list
    level: str
    table: pd.DataFrame  # SUMMARY (see summary_table), ASPECT_COLUMNS or INDICATOR_COLUMNS
    title: str = ""
    headers: dict = field(default_factory=dict)  # column -> header people read (summary only)
    kinds: dict = field(default_factory=dict)  # column -> rank | score | change | count | text (summary only)


def bulletin(db: Database, params: Params, level: str = "summary") -> Bulletin:
    params, notices = choices.resolve_scope(db, params)
    where = {"level": params.level, "parent": params.parent, "year": params.year}
    if level == "summary":
        return summary(db, params, notices, where)
    if level == "aspect":
        table = aspect_table(db.query("scorecard_aspects", **where), db, params.lang)
    else:
        table = indicator_table(db.query("scorecard_indicators", **where), db, params.lang)
    return Bulletin(params, notices, level, table, headers=detail_headers(table, params.lang))


def detail_headers(table: pd.DataFrame, lang: str) -> dict:
    """The detail levels' headers: English keeps the stable codes scripts read; Chinese heads them in words, in the
    same order, as the data page's Chinese CSV does (a zh bulletin headed region_code, verdict, credit before)."""
    if lang == "en":
        return {}
    own = {c: t(f"bulletin_{c}", lang) for c in table.columns if f"bulletin_{c}" in TEXT[lang]}
    return {c: own.get(c) or t(f"export_{c}", lang) for c in table.columns}


def summary(db: Database, params: Params, notices: list, where: dict) -> Bulletin:
    """One row per region, in rank order: score, change, rank and its change, every aspect, the number of
    unmet standards and the costliest ones (uncertain results with their side), coverage."""
    lang, catalog = params.lang, db.catalog
    ranking = overview.ranking_table(db.query("scope_ranking", **where), db, lang)
    aspects = db.query("scope_aspect_scores", **where).pivot(index="region_code", columns="aspect", values="score_rate")
    aspect_codes = [a for a in catalog.aspects.index if a in aspects.columns]
    shortfalls = db.query("scope_scorecard", **where)
    short = shortfalls[shortfalls["credit"].lt(1)]
    # One pass per region list, not one scan of every shortfall per region: the national bulletin (2,905 regions)
    # took 13-17 s that way and held the server meanwhile.
    unmet = short.groupby("region_code", sort=False).size().to_dict()
    costs = costliest(short, catalog, lang)
    codes = ranking["region_code"].tolist()
    by_aspect = aspects.reindex(index=codes)
    table = pd.DataFrame(
        {
            "rank": ranking["rank"],
            "region_code": ranking["region_code"],
            "region_name": ranking["region_name"],
            "score_rate": ranking["score_rate"],
            "score_change": ranking["score_change"],
            "rank_change": ranking["rank_change"],
            **{a: [present.rounded(v, 1) for v in by_aspect[a].tolist()] for a in aspect_codes},
            "unmet": [int(unmet.get(r, 0)) for r in codes],
            "costliest": [costs.get(r, "") for r in codes],
            "coverage": ranking["coverage"],
            "note": ranking["note"],
        }
    )
    headers = {
        "rank": t("rank", lang),
        "region_code": t("col_code", lang),
        "region_name": t("col_region", lang),
        "score_rate": t("score_rate", lang),
        "score_change": t("score_change", lang),
        "rank_change": t("rank_change", lang),
        **{a: f"{a} {catalog.name('aspects', a, lang)}" for a in aspect_codes},
        "unmet": t("col_unmet_count", lang),
        "costliest": t("col_costliest", lang, n=COSTLIEST),
        "coverage": t("col_coverage", lang),
        "note": t("col_note", lang),
    }
    kinds = {
        "rank": "rank",
        "score_rate": "score",
        "score_change": "change",
        "rank_change": "rank_change",
        "unmet": "count",
        "coverage": "percent",
        **{a: "score" for a in aspect_codes},
    }
    title = t(
        "bulletin_title",
        lang,
        scope=common.scope_name(db, params.level, params.parent, lang),
        year=params.year,
        snapshot=db.manifest.id,
    )
    return Bulletin(params, notices, "summary", table, title, headers, kinds)


def costliest(short: pd.DataFrame, catalog, lang: str) -> dict[str, str]:
    """Per region, 'Name 79.6 (standard 80.0, uncertain — likely below); ...': the shortfalls that cost the most
    points (short holds them in that order). One pass over plain lists: per region through pandas, the national
    bulletin's 2,905 regions took 17 s."""
    top = short.groupby("region_code", sort=False).head(COSTLIEST)
    decimals = catalog.indicators["decimals"].astype(int).to_dict()
    titles = catalog.indicators[f"name_{lang}"].to_dict()
    parts: dict[str, list[str]] = {}
    for code, indicator, value, full_at, qualifier, verdict, credit in zip(
        *(top[c].tolist() for c in ("region_code", "indicator", "value", "full_at", "qualifier", "verdict", "credit"))
    ):
        places = present.shown_decimals(value, decimals[indicator], full_at)
        standard = t("costliest_standard", lang, full=present.number(full_at, places))
        parts.setdefault(code, []).append(
            f"{titles[indicator]} {present.qualified(value, qualifier, places, lang)}"
            f" ({standard}, {present.status_text(verdict, lang, credit)})"
        )
    return {code: "; ".join(texts) for code, texts in parts.items()}


def aspect_table(rows: pd.DataFrame, db: Database, lang: str) -> pd.DataFrame:
    aspect_names = [
        db.catalog.name("aspects", a, lang) if a != "overall" else t("overall", lang) for a in rows["aspect"]
    ]
    return pd.DataFrame(
        {
            "region_code": rows["region_code"],
            "region_name": names(db, rows["region_code"], lang),
            "year": rows["year"].astype("int64"),
            "aspect": rows["aspect"],
            "aspect_name": aspect_names,
            "score_rate": [present.rounded(v, 1) for v in rows["score_rate"]],
            "coverage": [present.rounded(v, 0) for v in rows["coverage"]],
            "rank": rows["rank"].astype("Int64"),
        },
        columns=ASPECT_COLUMNS,
    ).reset_index(drop=True)


def indicator_table(rows: pd.DataFrame, db: Database, lang: str) -> pd.DataFrame:
    catalog = db.catalog
    decimals = present.judged_decimals(rows, catalog)  # and a gap above zero is never 0
    at = lambda column: [
        present.rounded(v, present.shown_decimals(v, d) if column == "gap" else d)
        for v, d in zip(rows[column], decimals)
    ]
    return pd.DataFrame(
        {
            "region_code": rows["region_code"],
            "region_name": names(db, rows["region_code"], lang),
            "year": rows["year"].astype("int64"),
            "indicator": rows["indicator"],
            "indicator_name": rows["indicator"].map(catalog.indicators[f"name_{lang}"]),
            "value": at("value"),
            "standard_kind": rows["standard"],
            "full": at("full_at"),
            "partial": at("partial_at"),
            "verdict": rows["verdict"],
            "status": [present.status_text(v, lang, c) for v, c in zip(rows["verdict"], rows["credit"])],
            "credit": rows["credit"].astype(float),
            "gap": at("gap"),
        },
        columns=INDICATOR_COLUMNS,
    ).reset_index(drop=True)
