"""Text from the data or a link stays text: escaped for the medium that would otherwise run it as markup.

Streamlit renders Markdown (links, images, :colour[...] directives, LaTeX between $) in titles, captions and
alerts; Plotly renders a subset of HTML (<a href>, <b>, <br>) in titles, labels, legends and hovers and
fills %{...} in hover templates. Exports and tables show text as it is and need neither; CSV and XLSX
cells are defused against formulas in render/export.py.
"""

import html
import re

MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+\-.!|:<>~$&=^])")
# GFM turns bare addresses into links after escapes are read (https://…, www.…, a@b.c); an invisible
# word joiner inside each trigger keeps them text.
AUTOLINK_TRIGGERS = re.compile(r"(?i)(://|www\.|@)")
JOINER = "\u2060"


# Characters that reorder what a reader sees (U+202E turns "exe.txt" into "txt.exe"); ingest refuses them, but data
# that bypass ingest reach the report and the files too, so every output drops them.
BIDI_PATTERN = "[\u202a-\u202e\u2066-\u2069]"
BIDI = re.compile(BIDI_PATTERN)


def without_bidi(text: str) -> str:
    return BIDI.sub("", text)


def html_text(text) -> str:
    """Text for an HTML page (the report): escaped, and without bidi controls."""
    return html.escape(without_bidi(str(text)))


def markdown(text) -> str:
    """Shown literally by Streamlit's Markdown: every character Markdown or Streamlit could act on is
    backslash-escaped, bare addresses are kept from becoming links, and line breaks become spaces (a
    name is one line)."""
    flat = " ".join(str(text).split())
    unlinked = AUTOLINK_TRIGGERS.sub(lambda found: found.group(0)[0] + JOINER + found.group(0)[1:], flat)
    return MARKDOWN_SPECIALS.sub(r"\\\1", unlinked)


def plotly(text) -> str:
    """Shown literally by Plotly: its HTML subset and template fields become entities."""
    return html.escape(str(text), quote=False).replace("%", "&#37;")


def plotly_all(texts) -> list[str]:
    return [plotly(text) for text in texts]
