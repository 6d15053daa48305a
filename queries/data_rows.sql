-- data_rows: the long rows the data page shows and exports, for chosen regions, indicators and years: a year's
-- figures, then within each year the figures finer than it (a month's), each with its period.
-- Params: $regions, $indicators (lists of codes; an empty list means all), $first, $last (years).
-- Grain: one row per region, year (or period) and indicator with a value.
-- Columns: region_code, year, period (null for a year's figure), period_start, period_end, indicator, value, lower,
-- upper, n (a double, as the decimal a sum gives reads in pandas), qualifier, status, source, note.
select * exclude (part) from (
select
    region_code, year, null::varchar as period, null::date as period_start, null::date as period_end, indicator, value,
    lower, upper, n::double as n, qualifier, status, source, note, 0 as part
from indicator_values
where (len($regions) = 0 or list_contains($regions, region_code))
  and (len($indicators) = 0 or list_contains($indicators, indicator))
  and year between $first and $last
union all
select
    region_code, year, period, case when cumulative then make_date(year, 1, 1) else period_start end, period_end,
    indicator, value, null, null, null, qualifier, status, source, note, 1 as part
from period_values
where (len($regions) = 0 or list_contains($regions, region_code))
  and (len($indicators) = 0 or list_contains($indicators, indicator))
  and year between $first and $last
)
order by region_code, year, part, period_start, indicator
