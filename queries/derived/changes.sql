-- changes: every value added, removed or changed between two snapshots (tables `before` and `after`,
-- see db.Comparison: a year's figures with period '', and those finer than a year with theirs), built once per pair
-- so the questions about it read a small table.
-- Columns: region_code, year, period, indicator, change (added|removed|changed), before, after, difference.
create table changes as
select
    coalesce(a.region_code, b.region_code) as region_code,
    coalesce(a.year, b.year) as year,
    coalesce(a.period, b.period) as period,
    coalesce(a.indicator, b.indicator) as indicator,
    case when b.value is null then 'added' when a.value is null then 'removed' else 'changed' end as change,
    b.value as before,
    a.value as after,
    a.value - b.value as difference
from after a
full outer join before b using (region_code, year, period, indicator)
where a.value is distinct from b.value
