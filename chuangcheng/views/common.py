"""Names and flags every view needs: region names in a language, a scope's name, the synthetic flag."""

from functools import lru_cache

import pandas as pd

from chuangcheng.i18n import t
from chuangcheng.store.db import Database


@lru_cache(maxsize=16)
def region_names(db: Database, lang: str) -> dict[str, str]:
    """Code to name in one language, for every region the snapshot knows (the code when it has no name)."""
    column = db.regions[f"name_{lang}"]
    return column.where(column != "", column.index.to_series()).to_dict()


def names(db: Database, codes: pd.Series, lang: str) -> list[str]:
    known = region_names(db, lang)
    return [known.get(code, code) for code in codes]


def level_name(level: str, lang: str, plural: bool = False) -> str:
    return t(f"level_{level}{'s' if plural else ''}", lang)


def scope_name(db: Database, level: str | None, parent: str | None, lang: str) -> str:
    """'星澜市' for one parent's regions; 'All cities' for every region of a level."""
    if parent:
        return region_names(db, lang).get(parent, parent)
    return t("scope_all", lang, regions=level_name(level or "district", lang, plural=True))


def synthetic(db: Database) -> bool:
    """True when every value of the snapshot is generated (the demo): the pages and files then say so."""
    return set(db.once("snapshot_statuses")["status"]) == {"synthetic"}


def synthetic_notice(db: Database, lang: str) -> str | None:
    """What the sidebar says of a generated snapshot, with how many regions it invents (the demo's 12, the national
    benchmark's 3,000), or None for figures from sources."""
    if not synthetic(db):
        return None
    return t("synthetic_notice", lang, count=f"{len(db.once('regions_present')):,}")


def sources(db: Database, rows: pd.DataFrame, lang: str) -> list[tuple[str, str]]:
    """(source, title) of every source of the rows shown, then the survey when they hold survey rates: the
    footer every page and the report carry, so no figure is shown without where it comes from."""
    found = sorted({s for s in rows.get("source", pd.Series(dtype=object)).dropna() if s})
    listed = [(s, db.catalog.source_title(s, lang)) for s in found]
    survey = (
        "lower" in rows.columns and rows["lower"].notna().any() or bool(rows.get("survey", pd.Series(dtype=bool)).any())
    )
    return listed + ([("", t("report_survey_source", lang))] if survey else [])
