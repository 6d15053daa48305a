"""Indicators: the catalog as people read it: aspects, definitions, units, standards and their evidence."""

import streamlit as st

from chuangcheng.app import answers, session, ui


def matches(code: str, query: str) -> bool:
    meta = answers.catalog().indicators.loc[code]
    fields = ("name_en", "name_zh", "definition_en", "definition_zh", "unit_en", "unit_zh")
    return query.casefold() in (" ".join(str(meta[f]) for f in fields) + " " + code).casefold()


def indicator_card(code: str) -> None:
    catalog, lang = answers.catalog(), session.lang()
    meta = catalog.indicator(code)
    kind = session.text(f"kind_{meta['kind']}")
    # One Markdown element a card, not four: each element costs the server a message, and this page has 46 cards.
    with st.container(border=True):
        st.markdown(
            "  \n".join(
                [
                    f"**{meta[f'name_{lang}']}** · {meta[f'unit_{lang}']} · {kind} · `{code}`",
                    f"{session.text('col_standard')}: **{catalog.standard_text(code, lang)}**",
                    str(meta[f"definition_{lang}"]),
                    f":gray[{session.text('evidence')}: {meta[f'evidence_{lang}']}]",
                ]
            )
        )


def aspect_section(aspect: str, codes: list[str]) -> None:
    st.subheader(f"{aspect} · {answers.names('aspects')[aspect]}")
    for column, code in zip(st.columns(2) * len(codes), codes):
        with column:
            indicator_card(code)


def main() -> None:
    catalog = answers.catalog()
    st.title(session.text("indicators_title"))
    st.caption(session.text("indicators_caption", n=len(catalog.indicators), aspects=len(catalog.aspects)))
    query = st.text_input(session.text("search"), key="q").strip()
    for aspect in catalog.aspects.index:
        codes = [
            c
            for c in catalog.indicators.index
            if catalog.indicators.at[c, "aspect"] == aspect and (not query or matches(c, query))
        ]
        if codes:
            aspect_section(aspect, codes)


ui.show_page(main)
