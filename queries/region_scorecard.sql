-- region_scorecard: every scored indicator of one region in a year against its standard, met or not, with
-- the cost of each shortfall: the overall score rate points it takes (1 - credit, shared over the
-- aspect's scored indicators and over the aspects scored).
-- Params: $region, $year. Grain: one row per scored indicator with a value.
-- Columns: indicator, aspect, value, qualifier, lower, upper, n, source, status, standard, full_at,
-- partial_at, attainment, verdict, credit, gap, uncertain, cost.
with own as (
    select * from attainment where region_code = $region and year = $year
),
shares as (
    select
        *,
        count(credit) over (partition by aspect) as in_aspect,
        (select count(distinct aspect) from own where credit is not null) as aspects
    from own
)
select
    indicator, aspect, value, qualifier, lower, upper, n, source, status, standard, full_at, partial_at,
    attainment, verdict, credit, gap, uncertain,
    100 * (1 - credit) / in_aspect / aspects as cost
from shares
order by aspect, indicator
