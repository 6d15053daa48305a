-- scope_aspect_scores: every region of a scope, its score rate per aspect in a year (the heat map).
-- Params: $level, $parent ('' for every region of the level), $year. Grain: one row per region and aspect
-- scored. Columns: region_code, aspect, score_rate, scored.
select region_code, aspect, score_rate, scored
from aspect_scores
where level = $level and ($parent = '' or parent_code = $parent) and year = $year
order by region_code, aspect
