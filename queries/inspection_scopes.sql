-- inspection_scopes: the levels and parents of the regions inspected, with their results and the last visit (what an
-- inspection question may be asked about, and its default); from derived/inspection_extent.
-- Columns: level, parent_code, results, first_visit, last_visit.
select level, parent_code, sum(results) as results, min(first_visit) as first_visit, max(last_visit) as last_visit
from inspection_extent
group by level, parent_code
order by results desc, level, parent_code
