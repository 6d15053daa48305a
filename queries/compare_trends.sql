-- compare_trends: chosen indicators of chosen regions over a range of years, with the standard.
-- Params: $regions (list of codes), $indicators (list of codes), $first, $last (years).
-- Grain: one row per region, indicator and year with a value.
-- Columns: region_code, parent_code, level (its peers'), indicator, year, value, lower, upper, n, n_eff, qualifier,
-- source, note, full_at, attainment, uncertain, verdict.
select
    v.region_code, v.parent_code, v.level, v.indicator, v.year, v.value, v.lower, v.upper, v.n, v.n_eff, v.qualifier, v.source, v.note,
    a.full_at, a.attainment, a.uncertain, a.verdict
from indicator_values v
left join (select * from attainment where list_contains($regions, region_code)) a using (region_code, year, indicator)
where list_contains($regions, v.region_code)
  and list_contains($indicators, v.indicator)
  and v.year between $first and $last
order by v.indicator, v.region_code, v.year
