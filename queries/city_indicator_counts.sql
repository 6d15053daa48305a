-- city_indicator_counts: how many districts of a city have a value of each indicator in a year.
-- Params: $city, $year. Grain: one row per indicator with any value. Columns: indicator, districts.
select v.indicator, count(*) as districts
from indicator_values v
join regions r on r.code = v.region_code
where r.parent_code = $city and v.year = $year
group by v.indicator
order by v.indicator
