-- scope_indicator: one indicator for every region of a scope in a year, with its standard and status.
-- Params: $level, $parent ('' for every region of the level), $year, $indicator.
-- Grain: one row per region with a value.
-- Columns: region_code, value, lower, upper, n, qualifier, status, source, note, full_at, partial_at, attainment,
-- uncertain, verdict (the last five null for unscored indicators).
with judged as (
    select region_code, full_at, partial_at, attainment, uncertain, verdict
    from attainment
    where level = $level and ($parent = '' or parent_code = $parent) and year = $year and indicator = $indicator
)
select
    v.region_code, v.value, v.lower, v.upper, v.n, v.qualifier, v.status, v.source, v.note,
    a.full_at, a.partial_at, a.attainment, a.uncertain, a.verdict
from indicator_values v
left join judged a using (region_code)
where v.level = $level and ($parent = '' or v.parent_code = $parent) and v.year = $year and v.indicator = $indicator
order by v.value desc, v.region_code
