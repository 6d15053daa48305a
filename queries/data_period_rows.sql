-- data_period_rows: data_rows' figures finer than a year (a month's), for the same regions, indicators and years,
-- each with its period and the dates it covers (a cumulative figure from 1 January of its year).
-- Params: $regions, $indicators (lists of codes; an empty list means all), $first, $last (years).
-- Grain: one row per region, period and indicator with a value.
-- Columns: region_code, year, period, period_start, period_end, indicator, value, qualifier, status, source, note.
select
    region_code, year, period, case when cumulative then make_date(year, 1, 1) else period_start end as period_start,
    period_end, indicator, value, qualifier, status, source, note
from period_values
where (len($regions) = 0 or list_contains($regions, region_code))
  and (len($indicators) = 0 or list_contains($indicators, indicator))
  and year between $first and $last
order by region_code, year, period, indicator
