"""The dashboard and its API in one process: `streamlit run serve.py` (what `make run` starts).

Streamlit serves app.py as ever; chuangcheng/app/api.py adds /api/<question>.<csv|json> beside it, asking the
same views from the same data folder.
"""

import streamlit as st

from chuangcheng.app import api, ui  # noqa: F401  (imported at start, so the first page does not wait for Plotly)

app = st.App("app.py", routes=api.routes())
