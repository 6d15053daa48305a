-- period_scope: every figure of a period for the regions of a scope, with the period before and a year earlier.
-- Params: $level, $parent ('' for every region of the level), $period (canonical text: 2025-06, 2025Q2).
-- Grain: one row per region and indicator with a figure in the period.
-- Columns: see queries/derived/period_values.sql.
select
    region_code, period, grain, period_start, period_end, year, indicator, cumulative, value, qualifier, source, status,
    note, before_period, before_value, change, year_ago_period, year_ago_value, year_change
from period_values
where level = $level and ($parent = '' or parent_code = $parent) and period = $period
order by indicator, value desc, region_code
