-- problems: the ledger, each problem with its status at the ledger's last date (its last event then).
-- Params: $level, $parent ('' for every region of the level).
-- Columns: problem_id, region_code, point, point_type, category, responsible, description, found, deadline, status,
-- status_date, rectified_on, overdue (not rectified and past its deadline), days_open (to its rectification, or to
-- the ledger's last date while open), events (how many), life (its events in order: a list of {day, event}).
with asked as (
    select * from problem_events where level = $level and ($parent = '' or parent_code = $parent)
)
select
    problem_id,
    any_value(region_code) as region_code,
    any_value(point) as point,
    any_value(point_type) as point_type,
    any_value(category) as category,
    any_value(responsible) as responsible,
    any_value(description) as description,
    any_value(found) as found,
    any_value(deadline) as deadline,
    arg_max(event, (event_date, event_order)) as status,
    max(event_date) as status_date,
    coalesce(max(event_date) filter (where event = 'rectified'), max(event_date) filter (where event = 'verified'))
        as rectified_on,
    any_value(ledger_end) as ledger_end,
    count(*) as events,
    list(struct_pack(day := event_date, event := event) order by event_date, event_order) as life
from asked
group by problem_id
order by found, problem_id
