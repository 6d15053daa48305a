-- data_rows_count: how many rows data_rows would return for the same parameters, counted without loading them
-- (an API answer over its row limit is refused before it takes memory).
-- Params: $regions, $indicators (lists of codes; an empty list means all), $first, $last (years).
-- Columns: rows.
select count(*) as rows
from indicator_values
where (len($regions) = 0 or list_contains($regions, region_code))
  and (len($indicators) = 0 or list_contains($indicators, indicator))
  and year between $first and $last
