-- scope_indicator_counts: how many regions of a scope have a value of each indicator in a year.
-- Params: $level, $parent ('' for every region of the level), $year. Grain: one row per indicator with
-- any value. Columns: indicator, regions.
select v.indicator, count(*) as regions
from indicator_values v
join regions r on r.code = v.region_code
where r.level = $level and ($parent = '' or r.parent_code = $parent) and v.year = $year
group by v.indicator
order by v.indicator
