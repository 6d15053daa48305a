-- region_trend: every indicator of one region over the years, against its standard.
-- Params: $region. Grain: one row per indicator and year with a value.
-- Columns: indicator, year, value, lower, upper, n, qualifier, status, source, note, full_at, partial_at,
-- attainment, uncertain, verdict (the last five null for unscored indicators).
select
    v.indicator, v.year, v.value, v.lower, v.upper, v.n, v.qualifier, v.status, v.source, v.note,
    a.full_at, a.partial_at, a.attainment, a.uncertain, a.verdict
from indicator_values v
left join attainment a using (region_code, year, indicator)
where v.region_code = $region
order by v.indicator, v.year
