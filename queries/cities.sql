-- cities: every city with at least one district that has a value in this snapshot.
-- Params: none. Grain: one row per city. Columns: city, province, districts (with values), first_year, last_year.
select
    r.parent_code as city,
    any_value(c.parent_code) as province,
    count(distinct v.region_code) as districts,
    count(*) as figures,
    min(v.year) as first_year,
    max(v.year) as last_year
from indicator_values v
join regions r on r.code = v.region_code
join regions c on c.code = r.parent_code
where r.level = 'district'
group by r.parent_code
order by figures desc, city
