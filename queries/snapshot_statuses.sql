-- snapshot_statuses: which statuses (reported, estimated, synthetic) the snapshot's values carry, a year's figures
-- and those finer than a year alike (survey rates carry their microdata's).
-- Params: none. Grain: one row per status. Columns: status, rows (values with that status).
select status, sum(figures) as rows
from (select status, figures from region_years union all select status, figures from period_years)
group by status
order by status
