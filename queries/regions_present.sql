-- regions_present: every region with at least one value in this snapshot, whatever its level: a year's figure or
-- one finer than a year (a snapshot of monthly figures alone has regions too). Its parent and level are its years'
-- where it has any: under a peer scheme region_years holds the scheme's groups, period_years the snapshot's parents.
-- Params: none. Grain: one row per region. Columns: region_code, parent_code ('' when it has none),
-- level, first_year, last_year, figures (values it has).
with held as (
    select region_code, parent_code, level, year, figures, true as yearly
    from region_years
    where level is not null
    union all
    select region_code, parent_code, level, year, figures, false as yearly
    from period_years
    where level is not null
)
select
    region_code,
    coalesce(any_value(parent_code) filter (where yearly), any_value(parent_code)) as parent_code,
    coalesce(any_value(level) filter (where yearly), any_value(level)) as level,
    min(year) as first_year,
    max(year) as last_year,
    sum(figures) as figures
from held
group by region_code
order by region_code
