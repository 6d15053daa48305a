"""The overview's questions: a scope (one parent's regions, or every region of a level) in one year."""

from dataclasses import dataclass, field

import pandas as pd

from chuangcheng.i18n import t
from chuangcheng.model.params import Params
from chuangcheng.store.db import Database
from chuangcheng.views import choices, common, present
from chuangcheng.views.common import names, region_names, scope_name, synthetic


FEW_NAMED = 5  # unranked regions named under the ranking; the rest are counted


@dataclass(frozen=True)
class Overview:
    """A scope in a year: headline figures, the ranking, aspect scores and attainment of every region."""

    params: Params
    notices: list
    title: str
    scope: str
    headline: pd.DataFrame  # indicator, label, value_text, change, change_text, direction, judged, help
    ranking: (
        pd.DataFrame
    )  # region_code, region_name, score_rate, coverage, rank, rank_text, score_change, rank_change, ranked, note
    aspect_scores: pd.DataFrame  # region_code, aspect, score_rate, scored
    attainment: pd.DataFrame  # scope_attainment + present.with_reading columns
    names: dict = field(default_factory=dict)
    synthetic: bool = False
    sources: list = field(default_factory=list)  # (source, title) of the scope's values that year
    timeline: pd.DataFrame = field(default_factory=pd.DataFrame)  # scope_ranking_years: every year's scores and ranks
    minimum_coverage: float = 50.0  # the scoring setting a region's coverage must reach to be ranked

    @property
    def unranked_text(self) -> str:
        """Why grey bars have no rank, under the chart (the table's reason column is off screen on a phone or
        beside a wide ranking): the regions below the coverage minimum, the first few by name."""
        if self.ranking.empty or self.ranking["ranked"].all():
            return ""
        lang, unranked = self.params.lang, self.ranking[~self.ranking["ranked"]]
        named = t("list_separator", lang).join(unranked["region_name"].head(FEW_NAMED))
        more = t("and_more", lang, count=len(unranked) - FEW_NAMED) if len(unranked) > FEW_NAMED else ""
        return t("unranked_caption", lang, regions=named + more, minimum=present.number(self.minimum_coverage, 0))

    @property
    def order(self) -> list[str]:
        """The regions a chart draws, in rank order: all of them, or a large scope's ends (present.ends)."""
        return list(present.ends(self.ranking)["region_code"])


def overview(db: Database, params: Params) -> Overview:
    params, notices = choices.resolve_scope(db, params)
    where = {"level": params.level, "parent": params.parent, "year": params.year}
    scope = scope_name(db, params.level, params.parent, params.lang)
    ranking = ranking_table(db.query("scope_ranking", **where), db, params.lang) if params.year else empty_ranking()
    attainment = (
        db.query("scope_attainment", **where) if params.year else pd.DataFrame(columns=["region_code", "indicator"])
    )
    return Overview(
        params=params,
        notices=notices,
        scope=scope,
        title=t("overview_title", params.lang, city=scope, year=params.year) if params.year else scope,
        headline=headline_table(db, params) if params.year else pd.DataFrame(),
        ranking=ranking,
        aspect_scores=db.query("scope_aspect_scores", **where) if params.year else pd.DataFrame(),
        attainment=present.with_reading(attainment, db.catalog, params.lang),
        names=region_names(db, params.lang),
        synthetic=synthetic(db),
        sources=common.sources(db, db.query("scope_sources", **where), params.lang) if params.year else [],
        timeline=db.query("scope_ranking_years", level=params.level, parent=params.parent)
        if params.year
        else pd.DataFrame(),
        minimum_coverage=float(db.scoring["min_coverage"]),
    )


def empty_ranking() -> pd.DataFrame:
    return pd.DataFrame(
        columns=[
            "region_code",
            "region_name",
            "score_rate",
            "coverage",
            "rank",
            "rank_text",
            "score_change",
            "rank_change",
            "ranked",
            "note",
        ]
    )


def headline_table(db: Database, params: Params) -> pd.DataFrame:
    """The catalog's headline indicators for the scope, with the change on the year before."""
    frame = db.query(
        "scope_headline",
        level=params.level,
        parent=params.parent,
        year=params.year,
        headline=db.catalog.headline,
        inputs=db.catalog.headline_inputs,
    ).dropna(subset=["value"])
    catalog, lang = db.catalog, params.lang
    rows = []
    for row in frame.itertuples():
        meta = catalog.indicator(row.indicator)
        decimals = int(meta["decimals"])
        moved = present.change(row.now_alike, row.before_alike, decimals)  # like with like: regions in both years
        partial = (
            pd.notna(row.alike_regions)
            and moved is not None
            and row.alike_regions < max(row.regions, row.previous_regions)
        )
        rows.append(
            {
                "indicator": row.indicator,
                "label": catalog.label(row.indicator, lang),
                "value_text": present.number(row.value, decimals),
                "change": moved,
                "change_text": present.signed(moved, decimals) if moved is not None else None,
                # The way it moved and whether that is good, said outright: a renderer reading them off the text's
                # leading '-' was fooled by the true minus (−0.2 showed a green up arrow). None for no change.
                "direction": present.direction(moved),
                "judged": present.judged(moved, lower_is_better=meta["standard"] in ("max", "zero")),
                "help": ("" if lang == "zh" else " ").join(
                    [
                        made_text(row, meta, lang),
                        t(
                            "headline_help_change" if moved is not None else "headline_help_no_change",
                            lang,
                            previous=params.year - 1,
                        ),
                        *(
                            [t("headline_help_alike", lang, n=int(row.alike_regions), previous=params.year - 1)]
                            if partial
                            else []
                        ),
                    ]
                ),
            }
        )
    order = {code: i for i, code in enumerate(catalog.headline)}
    return (
        pd.DataFrame(rows).sort_values("indicator", key=lambda c: c.map(order), ignore_index=True)
        if rows
        else pd.DataFrame()
    )


def made_text(row, meta: pd.Series, lang: str) -> str:
    """How a headline figure was made, as its tooltip says it: the area's own figure, or its regions' sum, mean,
    or mean weighted by what the catalog names (over those that have it)."""
    n = int(row.regions)
    if row.own:
        return t("headline_made_own", lang, n=n)
    if meta["city_aggregate"] != "weighted":
        return t(f"headline_made_{meta['city_aggregate']}", lang, n=n)
    weighted = int(row.weighted) if pd.notna(row.weighted) else 0
    if not weighted:
        return t("headline_made_unweighted", lang, n=n, weight=meta[f"weight_{lang}"])
    key = "headline_made_weighted" if weighted == n else "headline_made_weighted_some"
    return t(key, lang, n=n, k=weighted, weight=meta[f"weight_{lang}"])


def ranking_table(frame: pd.DataFrame, db: Database, lang: str) -> pd.DataFrame:
    """Scores rounded once for every renderer; an unranked region says why (its coverage)."""
    minimum = float(db.scoring["min_coverage"])
    return pd.DataFrame(
        {
            "region_code": frame["region_code"],
            "region_name": names(db, frame["region_code"], lang),
            "score_rate": [present.rounded(v, 1) for v in frame["score_rate"]],
            "coverage": [present.rounded(v, 0) for v in frame["coverage"]],
            "scored": frame["scored"].astype(int),
            "rank": frame["rank"].astype("Int64"),
            "rank_text": [
                t("rank_of", lang, rank=int(r), count=int(n)) if pd.notna(r) else t("not_ranked", lang)
                for r, n in zip(frame["rank"], frame["ranked_regions"])
            ],
            # an unranked region's score stands on too little to compare (as on its page): no change
            "score_change": [
                present.change(now, before, 1) if ranked else None
                for now, before, ranked in zip(frame["score_rate"], frame["previous_score_rate"], frame["ranked"])
            ],
            "rank_change": (frame["previous_rank"] - frame["rank"]).astype("Int64"),
            "ranked": frame["ranked"].astype(bool),
            "note": [
                ""
                if ranked
                else t("not_ranked_reason", lang, coverage=present.number(c, 0), minimum=present.number(minimum, 0))
                for ranked, c in zip(frame["ranked"], frame["coverage"])
            ],
        }
    ).reset_index(drop=True)


@dataclass(frozen=True)
class ScopeIndicator:
    """One indicator for every region of the scope in the year, against its standard."""

    params: Params
    indicator: str
    indicators: list[str]  # the catalog's, those with values in the scope first
    rows: pd.DataFrame  # scope_indicator + present.with_reading columns + region_name
    label: str
    notices: list = field(default_factory=list)
    since: int | None = None  # with it, changes holds the change between since and the year
    changes: pd.DataFrame = field(default_factory=pd.DataFrame)  # region_code, region_name, first_value, last_value,
    # change, change_pct, first_text, last_text, change_text, change_pct_text (scope_indicator_change)
    years: list = field(default_factory=list)  # the scope's years, newest first (what since may be)
    scope_codes: list = field(default_factory=list)  # every region of the scope, with or without a value (the map)


def scope_indicator(db: Database, params: Params) -> ScopeIndicator:
    params, notices = choices.resolve_scope(db, params)
    catalog = db.catalog
    codes = list(catalog.indicators.index)
    available = (
        set(db.query("scope_indicator_counts", level=params.level, parent=params.parent, year=params.year)["indicator"])
        if params.year
        else set()
    )
    default = next((c for c in catalog.headline + codes if c in available), codes[0])
    code = choices.checked(params.indicator, codes, default, "indicator", notices)
    rows = (
        db.query("scope_indicator", level=params.level, parent=params.parent, year=params.year, indicator=code)
        if params.year
        else pd.DataFrame(columns=["region_code", "indicator", "value"])
    )
    rows = present.with_reading(rows.assign(indicator=code), catalog, params.lang)
    rows = rows.assign(region_name=names(db, rows["region_code"], params.lang))
    years = choices.scope_years(db, params.level, params.parent)
    earlier = [y for y in years if params.year is not None and y < params.year]
    since = choices.checked(params.since, earlier, None, "since", notices) if params.since is not None else None
    changes = change_table(db, params.but(since=since), code) if since is not None else pd.DataFrame()
    regions = choices.present(db)
    in_scope = regions[
        (regions["level"] == params.level) & ((params.parent == "") | (regions["parent_code"] == params.parent))
    ]
    return ScopeIndicator(
        params.but(indicator=code, since=since),
        code,
        codes,
        rows,
        catalog.label(code, params.lang),
        notices,
        since,
        changes,
        years,
        sorted(in_scope["region_code"]),
    )


def change_table(db: Database, params: Params, code: str) -> pd.DataFrame:
    """Each region's value at since and at the year, the change and the change in percent, as text too."""
    frame = db.query(
        "scope_indicator_change",
        level=params.level,
        parent=params.parent,
        indicator=code,
        first=params.since,
        last=params.year,
    )
    decimals, rate = int(db.catalog.indicator(code)["decimals"]), present.is_rate(db.catalog, code)
    return frame.assign(
        region_name=names(db, frame["region_code"], params.lang),
        change=[
            present.change(last, first, decimals) for last, first in zip(frame["last_value"], frame["first_value"])
        ],
        first_text=[present.number(v, decimals) for v in frame["first_value"]],
        last_text=[present.number(v, decimals) for v in frame["last_value"]],
        change_text=[
            present.moved(present.change(last, first, decimals), decimals, rate, params.lang)
            for last, first in zip(frame["last_value"], frame["first_value"])
        ],
        change_pct_text=[
            "" if rate else present.signed(p, 1) + " %" if pd.notna(p) else "" for p in frame["change_pct"]
        ],
    )
