-- ledger_extent: each region the problem ledger names, with its parent and level, its problems, its first find,
-- the ledger's last date and the region's own last event — what every ledger question resolves its scope, period and
-- regions by, counted once at publish (over a large city's events it took tens of milliseconds a question).
create table ledger_extent as
select region_code, parent_code, level, count(distinct problem_id) as problems, min(found) as first_found,
    max(ledger_end) as ledger_end, max(event_date) as last_event
from problem_events
group by region_code, parent_code, level
order by parent_code, level, region_code
