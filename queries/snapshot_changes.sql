-- snapshot_changes: what changed between two snapshots: every value added, removed or changed (survey
-- rates compared as computed from their microdata); see queries/derived/changes.sql.
-- Params: none. Grain: one row per region, year and indicator that differs.
-- Columns: region_code, year, indicator, change (added|removed|changed), before, after, difference.
select region_code, year, indicator, change, before, after, difference
from changes
order by region_code, year, indicator
