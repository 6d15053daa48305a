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
