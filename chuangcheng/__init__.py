"""Chuangcheng: the logic behind the civilized-city campaign dashboard (no Streamlit in here, but app/)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
