"""The dashboard and its API in one process: `streamlit run serve.py` (what `make run` starts).

Streamlit serves app.py as ever; chuangcheng/app/api.py adds /api/<question>.<csv|json> beside it, asking the
same views from the same data folder; chuangcheng/app/guard.py refuses uploads from sessions that are not
a signed-in administrator's (Streamlit's upload endpoint would take files for any session).
"""

import streamlit as st
from starlette.middleware import Middleware

from chuangcheng.app import api, guard, ui  # noqa: F401  (imported at start, so the first page does not wait for Plotly)

app = st.App("app.py", routes=api.routes(), middleware=[Middleware(guard.AdminUploadsOnly)])
