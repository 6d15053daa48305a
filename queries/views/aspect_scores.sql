-- aspect_scores: each district's score rate (得分率) per aspect and year: 100 x the mean credit of the
-- aspect's scored indicators that have a value that year.
-- Columns: region_code, city, year, aspect, score_rate, scored (indicators with a value), uncertain.
-- A table computed once at open (every page reads it; a view recomputed its windows per question).
create table aspect_scores as
select
    region_code, city, year, aspect,
    100 * avg(credit) as score_rate,
    count(*) as scored,
    count(*) filter (where uncertain) as uncertain
from attainment
group by region_code, city, year, aspect
order by city, year, region_code, aspect
