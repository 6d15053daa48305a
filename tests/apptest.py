"""Helpers for headless AppTest runs of the real entrypoint."""

import json
import re

from streamlit.testing.v1 import AppTest

from chuangcheng import ROOT


def run_app(page: str | None = None, **params) -> AppTest:
    """Run app.py (and switch to a page) with query parameters, as a fresh browser session would."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def charts(at: AppTest) -> list[dict]:
    """The Plotly specs on the page (AppTest has no typed wrapper for charts)."""
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def shown(markdown: str) -> str:
    """What a reader sees of Markdown whose text was escaped (render/safe.py): the backslashes go."""
    return re.sub(r"\\(.)", r"\1", markdown)


def texts(at: AppTest) -> str:
    """Everything a reader sees as text: titles, headers, markdown, captions, metrics, alerts."""
    parts = [
        e.value
        for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error")
        for e in getattr(at, kind)
    ]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    return shown("\n".join(str(p) for p in parts))


def array(value) -> list:
    """A Plotly data array as a list (plotly encodes numeric arrays as base64 typed arrays)."""
    if isinstance(value, dict) and "bdata" in value:
        import base64

        import numpy as np

        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"])).tolist()
    return list(value)
