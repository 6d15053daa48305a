-- inspection_scopes: the levels and parents of the regions inspected, with their results and the last visit (what an
-- inspection question may be asked about, and its default).
-- Columns: level, parent_code, results, first_visit, last_visit.
select level, parent_code, count(*) as results, min(visited) as first_visit, max(visited) as last_visit
from inspection_results
group by level, parent_code
order by results desc, level, parent_code
