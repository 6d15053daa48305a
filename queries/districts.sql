-- districts: every district with at least one value in this snapshot, with its city and province.
-- Params: none. Grain: one row per district. Columns: region_code, city, province, first_year, last_year.
select
    v.region_code,
    any_value(r.parent_code) as city,
    any_value(c.parent_code) as province,
    min(v.year) as first_year,
    max(v.year) as last_year
from indicator_values v
join regions r on r.code = v.region_code
left join regions c on c.code = r.parent_code
where r.level = 'district'
group by v.region_code
order by v.region_code
