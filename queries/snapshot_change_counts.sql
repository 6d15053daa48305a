-- snapshot_change_counts: how many values were added, removed or changed between two snapshots, per
-- indicator and per region; see queries/derived/changes.sql.
-- Params: none. Grain: one row per (grouping, key): grouping = 'indicator' or 'region'.
-- Columns: grouping, key, added, removed, changed.
select 'indicator' as grouping, indicator as key,
    count(*) filter (where change = 'added') as added,
    count(*) filter (where change = 'removed') as removed,
    count(*) filter (where change = 'changed') as changed
from changes group by indicator
union all
select 'region' as grouping, region_code as key,
    count(*) filter (where change = 'added') as added,
    count(*) filter (where change = 'removed') as removed,
    count(*) filter (where change = 'changed') as changed
from changes group by region_code
order by grouping, key
