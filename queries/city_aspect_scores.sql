-- city_aspect_scores: every district of a city, its score rate per aspect in a year (the heat map).
-- Params: $city, $year. Grain: one row per district and aspect scored.
-- Columns: region_code, aspect, score_rate, scored.
select region_code, aspect, score_rate, scored
from aspect_scores
where city = $city and year = $year
order by region_code, aspect
