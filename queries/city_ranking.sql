-- city_ranking: the districts of a city ranked by overall score rate in a year, with the year before.
-- Params: $city, $year. Grain: one row per district scored in $year.
-- Columns: region_code, score_rate, rank, aspects, previous_score_rate, previous_rank.
select
    s.region_code, s.score_rate, s.rank, s.aspects,
    p.score_rate as previous_score_rate, p.rank as previous_rank
from overall_scores s
left join overall_scores p on p.region_code = s.region_code and p.year = s.year - 1
where s.city = $city and s.year = $year
order by s.rank, s.region_code
