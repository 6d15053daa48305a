-- problems_at: each problem found by a period's end and how it stands then, with what happened to it within the
-- period (the weekly 督查通报's problems, views/weekly.py). The cutoff is the period's last day, or the ledger's last
-- date when the period runs past it; a problem's status then is its last event on or before the cutoff.
-- Params: $level, $parent ('' for every region of the level), $start, $end (the period's first and last day).
-- Columns: problem_id, region_code, point, point_type, category, responsible, found, deadline, status (at the cutoff),
-- rectified (its status is rectified or verified), overdue (not rectified and past its deadline), days_overdue,
-- found_in_period, rectified_in_period (rectified or verified at the period's end and not before it began: a problem
-- rectified one week and verified the next counts in the first week's bulletin only),
-- returned_in_period (sent back within it), reopened_in_period (found again within it), cutoff.
-- Grain: one row per problem found on or before the cutoff.
with asked as (
    select * from problem_events where level = $level and ($parent = '' or parent_code = $parent)
),
cut as (
    select least(cast($end as date), max(ledger_end)) as cutoff from asked
),
standing as (
    select
        e.problem_id,
        any_value(e.region_code) as region_code,
        any_value(e.point) as point,
        any_value(e.point_type) as point_type,
        any_value(e.category) as category,
        any_value(e.responsible) as responsible,
        any_value(e.found) as found,
        any_value(e.deadline) as deadline,
        any_value(c.cutoff) as cutoff,
        arg_max(e.event, (e.event_date, e.event_order)) as status,
        arg_max(e.event, (e.event_date, e.event_order)) filter (where e.event_date < cast($start as date))
            as status_before,
        bool_or(e.event = 'returned' and e.event_date >= cast($start as date)) as returned_in_period,
        bool_or(e.event = 'reopened' and e.event_date >= cast($start as date)) as reopened_in_period
    from asked e
    cross join cut c
    where e.event_date <= c.cutoff
    group by e.problem_id
)
select
    problem_id,
    region_code,
    point,
    point_type,
    category,
    responsible,
    found,
    deadline,
    status,
    status in ('rectified', 'verified') as rectified,
    status not in ('rectified', 'verified') and deadline < cutoff as overdue,
    case when status not in ('rectified', 'verified') and deadline < cutoff then date_diff('day', deadline, cutoff) end
        as days_overdue,
    found >= cast($start as date) as found_in_period,
    status in ('rectified', 'verified') and coalesce(status_before not in ('rectified', 'verified'), true)
        as rectified_in_period,
    returned_in_period,
    reopened_in_period,
    cutoff
from standing
order by region_code, point, problem_id
