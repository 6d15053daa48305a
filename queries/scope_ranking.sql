-- scope_ranking: the regions of a scope ranked by overall score rate in a year, with the year before.
-- Only regions whose coverage reaches the setting are ranked; the others are listed after them with
-- rank null. Ranks are within the scope asked (one parent's regions, or every region of the level).
-- Params: $level, $parent ('' for every region of the level), $year. Grain: one row per region scored.
-- Columns: region_code, score_rate, coverage, scored, aspects, ranked, rank, ranked_regions,
-- previous_score_rate, previous_rank.
with scoped as (
    select *
    from overall_scores
    where level = $level and ($parent = '' or parent_code = $parent) and year in ($year, $year - 1)
),
ranked as (
    select
        *,
        case when ranked then rank() over (partition by year, ranked order by score_rate desc, coverage desc) end as scope_rank,
        count(*) filter (where ranked) over (partition by year) as ranked_regions
    from scoped
)
select
    s.region_code, s.score_rate, s.coverage, s.scored, s.aspects, s.ranked, s.scope_rank as rank, s.ranked_regions,
    p.score_rate as previous_score_rate, p.scope_rank as previous_rank
from ranked s
left join ranked p on p.region_code = s.region_code and p.year = s.year - 1
where s.year = $year
order by s.ranked desc, s.scope_rank, s.score_rate desc, s.region_code
