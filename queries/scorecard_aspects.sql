-- scorecard_aspects: the bulletin at aspect level: every district's score rate per aspect in a year,
-- plus one row with aspect 'overall' carrying the overall score rate and the rank within its city.
-- Params: $year. Grain: one row per district and aspect, and one 'overall' row per district; districts
-- in rank order within each city, the overall row last.
-- Columns: region_code, city, year, aspect, score_rate, rank (only on the overall row).
with rows as (
    select region_code, city, year, aspect, score_rate, null::bigint as rank, 0 as overall
    from aspect_scores
    where year = $year
    union all
    select region_code, city, year, 'overall' as aspect, score_rate, rank, 1 as overall
    from overall_scores
    where year = $year
)
select r.region_code, r.city, r.year, r.aspect, r.score_rate, r.rank
from rows r
join overall_scores o on o.region_code = r.region_code and o.year = r.year
order by r.city, o.rank, r.region_code, r.overall, r.aspect
