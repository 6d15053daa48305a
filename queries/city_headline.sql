-- city_headline: the city's headline figures (catalog flag `headline`) in a year and the year before.
-- A city figure is the sum or the mean of its districts, as the catalog's city_aggregate says.
-- Params: $city, $year. Grain: one row per headline indicator.
-- Columns: indicator, value, previous, districts (reporting in $year), previous_districts.
with district_values as (
    select v.indicator, v.year, v.value, i.city_aggregate
    from indicator_values v
    join regions r on r.code = v.region_code
    join indicators i on i.code = v.indicator
    where r.parent_code = $city and i.headline and v.year in ($year, $year - 1)
),
city_values as (
    select
        indicator, year,
        case when any_value(city_aggregate) = 'sum' then sum(value) else avg(value) end as value,
        count(*) as districts
    from district_values
    group by indicator, year
)
select
    i.code as indicator,
    this_year.value, last_year.value as previous,
    coalesce(this_year.districts, 0) as districts, coalesce(last_year.districts, 0) as previous_districts
from indicators i
left join city_values this_year on this_year.indicator = i.code and this_year.year = $year
left join city_values last_year on last_year.indicator = i.code and last_year.year = $year - 1
where i.headline
