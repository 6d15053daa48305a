-- scope_indicator_counts: how many regions of a scope have a value of each indicator in a year.
-- Params: $level, $parent ('' for every region of the level), $year. Grain: one row per indicator with
-- any value. Columns: indicator, regions.
select indicator, count(*) as regions
from indicator_values
where level = $level and ($parent = '' or parent_code = $parent) and year = $year
group by indicator
order by indicator
