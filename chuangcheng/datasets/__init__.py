"""The shipped datasets (demo city, reported figures) and the national-scale benchmark data."""
