-- region_unscored_aspects: the aspects one region had a score for in the year before $year and has none for
-- in $year (every value they had went missing): the overall score rate averages over the aspects scored,
-- so it can move for that alone, and the page says so.
-- Params: $region, $year. Grain: one row per such aspect.
-- Columns: aspect, previous_score_rate.
select p.aspect, p.score_rate as previous_score_rate
from aspect_scores p
where p.region_code = $region and p.year = $year - 1
  and not exists (select 1 from aspect_scores a where a.region_code = p.region_code and a.aspect = p.aspect and a.year = $year)
order by p.aspect
