"""The CSV contract's long layout (design: one row per region, year and indicator): its columns in order. Exports
write them; ingest reads a file headed with them (in English or as the Chinese export heads them) back as it was."""

LONG_COLUMNS = [
    "region_code",
    "region_name",
    "year",
    "indicator",
    "indicator_name",
    "unit",
    "value",
    "lower",
    "upper",
    "n",
    "qualifier",
    "status",
    "source",
    "note",
]
# A figure finer than a year carries its period (2025-06) and the dates it covers after the year, where a file holds
# any: a yearly export keeps the columns above, byte for byte.
PERIOD_COLUMNS = ["period", "period_start", "period_end"]


def long_columns(periods: bool) -> list[str]:
    """The long layout's columns, with the period's after the year when the rows hold figures finer than a year."""
    at = LONG_COLUMNS.index("year") + 1
    return LONG_COLUMNS[:at] + (PERIOD_COLUMNS if periods else []) + LONG_COLUMNS[at:]
