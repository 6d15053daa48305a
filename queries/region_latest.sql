-- region_latest: each indicator's latest value for one region as of a year (at or before it), the value the year
-- before that, and how it stands against its standard.
-- Params: $region, $year (null: the latest of all). Grain: one row per indicator with a value by then.
-- Columns: indicator, year, value, lower, upper, n, qualifier, source, status, note, previous
-- (value in year - 1), attainment, uncertain, verdict.
with ranked as (
    select
        v.*,
        lag(v.value) over (partition by v.indicator order by v.year) as before,
        lag(v.year) over (partition by v.indicator order by v.year) as before_year,
        row_number() over (partition by v.indicator order by v.year desc) as newest
    from indicator_values v
    where v.region_code = $region and ($year is null or v.year <= $year)
)
select
    r.indicator, r.year, r.value, r.lower, r.upper, r.n, r.qualifier, r.source, r.status, r.note,
    case when r.before_year = r.year - 1 then r.before end as previous,
    a.attainment, a.uncertain, a.verdict
from ranked r
left join attainment a on a.region_code = $region and a.year = r.year and a.indicator = r.indicator
where r.newest = 1
order by r.indicator
