"""Every question the product answers, registered once: the pages ask them by name (app/answers.py's view), the API
serves each at /api/<name>.<csv|json> with the table its answer returns (app/api.py). A new question, or a new
kind of data's question, is an entry here, not a branch in each renderer."""

from dataclasses import dataclass
from typing import Callable

import pandas as pd

from chuangcheng.views import bulletin, compare, composite, data, inspections, ledger, overview, periods, region, weekly


@dataclass(frozen=True)
class Question:
    """A view by name: the function that answers it from a database and Params, the table of its answer the
    API returns (None: the pages' only), and what it answers, for the API's index and the README."""

    view: Callable
    table: Callable[[object], pd.DataFrame] | None = None
    help: str = ""


QUESTIONS = {
    "overview": Question(
        overview.overview, lambda a: a.ranking, "a scope's regions ranked in a year (level, parent, year)"
    ),
    "scope_indicator": Question(
        overview.scope_indicator,
        lambda a: a.rows,
        "one indicator for every region of a scope in a year (level, parent, year, indicator)",
    ),
    "region": Question(region.region, lambda a: a.scorecard, "one region's scorecard in a year (district, year)"),
    "region_trend": Question(
        region.region, lambda a: a.trend, "one region's every indicator over the years (district)"
    ),
    "compare": Question(
        compare.compare, lambda a: a.trends, "regions side by side over years (districts, indicators, years)"
    ),
    "data": Question(
        data.data_rows, lambda a: a.rows, "the data page's rows (districts, indicators, years); CSV as its download"
    ),
    "periods": Question(
        periods.scope_periods,
        lambda a: a.rows,
        "a scope's figures finer than a year in a period, with 环比 and 同比 (level, parent, period)",
    ),
    "region_periods": Question(
        periods.region_periods,
        lambda a: a.series,
        "one region's figures finer than a year, every period, with 环比 and 同比 (district)",
    ),
    "report_periods": Question(
        periods.report_periods,
        lambda a: a.rows,
        "a region's figures finer than a year as its report for a year shows them: the period asked, else the year's "
        "latest (district, year, period)",
    ),
    "rectification": Question(
        ledger.rectification,
        lambda a: a.rows,
        "each region's problems found in a period and how they stand at its end: 问题整改率, 按期整改率, overdue "
        "(level, parent, period)",
    ),
    "problems": Question(
        ledger.problems, lambda a: a.rows, "the problem ledger, each problem with its status (level, parent)"
    ),
    "overdue_units": Question(
        ledger.problems,
        lambda a: a.units,
        "open and overdue problems by responsible unit at the ledger's last date, the oldest days open (level, parent)",
    ),
    "inspections": Question(
        inspections.inspection_rates,
        lambda a: a.rows,
        "each region's field inspections in a period: points, standards checked and passed, 符合率 and 得分率, "
        "ranked (level, parent, period)",
    ),
    "inspection_standards": Question(
        inspections.standards,
        lambda a: a.rows,
        "how each standard fared at each point type in a period: checked, passed, failed, severe, 符合率, points lost "
        "(level, parent, period)",
    ),
    "lost_points": Question(
        inspections.standards,
        lambda a: a.categories,
        "the points lost in a period by category, with each category's share (失分占比) (level, parent, period)",
    ),
    "inspection_sites": Question(
        inspections.sites,
        lambda a: a.rows,
        "each site inspected in a period where the sheets place it: coordinates, checks, 符合率 and 得分率 "
        "(level, parent, period)",
    ),
    "inspection_trend": Question(
        inspections.inspection_trend,
        lambda a: a.rows,
        "each region's 符合率 and 得分率 period by period: by week when a week is asked, else by month "
        "(level, parent, period)",
    ),
    "weekly": Question(
        weekly.weekly,
        lambda a: a.ranking,
        "the weekly 督查通报's ranking: each street's places by 得分率 and 问题整改率, moved since the period before; "
        "the whole bulletin at /api/weekly.xlsx and /api/weekly.html (level, parent, period)",
    ),
    "composite": Question(
        composite.composite,
        lambda a: a.rows,
        "the composite index (文明程度指数) of a scope's regions in a year by catalog/composite.toml, ranked "
        "(level, parent, year)",
    ),
    "composite_parts": Question(
        composite.composite,
        lambda a: a.parts,
        "each region's parts of the composite index: value, share of the weights, what it adds (level, parent, year)",
    ),
    "region_composite": Question(composite.region_composite),  # the district page's: one region among its peers
    "whole": Question(data.whole),  # the whole snapshot, the data page's full download
    "bulletin": Question(
        bulletin.bulletin, lambda a: a.table, "the bulletin of a scope in a year (level, parent, year)"
    ),
}


def served() -> dict[str, Question]:
    """The questions the API serves: those with a table."""
    return {name: question for name, question in QUESTIONS.items() if question.table is not None}


def ask(name: str, db, params, **options):
    """The answer of the question of this name."""
    return QUESTIONS[name].view(db, params, **options)
