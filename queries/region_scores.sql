-- region_scores: one region's overall score rate, coverage and rank among its peers (same level and
-- parent), every year it is scored, with the change on the year before.
-- Params: $region. Grain: one row per year scored.
-- Columns: year, score_rate, coverage, scored, ranked, rank, peers (ranked peers that year),
-- score_change, rank_change (positive: moved up).
select
    year, score_rate, coverage, scored, ranked, rank, peers,
    score_rate - lag(score_rate) over (order by year) as score_change,
    lag(rank) over (order by year) - rank as rank_change
from overall_scores
where region_code = $region
order by year
