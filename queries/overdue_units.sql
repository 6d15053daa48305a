-- overdue_units: each responsible unit's open problems at the ledger's last date (a problem's status is its last
-- event then): how many are open, how many are past their deadline, and how long the oldest has been open.
-- Params: $level, $parent ('' for every region of the level).
-- Columns: responsible, open, overdue, oldest_days, median_days_open (days from the find to the ledger's last date).
-- Grain: one row per unit with an open problem, the most overdue first.
with asked as (
    select * from problem_events where level = $level and ($parent = '' or parent_code = $parent)
),
standing as (
    select
        problem_id, any_value(responsible) as responsible, any_value(found) as found, any_value(deadline) as deadline,
        any_value(ledger_end) as ledger_end,
        arg_max(event, (event_date, event_order)) as status
    from asked
    group by problem_id
)
select
    responsible,
    count(*) as open,
    count(*) filter (where deadline < ledger_end) as overdue,
    max(date_diff('day', found, ledger_end)) as oldest_days,
    quantile_cont(date_diff('day', found, ledger_end), 0.5) as median_days_open
from standing
where status not in ('rectified', 'verified')
group by responsible
order by overdue desc, open desc, responsible
