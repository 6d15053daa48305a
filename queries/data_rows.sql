-- data_rows: the long rows the data page shows and exports, for chosen regions, indicators and years.
-- Params: $regions, $indicators (lists of codes; an empty list means all), $first, $last (years).
-- Grain: one row per region, year and indicator with a value.
-- Columns: region_code, year, indicator, value, lower, upper, n (a double, as the decimal a sum gives reads in pandas), qualifier,
-- status, source, note.
select region_code, year, indicator, value, lower, upper, n::double as n, qualifier, status, source, note
from indicator_values
where (len($regions) = 0 or list_contains($regions, region_code))
  and (len($indicators) = 0 or list_contains($indicators, indicator))
  and year between $first and $last
order by region_code, year, indicator
