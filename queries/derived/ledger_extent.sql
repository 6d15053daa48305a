-- ledger_extent: the levels and parents the problem ledger's regions have, with their problems, first find, the
-- ledger's last date and the scope's own last event — what every ledger question resolves its scope and period by,
-- counted once at publish (over a large city's events it took tens of milliseconds a question).
create table ledger_extent as
select level, parent_code, count(distinct problem_id) as problems, min(found) as first_found, max(ledger_end) as ledger_end,
    max(event_date) as last_event
from problem_events
group by level, parent_code
order by problems desc, level, parent_code
