-- snapshot_change_counts: how many values were added, removed or changed between two snapshots, per
-- indicator and per district (see db.Comparison).
-- Params: none. Grain: one row per (grouping, key): grouping = 'indicator' or 'district'.
-- Columns: grouping, key, added, removed, changed.
with changes as (
    select
        coalesce(a.region_code, b.region_code) as region_code,
        coalesce(a.indicator, b.indicator) as indicator,
        case when b.value is null then 'added' when a.value is null then 'removed' else 'changed' end as change
    from after a
    full outer join before b using (region_code, year, indicator)
    where a.value is distinct from b.value
)
select 'indicator' as grouping, indicator as key,
    count(*) filter (where change = 'added') as added,
    count(*) filter (where change = 'removed') as removed,
    count(*) filter (where change = 'changed') as changed
from changes group by indicator
union all
select 'district' as grouping, region_code as key,
    count(*) filter (where change = 'added') as added,
    count(*) filter (where change = 'removed') as removed,
    count(*) filter (where change = 'changed') as changed
from changes group by region_code
order by grouping, key
