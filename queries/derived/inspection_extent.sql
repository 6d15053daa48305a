-- inspection_extent: the levels and parents of the regions inspected, with their results and first and last visit —
-- what every inspection question resolves its scope and period by, counted once at publish (over 6.5 million results
-- it took 90 ms a question).
create table inspection_extent as
select level, parent_code, count(*) as results, min(visited) as first_visit, max(visited) as last_visit
from inspection_results
group by level, parent_code
order by results desc, level, parent_code
