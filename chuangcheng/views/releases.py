"""What changed between two releases of a dataset (queries/snapshot_changes.sql over two opened snapshots), as the
snapshots page shows it: every cell decided here, the page only lays it out under headers in the reader's language."""

import pandas as pd

from chuangcheng.i18n import t
from chuangcheng.model import ledger, periods
from chuangcheng.model.catalog import Catalog
from chuangcheng.views import present

CHANGES = ("added", "removed", "changed")


def earlier_version(manifests: list, after: str) -> str:
    """The snapshot to compare with by default: the one before it of the same dataset, else itself (two
    datasets compared by default showed thousands of values as removed and added, which alarmed people:
    another dataset can still be chosen)."""
    chosen = next(m for m in manifests if m.id == after)
    same = [
        m.id
        for m in manifests
        if m.dataset == chosen.dataset and m.id != after and (m.created, m.id) <= (chosen.created, chosen.id)
    ]
    return same[0] if same else after


def summary(rows: pd.DataFrame) -> dict[str, str]:
    """How many figures were added, removed and changed, as text with separators."""
    return {change: f"{int((rows['change'] == change).sum()):,}" for change in CHANGES}


def counts_by(counts: pd.DataFrame, grouping: str, names: dict) -> pd.DataFrame:
    """snapshot_change_counts of one grouping (indicator or region): its name, and the figures added, removed and
    changed."""
    part = counts[counts["grouping"] == grouping]
    return pd.DataFrame(
        {
            grouping: part["key"].map(names).fillna(part["key"]),
            **{change: part[change] for change in CHANGES},
        }
    ).reset_index(drop=True)


def readable(rows: pd.DataFrame, catalog: Catalog, region_names: dict, lang: str) -> pd.DataFrame:
    """The changed figures as a reader sees them: region and indicator by name, the year, the month it holds (2025年6月,
    empty for a year's figure), the change in words, before and after at the indicator's decimals."""
    decimals = present.decimals_of(rows["indicator"], catalog)
    return pd.DataFrame(
        {
            "region": rows["region_code"].map(region_names).fillna(rows["region_code"]),
            "year": rows["year"].astype(str),
            "period": [periods.parse(p).label(lang) if isinstance(p, str) and p else "" for p in rows["period"]],
            "indicator": rows["indicator"].map(catalog.indicators[f"name_{lang}"]),
            "change": rows["change"].map({c: t(f"change_{c}", lang) for c in CHANGES}),
            "before": [present.number(v, d) for v, d in zip(rows["before"], decimals)],
            "after": [present.number(v, d) for v, d in zip(rows["after"], decimals)],
        }
    ).reset_index(drop=True)


LEDGER_CHANGES = ("new", "closed", "returned", "reopened", "newly_overdue", "removed")


def ledger_summary(rows: pd.DataFrame) -> dict[str, str]:
    """How many problems are new, closed, sent back, found again and newly overdue since the earlier ledger."""
    return {change: f"{int((rows['change'] == change).sum()):,}" for change in LEDGER_CHANGES}


def ledger_readable(rows: pd.DataFrame, region_names: dict, lang: str) -> pd.DataFrame:
    """snapshot_ledger_changes as a reader sees them: the problem, its street by name, its point, what changed and its
    status before and after in words (empty before for a new problem)."""
    status = lambda event: ledger.label(event, lang) if isinstance(event, str) else ""  # noqa: E731
    return pd.DataFrame(
        {
            "problem_id": rows["problem_id"],
            "region": rows["region_code"].map(region_names).fillna(rows["region_code"]),
            "point": rows["point"],
            "change": rows["change"].map({c: t(f"ledger_row_{c}", lang) for c in LEDGER_CHANGES}),
            "before_status": [status(v) for v in rows["before_status"]],
            "after_status": [status(v) for v in rows["after_status"]],
        }
    ).reset_index(drop=True)
