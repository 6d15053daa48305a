"""Snapshots on disk and the one module that runs SQL over them."""
