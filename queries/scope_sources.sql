-- scope_sources: the sources of the values of a scope in a year (for the page's sources footer), and
-- whether any value is a survey rate (computed from the snapshot's microdata, which has no source column).
-- Params: $level, $parent ('' for every region of the level), $year. Grain: one row per source ('' for
-- survey rates). Columns: source, survey (true for the survey rates' row), figures.
select coalesce(source, '') as source, bool_or(lower is not null) as survey, count(*) as figures
from indicator_values
where level = $level and ($parent = '' or parent_code = $parent) and year = $year
group by all
order by source
