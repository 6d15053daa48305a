-- period_list: the periods finer than a year a scope (or one region of it) has figures for, oldest first.
-- Params: $level, $parent ('' for every region of the level), $region ('' for every region of the scope).
-- Grain: one row per period. Columns: period, grain, period_start, indicators (how many have a figure then).
select period, grain, period_start, count(distinct indicator) as indicators
from period_values
where level = $level and ($parent = '' or parent_code = $parent) and ($region = '' or region_code = $region)
group by period, grain, period_start
order by period_start, grain
