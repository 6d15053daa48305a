-- rectification: each region's problems found in a period and how they stand at its end (model/ledger.py).
-- Params: $level, $parent ('' for every region of the level), $start, $end (the period's first and last day).
-- The cutoff is the period's last day, or the ledger's last date when the period runs past it; a problem's status
-- then is its last event on or before the cutoff (events of one day in their life's order).
-- assigned: problems found in the period; rectified: of those, rectified or verified at the cutoff;
-- rectified_on_time: of those, rectified (their latest rectification) on or before the deadline, or with none;
-- overdue: of those assigned, not rectified and past their deadline at the cutoff; due: the rectified and those past
-- their deadline (an open problem whose deadline is still to come is not yet due);
-- rectification_rate = rectified / assigned, on_time_rate = rectified_on_time / due, in %; median_days and p90_days:
-- the days from the find to the rectification of those rectified (the median, and the 90th percentile, interpolated).
-- Grain: one row per region of the scope with a problem in the ledger (assigned 0 where none was found then).
with asked as (
    select * from problem_events where level = $level and ($parent = '' or parent_code = $parent)
),
cut as (
    select least(cast($end as date), max(ledger_end)) as cutoff from asked
),
assigned as (
    select distinct problem_id, region_code, found, deadline
    from asked
    where found between cast($start as date) and cast($end as date)
),
standing as (
    select
        a.problem_id, a.region_code, a.found, a.deadline, any_value(c.cutoff) as cutoff,
        arg_max(e.event, (e.event_date, e.event_order)) as last_event,
        coalesce(max(e.event_date) filter (where e.event = 'rectified'),
                 max(e.event_date) filter (where e.event = 'verified')) as rectified_on
    from assigned a
    cross join cut c
    join asked e on e.problem_id = a.problem_id and e.event_date <= c.cutoff
    group by a.problem_id, a.region_code, a.found, a.deadline
),
judged as (
    select
        region_code,
        last_event in ('rectified', 'verified') as rectified,
        last_event in ('rectified', 'verified') and (deadline is null or rectified_on <= deadline) as on_time,
        last_event not in ('rectified', 'verified') and deadline < cutoff as overdue,
        case when last_event in ('rectified', 'verified') then date_diff('day', found, rectified_on) end as days
    from standing
),
counted as (
    select
        region_code,
        count(*) as assigned,
        count(*) filter (where rectified) as rectified,
        count(*) filter (where on_time) as rectified_on_time,
        count(*) filter (where overdue) as overdue,
        count(*) filter (where rectified or overdue) as due,
        quantile_cont(days, 0.5) as median_days,
        quantile_cont(days, 0.9) as p90_days
    from judged
    group by region_code
),
regions as (
    select distinct region_code from asked
)
select
    r.region_code,
    coalesce(c.assigned, 0) as assigned,
    coalesce(c.rectified, 0) as rectified,
    coalesce(c.rectified_on_time, 0) as rectified_on_time,
    coalesce(c.overdue, 0) as overdue,
    coalesce(c.due, 0) as due,
    100.0 * c.rectified / nullif(c.assigned, 0) as rectification_rate,
    100.0 * c.rectified_on_time / nullif(c.due, 0) as on_time_rate,
    c.median_days,
    c.p90_days,
    (select cutoff from cut) as cutoff
from regions r
left join counted c using (region_code)
order by rectification_rate desc nulls last, region_code
