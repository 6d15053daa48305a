"""A printable, self-contained HTML report of one district for one year (no Streamlit, no network)."""

from dataclasses import dataclass
from html import escape

import pandas as pd

from chuangcheng.render import charts
from chuangcheng.model.catalog import Catalog
from chuangcheng.i18n import t

STYLE = """
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 24px auto; max-width: 960px; color: #1f2933; }
h1 { margin-bottom: 0; } .meta { color: #52606d; margin-top: 4px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 20px; font-size: 13px; }
th, td { border-bottom: 1px solid #d9e2ec; padding: 4px 6px; text-align: left; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.figures { display: flex; gap: 24px; margin: 12px 0; } .figure { border: 1px solid #d9e2ec; padding: 8px 16px; }
.figure b { font-size: 26px; display: block; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.chart { break-inside: avoid; }
.synthetic { background: #e8f1fb; padding: 6px 10px; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } tr, .figure { break-inside: avoid; } }
"""


@dataclass(frozen=True)
class ReportData:
    """What the report shows, each from one query."""

    scores: pd.DataFrame  # district_scores
    aspects: pd.DataFrame  # district_aspects
    unmet: pd.DataFrame  # district_unmet
    trend: pd.DataFrame  # district_trend


def html_table(header: list[str], rows: list[list[str]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f'<th class="num">{escape(h)}</th>' if i in numeric else f"<th>{escape(h)}</th>" for i, h in enumerate(header))
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{escape(c)}</td>' if i in numeric else f"<td>{escape(c)}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def headline(data: ReportData, year: int, lang: str) -> str:
    row = data.scores[data.scores["year"] == year]
    if row.empty:
        return ""
    row = row.iloc[0]
    change = f" ({row['score_change']:+.1f})" if pd.notna(row["score_change"]) else ""
    return (
        '<div class="figures">'
        f'<div class="figure">{escape(t("score_rate", lang))}<b>{row["score_rate"]:.1f}</b>{escape(change)}</div>'
        f'<div class="figure">{escape(t("rank", lang))}<b>{int(row["rank"])} / {int(row["districts"])}</b></div>'
        "</div>"
    )


def aspect_rows(data: ReportData, catalog: Catalog, lang: str) -> str:
    rows = [[f"{a} · {catalog.name('aspects', a, lang)}", f"{s:.1f}", f"{p:.1f}" if pd.notna(p) else "", str(int(n))]
            for a, s, p, n in zip(data.aspects["aspect"], data.aspects["score_rate"], data.aspects["previous_score_rate"], data.aspects["scored"])]
    header = [t("aspect", lang), t("score_rate", lang), t("report_previous", lang), t("report_scored", lang)]
    return html_table(header, rows, numeric={1, 2, 3})


def unmet_rows(data: ReportData, catalog: Catalog, lang: str) -> str:
    if data.unmet.empty:
        return f"<p>{escape(t('report_all_met', lang))}</p>"
    rows = [
        [catalog.label(r.indicator, lang), charts.qualified(catalog, r.indicator, r.value, r.qualifier, lang),
         catalog.format(r.indicator, r.full_at), catalog.format(r.indicator, r.gap),
         charts.verdict_label(r.verdict, lang),
         f"{r.cost:.1f}"]
        for r in data.unmet.itertuples()
    ]
    header = [t("col_indicator", lang), t("col_value", lang), t("col_standard", lang), t("gap", lang), t("col_status", lang), t("cost", lang)]
    return html_table(header, rows, numeric={1, 2, 3, 5})


def survey_rows(data: ReportData, catalog: Catalog, year: int, lang: str) -> str:
    rates = data.trend[(data.trend["year"] == year) & data.trend["lower"].notna()]
    rows = [[catalog.label(r.indicator, lang), catalog.format(r.indicator, r.value),
             f"{catalog.format(r.indicator, r.lower)}–{catalog.format(r.indicator, r.upper)}", str(int(r.n))]
            for r in rates.itertuples()]
    return html_table([t("col_indicator", lang), t("col_value", lang), t("report_interval", lang), "n"], rows, numeric={1, 2, 3}) if rows else ""


def trend_charts(data: ReportData, catalog: Catalog, codes: list[str], lang: str) -> str:
    """Static charts (no hover, nothing to click in print); Plotly's script is inlined once."""
    parts = []
    for code in codes:
        rows = data.trend[data.trend["indicator"] == code]
        if rows.empty:
            continue
        fig = charts.indicator_trend(rows, catalog, code, lang)
        fig.update_layout(width=440, height=260)
        script = "inline" if not parts else False
        parts.append(f'<div class="chart">{fig.to_html(full_html=False, include_plotlyjs=script, config={"staticPlot": True})}</div>')
    return f'<div class="charts">{"".join(parts)}</div>'


def sources(data: ReportData, catalog: Catalog, lang: str) -> str:
    found = sorted({s for s in data.trend["source"].dropna()})
    items = "".join(f"<li>{escape(catalog.source_title(s, lang))} <code>{escape(s)}</code></li>" for s in found)
    return f"<ul>{items}<li>{escape(t('report_survey_source', lang))}</li></ul>"


def district_report(district: str, year: int, snapshot: str, synthetic: bool, data: ReportData, catalog: Catalog, lang: str) -> str:
    """The whole report as one HTML document."""
    name, city = catalog.name("regions", district, lang), catalog.name("regions", catalog.regions.at[district, "parent_code"], lang)
    title = t("report_title", lang, district=name, city=city, year=year)
    key_codes = list(dict.fromkeys(list(data.unmet["indicator"][:4]) + catalog.headline))[:6]
    notice = f'<p class="synthetic">{escape(t("synthetic_notice", lang))}</p>' if synthetic else ""
    return "\n".join([
        f'<!doctype html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(t("report_meta", lang, snapshot=snapshot))}</p>', notice,
        headline(data, year, lang),
        f"<h2>{escape(t('report_aspects', lang))}</h2>", aspect_rows(data, catalog, lang),
        f"<h2>{escape(t('report_unmet', lang))}</h2>", unmet_rows(data, catalog, lang),
        f"<h2>{escape(t('report_survey', lang))}</h2>", survey_rows(data, catalog, year, lang),
        f"<h2>{escape(t('report_trends', lang))}</h2>", trend_charts(data, catalog, key_codes, lang),
        f"<h2>{escape(t('report_sources', lang))}</h2>", sources(data, catalog, lang),
        "</body></html>",
    ])
