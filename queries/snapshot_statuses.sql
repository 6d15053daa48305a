-- snapshot_statuses: which statuses (reported, estimated, synthetic) the snapshot's values carry
-- (survey rates carry their microdata's).
-- Params: none. Grain: one row per status. Columns: status, rows (values with that status).
select status, sum(figures) as rows
from region_years
group by status
order by status
