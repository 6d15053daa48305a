-- city_attainment: every scored indicator of every district of a city in a year against its standard.
-- Params: $city, $year. Grain: one row per district and scored indicator with a value.
-- Columns: region_code, indicator, aspect, value, attainment, credit, gap, uncertain.
select region_code, indicator, aspect, value, attainment, credit, gap, uncertain
from attainment
where city = $city and year = $year
order by region_code, aspect, indicator
