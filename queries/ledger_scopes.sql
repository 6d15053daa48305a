-- ledger_scopes: the levels and parents the problem ledger's regions have, with their problems and the ledger's
-- last date (what a ledger question may be asked about, and its default); counted at publish (derived/ledger_extent).
-- Columns: level, parent_code, problems, first_found, ledger_end, last_event (the scope's own latest event).
select level, parent_code, problems, first_found, ledger_end, last_event
from ledger_extent
order by problems desc, level, parent_code
