-- district_scores: one district's overall score rate and rank in its city, every year, with the change
-- on the year before.
-- Params: $district. Grain: one row per year scored.
-- Columns: year, score_rate, rank, districts (ranked in the city that year), score_change, rank_change.
with ranked as (
    select o.*, count(*) over (partition by o.city, o.year) as districts
    from overall_scores o
    where o.city = (select parent_code from regions where code = $district)
)
select
    year, score_rate, rank, districts,
    score_rate - lag(score_rate) over (order by year) as score_change,
    lag(rank) over (order by year) - rank as rank_change
from ranked
where region_code = $district
order by year
