-- district_trend: every indicator of one district over the years, against its standard.
-- Params: $district (6-digit code). Grain: one row per indicator and year with a value.
-- Columns: indicator, year, value, lower, upper, n, qualifier, status, source, full_at, partial_at,
-- attainment, uncertain (the last four null for unscored indicators).
select
    v.indicator, v.year, v.value, v.lower, v.upper, v.n, v.qualifier, v.status, v.source,
    a.full_at, a.partial_at, a.attainment, a.uncertain
from indicator_values v
left join attainment a using (region_code, year, indicator)
where v.region_code = $district
order by v.indicator, v.year
