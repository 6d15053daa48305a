-- compare_trends: chosen indicators of chosen districts over a range of years, with the standard.
-- Params: $districts (list of codes), $indicators (list of codes), $first, $last (years).
-- Grain: one row per district, indicator and year with a value.
-- Columns: region_code, indicator, year, value, lower, upper, n, n_eff, qualifier, full_at, attainment, uncertain.
select
    v.region_code, v.indicator, v.year, v.value, v.lower, v.upper, v.n, v.n_eff, v.qualifier,
    a.full_at, a.attainment, a.uncertain
from indicator_values v
left join attainment a using (region_code, year, indicator)
where list_contains($districts, v.region_code)
  and list_contains($indicators, v.indicator)
  and v.year between $first and $last
order by v.indicator, v.region_code, v.year
