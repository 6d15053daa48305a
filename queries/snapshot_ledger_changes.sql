-- snapshot_ledger_changes: what happened to the problem ledger between two snapshots (a week's ledger against the
-- week before): each problem's status at each ledger's last date (its last event then), and what changed — new (not
-- in the earlier ledger), closed (rectified or verified now, not then), returned (sent back now, not then), reopened
-- (found again now, not then), newly_overdue (overdue now, not then), removed (in the earlier ledger, not in this
-- one: a ledger's history is added to, never rewritten, so a problem gone is for the steward to look into). A
-- problem can change in more than one way.
-- Params: none (the two snapshots are `before_problems` and `after_problems`, see store/db.py's Comparison).
-- Grain: one row per problem and change, by change then problem.
with standing_before as (
    select
        problem_id, any_value(region_code) as region_code, any_value(point) as point, any_value(deadline) as deadline,
        max(ledger_end) as ledger_end,
        arg_max(event, (event_date, event_order)) as status
    from before_problems
    group by problem_id
),
standing_after as (
    select
        problem_id, any_value(region_code) as region_code, any_value(point) as point, any_value(deadline) as deadline,
        max(ledger_end) as ledger_end, arg_max(event, (event_date, event_order)) as status
    from after_problems
    group by problem_id
),
judged as (
    select
        a.problem_id, a.region_code, a.point, b.status as before_status, a.status as after_status,
        b.problem_id is null as new,
        a.status in ('rectified', 'verified') and coalesce(b.status not in ('rectified', 'verified'), true) as closed,
        a.status = 'returned' and coalesce(b.status <> 'returned', true) as returned,
        a.status = 'reopened' and coalesce(b.status <> 'reopened', true) as reopened,
        a.status not in ('rectified', 'verified') and a.deadline < a.ledger_end
            and not coalesce(b.status not in ('rectified', 'verified') and b.deadline < b.ledger_end, false)
            as newly_overdue
    from standing_after a
    left join standing_before b using (problem_id)
)
select problem_id, region_code, point, before_status, after_status, change
from (
    select *, 'new' as change from judged where new
    union all select *, 'closed' from judged where closed
    union all select *, 'returned' from judged where returned
    union all select *, 'reopened' from judged where reopened
    union all select *, 'newly_overdue' from judged where newly_overdue
    union all
    select b.problem_id, b.region_code, b.point, b.status, null, false, false, false, false, false, 'removed'
    from standing_before b
    anti join standing_after a using (problem_id)
)
order by case change when 'new' then 0 when 'closed' then 1 when 'returned' then 2 when 'reopened' then 3
    when 'newly_overdue' then 4 else 5 end,
    problem_id
