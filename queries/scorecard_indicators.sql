-- scorecard_indicators: the bulletin at indicator level: every scored indicator of every region of a scope
-- in a year against its standard (for city_average, full and partial are the thresholds the peers' mean set).
-- Params: $level, $parent ('' for every region of the level), $year. Grain: one row per region and scored
-- indicator with a value; regions in rank order (unranked last).
-- Columns: region_code, year, indicator, value, standard, full_at, partial_at, verdict, credit, gap.
with scoped as (
    select *,
        case when ranked then rank() over (partition by ranked order by score_rate desc, coverage desc) end as scope_rank
    from overall_scores
    where level = $level and ($parent = '' or parent_code = $parent) and year = $year
)
select
    a.region_code, a.year, a.indicator, a.value, a.standard, a.full_at, a.partial_at,
    a.verdict, a.credit, a.gap
from attainment a
join scoped s using (region_code, year)
where a.level = $level and ($parent = '' or a.parent_code = $parent) and a.year = $year
order by s.ranked desc, s.scope_rank, s.score_rate desc, a.region_code, a.aspect, a.indicator
