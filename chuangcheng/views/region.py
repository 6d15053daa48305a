"""One region (any level) over the years: its scorecard in a year, every indicator, trends and sources.

The district page and the printable report both render this view, so they cannot disagree.
"""

from dataclasses import dataclass, field

import pandas as pd

from chuangcheng.i18n import t
from chuangcheng.model.params import Params
from chuangcheng.store.db import Database
from chuangcheng.views import choices, common, present
from chuangcheng.views.common import region_names, synthetic


@dataclass(frozen=True)
class Score:
    """The overall score of the region in the chosen year, as every renderer shows it."""

    score_rate: float
    score_change: float | None
    rank_text: str
    rank_change: int | None
    coverage: float
    coverage_text: str
    ranked: bool
    unscored_text: str = ""  # aspects scored the year before with no value this year: the mean moves for that alone
    scored: int = 0  # scored indicators with a value this year
    total: int = 0  # scored indicators in the catalog

    thin_text: str = ""  # below the coverage setting: what the figure says instead of a plain score
    change_note: str = ""  # no score the year before, though an earlier one: the change is left out, and said so

    @property
    def score_text(self) -> str:
        """The score rate; below the coverage setting never a plain number: '100.0 (1 of 31 indicators)' is no
        result a reader should take for one, so it says how little it stands on."""
        return self.thin_text or present.number(self.score_rate, 1)

    @property
    def label_key(self) -> str:
        """The message key of what the figure is called: a thin one says it is too thin to score."""
        return "score_rate_thin" if self.thin_text else "score_rate"

    @property
    def change_text(self) -> str | None:
        """The change on the year before with its sign ('+1.5', '−0.3'), None when there is none or the score is
        too thin to compare."""
        return None if self.score_change is None or self.thin_text else present.signed(self.score_change, 1)

    @property
    def change_direction(self) -> str:
        """Said outright, not left to a leading '-' (the change is written with a true minus: a fall of 18.5 showed a
        green up arrow); 'none' for no change: an arrow would say it moved."""
        return present.direction(self.score_change)

    @property
    def change_judged(self) -> str:
        return present.judged(self.score_change)

    @property
    def rank_change_text(self) -> str | None:
        """Places moved since the year before: '+3' up the ranking, '−2' down (a true minus, as every change)."""
        return None if self.rank_change is None else present.signed(self.rank_change, 0)

    @property
    def rank_direction(self) -> str:
        return present.direction(self.rank_change)

    @property
    def rank_judged(self) -> str:
        return present.judged(self.rank_change)  # rank_change counts places gained


@dataclass(frozen=True)
class RegionView:
    params: Params
    notices: list
    name: str
    title: str
    years: list[int]  # years scored, newest first
    score: Score | None
    scores: pd.DataFrame  # region_scores, every year
    aspects: pd.DataFrame  # aspect, aspect_name, score_rate, scored, previous_score_rate
    scorecard: pd.DataFrame  # every scored indicator in the year; see scorecard_table
    latest: pd.DataFrame  # every indicator's latest value; see latest_table
    trend: pd.DataFrame  # region_trend + reading columns
    sources: list = field(default_factory=list)  # (source, title) of every value shown
    synthetic: bool = False
    created: str = ""  # the snapshot's date, for the provenance of what is printed or downloaded
    peers: list = field(
        default_factory=list
    )  # the regions nearest it in rank that year (same level and parent), to compare with
    latest_as_of: int | None = None  # the year the latest values are as of (None: the latest of all)

    @property
    def unmet(self) -> pd.DataFrame:
        """The standards not fully met (an uncertain one whose point estimate falls short among them), costliest first."""
        rows = self.scorecard[self.scorecard["credit"] < 1]
        return rows.sort_values(["cost", "aspect", "indicator"], ascending=[False, True, True], ignore_index=True)

    def none_short_text(self, printed: bool = False) -> str:
        """What to say when no standard falls short: never 'every standard is met' of a year where most have no
        value (1 of 31 judged read as a green 'all met')."""
        lang, year = self.params.lang, self.params.year
        partial = self.score is not None and self.score.scored < self.score.total
        if partial and not len(self.likely_met):
            return t(
                "judged_all_met",
                lang,
                scored=self.score.scored,
                total=self.score.total,
                rest=self.score.total - self.score.scored,
                year=year,
            )
        said = t(
            ("report_" if printed else "") + ("none_short" if len(self.likely_met) else "all_met"), lang, year=year
        )
        return said + (
            " " + t("judged_only", lang, scored=self.score.scored, total=self.score.total, year=year) if partial else ""
        )

    @property
    def fully_judged(self) -> bool:
        """Whether a year without shortfalls is a good result or only a thin one (coverage below the minimum)."""
        return self.score is not None and self.score.ranked

    @property
    def likely_met(self) -> pd.DataFrame:
        """Standards met on the point estimate but not beyond doubt (a survey interval straddles the standard):
        they cost nothing, so they are no shortfall, yet a reader should know they may turn."""
        rows = self.scorecard[(self.scorecard["credit"] >= 1) & self.scorecard["uncertain_flag"]]
        return rows.sort_values(["aspect", "indicator"], ignore_index=True)

    @property
    def survey(self) -> pd.DataFrame:
        """The survey rates of the year, with their intervals."""
        if self.params.year is None or self.trend.empty:
            return self.trend.iloc[0:0]
        return self.trend[(self.trend["year"] == self.params.year) & self.trend["lower"].notna()].reset_index(drop=True)


def region(db: Database, params: Params) -> RegionView:
    params, notices = choices.resolve_region(db, params)
    lang, code = params.lang, params.region
    if code is None:
        return empty(params, notices)
    scores = db.query("region_scores", region=code)
    years = [int(y) for y in scores["year"]][::-1]  # as choices.scored_years, from the scores it needs anyway
    trend = present.with_reading(db.query("region_trend", region=code), db.catalog, lang)
    year = choices.checked(
        params.year, years, years[0] if years else (int(trend["year"].max()) if len(trend) else None), "year", notices
    )
    # an earlier year than the latest scored shows the values as of it; the latest, every latest value (later unscored too)
    as_of = year if years and year != years[0] else None
    params = params.but(year=year)
    named = region_names(db, lang)
    parent = (
        db.regions.at[code, "parent_code"] if code in db.regions.index else ""
    )  # its peers' (a group's id among a group)
    home = (
        db.own_regions.at[code, "parent_code"] if code in db.own_regions.index else ""
    )  # where it lies: Fuzhou, Fujian
    title = t("district_title", lang, district=named.get(code, code), city=named.get(home, "") if home else "")
    return RegionView(
        params=params,
        notices=notices,
        name=named.get(code, code),
        title=title.strip(" ,"),
        years=years,
        score=score(scores, year, lang, db, code) if year in years else None,
        scores=scores,
        aspects=aspect_table(db, code, year, lang) if year in years else pd.DataFrame(),
        scorecard=scorecard_table(db, code, year, lang),
        latest=latest_table(db, code, lang, as_of),
        latest_as_of=as_of,
        trend=trend,
        sources=common.sources(db, trend, lang),
        synthetic=synthetic(db),
        created=db.manifest.created[:10],
        peers=nearest_peers(db, code, params.level, parent, year if year in years else None),
    )


PEERS = 2  # compared beside the region: a district leader's "against whom?"


def nearest_peers(db: Database, code: str, level: str | None, parent: str, year: int | None) -> list[str]:
    """The peers ranked just above and below the region that year (those beside it in the bulletin); without a
    ranking, the first peers with values. Never the region itself."""
    if level is None:
        return []
    if year is not None:
        order = list(db.query("scope_ranking", level=level, parent=parent, year=year)["region_code"])
        if code in order:
            at = order.index(code)
            start = min(max(at - PEERS // 2, 0), max(len(order) - PEERS - 1, 0))
            return [c for c in order[start : start + PEERS + 1] if c != code][:PEERS]
    return [c for c in choices.members(db, level, parent) if c != code][:PEERS]


def empty(params: Params, notices: list) -> RegionView:
    frame = pd.DataFrame()
    return RegionView(params, notices, "", "", [], None, frame, frame, frame, frame, frame)


def score(scores: pd.DataFrame, year: int, lang: str, db: Database, code: str) -> Score:
    by_year = scores.set_index("year")
    row = by_year.loc[year]
    scored_before = row["previous_scored"]  # the period before is the year before, as everywhere (region_scores.sql)
    earlier = [y for y in by_year.index if y < year]
    unscored = db.query("region_unscored_aspects", region=code, year=year)["aspect"]
    minimum = float(db.scoring["min_coverage"])
    ranked = bool(row["ranked"])
    return Score(
        score_rate=present.rounded(row["score_rate"], 1),
        score_change=present.rounded(row["score_change"], 1),
        rank_text=t("rank_of", lang, rank=int(row["rank"]), count=int(row["peers"]))
        if ranked
        else t("not_ranked", lang),
        rank_change=int(row["rank_change"]) if pd.notna(row["rank_change"]) else None,
        coverage=present.rounded(row["coverage"], 0),
        coverage_text=t(
            "coverage_text",
            lang,
            scored=int(row["scored"]),
            total=len(db.catalog.scored),
            coverage=present.number(row["coverage"], 0),
        )
        + (
            ""
            if ranked
            else " · "
            + t(
                "not_ranked_reason",
                lang,
                coverage=present.number(row["coverage"], 0),
                minimum=present.number(minimum, 0),
            )
        )
        + (
            " · " + t("coverage_changed", lang, previous=year - 1, scored=int(scored_before))
            if pd.notna(scored_before) and int(scored_before) != int(row["scored"])
            else ""
        ),
        ranked=ranked,
        scored=int(row["scored"]),
        total=len(db.catalog.scored),
        thin_text=""
        if ranked
        else t(
            "score_thin",
            lang,
            score=present.number(row["score_rate"], 1),
            scored=int(row["scored"]),
            total=len(db.catalog.scored),
        ),
        change_note=t("no_score_before", lang, previous=year - 1, earlier=earlier[-1])
        if earlier and earlier[-1] != year - 1
        else "",
        unscored_text=t(
            "aspects_unscored",
            lang,
            year=year,
            previous=year - 1,
            aspects=t("list_separator", lang).join(db.catalog.name("aspects", a, lang) for a in unscored),
        )
        if len(unscored)
        else "",
    )


def aspect_table(db: Database, code: str, year: int, lang: str) -> pd.DataFrame:
    frame = db.query("region_aspects", region=code, year=year)
    return frame.assign(
        aspect_name=[db.catalog.name("aspects", a, lang) for a in frame["aspect"]],
        score_rate=[present.rounded(v, 1) for v in frame["score_rate"]],
        previous_score_rate=[present.rounded(v, 1) for v in frame["previous_score_rate"]],
    )


def scorecard_table(db: Database, code: str, year: int | None, lang: str) -> pd.DataFrame:
    """Every scored indicator of the year: value, standard, status, credit, gap and what it costs."""
    catalog = db.catalog
    frame = (
        db.query("region_scorecard", region=code, year=year)
        if year
        else pd.DataFrame(columns=["indicator", "aspect", "value", "credit"])
    )
    frame = present.with_reading(frame, catalog, lang)
    places = present.judged_decimals(frame, catalog)  # and a gap is never shown as 0.0
    return frame.assign(
        label=[catalog.label(c, lang) for c in frame["indicator"]],
        aspect_name=[catalog.name("aspects", a, lang) for a in frame["aspect"]],
        standard_text=[catalog.standard_text(c, lang) for c in frame["indicator"]],
        full_text=[present.number(v, d) for v, d in zip(frame.get("full_at", []), places)],
        gap_text=[present.number(v, present.shown_decimals(v, d)) for v, d in zip(frame.get("gap", []), places)],
        value_text=[
            present.qualified(v, q, d, lang) if pd.notna(v) else text
            for v, q, d, text in zip(
                frame.get("value", []), frame.get("qualifier", [None] * len(frame)), places, frame.get("value_text", [])
            )
        ],
        cost=[present.rounded(v, 1) for v in frame.get("cost", [])],
    )


def latest_table(db: Database, code: str, lang: str, year: int | None = None) -> pd.DataFrame:
    """Each indicator's latest value as of the year shown (a 2022 scorecard is never beside 2025's values), its change
    on the year before, its status; in catalog order."""
    catalog = db.catalog
    frame = present.with_reading(db.query("region_latest", region=code, year=year), catalog, lang)
    if frame.empty:
        return frame
    decimals = present.decimals_of(frame["indicator"], catalog)
    changes = [present.change(now, before, d) for now, before, d in zip(frame["value"], frame["previous"], decimals)]
    order = {c: i for i, c in enumerate(catalog.indicators.sort_values("aspect", kind="stable").index)}
    frame = frame.assign(
        aspect=frame["indicator"].map(catalog.indicators["aspect"]),
        aspect_name=[catalog.name("aspects", catalog.indicators.at[c, "aspect"], lang) for c in frame["indicator"]],
        indicator_name=[catalog.name("indicators", c, lang) for c in frame["indicator"]],
        unit=[catalog.unit(c, lang) for c in frame["indicator"]],
        change=changes,
        change_text=[present.signed(c, d) for c, d in zip(changes, decimals)],
    )
    return frame.sort_values("indicator", key=lambda c: c.map(order), ignore_index=True)
