-- snapshot_statuses: which statuses (reported, estimated, synthetic) the snapshot's values carry.
-- Params: none. Grain: one row per status. Columns: status, rows.
select status, count(*) as rows
from (select status from observations union all select status from survey)
group by status
order by status
