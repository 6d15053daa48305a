-- composite_parts: what a composite index (model/composite.py) is made of, for every region of a scope in a year:
-- the field inspections of the region and of the regions under it (a district's streets) — standards checked and
-- passed, points scored of their maximum — the problems found in the year and how many of them are rectified at the
-- year's end (or the ledger's last date), and the mean of the survey rates asked.
-- Params: $regions (the regions of the scope), $year, $indicators (the survey rates a part averages; empty for none).
-- Grain: one row per region of the scope with an inspection, a problem or one of the survey rates in the year.
with members as (
    select unnest($regions::varchar[]) as region_code
),
checks as (
    select coalesce(m1.region_code, m2.region_code) as region_code, i.result, i.score, i.max_score
    from inspection_results i
    left join members m1 on m1.region_code = i.region_code
    left join members m2 on m2.region_code = i.parent_code
    where year(i.visited) = $year and (m1.region_code is not null or m2.region_code is not null)
),
inspected as (
    select
        region_code,
        count(result) as checked,
        count(*) filter (where result = 'pass') as passed,
        sum(score) as score,
        sum(max_score) filter (where score is not null) as max_score
    from checks
    group by region_code
),
found as (
    select coalesce(m1.region_code, m2.region_code) as region_code, p.problem_id,
        arg_max(p.event, (p.event_date, p.event_order)) filter (
            where p.event_date <= least(make_date($year, 12, 31), p.ledger_end)) as status
    from problem_events p
    left join members m1 on m1.region_code = p.region_code
    left join members m2 on m2.region_code = p.parent_code
    where year(p.found) = $year and (m1.region_code is not null or m2.region_code is not null)
    group by all
),
ledger as (
    select region_code, count(*) as assigned, count(*) filter (where status in ('rectified', 'verified')) as rectified
    from found
    group by region_code
),
surveyed as (
    select v.region_code, avg(v.value) as survey, count(*) as rates
    from indicator_values v
    join members m using (region_code)
    where v.year = $year and list_contains($indicators, v.indicator)
    group by v.region_code
)
select
    region_code,
    coalesce(i.checked, 0) as checked,
    coalesce(i.passed, 0) as passed,
    i.score,
    i.max_score,
    100.0 * i.passed / nullif(i.checked, 0) as pass_rate,
    100.0 * i.score / nullif(i.max_score, 0) as score_rate,
    coalesce(l.assigned, 0) as assigned,
    coalesce(l.rectified, 0) as rectified,
    100.0 * l.rectified / nullif(l.assigned, 0) as rectification_rate,
    s.survey,
    coalesce(s.rates, 0) as survey_rates
from inspected i
full join ledger l using (region_code)
full join surveyed s using (region_code)
order by region_code
