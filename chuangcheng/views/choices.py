"""What can be asked of a snapshot, read from its data: levels, parents, regions, years, indicators.

Each resolve_* takes the parameters as asked and gives them back valid, with a Notice for every value the
snapshot does not have (a link from another snapshot, a typo): the page shows it, the API answers 400.
"""

from dataclasses import dataclass

import pandas as pd

from chuangcheng.model import periods
from chuangcheng.model.params import Params
from chuangcheng.model.regions import LEVELS
from chuangcheng.store.db import Database


@dataclass(frozen=True)
class Notice:
    """A parameter value that was not valid here, and what is shown instead."""

    param: str
    value: str
    fallback: str


def present(db: Database) -> pd.DataFrame:
    """Regions with any value, with their level and parent (see queries/regions_present.sql)."""
    return db.once("regions_present")


def unknown_values(db: Database, params: Params) -> tuple[str, str] | None:
    """The first code a question was given that the snapshot or the catalog does not have, as (parameter, value):
    regions and parents among the regions with values (and their parents), indicators and aspects in the catalog,
    levels the snapshot has. None when every one is known."""
    regions = present(db)
    ledger = db.query("ledger_regions")  # a ledger's streets and their districts, with figures or not
    known_regions = (
        set(regions["region_code"]) | set(regions["parent_code"].dropna()) | set(ledger["region_code"])
    ) | set(ledger["parent_code"]) - {""}
    checks = [
        ("district", [params.region] if params.region else [], known_regions),
        ("districts", list(params.regions), known_regions),
        ("parent", [params.parent] if params.parent else [], known_regions),
        ("level", [params.level] if params.level else [], set(levels(db)) | set(ledger["level"])),
        ("indicator", [params.indicator] if params.indicator else [], set(db.catalog.indicators.index)),
        ("indicators", list(params.indicators), set(db.catalog.indicators.index)),
        ("aspect", [params.aspect] if params.aspect else [], set(db.catalog.aspects.index)),
        ("peers", [params.peers] if params.peers else [], set(db.catalog.peer_schemes())),
    ]
    for param, values, known in checks:
        unknown = [value for value in values if value not in known]
        if unknown:
            return param, ", ".join(unknown[:5])
    return None


def levels(db: Database) -> list[str]:
    """The levels that have values, from the top (province) down."""
    found = set(present(db)["level"])
    return [level for level in LEVELS if level in found]


def default_level(db: Database) -> str:
    """The level with the most regions: what a snapshot is mostly about."""
    counts = present(db)["level"].value_counts()
    return str(counts.index[0]) if len(counts) else "district"


def parents(db: Database, level: str) -> list[str]:
    """'' (every region of the level) first, then each parent of the level's regions."""
    members = present(db)
    found = members.loc[members["level"] == level, "parent_code"]
    return [""] + sorted(set(found) - {""})


def default_parent(db: Database, level: str) -> str:
    """The parent with the most regions of the level; every region of the level when no parent has three."""
    members = present(db)
    counts = members.loc[(members["level"] == level) & (members["parent_code"] != ""), "parent_code"].value_counts()
    return str(counts.index[0]) if len(counts) and counts.iloc[0] >= 3 else ""


def members(db: Database, level: str, parent: str) -> list[str]:
    """The regions of a scope that have values."""
    found = present(db)
    scoped = found[(found["level"] == level) & ((found["parent_code"] == parent) | (parent == ""))]
    return list(scoped["region_code"])


def scope_years(db: Database, level: str, parent: str) -> list[int]:
    return [int(y) for y in db.query("scope_years", level=level, parent=parent)["year"]]


def scored_years(db: Database, region: str) -> list[int]:
    return [int(y) for y in db.query("region_scores", region=region)["year"]][::-1]


def span(db: Database) -> tuple[int, int] | None:
    row = db.once("snapshot_years").iloc[0]
    return None if pd.isna(row["first_year"]) else (int(row["first_year"]), int(row["last_year"]))


def checked(value, options: list, fallback, param: str, notices: list[Notice]):
    """value if it is one of options, else fallback (with a notice when a value was asked for)."""
    if value is None or value in options:
        return fallback if value is None else value
    notices.append(Notice(param, str(value), str(fallback)))
    return fallback


def resolve_scope(db: Database, params: Params) -> tuple[Params, list[Notice]]:
    """level, parent and year made valid for this snapshot; defaults from the data."""
    notices: list[Notice] = []
    level = checked(params.level, levels(db), default_level(db), "level", notices)
    parent = checked(params.parent, parents(db, level), default_parent(db, level), "parent", notices)
    years = scope_years(db, level, parent)
    year = checked(params.year, years, years[0] if years else None, "year", notices)
    return params.but(level=level, parent=parent, year=year), notices


def resolve_region(db: Database, params: Params) -> tuple[Params, list[Notice]]:
    """One region with values (any level); the first of the default scope when none or an unknown one is asked."""
    notices: list[Notice] = []
    found = present(db)
    codes = list(found["region_code"])
    scope, _ = resolve_scope(db, Params())
    fallback = (members(db, scope.level, scope.parent) or codes or [None])[0]
    region = checked(params.region, codes, fallback, "district", notices)
    level = found.set_index("region_code")["level"].get(region) if region else None
    return params.but(region=region, level=level), notices


def resolve_regions(
    db: Database, params: Params, default_count: int | None, most: int | None
) -> tuple[Params, list[Notice]]:
    """Several regions with values: the unknown ones dropped with a notice, at most `most` kept (with a
    notice); when none is left, the first `default_count` of the default scope (all of it when None)."""
    notices: list[Notice] = []
    codes = set(present(db)["region_code"])
    unknown = [code for code in params.regions if code not in codes]
    chosen = [code for code in params.regions if code in codes]
    if most is not None and len(chosen) > most:
        notices.append(Notice("districts", ", ".join(chosen[most:]), ", ".join(chosen[:most])))
        chosen = chosen[:most]
    if chosen:
        default = []
    else:  # the default scope's first regions, worked out only when nothing valid was asked for
        scope, _ = resolve_scope(db, Params())
        default = members(db, scope.level, scope.parent)[:default_count]
    if unknown:
        notices.append(Notice("districts", ", ".join(unknown), ", ".join(chosen or default)))
    return params.but(regions=tuple(chosen or default)), notices


def resolve_indicators(db: Database, params: Params, default: list[str]) -> tuple[Params, list[Notice]]:
    """Indicators of the catalog; empty means the default given."""
    notices: list[Notice] = []
    known = set(db.catalog.indicators.index)
    unknown = [code for code in params.indicators if code not in known]
    chosen = tuple(code for code in params.indicators if code in known) or tuple(default)
    if unknown:
        notices.append(Notice("indicators", ", ".join(unknown), ", ".join(chosen)))
    return params.but(indicators=chosen), notices


def shared_indicators(db: Database, regions: tuple[str, ...] | list[str], most: int = 3) -> list[str]:
    """What a comparison of these regions opens with: indicators every one of them has values of, the headline ones
    first, then by how many values there are; then those most of them have. Never one none of them has (the reported
    snapshot's regions share no headline indicator: three empty charts was the default)."""
    headline = db.catalog.headline
    counts = db.query("regions_indicators", regions=list(regions))
    if counts.empty:
        return headline[:most]
    order = counts.assign(
        headline=~counts["indicator"].isin(headline),
        place=counts["indicator"].map({code: i for i, code in enumerate(headline)}).fillna(len(headline)),
    ).sort_values(["regions", "headline", "place", "figures", "indicator"], ascending=[False, True, True, False, True])
    return order["indicator"].head(most).tolist()


def resolve_years(db: Database, params: Params) -> tuple[Params, list[Notice]]:
    """A first and last year within the snapshot's span; the whole span by default."""
    notices: list[Notice] = []
    whole = span(db)
    years = params.years
    if years is not None and whole is not None and not (whole[0] <= years[0] <= years[1] <= whole[1]):
        notices.append(Notice("years", f"{years[0]}–{years[1]}", f"{whole[0]}–{whole[1]}"))
        years = None
    return params.but(years=years or whole), notices


def dated_scope(scopes, params: Params, last: str) -> tuple[Params, list, periods.Period | None]:
    """Level, parent and period made valid for dated records (a ledger's problems, inspections: streets, often, where
    figures are by district): scopes holds each level and parent with its count, most first, and `last` the column of
    its latest date. The level and parent with the most records by default (district= names the parent as the pages
    write it); the period asked (period=, or year= for a whole year), else the month of the latest date. No period
    when there are no records."""
    notices: list = []
    if scopes.empty:
        return params, notices, None
    levels = list(dict.fromkeys(scopes["level"]))
    level = checked(params.level, levels, levels[0], "level", notices)
    parents = list(scopes.loc[scopes["level"] == level, "parent_code"])
    # the pages keep the district whose streets they show as ?district= : a link copied to the API means the same
    asked = params.parent or (params.region if params.region in parents else None)
    parent = checked(asked, [*parents, ""], parents[0], "parent", notices)
    if params.period:
        period = periods.parse(params.period)
    elif params.year:
        period = periods.Period("year", params.year)
    else:
        latest = pd.Timestamp(scopes[last].max())
        period = periods.Period("month", latest.year, latest.month)
    return params.but(level=level, parent=parent), notices, period
