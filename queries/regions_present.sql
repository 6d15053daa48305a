-- regions_present: every region with at least one value in this snapshot, whatever its level: a year's figure or
-- one finer than a year (a snapshot of monthly figures alone has regions too).
-- Params: none. Grain: one row per region. Columns: region_code, parent_code ('' when it has none),
-- level, first_year, last_year, figures (values it has).
with held as (
    select region_code, parent_code, level, year, figures
    from region_years
    where level is not null
    union all
    select region_code, parent_code, level, year, figures
    from period_years
    where level is not null
)
select
    region_code,
    any_value(parent_code) as parent_code,
    any_value(level) as level,
    min(year) as first_year,
    max(year) as last_year,
    sum(figures) as figures
from held
group by region_code
order by region_code
