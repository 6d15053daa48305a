-- city_years: the years in which any district of a city has a value, newest first.
-- Params: $city (6-digit city code). Grain: one row per year. Columns: year.
select distinct v.year
from indicator_values v
join regions r on r.code = v.region_code
where r.parent_code = $city
order by v.year desc
