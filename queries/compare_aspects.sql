-- compare_aspects: the aspect score rates of chosen districts in one year (their aspect profile).
-- Params: $districts (list of codes), $year. Grain: one row per district and aspect with a score.
-- Columns: region_code, aspect, score_rate, scored.
select region_code, aspect, score_rate, scored
from aspect_scores
where list_contains($districts, region_code) and year = $year
order by region_code, aspect
