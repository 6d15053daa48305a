-- overall_scores: each district's overall score rate per year (the mean of its aspect score rates that
-- have any value) and its rank among the districts of its city that year (1 = best).
-- Columns: region_code, city, year, score_rate, aspects, rank.
-- A table computed once at open (every page reads it; a view recomputed its windows per question).
create table overall_scores as
select
    region_code, city, year,
    avg(score_rate) as score_rate,
    count(*) as aspects,
    rank() over (partition by city, year order by avg(score_rate) desc) as rank
from aspect_scores
group by region_code, city, year
order by city, year, rank, region_code
