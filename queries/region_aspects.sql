-- region_aspects: one region's score rate per aspect in a year and the year before.
-- Params: $region, $year. Grain: one row per aspect scored in $year.
-- Columns: aspect, score_rate, scored, uncertain, previous_score_rate.
select a.aspect, a.score_rate, a.scored, a.uncertain, p.score_rate as previous_score_rate
from aspect_scores a
left join aspect_scores p on p.region_code = a.region_code and p.aspect = a.aspect and p.year = a.year - 1
where a.region_code = $region and a.year = $year
order by a.aspect
