"""How a number and a status read: rounding, change, bounds and status labels, decided here and nowhere else.

Every renderer (pages, report, exports, API) takes these columns from the views instead of deciding again.
"""

import pandas as pd

from chuangcheng.i18n import t
from chuangcheng.model.catalog import Catalog
from chuangcheng.model.rounding import number, rounded, rounded_all  # noqa: F401  (the one rounding rule and formatter)

# What a verdict (queries/derived/attainment.sql) is called, and the colour family it belongs to.
VERDICTS = ("full", "partial", "low", "uncertain_met", "uncertain_below", "too_few_peers")
COLOR_OF = {"full": "full", "partial": "partial", "low": "low", "uncertain_met": "full", "uncertain_below": "low"}
QUALIFIER_WORDS = {"=": "", ">=": "≥", "<=": "≤"}


# A score rate's band, for colour: at or above 90 reads as met, 60 as partly, below as below.
SCORE_BANDS = ((90.0, "full"), (60.0, "partial"), (float("-inf"), "low"))


def score_band(score: float) -> str:
    return next(band for floor, band in SCORE_BANDS if score >= floor)


def shown_decimals(value, decimals: int, apart_from=None, most: int = 4) -> int:
    """The catalog's decimals, or more (up to `most` more) where they would hide what the status says: a gap above
    zero that rounds to 0.0, a value short of its standard that rounds to the standard (5.08 against 5.1 read
    'Real GDP growth 5.1, standard 5.1, gap 0.0, partly meets')."""
    if rounded(value, decimals) is None:
        return int(decimals)
    for extra in range(most + 1):
        places = int(decimals) + extra
        if apart_from is None and (value == 0 or rounded(value, places) != 0):
            return places
        if apart_from is not None and (value == apart_from or number(value, places) != number(apart_from, places)):
            return places
    return int(decimals) + most


def judged_decimals(frame: pd.DataFrame, catalog) -> list[int]:
    """Each judged row's decimals (value, full_at, credit): the catalog's, or more for a shortfall whose value
    would read as its standard (the page, the report and the bulletin show the same digits)."""
    decimals = decimals_of(frame["indicator"], catalog) if len(frame) else []
    return [
        shown_decimals(v, d, f) if c < 1 and pd.notna(f) else d
        for v, d, f, c in zip(frame.get("value", []), decimals, frame.get("full_at", []), frame.get("credit", []))
    ]


RATE_UNITS = ("%", "‰")


def is_rate(catalog: Catalog, code: str) -> bool:
    """A rate or a share (its unit is % or ‰): its changes are in percentage points, and a change in percent of it
    (unemployment +12.5 %) reads as something else."""
    return str(catalog.indicators.at[code, "unit_zh"]).strip() in RATE_UNITS


def moved(value, decimals: int, rate: bool, lang: str) -> str:
    """A change or a difference as text: signed, and for a rate in percentage points (+0.4 pp, +0.4个百分点)."""
    text = signed(value, decimals)
    return t("percentage_points", lang, value=text) if text and rate else text


def relative(now, before, rate: bool) -> str:
    """A relative change in percent ('+12.5 %'), for amounts only: of a rate it is no change a reader means."""
    if rate or now is None or before is None or pd.isna(now) or pd.isna(before) or not before:
        return ""
    return signed(100 * (float(now) - float(before)) / abs(float(before)), 1) + " %"


def signed(value, decimals: int) -> str:
    """A change with its sign: '+1.5', '−0.3', '0.0' (no sign when it rounds to nothing)."""
    value = rounded(value, decimals)
    if value is None:
        return ""
    text = f"{abs(value):,.{int(decimals)}f}"
    return f"+{text}" if value > 0 else f"−{text}" if value < 0 else text


def direction(moved) -> str:
    """'up', 'down' or 'none' (nothing, or nothing after rounding): the way a change points, said outright."""
    return "none" if not moved else "up" if moved > 0 else "down"


def judged(moved, lower_is_better: bool = False) -> str:
    """'better', 'worse' or 'same': whether a change is good news for the region (a fall in water use is)."""
    if not moved:
        return "same"
    return "better" if (moved < 0) == lower_is_better else "worse"


def change(now, before, decimals: int) -> float | None:
    """now − before at the catalog's decimals; None when either is missing."""
    if rounded(now, decimals) is None or rounded(before, decimals) is None:
        return None
    return rounded(float(now) - float(before), decimals)


def verdict(value) -> str | None:
    """A verdict as text, None for an unscored indicator (NaN/None from a left join)."""
    return value if isinstance(value, str) and value in VERDICTS else None


def status_text(verdict_value, lang: str, partly=None) -> str:
    """'meets the standard', 'uncertain — likely met', 'not scored (too few peers)', ...; 'not scored' when None. An
    uncertain value that meets the partial standard (partly: its attainment is 'partial' or its credit 0.5) says so in
    one phrase, never "likely below" beside half the credit."""
    key = verdict(verdict_value) or "none"
    if key == "uncertain_below" and partly_met(partly):
        key = "uncertain_partial"
    return t(f"verdict_{key}", lang)


def partly_met(partly) -> bool:
    """An attainment of 'partial', or a credit of 0.5."""
    return partly == "partial" or (isinstance(partly, (int, float)) and not pd.isna(partly) and partly == 0.5)


def is_uncertain(verdict_value) -> bool:
    return (verdict(verdict_value) or "").startswith("uncertain")


def color_of(verdict_value) -> str | None:
    """The status colour family (full, partial, low) of a verdict, None for not scored."""
    return COLOR_OF.get(verdict(verdict_value) or "")


def qualified(value, qualifier: str | None, decimals: int, lang: str) -> str:
    """A value as text, saying 'at least' or 'at most' when the source gives only a bound."""
    text = number(value, decimals)
    prefix = {">=": t("bound_above", lang), "<=": t("bound_below", lang)}.get(qualifier or "=", "")
    return f"{prefix} {text}".strip()


def interval(lower, upper, n, decimals: int, lang: str) -> str:
    if rounded(lower, decimals) is None:
        return ""
    return t("interval", lang, lower=number(lower, decimals), upper=number(upper, decimals), n=f"{int(n):,}")


def interval_range(lower, upper, decimals: int) -> str:
    """'77.3–81.7': the interval alone, for a column already headed '95% interval'."""
    if rounded(lower, decimals) is None:
        return ""
    return f"{number(lower, decimals)}–{number(upper, decimals)}"


def decimals_of(codes: pd.Series, catalog: Catalog) -> pd.Series:
    codes_, uniques = pd.factorize(codes)
    per_code = catalog.indicators["decimals"].reindex(uniques).fillna(2).astype(int).to_numpy()
    return pd.Series(per_code[codes_], index=codes.index)


def with_reading(frame: pd.DataFrame, catalog: Catalog, lang: str) -> pd.DataFrame:
    """Add what a reader sees of each value row (needs indicator and value; uses lower, upper, n, qualifier,
    verdict and source when present): value_rounded, value_text, interval_text, interval_range, status_key, status_text,
    uncertain_flag, source_text, note_text (what the source says qualifies the figure)."""
    if frame.empty:
        return frame.assign(
            value_rounded=[],
            value_text=[],
            interval_text=[],
            interval_range=[],
            status_key=[],
            status_text=[],
            uncertain_flag=[],
            source_text=[],
            note_text=[],
        )
    decimals = decimals_of(frame["indicator"], catalog)
    column = lambda name: frame[name] if name in frame.columns else pd.Series([None] * len(frame), index=frame.index)
    verdicts = [verdict(v) for v in column("verdict")]
    partly = column("attainment") if "attainment" in frame.columns else column("credit")
    return frame.assign(
        value_rounded=[rounded(v, d) for v, d in zip(frame["value"], decimals)],
        value_text=[qualified(v, q, d, lang) for v, q, d in zip(frame["value"], column("qualifier"), decimals)],
        interval_text=[
            interval(lo, up, n, d, lang)
            for lo, up, n, d in zip(column("lower"), column("upper"), column("n"), decimals)
        ],
        interval_range=[interval_range(lo, up, d) for lo, up, d in zip(column("lower"), column("upper"), decimals)],
        status_key=verdicts,
        status_text=[status_text(v, lang, p) for v, p in zip(verdicts, partly)],
        uncertain_flag=[is_uncertain(v) for v in verdicts],
        source_text=[
            catalog.source_title(s, lang) if isinstance(s, str) else t("source_survey", lang) if pd.notna(lo) else ""
            for s, lo in zip(column("source"), column("lower"))
        ],
        note_text=[n if isinstance(n, str) else "" for n in column("note")],
    )


MOST_DRAWN = 60  # regions a chart draws; a province's 2,900 counties as bars took a browser 40 s and read as a smear


def ends(frame: pd.DataFrame, most: int | None = None) -> pd.DataFrame:
    """A large scope's rows as a chart draws them: the first and the last most/2 of a frame in rank
    order (the highest and the lowest); a table beside the chart lists them all."""
    most = MOST_DRAWN if most is None else most
    if len(frame) <= most:
        return frame
    half = most // 2
    left_out = [0] * (half - 1) + [
        len(frame) - 2 * half
    ]  # on the last of the highest: how many lie between, for the chart to mark
    return pd.concat([frame.head(half).assign(omitted_after=left_out), frame.tail(half).assign(omitted_after=0)])


def places(values: pd.Series, counted: pd.Series) -> pd.Series:
    """Places by a rate, highest first, ties sharing a place (1, 2, 2, 4); a region with nothing counted is unranked."""
    return values.rank(method="min", ascending=False).where(counted > 0)


def places_moved(codes, now, before: dict) -> list[int | None]:
    """Places moved since the period before (3: up three), none where either is unranked."""
    return [
        int(before[code] - rank) if pd.notna(rank) and pd.notna(before.get(code)) else None
        for code, rank in zip(codes, now)
    ]


def moved_places(change, lang: str) -> str:
    """A place change as bulletins write it: 上升3名 / 下降17名, up 3 / down 17."""
    if change is None or pd.isna(change):
        return ""
    if change == 0:
        return t("rank_same", lang)
    return t("rank_up" if change > 0 else "rank_down", lang, n=abs(int(change)))


def place_text(place) -> str:
    """A place as tables show it: the number, or — for a region unranked (nothing counted)."""
    return "—" if place is None or pd.isna(place) else str(int(place))
