-- scope_ranking_years: the ranking of a scope in every year it is scored, for the ranking's timeline (play).
-- Ranks are within the scope asked, as in scope_ranking; unranked regions (too little coverage) have rank null.
-- Params: $level, $parent ('' for every region of the level). Grain: one row per region and year scored.
-- Columns: region_code, year, score_rate, ranked, rank.
select
    region_code, year, score_rate, ranked,
    case when ranked then rank() over (partition by year, ranked order by score_rate desc, coverage desc) end as rank
from overall_scores
where level = $level and ($parent = '' or parent_code = $parent)
order by year, region_code
