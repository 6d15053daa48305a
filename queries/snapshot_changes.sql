-- snapshot_changes: what changed between two snapshots: every value added, removed or changed (survey
-- rates compared as computed from their microdata; a month's figures with their period); see
-- queries/derived/changes.sql.
-- Params: none. Grain: one row per region, year (or period) and indicator that differs.
-- Columns: region_code, year, period ('' for a year's figure), indicator, change (added|removed|changed), before,
-- after, difference.
select region_code, year, period, indicator, change, before, after, difference
from changes
order by region_code, year, period, indicator
