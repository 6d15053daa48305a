-- district_unmet: the standards a district does not fully meet in a year, costliest first: cost is
-- the overall score rate points the shortfall takes (1 - credit, shared over the aspect's scored
-- indicators and over the aspects scored).
-- Params: $district, $year. Grain: one row per scored indicator below full credit (or uncertain).
-- Columns: indicator, aspect, value, qualifier, lower, upper, standard, full_at, partial_at, verdict,
-- credit, gap, cost.
with own as (
    select * from attainment where region_code = $district and year = $year
),
shares as (
    select
        *,
        count(*) over (partition by aspect) as in_aspect,
        (select count(distinct aspect) from own) as aspects
    from own
)
select
    indicator, aspect, value, qualifier, lower, upper, standard, full_at, partial_at, verdict, credit, gap,
    100 * (1 - credit) / in_aspect / aspects as cost
from shares
where credit < 1 or uncertain
order by cost desc, aspect, indicator
