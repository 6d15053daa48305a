-- data_rows: the long rows the data page shows and exports, for chosen districts, indicators and years.
-- Params: $districts, $indicators (lists of codes), $first, $last (years).
-- Grain: one row per district, year and indicator with a value.
-- Columns: region_code, year, indicator, value, qualifier, status, source.
select region_code, year, indicator, value, qualifier, status, source
from indicator_values
where list_contains($districts, region_code)
  and list_contains($indicators, indicator)
  and year between $first and $last
order by region_code, year, indicator
