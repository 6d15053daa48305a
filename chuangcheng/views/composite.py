"""The composite index (文明程度指数) of a scope's regions in a year, by the formula of catalog/composite.toml: each
part's value (the inspections' 得分率 or 符合率 of the region and the regions under it, its 问题整改率, the mean of
survey rates), its share of the weights and what it adds, the index and its place. A region missing a part has no
index (a part left out would reweigh the rest in its favour) and says which part it misses."""

from dataclasses import dataclass, field

import pandas as pd

from chuangcheng.i18n import t
from chuangcheng.model.composite import Composite
from chuangcheng.model.params import Params
from chuangcheng.store.db import Database
from chuangcheng.views import choices, common, present

# the measure of a part -> the column of composite_parts holding it
COLUMN_OF = {
    "inspection_score_rate": "score_rate",
    "inspection_pass_rate": "pass_rate",
    "rectification_rate": "rectification_rate",
    "survey": "survey",
}
INDEX = ["region_code", "region", "year", "index", "index_text", "rank", "missing"]
PARTS = ["region_code", "part", "name", "value", "value_text", "share", "adds", "adds_text"]


@dataclass(frozen=True)
class CompositeIndex:
    params: Params
    notices: list
    rows: pd.DataFrame  # INDEX: one row per region of the scope with any part, ranked by the index
    parts: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=PARTS))  # PARTS, each region's parts
    name: str = ""
    formula: str = ""  # 实地考察 × 60% + 问卷调查 × 40%


def regions_of(db: Database, level: str, parent: str) -> list[str]:
    """The scope's regions: those with figures, and those only the ledger or the inspections name."""
    dated = db.query("ledger_regions")
    named = dated[(dated["level"] == level) & ((dated["parent_code"] == parent) | (parent == ""))]["region_code"]
    return list(dict.fromkeys([*choices.members(db, level, parent), *named]))


def composite(db: Database, params: Params) -> CompositeIndex:
    """Every region of the scope (the overview's by default) in the year, its index and parts."""
    formula: Composite | None = db.catalog.composite
    params, notices = choices.resolve_scope(db, params)
    lang = params.lang
    if formula is None or params.year is None:
        return CompositeIndex(params, notices, pd.DataFrame(columns=INDEX))
    members = regions_of(db, params.level, params.parent)
    found = asked(db, formula, members, int(params.year))
    total = formula.total_weight
    parts = pd.concat(
        [
            pd.DataFrame(
                {
                    "region_code": found.index,
                    "part": number,
                    "name": part.name(lang),
                    "exact": found[f"part_{number}"].to_numpy(dtype="float64"),
                    "share": 100 * part.weight / total,
                }
            )
            for number, part in enumerate(formula.parts, start=1)
        ],
        ignore_index=True,
    )
    # from the values as stored, rounded once at the end (the parts' shown values may sum 0.01 apart from it)
    parts["exact_adds"] = parts["exact"] * parts["share"] / 100
    index = parts.groupby("region_code")["exact_adds"].agg(lambda adds: None if adds.isna().any() else adds.sum())
    missing = parts[parts["exact"].isna()].groupby("region_code")["name"].agg(t("list_separator", lang).join)
    rows = pd.DataFrame({"region_code": found.index})
    rows["index"] = [present.rounded(index.get(c), 2) if pd.notna(index.get(c)) else None for c in rows["region_code"]]
    rows["rank"] = present.places(pd.to_numeric(rows["index"]), rows["index"].notna().astype(int)).astype("Int64")
    rows = rows.assign(
        region=common.names(db, rows["region_code"], lang),
        year=int(params.year),
        index_text=[present.number(v, 2) if v is not None else "" for v in rows["index"]],
        missing=[missing.get(c, "") for c in rows["region_code"]],
    ).sort_values(["rank", "region_code"], na_position="last", ignore_index=True)
    parts = parts.assign(
        # two decimals, as the index: a part shown with one (88.2 × 60% = 52.92) did not add up to its 52.89
        value=[present.rounded(v, 2) if pd.notna(v) else None for v in parts["exact"]],
        adds=[present.rounded(v, 2) if pd.notna(v) else None for v in parts["exact_adds"]],
    )
    parts["value_text"] = [present.number(v, 2) if v is not None else "" for v in parts["value"]]
    parts["adds_text"] = [present.number(v, 2) if v is not None else "" for v in parts["adds"]]
    return CompositeIndex(
        params,
        notices,
        rows[INDEX],
        parts[PARTS],
        name=formula.name(lang),
        formula=formula.formula(lang),
    )


def asked(db: Database, formula: Composite, members: list[str], year: int) -> pd.DataFrame:
    """Each part's value by region (part_1, part_2 …): one question for the inspections and the ledger, one for
    each survey part's own rates. A survey mean of only some of its rates is not the mean asked: missing."""
    answers: dict[tuple, pd.DataFrame] = {}

    def answer(indicators: tuple) -> pd.DataFrame:
        if indicators not in answers:
            found = db.query("composite_parts", regions=members, year=year, indicators=list(indicators))
            answers[indicators] = found.set_index("region_code")
        return answers[indicators]

    surveys = [p.indicators for p in formula.parts if p.measure == "survey"]
    codes = answer(surveys[0] if surveys else ()).index
    values = {}
    for number, part in enumerate(formula.parts, start=1):
        found = answer(part.indicators if part.measure == "survey" else (surveys[0] if surveys else ()))
        value = found[COLUMN_OF[part.measure]]
        if part.measure == "survey":
            value = value.where(found["survey_rates"] == len(part.indicators))
        values[f"part_{number}"] = value.reindex(codes)
    return pd.DataFrame(values, index=codes)


def region_composite(db: Database, params: Params) -> CompositeIndex:
    """One region's index among its peers (its level and parent) in the year: rows all of them, parts its own."""
    found = choices.present(db).set_index("region_code")
    region = params.region
    if region not in found.index:
        return CompositeIndex(params, [], pd.DataFrame(columns=INDEX))
    peers = params.but(level=found.at[region, "level"], parent=found.at[region, "parent_code"] or "")
    answer = composite(db, peers)
    own = answer.parts[answer.parts["region_code"] == region].reset_index(drop=True)
    return CompositeIndex(
        answer.params.but(region=region), answer.notices, answer.rows, own, answer.name, answer.formula
    )
