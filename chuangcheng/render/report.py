"""A printable, self-contained HTML report of one region for one year (no Streamlit, no network), rendered from
the same view as the district page."""

import pandas as pd

from chuangcheng.render import static
from chuangcheng.render.safe import html_text as escape
from chuangcheng.model.catalog import Catalog
from chuangcheng.i18n import t
from chuangcheng.views import present
from chuangcheng.views.periods import PeriodFigures
from chuangcheng.views.region import RegionView

STYLE = """
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 24px auto; max-width: 960px; color: #1f2933; }
h1 { margin-bottom: 0; } .meta { color: #52606d; margin-top: 4px; }
footer.provenance { margin-top: 32px; padding-top: 8px; border-top: 1px solid #cbd2d9; color: #52606d; font-size: 12px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 20px; font-size: 13px; }
th, td { border-bottom: 1px solid #d9e2ec; padding: 4px 6px; text-align: left; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.figures { display: flex; gap: 24px; margin: 12px 0; } .figure { border: 1px solid #d9e2ec; padding: 8px 16px; }
.figure b { font-size: 26px; display: block; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.chart { break-inside: avoid; } .chart svg { width: 100%; height: auto; }
.synthetic { background: #e8f1fb; padding: 6px 10px; }
tr.status-low td, tr.status-uncertain_below td { color: #b3261e; } tr.status-partial td { color: #8a5a00; }
tr.status-uncertain_met td, tr.status-uncertain_below td { font-style: italic; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr, .figure { break-inside: avoid; } }
"""


def html_table(
    header: list[str], rows: list[list[str]], numeric: set[int] = frozenset(), classes: list[str] | None = None
) -> str:
    head = "".join(
        f'<th class="num">{escape(h)}</th>' if i in numeric else f"<th>{escape(h)}</th>" for i, h in enumerate(header)
    )
    body = "".join(
        f'<tr class="{escape(classes[r]) if classes else ""}">'
        + "".join(
            f'<td class="num">{escape(str(c))}</td>' if i in numeric else f"<td>{escape(str(c))}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for r, row in enumerate(rows)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def headline(view: RegionView, lang: str) -> str:
    score = view.score
    if score is None:
        return ""
    change = f" ({score.change_text})" if score.change_text else ""
    return (
        '<div class="figures">'
        f'<div class="figure">{escape(t(score.label_key, lang))}<b>{score.score_text}</b>{escape(change)}</div>'
        f'<div class="figure">{escape(t("rank", lang))}<b>{escape(score.rank_text)}</b></div>'
        "</div>"
        f'<p class="meta">{escape(t("coverage", lang))}: {escape(score.coverage_text)}</p>'
        + (f'<p class="meta">{escape(score.unscored_text)}</p>' if score.unscored_text else "")
        + (f'<p class="meta">{escape(score.change_note)}</p>' if score.change_note else "")
    )


def aspect_rows(view: RegionView, lang: str) -> str:
    rows = [
        [
            f"{r.aspect} · {r.aspect_name}",
            present.number(r.score_rate, 1),
            present.number(r.previous_score_rate, 1),
            str(int(r.scored)),
        ]
        for r in view.aspects.itertuples()
    ]
    header = [t("aspect", lang), t("score_rate", lang), t("report_previous", lang), t("report_scored", lang)]
    return html_table(header, rows, numeric={1, 2, 3})


def unmet_rows(view: RegionView, lang: str) -> str:
    rows = view.unmet
    likely = view.likely_met
    after = (
        f"<p>{escape(t('likely_met', lang, indicators=t('list_separator', lang).join(likely['label'])))}</p>"
        if len(likely)
        else ""
    )
    if rows.empty:
        return f"<p>{escape(view.none_short_text(printed=True))}</p>" + after
    table = [
        [r.label, r.value_text, r.full_text, r.gap_text, r.status_text, present.number(r.cost, 1)]
        for r in rows.itertuples()
    ]
    header = [
        t("col_indicator", lang),
        t("col_value", lang),
        t("col_standard", lang),
        t("gap", lang),
        t("col_status", lang),
        t("cost", lang),
    ]
    return (
        html_table(header, table, numeric={1, 2, 3, 5}, classes=[f"status-{r.status_key}" for r in rows.itertuples()])
        + after
    )


def scorecard_rows(view: RegionView, lang: str) -> str:
    """Every scored indicator of the year by aspect: value, standard, status and credit."""
    rows = view.scorecard
    if rows.empty:
        return ""
    table = [
        [
            f"{r.aspect} · {r.aspect_name}",
            r.label,
            r.value_text,
            r.standard_text,
            r.status_text,
            "" if pd.isna(r.credit) else f"{r.credit:g}",
        ]
        for r in rows.itertuples()
    ]
    header = [
        t("aspect", lang),
        t("col_indicator", lang),
        t("col_value", lang),
        t("col_standard", lang),
        t("col_status", lang),
        t("credit", lang),
    ]
    return html_table(header, table, numeric={2, 5}, classes=[f"status-{r.status_key}" for r in rows.itertuples()])


def survey_rows(view: RegionView, catalog: Catalog, lang: str) -> str:
    rates = view.survey
    rows = [
        [catalog.label(r.indicator, lang), r.value_text, r.interval_text, r.status_text] for r in rates.itertuples()
    ]
    header = [t("col_indicator", lang), t("col_value", lang), t("report_interval", lang), t("col_status", lang)]
    return (
        html_table(header, rows, numeric={1}, classes=[f"status-{r.status_key}" for r in rates.itertuples()])
        if rows
        else ""
    )


def trend_charts(view: RegionView, catalog: Catalog, codes: list[str], lang: str) -> str:
    """Static pictures (no hover, nothing to click in print): inline SVG, where Plotly's inlined script made one
    district's report 4.9 MB."""
    parts = [
        f'<div class="chart">{static.trend_svg(rows, catalog, code, lang)}</div>'
        for code in codes
        if not (rows := view.trend[view.trend["indicator"] == code]).empty
    ]
    return f'<div class="charts">{"".join(parts)}</div>'


def month_rows(months: PeriodFigures | None, lang: str) -> str:
    """A month's figures (or a quarter's) with 环比 and 同比, as the page's monthly section shows them; '' without."""
    if months is None or months.rows.empty:
        return ""
    header = "".join(
        f"<th>{escape(t(key, lang))}</th>"
        for key in ("col_indicator", "col_value", "col_unit", "col_period", "col_period_change", "col_year_change")
    )
    body = "".join(
        f'<tr><td>{escape(r.indicator_name)}</td><td class="num">{escape(r.value_text)}</td><td>{escape(r.unit)}</td>'
        f'<td>{escape(r.period_label)}</td><td class="num">{escape(r.change_text)}</td>'
        f'<td class="num">{escape(r.year_change_text)}</td></tr>'
        for r in months.rows.itertuples()
    )
    caption = " ".join(filter(None, [t("period_change_caption", lang), months.cumulative_note]))
    return (
        f"<h2>{escape(t('period_section', lang))} · {escape(months.period_label)}</h2>"
        f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"
        f'<p class="meta">{escape(caption)}</p>'
    )


def sources(view: RegionView, months: PeriodFigures | None = None) -> str:
    listed = list(dict.fromkeys([*view.sources, *(months.sources if months is not None and len(months.rows) else [])]))
    items = "".join(
        f"<li>{escape(title)}" + (f" <code>{escape(code)}</code>" if code and code != title else "") + "</li>"
        for code, title in listed
    )
    return f"<ul>{items}</ul>"


def notes(view: RegionView, catalog: Catalog, lang: str) -> str:
    """What the sources say qualifies a figure ("cumulative", "year approximate"), one line per figure."""
    rows = view.trend[view.trend["note_text"] != ""] if "note_text" in view.trend.columns else view.trend.iloc[0:0]
    if rows.empty:
        return ""
    items = "".join(
        f"<li>{escape(catalog.label(r.indicator, lang))}, {r.year}: {escape(r.note_text)}</li>"
        for r in rows.itertuples()
    )
    return f"<h2>{escape(t('report_notes', lang))}</h2><ul>{items}</ul>"


def footer(view: RegionView, title: str, lang: str) -> str:
    """On every printed page's end: what this is, from which snapshot, whose figures, and synthetic where so."""
    sources_text = "; ".join(name for _, name in view.sources) or "—"
    line = f"{title} · " + t(
        "provenance", lang, sources=sources_text, snapshot=view.params.snapshot, created=view.created
    )
    line += f" · {t('synthetic_short', lang)}" if view.synthetic else ""
    return f'<footer class="provenance">{escape(line)}</footer>'


def file_name(view: RegionView) -> str:
    return f"chuangcheng_report_{view.params.snapshot}_{view.params.region}_{view.params.year}_{view.params.lang}.html"


def region_report(view: RegionView, catalog: Catalog, months: PeriodFigures | None = None) -> str:
    """The whole report of one region and year as one HTML document, from the view the page shows; with months (its
    figures finer than a year, views/periods.report_periods), a section of one month's figures and their changes."""
    lang = view.params.lang
    title = t("report_title", lang, district=view.title, year=view.params.year)
    key_codes = (
        list(dict.fromkeys(list(view.unmet["indicator"][:4]) + catalog.headline))[:6]
        if len(view.scorecard)
        else catalog.headline[:6]
    )
    notice = f'<p class="synthetic">{escape(t("synthetic_notice_region", lang))}</p>' if view.synthetic else ""
    return "\n".join(
        [
            f'<!doctype html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
            f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
            f"<h1>{escape(title)}</h1>",
            f'<p class="meta">{escape(t("report_meta", lang, snapshot=view.params.snapshot))}</p>',
            notice,
            headline(view, lang),
            f"<h2>{escape(t('report_aspects', lang))}</h2>",
            aspect_rows(view, lang) if len(view.aspects) else "",
            f"<h2>{escape(t('report_unmet', lang))}</h2>",
            unmet_rows(view, lang),
            f"<h2>{escape(t('scorecard_full', lang))}</h2>",
            scorecard_rows(view, lang),
            f"<h2>{escape(t('report_survey', lang))}</h2>",
            survey_rows(view, catalog, lang),
            month_rows(months, lang),
            f"<h2>{escape(t('report_trends', lang))}</h2>",
            trend_charts(view, catalog, key_codes, lang),
            f"<h2>{escape(t('report_sources', lang))}</h2>",
            sources(view, months),
            notes(view, catalog, lang),
            footer(view, title, lang),
            "</body></html>",
        ]
    )
