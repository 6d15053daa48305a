-- ledger_scopes: the levels and parents the problem ledger's regions have, with their problems and the ledger's
-- last date (what a ledger question may be asked about, and its default); from derived/ledger_extent.
-- Columns: level, parent_code, problems, first_found, ledger_end, last_event (the scope's own latest event).
select level, parent_code, sum(problems) as problems, min(first_found) as first_found, max(ledger_end) as ledger_end,
    max(last_event) as last_event
from ledger_extent
group by level, parent_code
order by problems desc, level, parent_code
