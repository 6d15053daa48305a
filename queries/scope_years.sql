-- scope_years: the years in which any region of a level (under one parent, or under any) has a value.
-- Params: $level, $parent ('' for every region of the level). Grain: one row per year, newest first.
-- Columns: year.
select distinct v.year
from indicator_values v
join regions r on r.code = v.region_code
where r.level = $level and ($parent = '' or r.parent_code = $parent)
order by v.year desc
