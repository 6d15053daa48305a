-- indicator_values: every value the app shows, one row per region, year and indicator, with the region's
-- parent ('' when none) and level, so a scope's questions filter here without a join.
-- Statistics come from observations; survey rates from the microdata (they win over a stored rate).
-- Yearly figures only (a null period, or the year itself): sub-year ones are period_values', never a year's.
-- Columns: region_code, parent_code, level, year, indicator, value, qualifier, source, status, lower, upper,
-- n, n_eff, note (what the source says qualifies the figure).
create table indicator_values as
with stored as (
    select
        o.region_code, o.year, o.indicator, o.value, o.qualifier, o.source, o.status,
        null::double as lower, null::double as upper, null::bigint as n, null::double as n_eff, o.note
    from observations o
    anti join survey_rates r using (region_code, year, indicator)
    where o.period is null or o.period = cast(o.year as varchar)
    union all
    select region_code, year, indicator, value, '=' as qualifier, null::varchar as source, status, lower, upper, n, n_eff,
        null::varchar as note
    from survey_rates
)
select
    s.region_code, coalesce(r.parent_code, '') as parent_code, r.level, s.year, s.indicator, s.value, s.qualifier,
    s.source, s.status, s.lower, s.upper, s.n, s.n_eff, s.note
from stored s
left join regions r on r.code = s.region_code
order by s.indicator, parent_code, r.level, s.region_code, s.year
