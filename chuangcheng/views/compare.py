"""Two to six regions side by side: trends, aspect profile, and the differences in the last year."""

from dataclasses import dataclass, field

import pandas as pd

from chuangcheng import stats
from chuangcheng.i18n import t
from chuangcheng.model.params import Params
from chuangcheng.store.db import Database
from chuangcheng.views import choices, common, present
from chuangcheng.views.common import names, region_names

MOST = 6


@dataclass(frozen=True)
class Comparison:
    params: Params
    notices: list
    trends: pd.DataFrame  # compare_trends + reading columns + region_name
    profile: pd.DataFrame  # compare_aspects in the last year
    differences: (
        pd.DataFrame
    )  # indicator, label, region_code, region_name, value_text, difference_text, standard_text, significant
    names: dict = field(default_factory=dict)
    sources: list = field(default_factory=list)
    absent: dict = field(default_factory=dict)  # indicator -> a sentence naming the chosen regions it has no value of

    def absent_text(self, code: str) -> str:
        return self.absent.get(code, "")


def compare(db: Database, params: Params) -> Comparison:
    params, notices = choices.resolve_regions(db, params, default_count=2, most=MOST)
    params, more = choices.resolve_indicators(db, params, choices.shared_indicators(db, params.regions))
    params, years = choices.resolve_years(db, params)
    notices += more + years
    if len(params.regions) < 2 or params.years is None:
        empty = pd.DataFrame()
        return Comparison(params, notices, empty, empty, empty, region_names(db, params.lang))
    first, last = params.years
    params = params.but(year=choices.checked(params.year, list(range(first, last + 1)), last, "year", notices))
    trends = db.query(
        "compare_trends", regions=list(params.regions), indicators=list(params.indicators), first=first, last=last
    )
    trends = present.with_reading(trends, db.catalog, params.lang)
    trends = trends.assign(region_name=names(db, trends["region_code"], params.lang))
    return Comparison(
        params=params,
        notices=notices,
        trends=trends,
        profile=db.query("compare_aspects", regions=list(params.regions), year=params.year),
        differences=difference_table(
            trends[trends["year"] == params.year], params, db, trends[trends["year"] == first]
        ),
        names=region_names(db, params.lang),
        sources=common.sources(db, trends, params.lang),
        absent=absent(trends, params, db),
    )


def absent(trends: pd.DataFrame, params: Params, db: Database) -> dict[str, str]:
    """For each indicator some chosen regions have values of and others not: a sentence naming the others, so a
    region is never missing from a chart without a word (sparse reported figures: one of three regions drawn)."""
    every = region_names(db, params.lang)
    sentences = {}
    for code in params.indicators:
        present_here = set(trends.loc[trends["indicator"] == code, "region_code"])
        missing = [every.get(r, r) for r in params.regions if r not in present_here]
        if present_here and missing:
            sentences[code] = t(
                "compare_absent",
                params.lang,
                regions=t("list_separator", params.lang).join(missing),
                first=params.years[0],
                last=params.years[1],
            )
    return sentences


def difference_table(rows: pd.DataFrame, params: Params, db: Database, earliest: pd.DataFrame) -> pd.DataFrame:
    """One line per indicator and region in the year shown: value, difference to the first region, change
    since the first year of the range (and in percent), standard, significance."""
    catalog, lang, base_code = db.catalog, params.lang, params.regions[0]
    by_key = rows.set_index(["indicator", "region_code"])
    before = earliest.set_index(["indicator", "region_code"])["value"].to_dict()
    lines = []
    for code in params.indicators:
        decimals, rate = int(catalog.indicator(code)["decimals"]), present.is_rate(catalog, code)
        base = by_key.loc[(code, base_code)] if (code, base_code) in by_key.index else None
        for region in params.regions:
            if (code, region) not in by_key.index:
                continue
            row = by_key.loc[(code, region)]
            moved = (
                None if base is None or region == base_code else present.change(row["value"], base["value"], decimals)
            )
            then = before.get((code, region))
            since = present.change(row["value"], then, decimals) if params.year != params.years[0] else None
            lines.append(
                {
                    "change_text": present.moved(since, decimals, rate, lang) if since is not None else "",
                    "change_pct_text": present.relative(row["value"], then, rate) if since is not None else "",
                    "indicator": code,
                    "label": catalog.label(code, lang),
                    "region_code": region,
                    "region_name": row["region_name"],
                    "value_text": row["value_text"],
                    "difference": moved,
                    "difference_text": present.moved(moved, decimals, rate, lang) if moved is not None else "",
                    "standard_text": catalog.standard_text(code, lang),
                    "significant": significance(row, base, region == base_code, lang),
                }
            )
    return pd.DataFrame(lines)


def significance(row: pd.Series, base: pd.Series | None, is_base: bool, lang: str) -> str:
    if base is None or is_base or pd.isna(row["n_eff"]) or pd.isna(base["n_eff"]):
        return ""
    return t("yes", lang) if stats.differ(row["value"], row["n_eff"], base["value"], base["n_eff"]) else t("no", lang)
