-- scope_years: the years in which any region of a level (under one parent, or under any) has a value.
-- Params: $level, $parent ('' for every region of the level). Grain: one row per year, newest first.
-- Columns: year.
select distinct year
from region_years
where level = $level and ($parent = '' or parent_code = $parent)
order by year desc
