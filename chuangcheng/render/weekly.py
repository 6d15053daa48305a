"""The weekly 督查通报 as files offices circulate: a formatted XLSX (title, the issue's figures, the ranking, the points
well and not rectified, the units with overdue problems, the definitions) and a printable, self-contained HTML.
Both are rendered from views/weekly.py's WeeklyBulletin, which decides every cell, and depend only on it and the
snapshot: the page's download, `python -m chuangcheng weekly` and /api/weekly.xlsx|html give the same bytes."""

import tempfile
from datetime import datetime
from pathlib import Path


from chuangcheng.i18n import t
from chuangcheng.render import export
from chuangcheng.render.report import STYLE, html_table
from chuangcheng.render.safe import html_text as escape

FORMATS = ("xlsx", "html")
MIME = {"xlsx": export.MIME["xlsx"], "html": "text/html; charset=utf-8"}


def file_name(bulletin, snapshot: str, fmt: str) -> str:
    """chuangcheng_weekly_demo-v1_990103_2025-W52_zh.xlsx"""
    scope = bulletin.params.parent or bulletin.params.level or "all"
    return f"chuangcheng_weekly_{snapshot}_{scope}_{bulletin.params.period}_{bulletin.params.lang}.{fmt}"


def generated(bulletin, snapshot: str) -> str:
    return t("weekly_generated", bulletin.params.lang, snapshot=snapshot)


def html(bulletin, snapshot: str) -> str:
    """The printable bulletin (no script, no network): print it from the browser, or save it as PDF."""
    lang = bulletin.params.lang
    figures = "".join(
        f'<div class="figure">{escape(r.label)}<b>{escape(r.value_text or "—")}</b></div>'
        for r in bulletin.facts.itertuples()
    )
    parts = [
        f"<h1>{escape(bulletin.title)}</h1>",
        f'<p class="meta">{escape(bulletin.subtitle)}</p>',
        f"<h2>{escape(t('weekly_facts', lang))}</h2>",
        f"<p>{escape(bulletin.summary)}</p>",
        f'<div class="figures facts">{figures}</div>',
    ]
    for key, heading, _ in bulletin.sections():
        header, rows, numeric = bulletin.cells(key)
        parts.append(f"<h2>{escape(heading)}</h2>")
        table = f'<div class="scroll">{html_table(header, rows, numeric)}</div>'
        parts.append(table if rows else f"<p>{escape(t('weekly_nothing', lang))}</p>")
    parts.append(f'<p class="meta">{escape(t("weekly_definitions", lang))}</p>')
    parts.append(f'<footer class="provenance">{escape(generated(bulletin, snapshot))}</footer>')
    style = STYLE + (
        ".facts { flex-wrap: wrap; } .facts .figure { min-width: 140px; }"
        " .scroll { overflow-x: auto; } th, td { white-space: nowrap; }"  # a phone scrolls a table, never splits a name
        " @media print { th, td { white-space: normal; } }"
    )
    return (
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(bulletin.title)}</title><style>{style}</style></head><body>{''.join(parts)}</body></html>"
    )


def xlsx(bulletin, snapshot: str, created: datetime) -> bytes:
    """The bulletin as one formatted sheet: numbers stay numbers, rates with one decimal, the bytes depend only on
    the bulletin and the snapshot's date."""
    import xlsxwriter  # only when an XLSX is asked for

    lang = bulletin.params.lang
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "weekly.xlsx"
        book = xlsxwriter.Workbook(
            path, {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
        )
        book.set_properties({"created": created, "title": bulletin.title})
        sheet = book.add_worksheet("通报" if lang == "zh" else "bulletin")
        heading = book.add_format({"bold": True, "font_size": 12})
        header = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
        rate, whole = book.add_format({"num_format": "0.0"}), book.add_format({"num_format": "0"})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        sheet.write_string(0, 0, bulletin.title, book.add_format({"bold": True, "font_size": 14}))
        sheet.write_string(1, 0, bulletin.subtitle)
        sheet.write_string(2, 0, bulletin.summary)
        row = 4
        sheet.write_string(row, 0, t("weekly_facts", lang), heading)
        for fact in bulletin.facts.itertuples():
            row += 1
            sheet.write_string(row, 0, fact.label)
            if fact.value is not None and fact.value == fact.value:
                sheet.write_number(row, 1, float(fact.value), rate if fact.fact.endswith("rate") else whole)
        for key, title, _ in bulletin.sections():
            row += 2
            sheet.write_string(row, 0, title, heading)
            frame = getattr(bulletin, key)
            columns = list(bulletin.headers(key))
            row += 1
            for column, name in enumerate(columns):
                sheet.write_string(row, column, bulletin.headers(key)[name], header)
            if frame.empty:
                row += 1
                sheet.write_string(row, 0, t("weekly_nothing", lang))
                continue
            cells = [export.xlsx_cells(frame[c]) for c in columns]
            for values in zip(*cells):
                row += 1
                for column, (name, value) in enumerate(zip(columns, values)):
                    if value is None:
                        continue
                    if isinstance(value, float):
                        sheet.write_number(row, column, value, rate if name.endswith("rate") else whole)
                    else:
                        sheet.write_string(row, column, value)
        row += 2
        sheet.merge_range(row, 0, row, 7, t("weekly_definitions", lang), wrap)
        sheet.set_row(row, 90)
        sheet.write_string(row + 1, 0, generated(bulletin, snapshot))
        sheet.set_column(0, 0, 22)
        sheet.set_column(1, 1, 22)
        sheet.set_column(2, 12, 12)
        sheet.fit_to_pages(1, 0)
        sheet.set_landscape()
        book.close()
        return path.read_bytes()


def render(bulletin, snapshot: str, fmt: str, created: datetime) -> bytes:
    """The bulletin's bytes in a format (xlsx or html)."""
    if fmt == "xlsx":
        return xlsx(bulletin, snapshot, created)
    return html(bulletin, snapshot).encode("utf-8")
