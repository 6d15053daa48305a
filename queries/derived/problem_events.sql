-- problem_events: the problem ledger's events (model/ledger.py) with each problem's region placed (parent, level)
-- and the ledger's last date: a problem's status at a date is its last event on or before it, derived in the
-- questions (queries/rectification.sql, queries/problems.sql), never stored twice.
-- Columns: problem_id, region_code, parent_code, level, point, point_type, category, responsible, description,
-- found, deadline, event, event_date, event_order (of one day's events, their order in a life: assigned first, found
-- again last), status, source, ledger_end (the latest event of the whole ledger).
create table problem_events as
select
    p.problem_id, p.region_code, coalesce(r.parent_code, '') as parent_code, coalesce(r.level, '') as level,
    p.point, p.point_type, p.category, p.responsible, p.description, p.found, p.deadline, p.event, p.event_date,
    case p.event when 'assigned' then 0 when 'rectifying' then 1 when 'rectified' then 2 when 'verified' then 3
        when 'returned' then 4 else 5 end as event_order,
    p.status, p.source, max(p.event_date) over () as ledger_end
from problems p
left join regions r on r.code = p.region_code
order by parent_code, level, region_code, problem_id, event_date
