-- period_region: one region's figures finer than a year, every indicator and period, oldest first.
-- Params: $region. Grain: one row per indicator and period with a figure.
-- Columns: see queries/derived/period_values.sql.
select
    region_code, period, grain, period_start, period_end, year, indicator, cumulative, value, qualifier, source, status,
    note, before_period, before_value, change, year_ago_period, year_ago_value, year_change
from period_values
where region_code = $region
order by indicator, period_start
