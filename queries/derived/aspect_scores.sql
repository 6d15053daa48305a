-- aspect_scores: each region's score rate (得分率) per aspect and year: 100 x the mean credit of the
-- aspect's scored indicators that have a value that year (indicators not scored for too few peers aside).
-- Columns: region_code, parent_code, level, year, aspect, score_rate, scored (indicators judged),
-- uncertain (of them, how many uncertain).
create table aspect_scores as
select
    region_code, parent_code, level, year, aspect,
    100 * avg(credit) as score_rate,
    count(credit) as scored,
    count(*) filter (where uncertain) as uncertain
from attainment
group by region_code, parent_code, level, year, aspect
having count(credit) > 0
order by parent_code, level, year, region_code, aspect
