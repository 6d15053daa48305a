"""The Streamlit side: cached views, shared widgets, URL binding and messages."""
