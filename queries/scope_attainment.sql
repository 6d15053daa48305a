-- scope_attainment: every scored indicator of every region of a scope in a year against its standard.
-- Params: $level, $parent ('' for every region of the level), $year. Grain: one row per region and scored
-- indicator with a value. Columns: region_code, indicator, aspect, value, qualifier, attainment, credit,
-- gap, uncertain, verdict.
select region_code, indicator, aspect, value, qualifier, attainment, credit, gap, uncertain, verdict
from attainment
where level = $level and ($parent = '' or parent_code = $parent) and year = $year
order by region_code, aspect, indicator
