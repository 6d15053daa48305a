-- indicator_values: every value the app shows, one row per region, year and indicator.
-- Statistics come from observations; survey rates from the microdata (they win over a stored rate).
-- Columns: region_code, year, indicator, value, qualifier, source, status, lower, upper, n, n_eff.
-- A table computed once at open, sorted so a city's or a district's rows lie together.
create table indicator_values as
select
    o.region_code, o.year, o.indicator, o.value, o.qualifier, o.source, o.status,
    null::double as lower, null::double as upper, null::bigint as n, null::double as n_eff
from observations o
anti join survey_rates r using (region_code, year, indicator)
union all
select region_code, year, indicator, value, '=' as qualifier, null::varchar as source, status, lower, upper, n, n_eff
from survey_rates
order by region_code, indicator, year
