-- scorecard_aspects: the bulletin at aspect level: every region of a scope, its score rate per aspect in a
-- year, plus one row with aspect 'overall' carrying the overall score rate, coverage and rank in the scope.
-- Params: $level, $parent ('' for every region of the level), $year. Grain: one row per region and aspect,
-- and one 'overall' row per region; regions in rank order (unranked last), the overall row last.
-- Columns: region_code, year, aspect, score_rate, coverage, rank (only on the overall row).
with scoped as (
    select *,
        case when ranked then rank() over (partition by ranked order by score_rate desc, coverage desc) end as scope_rank
    from overall_scores
    where level = $level and ($parent = '' or parent_code = $parent) and year = $year
),
rows as (
    select a.region_code, a.year, a.aspect, a.score_rate, null::double as coverage, null::bigint as rank, 0 as overall
    from aspect_scores a
    join scoped s using (region_code, year)
    union all
    select region_code, year, 'overall' as aspect, score_rate, coverage, scope_rank as rank, 1 as overall
    from scoped
)
select r.region_code, r.year, r.aspect, r.score_rate, r.coverage, r.rank
from rows r
join scoped s using (region_code, year)
order by s.ranked desc, s.scope_rank, s.score_rate desc, r.region_code, r.overall, r.aspect
