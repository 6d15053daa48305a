-- regions_present: every region with at least one value in this snapshot, whatever its level.
-- Params: none. Grain: one row per region. Columns: region_code, parent_code ('' when it has none),
-- level, first_year, last_year, figures (values it has).
select
    region_code,
    any_value(parent_code) as parent_code,
    any_value(level) as level,
    min(year) as first_year,
    max(year) as last_year,
    sum(figures) as figures
from region_years
where level is not null
group by region_code
order by region_code
