-- data_period_rows_count: how many rows data_period_rows would return for the same parameters.
-- Params: $regions, $indicators (lists of codes; an empty list means all), $first, $last (years).
-- Columns: rows.
select count(*) as rows
from period_values
where (len($regions) = 0 or list_contains($regions, region_code))
  and (len($indicators) = 0 or list_contains($indicators, indicator))
  and year between $first and $last
