-- regions_present: every region with at least one value in this snapshot, whatever its level.
-- Params: none. Grain: one row per region. Columns: region_code, parent_code ('' when it has none),
-- level, first_year, last_year, figures (values it has).
select
    v.region_code,
    coalesce(any_value(r.parent_code), '') as parent_code,
    any_value(r.level) as level,
    min(v.year) as first_year,
    max(v.year) as last_year,
    count(*) as figures
from indicator_values v
join regions r on r.code = v.region_code
group by v.region_code
order by v.region_code
