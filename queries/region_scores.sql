-- region_scores: one region's overall score rate, coverage and rank among its peers (same level and
-- parent), every year it is scored, with the change on the period before: the year before, as on the
-- overview, the bulletin and the API (scope_ranking.sql). A year whose year before has no score has no
-- change (the page names the gap), never a change on whichever earlier year was scored.
-- Params: $region. Grain: one row per year scored.
-- Columns: year, score_rate, coverage, scored, ranked, rank, peers (ranked peers that year),
-- score_change, rank_change (positive: moved up), previous_scored (scored indicators the year before).
select
    s.year, s.score_rate, s.coverage, s.scored, s.ranked, s.rank, s.peers,
    s.score_rate - p.score_rate as score_change,
    p.rank - s.rank as rank_change,
    p.scored as previous_scored
from overall_scores s
left join overall_scores p on p.region_code = s.region_code and p.year = s.year - 1
where s.region_code = $region
order by s.year
