"""Views: one question each, answered from an open snapshot and a Params value, without Streamlit.

Pages, the printable report, the exports and the command line all read these; status, rounding, change
and labels are decided here (see present.py) and nowhere else.
"""
