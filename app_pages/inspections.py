"""Field inspections (实地检查): a district's streets ranked by 得分率 and, separately, by 问题整改率 in a week or a
month, with the places moved since the period before; the failing standards by point type, the points lost by
category, and each street's rate over time. Laid out only: views/inspections.py decides every number and word."""

import streamlit as st

from chuangcheng import settings
from chuangcheng.app import answers, pickers, session, ui
from chuangcheng.geo import boundaries
from chuangcheng.render import inspection_charts, safe

RANKED = {
    "rank_text": "rank",
    "region": "col_region",
    "points": "col_points",
    "checked": "col_checked",
    "passed": "col_passed",
    "severe": "col_severe",
    "pass_rate_text": "col_pass_rate",
    "score_rate_text": "col_score_rate",
    "rank_change_text": "col_rank_change",
}
RECTIFIED = {
    "rank_text": "rank",
    "region": "col_region",
    "assigned": "col_assigned",
    "rectified": "col_rectified",
    "overdue": "col_overdue_assigned",
    "rectification_rate_text": "col_rectification_rate",
    "rank_change_text": "col_rank_change",
}
STANDARDS = {
    "point_type_name": "col_point_type",
    "standard_name": "col_standard",
    "category_name": "col_category",
    "aspect_name": "col_aspect",
    "checked": "col_checked",
    "failed": "col_failed",
    "severe": "col_severe",
    "pass_rate": "col_pass_rate",
    "lost_points": "col_lost_points",
}


def sources() -> list[tuple[str, str]]:  # what every chart here is drawn from, for its provenance line
    return [("", session.text("source_inspections"))]


def shown(frame, columns: dict):
    return frame[list(columns)].rename(columns={k: session.text(v) for k, v in columns.items()})


def main() -> None:
    st.title(session.text("inspections_title"))
    default = answers.view("inspections", answers.params())
    if not default.months:
        ui.no_data(session.text("inspections_none"))
        return
    where = ui.main_controls()
    left, middle, right = where.columns([2, 1, 3])
    parents = default.parents  # the view's: a page asks no query of its own
    parent = pickers.pick_one("district", session.text("ledger_scope"), parents, parents[0], answers.names().get, left)
    grain = pickers.choose_grain(("month", "week"), middle)
    options = default.weeks if grain == "week" else default.months
    labels = pickers.period_labels(options)
    period = pickers.choose_period(options, labels, where=right)
    asked = answers.params().but(level=default.params.level, parent=parent, period=period)
    view = answers.view("inspections", asked)
    label = labels.get(period, period)
    st.subheader(session.text("inspections_ranking", period=label))
    st.dataframe(
        shown(view.rows, RANKED),
        hide_index=True,
        width="stretch",
    )
    ranked_by = view.rows["ranked_by"].iloc[0] if len(view.rows) else "score_rate"
    st.caption(session.text(f"inspections_ranked_by_{ranked_by}"))
    ends(view.rows)
    rectification = answers.view("rectification", asked)
    if len(rectification.rows) and rectification.params.parent == parent:
        st.subheader(session.text("ledger_rectification", period=label))
        st.dataframe(shown(rectification.rows, RECTIFIED), hide_index=True, width="stretch")
    standards = answers.view("inspection_standards", asked)
    lang = session.lang()
    if len(standards.rows):
        ui.plot(inspection_charts.failure_heatmap(standards.rows, lang), "inspection_failures", sources())
        st.caption(session.text("inspections_heat_caption"))
    if len(standards.categories):
        ui.plot(inspection_charts.lost_bars(standards.categories, lang), "inspection_lost_points", sources())
        st.caption(session.text("inspections_lost_caption"))
    located = answers.view("inspection_sites", asked)
    if len(located.rows):
        shapes = boundaries.load(settings.data_dir(), [parent])
        ui.plot(inspection_charts.sites_map(located.rows, shapes, lang), "inspection_sites", sources())
        st.caption(session.text("inspections_sites_caption"))
    trend = answers.view("inspection_trend", asked)
    if len(trend.rows):
        column = "score_rate" if ranked_by == "score_rate" else "pass_rate"
        ui.plot(inspection_charts.rate_trend(trend.rows, column, lang), "inspection_trend", sources())
    with st.expander(session.text("inspections_standards_table")):
        st.dataframe(shown(standards.rows, STANDARDS), hide_index=True, width="stretch")


def ends(rows) -> None:
    """Top three and bottom three, as bulletins name them, where a scope has more regions than that."""
    ranked = rows[rows["rank"].notna()]
    if len(ranked) <= 6:
        return
    top, bottom = st.columns(2)
    rate = "score_rate_text" if ranked["ranked_by"].iloc[0] == "score_rate" else "pass_rate_text"
    for where, title, part in (
        (top, "inspections_top", ranked.head(3)),
        (bottom, "inspections_bottom", ranked.tail(3)),
    ):
        where.markdown(f"**{session.text(title)}**")
        where.markdown(
            "\n".join(f"{int(r['rank'])}. {safe.markdown(r['region'])} — {r[rate]}%" for _, r in part.iterrows())
        )


ui.show_page(main)
