-- compare_aspects: the aspect score rates of chosen regions in one year (their aspect profile).
-- Params: $regions (list of codes), $year. Grain: one row per region and aspect with a score.
-- Columns: region_code, aspect, score_rate, scored.
select region_code, aspect, score_rate, scored
from aspect_scores
where list_contains($regions, region_code) and year = $year
order by region_code, aspect
