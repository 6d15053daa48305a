-- city_indicator: one indicator for every district of a city in a year, with its standard and status.
-- Params: $city, $year, $indicator. Grain: one row per district with a value.
-- Columns: region_code, value, lower, upper, n, qualifier, status, full_at, partial_at, attainment, uncertain
-- (the last three null for unscored indicators).
select
    v.region_code, v.value, v.lower, v.upper, v.n, v.qualifier, v.status,
    a.full_at, a.partial_at, a.attainment, a.uncertain
from indicator_values v
join regions r on r.code = v.region_code
left join attainment a using (region_code, year, indicator)
where r.parent_code = $city and v.year = $year and v.indicator = $indicator
order by v.value desc, v.region_code
