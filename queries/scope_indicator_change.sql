-- scope_indicator_change: one indicator for every region of a scope, at an earlier and a later year, and how
-- far it moved (later minus earlier, and that as a percentage of the earlier value).
-- Params: $level, $parent ('' for every region of the level), $indicator, $first, $last (years).
-- Grain: one row per region with a value in either year.
-- Columns: region_code, first_value, last_value, change, change_pct (null when either value is missing or the
-- earlier is 0).
with span as (
    select region_code, year, value
    from indicator_values
    where indicator = $indicator and level = $level and ($parent = '' or parent_code = $parent)
      and year in ($first, $last)
)
select
    region_code,
    max(value) filter (where year = $first) as first_value,
    max(value) filter (where year = $last) as last_value,
    last_value - first_value as change,
    case when first_value <> 0 then 100 * (last_value - first_value) / abs(first_value) end as change_pct
from span
group by region_code
order by change desc nulls last, region_code
