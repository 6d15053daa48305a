-- scope_scorecard: every scored indicator of every region of a scope in a year against its standard, with
-- the cost of each shortfall (the overall score rate points it takes: 1 - credit, shared over the aspect's
-- scored indicators and over the aspects scored), for the bulletin's unmet standards.
-- Params: $level, $parent ('' for every region of the level), $year. Grain: one row per region and scored
-- indicator with a value. Columns: region_code, indicator, aspect, value, qualifier, full_at, verdict,
-- credit, gap, uncertain, cost.
with judged as (
    select *
    from attainment
    where level = $level and ($parent = '' or parent_code = $parent) and year = $year
),
shares as (
    select
        *,
        count(credit) over (partition by region_code, aspect) as in_aspect,
        count(distinct aspect) filter (where credit is not null) over (partition by region_code) as aspects
    from judged
)
select
    region_code, indicator, aspect, value, qualifier, full_at, verdict, credit, gap, uncertain,
    100 * (1 - credit) / in_aspect / aspects as cost
from shares
order by region_code, cost desc, aspect, indicator
