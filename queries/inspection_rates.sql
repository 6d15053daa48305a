-- inspection_rates: each region's field inspections in a period (实地检查): points visited, standards checked and
-- passed, 符合率 = passed / checked (a standard judged 严重不合格 is not passed), and 得分率 = the points scored over
-- the maximum of the standards scored by points (total over total, not a mean of the visits' percentages).
-- Params: $level, $parent ('' for every region of the level), $start, $end (the period's first and last day).
-- score and max_score: the points scored and their maximum (the rate's parts, to total a scope).
-- Grain: one row per region of the scope with an inspection in the snapshot (checked 0 where none was then).
with asked as (
    select * from inspection_results where level = $level and ($parent = '' or parent_code = $parent)
),
period as (
    select * from asked where visited between cast($start as date) and cast($end as date)
),
counted as (
    select
        region_code,
        count(distinct point) as points,
        count(result) as checked,
        count(*) filter (where result = 'pass') as passed,
        count(*) filter (where result = 'severe') as severe,
        sum(score) as score,
        sum(max_score) filter (where score is not null) as max_score
    from period
    group by region_code
)
select
    r.region_code,
    coalesce(c.points, 0) as points,
    coalesce(c.checked, 0) as checked,
    coalesce(c.passed, 0) as passed,
    coalesce(c.severe, 0) as severe,
    c.score,
    c.max_score,
    100.0 * c.passed / nullif(c.checked, 0) as pass_rate,
    100.0 * c.score / nullif(c.max_score, 0) as score_rate
from (select distinct region_code from asked) r
left join counted c using (region_code)
order by pass_rate desc nulls last, r.region_code
