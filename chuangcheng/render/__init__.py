"""Renderers: charts, exports and the printable report, each from a view's frames."""
